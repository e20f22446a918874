//! The complainant's own steps in the portal: objecting (on time, late), choosing or declining
//! the hearing, confirming the settlement; and the CSRF checks every post passes first.

use domain::complaint::{Command, SettlementParty};
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::*;
use crate::portal_fixtures::*;

#[tokio::test]
async fn an_objection_after_the_answer_is_registered_and_shown() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (_, html) = open(&t, &page).await;
    assert!(html.contains("Bezwaar maken"), "{html}");
    assert!(
        html.contains("Dat kan tot en met <strong>woensdag 6 mei 2026</strong>"),
        "{html}"
    );
    assert!(
        html.contains("Lees de reactie"),
        "the answer's text is on the page"
    );

    let csrf = csrf(&t, &page).await;
    let text = "Ik ben het niet eens: <b>excuses</b> zijn niet genoeg.";
    let response = post(
        &t,
        &format!("{page}/bezwaar"),
        &[("csrf", &csrf), ("tekst", text)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[LOCATION],
        format!("{page}?gedaan=bezwaar").as_str()
    );
    assert_eq!(status(&t, reference).await, "objection_received");

    let (_, html) = open(&t, &format!("{page}?gedaan=bezwaar")).await;
    assert!(html.contains("Uw bezwaar is ontvangen."), "{html}");
    assert!(
        html.contains("Bezwaar ontvangen (via deze pagina)"),
        "{html}"
    );
    assert!(
        html.contains("De directie van de regio nodigt u uit"),
        "the next term: {html}"
    );
    assert!(!html.contains("Bezwaar versturen"), "no second objection");
    assert!(!html.contains("<b>excuses</b>"), "never unescaped");
}

