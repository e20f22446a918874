//! The whole procedure walked over HTTP by staff from the complaint page, on both main paths.

use app::AppError;
use domain::complaint::{Actor, Command, Refusal, Role, UserId};
use reqwest::StatusCode;

use crate::helpers::{TestApp, squash};
use crate::office_complaint_fixtures::*;

#[tokio::test]
async fn a_phone_complaint_is_walked_to_a_settlement_confirmed_by_both_parties() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register_by_phone(&t, &handler).await;
    let (status, html) = t
        .get_with(
            &handler,
            &format!("{}?gedaan=geregistreerd", page(&reference)),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("De klacht is geregistreerd."));
    assert!(
        html.contains("Jan Jansen") && html.contains("telefoon"),
        "{html}"
    );
    assert!(html.contains("Klacht ontvangen (telefonisch)"));
    assert!(html.contains("stap-contact") && html.contains("stap-antwoord"));

    done(
        &t,
        &handler,
        &reference,
        "contact",
        &[
            ("contact_via", "telefoon"),
            ("contact_moment", "2026-05-01T09:45"),
            ("contact_notitie", "Teruggebeld"),
        ],
    )
    .await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("Contact opgenomen met de klager (telefonisch)"));
    assert!(
        html.contains("Notitie: Teruggebeld"),
        "staff see internal notes"
    );
    assert!(!html.contains("stap-contact"), "contact is logged once");

    let handler = answered_and_objected(&t, &handler, &reference).await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("Bezwaar ontvangen (per brief)"));
    assert!(
        html.contains("uitnodiging voor een mondelinge toelichting"),
        "the hearing-offer term runs"
    );

    done(
        &t,
        &handler,
        &reference,
        "uitnodiging",
        &[
            ("uitnodiging_vorm", "telefonisch"),
            ("uitnodiging_vorm", "kantoor"),
            ("uitnodiging_moment1", "2026-05-07T10:00"),
        ],
    )
    .await;
    done(
        &t,
        &handler,
        &reference,
        "gesprek-gekozen",
        &[
            ("keuze_vorm", "kantoor"),
            ("keuze_moment", "2026-05-07T08:00:00Z"),
        ],
    )
    .await;
    t.advance_secs(2 * 3600);
    let handler = days_later(&t, 3, Role::Klachtbehandelaar).await;
    done(
        &t,
        &handler,
        &reference,
        "verslag",
        &[
            ("verslag_datum", "2026-05-07"),
            ("verslag_vorm", "kantoor"),
            ("verslag_aanwezig", "Jan Jansen\nTest klachtbehandelaar"),
            ("verslag_klager", "De chauffeur snauwde."),
            ("verslag_reactie", "Excuses zijn genoeg."),
            ("verslag_uitkomst", "afgehandeld"),
            ("verslag_afspraak", "Schriftelijke excuses van de regio."),
        ],
    )
    .await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("afhandeling wacht op bevestiging door beide partijen"));
    assert!(html.contains("Afspraak: Schriftelijke excuses van de regio."));

    done(
        &t,
        &handler,
        &reference,
        "bevestiging",
        &[("bevestiging_partij", "organisatie")],
    )
    .await;
    done(
        &t,
        &handler,
        &reference,
        "bevestiging",
        &[("bevestiging_partij", "klager")],
    )
    .await;

    let (_, html) = t
        .get_with(
            &handler,
            &format!("{}?gedaan=bevestiging", page(&reference)),
        )
        .await;
    assert!(
        html.contains("afgesloten: in overleg afgehandeld"),
        "{html}"
    );
    assert!(html.contains("Afhandeling bevestigd door de organisatie"));
    assert!(html.contains("Afhandeling bevestigd door de klager (ondertekend papieren exemplaar)"));
    assert!(html.contains("Klacht in overleg afgehandeld"));
    assert!(html.contains("Er is nu geen stap die u bij deze klacht kunt zetten."));
    assert!(
        squash(&html).contains("(klachtbehandelaar, id "),
        "who did it is shown"
    );
}

