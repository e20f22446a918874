//! The complaint page's guards and messages: refusals in the domain's words with the values
//! kept, field errors, readers, administrators, other regions, CSRF; the deadline explanation
//! and the answer's prefill and preview.

use domain::complaint::Role;
use reqwest::StatusCode;

use crate::helpers::{TestApp, squash};
use crate::office_complaint_fixtures::*;
use crate::office_fixtures::register;

/// Every step route of the complaint page.
pub const STEPS: [&str; 15] = [
    "contact",
    "antwoord",
    "bezwaar",
    "te-laat-bezwaar",
    "uitnodiging",
    "gesprek-gekozen",
    "afzien-gesprek",
    "verslag",
    "bevestiging",
    "beslissing",
    "intrekking",
    "verlenging",
    "geen-klacht",
    "toewijzing",
    "medewerker",
];

#[tokio::test]
async fn an_answer_with_an_empty_part_shows_the_domains_message_and_keeps_the_values() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;

    let (status, _, html) = step(
        &t,
        &handler,
        &reference,
        "antwoord",
        &[
            ("actie", "versturen"),
            ("antwoord_dagtekening", "2026-05-01"),
            ("antwoord_klacht", "U vond de bejegening onvriendelijk."),
            ("antwoord_oplossing", "  "),
            ("antwoord_procedure", "Bezwaar binnen 15 dagen."),
        ],
    )
    .await;

    assert_eq!(status, StatusCode::CONFLICT);
    assert!(squash(&html).contains("De reactie is niet volledig. Het ontbreekt aan: de voorgestelde oplossing of te nemen maatregelen."), "{html}");
    assert!(
        html.contains(">U vond de bejegening onvriendelijk.</textarea>"),
        "typed value kept"
    );
    assert!(html.contains("id=\"stap-antwoord\" open"));
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("in behandeling"), "nothing was recorded");
}

#[tokio::test]
async fn a_malformed_field_is_named_beside_the_field_with_422() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;
    let (status, _, html) = step(
        &t,
        &handler,
        &reference,
        "contact",
        &[
            ("contact_via", "telefoon"),
            ("contact_moment", "gisteren"),
            ("contact_notitie", "Bericht ingesproken"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"contact_moment-error\""), "{html}");
    assert!(html.contains("Vul het moment van contact in als een geldige datum en tijd."));
    assert!(
        html.contains("href=\"#contact_moment\""),
        "the summary links to the field"
    );
    assert!(html.contains("value=\"gisteren\""));
    assert!(html.contains(">Bericht ingesproken</textarea>"));
}

#[tokio::test]
async fn the_page_explains_a_deadline_moved_past_kings_day() {
    let t = TestApp::spawn().await;
    let reader = t.login_as(Role::Lezer, &["noord"]).await;
    // Received Monday 13 April 2026: two weeks end on Monday 27 April, Koningsdag.
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-13T09:00:00Z").await;
    let (status, html) = t.get_with(&reader, &page(&reference)).await;
    assert_eq!(status, StatusCode::OK);
    let html = squash(&html);
    assert!(
        html.contains(
            "schriftelijke reactie op de klacht</strong> (de klachtbehandelaar): uiterlijk"
        ),
        "{html}"
    );
    assert!(html.contains("dinsdag 28 april 2026"));
    assert!(html.contains("De termijn zelf eindigt op maandag 27 april 2026"));
    assert!(html.contains("maandag 27 april 2026: Koningsdag"));
    assert!(
        html.contains("2 weken na ontvangst van de klacht"),
        "{html}"
    );
}

