//! The back office in a real browser, with axe-core on each page visited: log in, see the queue,
//! register a complaint received by phone, land on its page, and switch that page to English.

use fantoccini::Locator;

use super::Browser;
use crate::helpers::{STAFF_PASSWORD, TestApp};

#[tokio::test]
async fn a_handler_logs_in_and_registers_a_phone_complaint() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    let user = app
        .staff_user(domain::complaint::Role::Klachtbehandelaar, &["midden"])
        .await;

    browser
        .client
        .goto(&format!("{base}/kantoor"))
        .await
        .expect("open the back office");
    browser.assert_accessible("login").await;
    browser.fill("email", &user.email).await;
    browser.fill("wachtwoord", STAFF_PASSWORD).await;
    browser.click("form button[type=submit]").await;
    assert_eq!(browser.heading("Werkvoorraad").await, "Werkvoorraad");
    browser.assert_accessible("work queue").await;

    browser.click("a[href='/kantoor/klachten/nieuw']").await;
    browser.assert_accessible("register a complaint").await;
    browser.click("#kanaal").await;
    browser.fill("naam", "Henk Jansen").await;
    browser.fill("telefoon", "0612345678").await;
    browser
        .client
        .find(Locator::Id("regio"))
        .await
        .expect("region")
        .select_by_value("midden")
        .await
        .expect("region");
    browser
        .client
        .find(Locator::Id("categorie"))
        .await
        .expect("category")
        .select_by_value("bereikbaarheid")
        .await
        .expect("category");
    browser
        .fill("beschrijving", "Belde drie keer, niemand belde terug.")
        .await;
    browser
        .click("form[action='/kantoor/klachten/nieuw'] button[type=submit]")
        .await;

    let title = browser.heading("K-2026-").await;
    let errors = match browser.client.find(Locator::Css(".error-summary")).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    assert!(
        title.contains("K-2026-"),
        "the complaint page: {title} {errors}"
    );
    browser.assert_accessible("complaint page").await;
    let page = browser.client.source().await.expect("page");
    assert!(page.contains("Henk Jansen"));

    // The same page in English, through the language link in the header.
    browser.click("a[href='/taal/en']").await;
    let title = browser.heading("Complaint").await;
    assert!(title.starts_with("Complaint K-2026-"), "{title}");
    let page = browser.client.source().await.expect("page");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(
        page.contains("Record contact with the complainant"),
        "{page}"
    );
    assert!(!page.contains("Contact met de klager vastleggen"), "{page}");
    browser.assert_accessible("complaint page in English").await;
    browser.close().await;
}