#[tokio::test]
async fn an_objection_after_closure_as_handled_is_accepted_and_flagged_late() {
    let (t, reference, page) = answered("anna@example.nl").await;
    set_clock(&t, "2026-05-07 09:00");
    staff(
        &t,
        reference,
        domain::complaint::Actor::System,
        Command::CloseWithoutObjection,
    )
    .await;
    assert_eq!(status(&t, reference).await, "closed_handled");

    let (_, html) = open(&t, &page).await;
    assert!(
        html.contains("De termijn om bezwaar te maken liep tot en met woensdag 6 mei 2026."),
        "{html}"
    );
    assert!(
        html.contains("Het wordt geregistreerd als te laat"),
        "{html}"
    );
    let csrf = csrf(&t, &page).await;
    let response = post(
        &t,
        &format!("{page}/bezwaar"),
        &[("csrf", &csrf), ("tekst", "Ik was op vakantie.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status(&t, reference).await, "late_objection_pending");
    let objection = t.app.load(reference).await.unwrap();
    assert!(objection.complaint.objection().unwrap().late);

    let (_, html) = open(&t, &page).await;
    assert!(
        html.contains(
            "Dit bezwaar kwam binnen na de laatste dag van de bezwaartermijn, woensdag 6 mei 2026."
        ),
        "told honestly: {html}"
    );
    assert!(
        html.contains("de directie van de regio beslist of het nog in behandeling wordt genomen")
    );
}

#[tokio::test]
async fn an_empty_objection_is_refused_with_the_reason_and_nothing_recorded() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let csrf = csrf(&t, &page).await;
    let response = post(
        &t,
        &format!("{page}/bezwaar"),
        &[("csrf", &csrf), ("tekst", "   ")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains("de inhoud van het bezwaar"),
        "the domain's reason: {html}"
    );
    assert_eq!(status(&t, reference).await, "answered");
}

/// An objection on Tue 21 Apr and the offer of a hearing on Thu 23 Apr.
async fn offered() -> (TestApp, domain::reference::Reference, String) {
    let (t, reference, page) = answered("anna@example.nl").await;
    let csrf = csrf(&t, &page).await;
    post(
        &t,
        &format!("{page}/bezwaar"),
        &[("csrf", &csrf), ("tekst", "Niet eens.")],
    )
    .await;
    set_clock(&t, "2026-04-23 10:00");
    staff(&t, reference, director(), offer()).await;
    (t, reference, page)
}

#[tokio::test]
async fn the_complainant_chooses_form_moment_and_the_employee_present() {
    let (t, reference, page) = offered().await;
    let (_, html) = open(&t, &page).await;
    assert!(html.contains("Op ons kantoor"), "{html}");
    assert!(html.contains("dinsdag 28 april 2026, 14:00"), "{html}");
    assert!(html.contains("woensdag 29 april 2026, 10:00"), "{html}");
    assert!(html.contains("Wilt u dat de medewerker om wie het gaat bij het gesprek is?"));

    let csrf = csrf(&t, &page).await;
    let moment = at("2026-04-29 10:00").to_string();
    let fields = [
        ("csrf", csrf.as_str()),
        ("vorm", "kantoor"),
        ("moment", &moment),
        ("medewerker", "ja"),
    ];
    let response = post(&t, &format!("{page}/gesprek"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status(&t, reference).await, "hearing_scheduled");
    let scheduled = t.app.load(reference).await.unwrap();
    let hearing = scheduled.complaint.hearing().unwrap();
    assert_eq!(hearing.moment, at("2026-04-29 10:00"));
    assert!(hearing.employee_present);

    let (_, html) = open(&t, &format!("{page}?gedaan=gesprek")).await;
    assert!(
        html.contains("Gesprek gepland op kantoor: woensdag 29 april 2026, 10:00"),
        "{html}"
    );
    assert!(html.contains("De medewerker om wie het gaat is erbij."));
}

#[tokio::test]
async fn a_moment_that_was_not_proposed_is_refused() {
    let (t, reference, page) = offered().await;
    let csrf = csrf(&t, &page).await;
    let moment = at("2026-04-30 10:00").to_string();
    let fields = [
        ("csrf", csrf.as_str()),
        ("vorm", "telefonisch"),
        ("moment", &moment),
    ];
    let response = post(&t, &format!("{page}/gesprek"), &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Kies een van de voorgestelde momenten.")
    );
    assert_eq!(status(&t, reference).await, "hearing_offered");
}

#[tokio::test]
async fn the_complainant_declines_the_hearing() {
    let (t, reference, page) = offered().await;
    let csrf = csrf(&t, &page).await;
    let response = post(&t, &format!("{page}/gesprek-afzien"), &[("csrf", &csrf)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status(&t, reference).await, "awaiting_final_decision");
    let (_, html) = open(&t, &format!("{page}?gedaan=afgezien")).await;
    assert!(
        html.contains("Afgezien van een mondelinge toelichting"),
        "{html}"
    );
    assert!(
        html.contains("De directie van de regio neemt een definitieve beslissing</strong>"),
        "{html}"
    );
}

#[tokio::test]
async fn a_settlement_confirmed_by_both_parties_closes_the_complaint_as_settled() {
    let (t, reference, page) = offered().await;
    let csrf = csrf(&t, &page).await;
    let moment = at("2026-04-28 14:00").to_string();
    let fields = [
        ("csrf", csrf.as_str()),
        ("vorm", "kantoor"),
        ("moment", &moment),
        ("medewerker", "nee"),
    ];
    post(&t, &format!("{page}/gesprek"), &fields).await;
    set_clock(&t, "2026-04-28 15:30");
    staff(&t, reference, handler(), record_settled()).await;

    let (_, html) = open(&t, &page).await;
    assert!(
        html.contains("Excuses aanvaard; de teamleider belt binnen een week."),
        "{html}"
    );
    let response = post(&t, &format!("{page}/afspraak"), &[("csrf", &csrf)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status(&t, reference).await, "settlement_pending");
    let (_, html) = open(&t, &page).await;
    assert!(html.contains("U heeft deze afspraak bevestigd."), "{html}");
    assert!(!html.contains("Ik bevestig deze afspraak"), "once only");

    staff(
        &t,
        reference,
        handler(),
        Command::ConfirmSettlement(SettlementParty::Organisation),
    )
    .await;
    assert_eq!(status(&t, reference).await, "closed_settled");
    let (_, html) = open(&t, &page).await;
    assert!(html.contains("Klacht in overleg afgehandeld"), "{html}");
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_value_is_forbidden() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let path = format!("{page}/bezwaar");
    let missing = post(&t, &path, &[("tekst", "Niet eens.")]).await;
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    let wrong = post(
        &t,
        &path,
        &[("csrf", &"ab".repeat(32)), ("tekst", "Niet eens.")],
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);

    // The value of another complaint's link does not fit this one.
    let (other_ref, other_id) = register(&t, "bert@example.nl").await;
    staff(&t, other_ref, handler(), answer_dated(None)).await;
    let other = csrf(&t, &link(&t, other_id).await).await;
    let borrowed = post(&t, &path, &[("csrf", &other), ("tekst", "Niet eens.")]).await;
    assert_eq!(borrowed.status(), StatusCode::FORBIDDEN);
    assert_eq!(status(&t, reference).await, "answered");
}

#[tokio::test]
async fn a_cross_site_post_is_forbidden_even_with_the_right_csrf_value() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let csrf = csrf(&t, &page).await;
    let response = t
        .client
        .post(t.url(&format!("{page}/bezwaar")))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", csrf.as_str()), ("tekst", "Niet eens.")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(status(&t, reference).await, "answered");
}

#[tokio::test]
async fn a_post_with_a_dead_link_gets_the_neutral_page() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let csrf = csrf(&t, &page).await;
    let token = page.trim_start_matches("/mijn-klacht/");
    t.accounts().revoke_portal_link(token).await.unwrap();
    let response = post(
        &t,
        &format!("{page}/bezwaar"),
        &[("csrf", &csrf), ("tekst", "Niet eens.")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(status(&t, reference).await, "answered");
}