#[tokio::test]
async fn a_reader_sees_the_page_without_actions_and_cannot_post_a_step() {
    let t = TestApp::spawn().await;
    let reader = t.login_as(Role::Lezer, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;
    let (status, html) = t.get_with(&reader, &page(&reference)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("U kunt deze klacht inzien, niet behandelen."));
    assert!(
        !html.contains(&format!("action=\"{}/", page(&reference))),
        "{html}"
    );
    for name in STEPS {
        let (status, _, _) = step(
            &t,
            &reader,
            &reference,
            name,
            &[("contact_via", "telefoon")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}");
    }
}

#[tokio::test]
async fn an_administrator_is_offered_only_reassignment_and_the_employee_link() {
    let t = TestApp::spawn().await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let _handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;
    let (_, html) = t.get_with(&admin, &page(&reference)).await;
    let offered: Vec<&str> = STEPS
        .iter()
        .copied()
        .filter(|s| html.contains(&format!("id=\"stap-{s}\"")))
        .collect();
    assert_eq!(offered, ["toewijzing", "medewerker"]);
    let (status, _, _) = step(
        &t,
        &admin,
        &reference,
        "contact",
        &[
            ("contact_via", "telefoon"),
            ("contact_moment", "2026-05-01T09:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let start = html.find("name=\"toewijzing_aan\"").unwrap();
    let option = &html[start..];
    let id_start = option.find("<option value=\"").unwrap() + 15;
    let rest = &option[id_start..];
    let rest = &rest[rest.find("<option value=\"").unwrap() + 15..];
    let user = &rest[..rest.find('"').unwrap()];
    done(
        &t,
        &admin,
        &reference,
        "toewijzing",
        &[("toewijzing_aan", user)],
    )
    .await;
    let (_, html) = t.get_with(&admin, &page(&reference)).await;
    assert!(
        html.contains("Test klachtbehandelaar (klachtbehandelaar)"),
        "the assignee is named"
    );
    let (status, _, _) = step(
        &t,
        &admin,
        &reference,
        "toewijzing",
        &[("toewijzing_aan", "onbekend")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_complaint_of_another_region_is_not_found_on_the_page_and_every_step() {
    let t = TestApp::spawn().await;
    let other = t.login_as(Role::Klachtbehandelaar, &["oost"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;
    let (status, _) = t.get_with(&other, &page(&reference)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = t
        .get_with(
            &other,
            &format!(
                "{}/bijlagen/0196a1b2-0000-7000-8000-000000000001",
                page(&reference)
            ),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for name in STEPS {
        let (status, _, _) = step(&t, &other, &reference, name, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
    }
}

#[tokio::test]
async fn a_step_without_the_sessions_csrf_token_is_forbidden() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;
    let response = handler
        .post(t.url(&format!("{}/contact", page(&reference))))
        .form(&[
            ("contact_via", "telefoon"),
            ("contact_moment", "2026-05-01T09:00"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("stap-contact"), "nothing was recorded");
}

#[tokio::test]
async fn the_answer_is_prefilled_with_the_last_day_to_object_and_can_be_previewed() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-28T09:00:00Z").await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    // Dated Friday 1 May 2026: 15 days end on Saturday 16 May, so the last day is Monday 18 May.
    let html = squash(&html);
    assert!(
        html.contains(
            "dus uiterlijk op maandag 18 mei 2026 schriftelijk bezwaar maken bij Directie"
        ),
        "{html}"
    );

    let (status, _, html) = step(
        &t,
        &handler,
        &reference,
        "antwoord",
        &[
            ("actie", "voorbeeld"),
            ("antwoord_dagtekening", "2026-05-01"),
            ("antwoord_klacht", "U vond de bejegening onvriendelijk."),
            ("antwoord_oplossing", "Wij bieden excuses aan."),
            (
                "antwoord_procedure",
                "Bezwaar kan tot en met maandag 18 mei 2026.",
            ),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let html = squash(&html);
    assert!(html.contains("Voorbeeld van de brief"));
    assert!(html.contains("dagtekening vrijdag 1 mei 2026"));
    assert!(
        html.contains("Bij deze dagtekening is de laatste dag voor bezwaar maandag 18 mei 2026.")
    );
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("stap-antwoord"), "a preview records nothing");
}
