//! The whole procedure in a real browser, as staff take it from the complaint page, with axe-core
//! run on the page after every step: objection → hearing → settlement confirmed by both parties,
//! and objection → hearing declined → final decision.
//!
//! The app's clock is fixed (Friday 1 May 2026, 10:00 in Amsterdam) and moved on where the
//! procedure needs time to pass; a move of more than the idle timeout means logging in again,
//! exactly as a handler would.

use fantoccini::Locator;
use jiff::SignedDuration;

use super::Browser;
use crate::helpers::{STAFF_PASSWORD, TestApp};
use crate::office_complaint_fixtures::now_local;
use crate::office_fixtures::register;

/// A handler of noord with a complaint in noord, logged in, on the complaint's page.
async fn handler_on_complaint(browser: &Browser, app: &TestApp) -> (String, String) {
    let user = app
        .staff_user(domain::complaint::Role::Klachtbehandelaar, &["noord"])
        .await;
    let reference = register(app, "noord", "Anna de Vries", "2026-05-01T07:30:00Z").await;
    open_page(browser, app, &reference, &user.email).await;
    (reference, user.email)
}

/// Opens the complaint page, logging in first when the session has ended.
async fn open_page(browser: &Browser, app: &TestApp, reference: &str, email: &str) {
    let url = format!("http://{}/kantoor/klachten/{reference}", app.addr);
    browser.client.goto(&url).await.expect("open the page");
    let on_login = browser
        .client
        .current_url()
        .await
        .expect("url")
        .path()
        .starts_with("/kantoor/inloggen");
    if on_login {
        browser.fill("email", email).await;
        browser.fill("wachtwoord", STAFF_PASSWORD).await;
        browser.click("form button[type=submit]").await;
    }
    let heading = browser.heading(reference).await;
    assert!(heading.contains(reference), "the complaint page: {heading}");
}

/// Contact, the answer dated today and an objection by letter received an hour later.
async fn contact_answer_objection(browser: &Browser, app: &TestApp) {
    browser.open_step("contact").await;
    browser.click("#contact_via").await;
    browser.set_value("contact_moment", &now_local(app)).await;
    browser.fill("contact_notitie", "Teruggebeld").await;
    browser.take_step("contact").await;

    browser.open_step("antwoord").await;
    browser
        .set_value("antwoord_dagtekening", "2026-05-01")
        .await;
    browser
        .fill("antwoord_klacht", "U vond de medewerker onvriendelijk.")
        .await;
    browser
        .fill("antwoord_oplossing", "Wij bieden excuses aan.")
        .await;
    let prefilled = browser
        .client
        .find(Locator::Id("antwoord_procedure"))
        .await
        .expect("procedure paragraph")
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert!(
        prefilled.contains("maandag 18 mei 2026"),
        "the last day to object is prefilled: {prefilled}"
    );
    browser.take_step("antwoord").await;

    app.clock.advance(SignedDuration::from_hours(1));
    browser.open_step("bezwaar").await;
    browser.click("#bezwaar_via").await;
    browser
        .set_value("bezwaar_ontvangen", &now_local(app))
        .await;
    browser
        .fill("bezwaar_tekst", "Ik ben het er niet mee eens.")
        .await;
    browser.take_step("bezwaar").await;
}

/// Offers the hearing by phone or at the office, on Tuesday 5 May at 10:00.
async fn offer_hearing(browser: &Browser) {
    browser.open_step("uitnodiging").await;
    browser.click("#uitnodiging_vorm").await;
    browser.click("#uitnodiging_vorm-kantoor").await;
    browser
        .set_value("uitnodiging_moment1", "2026-05-05T10:00")
        .await;
    browser.take_step("uitnodiging").await;
}

#[tokio::test]
async fn staff_take_a_complaint_through_a_hearing_to_a_settlement_in_a_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let (reference, email) = handler_on_complaint(&browser, &app).await;
    browser.assert_accessible("complaint page").await;

    contact_answer_objection(&browser, &app).await;
    offer_hearing(&browser).await;

    browser.open_step("gesprek-gekozen").await;
    browser.click("#keuze_vorm").await;
    browser.click("#keuze_moment").await;
    browser.take_step("gesprek-gekozen").await;

    // The hearing took place on Tuesday 5 May; the record is made that afternoon.
    app.clock.advance(SignedDuration::from_hours(4 * 24 + 5));
    open_page(&browser, &app, &reference, &email).await;
    browser.open_step("verslag").await;
    browser.set_value("verslag_datum", "2026-05-05").await;
    browser.click("#verslag_vorm-kantoor").await;
    browser
        .fill("verslag_aanwezig", "Anna de Vries\nTest klachtbehandelaar")
        .await;
    browser
        .fill("verslag_klager", "De medewerker snauwde.")
        .await;
    browser
        .fill("verslag_reactie", "Excuses zijn genoeg.")
        .await;
    browser.click("#verslag_uitkomst").await;
    browser
        .fill("verslag_afspraak", "Schriftelijke excuses van de regio.")
        .await;
    browser.take_step("verslag").await;
    assert!(
        browser
            .main_text()
            .await
            .contains("afhandeling wacht op bevestiging door beide partijen")
    );

    // The organisation confirms, then the complainant's signed paper copy is recorded.
    for _ in 0..2 {
        browser.open_step("bevestiging").await;
        browser.click("#bevestiging_partij").await;
        browser.take_step("bevestiging").await;
    }
    let text = browser.main_text().await;
    assert!(
        text.contains("afgesloten: in overleg afgehandeld"),
        "{text}"
    );
    assert!(text.contains("Afhandeling bevestigd door de organisatie"));
    assert!(text.contains("Klacht in overleg afgehandeld"));
    browser.close().await;
}

#[tokio::test]
async fn staff_take_a_complaint_through_a_declined_hearing_to_a_final_decision_in_a_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let (reference, email) = handler_on_complaint(&browser, &app).await;

    contact_answer_objection(&browser, &app).await;
    offer_hearing(&browser).await;

    // Monday 4 May: the complainant called to say a hearing is not needed.
    app.clock.advance(SignedDuration::from_hours(3 * 24));
    open_page(&browser, &app, &reference, &email).await;
    browser.open_step("afzien-gesprek").await;
    browser
        .fill("afzien_reden", "Klager belde: geen gesprek nodig.")
        .await;
    browser.take_step("afzien-gesprek").await;
    let text = browser.main_text().await;
    assert!(text.contains("definitieve beslissing volgt"), "{text}");
    assert!(
        browser
            .client
            .find(Locator::Id("stap-beslissing"))
            .await
            .is_err(),
        "the final decision is the regional management's, not the handler's"
    );

    // The regional director logs in and decides.
    let director = app
        .staff_user(domain::complaint::Role::Regiodirecteur, &["noord"])
        .await;
    browser.log_out().await;
    open_page(&browser, &app, &reference, &director.email).await;
    browser.assert_accessible("complaint page (director)").await;
    browser.open_step("beslissing").await;
    browser
        .set_value("beslissing_dagtekening", "2026-05-04")
        .await;
    browser
        .fill(
            "beslissing_tekst",
            "Wij handhaven ons standpunt en bieden nogmaals excuses aan.",
        )
        .await;
    browser.take_step("beslissing").await;
    let text = browser.main_text().await;
    assert!(text.contains("afgesloten"), "{text}");
    assert!(
        text.contains("Er is nu geen stap die u bij deze klacht kunt zetten."),
        "{text}"
    );
    browser.close().await;
}
