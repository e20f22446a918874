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

/// Opens the step's section (a `<details>`), lets `fill` fill it in, submits it with its main
/// button and waits for the confirmation; then runs axe-core on the page.
async fn take_step(browser: &Browser, step: &str) {
    browser
        .click(&format!("#stap-{step} button[type=submit]:not(.secondary)"))
        .await;
    wait_for_confirmation(browser, step).await;
    browser.assert_accessible(&format!("after {step}")).await;
}

/// Waits until the page confirms `step` (`?gedaan=<step>`); panics with the page's error
/// summary otherwise.
async fn wait_for_confirmation(browser: &Browser, step: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let url = browser.client.current_url().await.expect("url");
        if url.query() == Some(&format!("gedaan={step}")) {
            return;
        }
        if std::time::Instant::now() > deadline {
            let errors = match browser.client.find(Locator::Css(".error-summary")).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("{step} was not confirmed ({url}): {errors}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Opens the section of `step`.
async fn open_step(browser: &Browser, step: &str) {
    browser.click(&format!("#stap-{step} > summary")).await;
}

/// Contact, the answer dated today and an objection by letter received an hour later.
async fn contact_answer_objection(browser: &Browser, app: &TestApp) {
    open_step(browser, "contact").await;
    browser.click("#contact_via").await;
    browser.set_value("contact_moment", &now_local(app)).await;
    browser.fill("contact_notitie", "Teruggebeld").await;
    take_step(browser, "contact").await;

    open_step(browser, "antwoord").await;
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
    take_step(browser, "antwoord").await;

    app.clock.advance(SignedDuration::from_hours(1));
    open_step(browser, "bezwaar").await;
    browser.click("#bezwaar_via").await;
    browser
        .set_value("bezwaar_ontvangen", &now_local(app))
        .await;
    browser
        .fill("bezwaar_tekst", "Ik ben het er niet mee eens.")
        .await;
    take_step(browser, "bezwaar").await;
}

/// Offers the hearing by phone or at the office, on Tuesday 5 May at 10:00.
async fn offer_hearing(browser: &Browser) {
    open_step(browser, "uitnodiging").await;
    browser.click("#uitnodiging_vorm").await;
    browser.click("#uitnodiging_vorm-kantoor").await;
    browser
        .set_value("uitnodiging_moment1", "2026-05-05T10:00")
        .await;
    take_step(browser, "uitnodiging").await;
}

/// The page's text.
async fn page_text(browser: &Browser) -> String {
    browser
        .client
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text")
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

    open_step(&browser, "gesprek-gekozen").await;
    browser.click("#keuze_vorm").await;
    browser.click("#keuze_moment").await;
    take_step(&browser, "gesprek-gekozen").await;

    // The hearing took place on Tuesday 5 May; the record is made that afternoon.
    app.clock.advance(SignedDuration::from_hours(4 * 24 + 5));
    open_page(&browser, &app, &reference, &email).await;
    open_step(&browser, "verslag").await;
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
    take_step(&browser, "verslag").await;
    assert!(
        page_text(&browser)
            .await
            .contains("afhandeling wacht op bevestiging door beide partijen")
    );

    // The organisation confirms, then the complainant's signed paper copy is recorded.
    for _ in 0..2 {
        open_step(&browser, "bevestiging").await;
        browser.click("#bevestiging_partij").await;
        take_step(&browser, "bevestiging").await;
    }
    let text = page_text(&browser).await;
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
    open_step(&browser, "afzien-gesprek").await;
    browser
        .fill("afzien_reden", "Klager belde: geen gesprek nodig.")
        .await;
    take_step(&browser, "afzien-gesprek").await;
    let text = page_text(&browser).await;
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
    browser
        .click("form[action='/kantoor/uitloggen'] button")
        .await;
    open_page(&browser, &app, &reference, &director.email).await;
    browser.assert_accessible("complaint page (director)").await;
    open_step(&browser, "beslissing").await;
    browser
        .set_value("beslissing_dagtekening", "2026-05-04")
        .await;
    browser
        .fill(
            "beslissing_tekst",
            "Wij handhaven ons standpunt en bieden nogmaals excuses aan.",
        )
        .await;
    take_step(&browser, "beslissing").await;
    let text = page_text(&browser).await;
    assert!(text.contains("afgesloten"), "{text}");
    assert!(
        text.contains("Er is nu geen stap die u bij deze klacht kunt zetten."),
        "{text}"
    );
    browser.close().await;
}
