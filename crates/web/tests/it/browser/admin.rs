//! The administration pages in a real browser, each checked with axe-core, including a form
//! re-shown with its errors.

use super::Browser;
use crate::admin_fixtures::PAGES;
use crate::helpers::{STAFF_PASSWORD, TestApp};

#[tokio::test]
async fn a_beheerder_visits_every_administration_page_and_a_form_with_errors() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    let user = app
        .staff_user(domain::complaint::Role::Beheerder, &[])
        .await;
    browser
        .client
        .goto(&format!("{base}/kantoor"))
        .await
        .expect("open the back office");
    browser.fill("email", &user.email).await;
    browser.fill("wachtwoord", STAFF_PASSWORD).await;
    browser.click("form button[type=submit]").await;
    assert_eq!(browser.heading("Werkvoorraad").await, "Werkvoorraad");

    let user_page = format!("/kantoor/beheer/gebruikers/{}", user.id);
    for path in PAGES.iter().copied().chain([user_page.as_str()]) {
        browser
            .client
            .goto(&format!("{base}{path}"))
            .await
            .expect("open the page");
        browser.assert_accessible(path).await;
    }

    browser
        .client
        .goto(&format!("{base}/kantoor/beheer/organisatie"))
        .await
        .expect("open the organisation page");
    browser.fill("naam", "Focus Nederland").await;
    browser.fill("telefoon", "bel ons").await;
    browser
        .click("form[action='/kantoor/beheer/organisatie'] button[type=submit]")
        .await;
    browser.heading("Organisatie").await;
    browser.assert_accessible("organisation with errors").await;
    browser.close().await;
}