#[tokio::test]
async fn a_declined_hearing_ends_in_a_final_decision_by_the_regional_director() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register_by_phone(&t, &handler).await;
    let handler = answered_and_objected(&t, &handler, &reference).await;
    done(
        &t,
        &handler,
        &reference,
        "uitnodiging",
        &[
            ("uitnodiging_vorm", "telefonisch"),
            ("uitnodiging_moment1", "2026-05-08T10:00"),
        ],
    )
    .await;
    done(
        &t,
        &handler,
        &reference,
        "afzien-gesprek",
        &[(
            "afzien_reden",
            "Belde om te zeggen dat een gesprek niet hoeft.",
        )],
    )
    .await;

    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("definitieve beslissing volgt"));
    assert!(html.contains("De klager ziet af van een mondelinge toelichting"));
    assert!(
        !html.contains("stap-beslissing"),
        "the final decision is management's alone"
    );
    let (status, _, _) = step(
        &t,
        &handler,
        &reference,
        "beslissing",
        &[
            ("beslissing_dagtekening", "2026-05-04"),
            ("beslissing_tekst", "Ongegrond."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let director = t.login_as(Role::Regiodirecteur, &["noord"]).await;
    let (_, html) = t.get_with(&director, &page(&reference)).await;
    assert!(html.contains("stap-beslissing"));
    done(
        &t,
        &director,
        &reference,
        "beslissing",
        &[
            ("beslissing_dagtekening", "2026-05-04"),
            (
                "beslissing_tekst",
                "De klacht is gegrond; wij passen de instructie aan.",
            ),
        ],
    )
    .await;
    let (_, html) = t.get_with(&director, &page(&reference)).await;
    assert!(
        html.contains("afgesloten: definitieve beslissing genomen"),
        "{html}"
    );
    assert!(html.contains("(regiodirecteur, id "));
}

#[tokio::test]
async fn closing_without_an_objection_is_never_offered_to_staff() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Regiodirecteur, &["noord"]).await;
    let reference = register_by_phone(&t, &handler).await;
    done(&t, &handler, &reference, "antwoord", &answer("2026-05-01")).await;
    let handler = days_later(&t, 30, Role::Regiodirecteur).await;

    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("beantwoord, bezwaartermijn loopt"));
    assert!(!html.to_lowercase().contains("zonder bezwaar"), "{html}");
    assert!(
        html.contains("stap-bezwaar"),
        "a late objection can still be registered"
    );
    let staff = Actor::Staff {
        user: UserId::try_from("directeur").unwrap(),
        role: Role::Regiodirecteur,
    };
    let refused = t
        .app
        .execute(
            reference.parse().unwrap(),
            Command::CloseWithoutObjection,
            staff,
        )
        .await;
    assert!(
        matches!(
            refused,
            Err(AppError::Refused(Refusal::ActorNotAllowed { .. }))
        ),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_objection_by_phone_asks_the_complainant_to_confirm_it_in_writing() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register_by_phone(&t, &handler).await;
    done(&t, &handler, &reference, "antwoord", &answer("2026-05-01")).await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("de klager wordt gevraagd het schriftelijk te bevestigen"));

    let handler = days_later(&t, 1, Role::Klachtbehandelaar).await;
    let received = now_local(&t);
    done(
        &t,
        &handler,
        &reference,
        "bezwaar",
        &[
            ("bezwaar_via", "telefoon"),
            ("bezwaar_ontvangen", &received),
            ("bezwaar_tekst", "Telefonisch: niet eens."),
        ],
    )
    .await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(html.contains("Bezwaar ontvangen (telefonisch)"));
    assert!(
        html.contains("verzoek het telefonische bezwaar schriftelijk te bevestigen"),
        "{html}"
    );
}
