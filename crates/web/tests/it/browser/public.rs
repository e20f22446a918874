//! The public pages in a real browser, with axe-core on each page visited.

use fantoccini::Locator;
use jiff::SignedDuration;

use super::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_start_page_is_accessible_in_dutch_and_english() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    browser.client.goto(&base).await.expect("open start page");
    let title = browser.client.title().await.expect("title");
    assert!(title.contains("Klachten"), "{title}");
    browser.assert_accessible("start page (nl)").await;
    browser
        .client
        .goto(&format!("{base}/taal/en"))
        .await
        .expect("switch language");
    let title = browser.client.title().await.expect("title");
    assert!(title.contains("Complaints"), "{title}");
    browser.assert_accessible("start page (en)").await;
    browser.close().await;
}

#[tokio::test]
async fn a_complaint_filed_in_a_browser_gets_a_reference_a_receipt_link_and_can_be_objected_to() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);

    browser.client.goto(&base).await.expect("start page");
    browser.click("a[href='/klacht']").await;
    browser.assert_accessible("complaint form").await;

    // Submitting with only a name shows the errors, marked at their fields, and keeps the name.
    browser.fill("naam", "Anna de Vries").await;
    app.clock.advance(SignedDuration::from_secs(10));
    browser.click("form button[type=submit]").await;
    // The answer page takes a moment on a busy machine: wait for it.
    let summary = browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(15))
        .for_element(Locator::Css(".error-summary"))
        .await
        .expect("error summary");
    assert!(summary.text().await.expect("text").contains("e-mailadres"));
    let name = browser
        .client
        .find(Locator::Id("naam"))
        .await
        .expect("name field");
    assert_eq!(
        name.prop("value").await.expect("value").as_deref(),
        Some("Anna de Vries")
    );
    browser
        .assert_accessible("complaint form with errors")
        .await;

    browser.fill("email", "anna@example.nl").await;
    browser
        .client
        .find(Locator::Id("regio"))
        .await
        .expect("region")
        .select_by_value("midden")
        .await
        .expect("select region");
    browser.click("#categorie").await;
    browser
        .fill(
            "wat",
            "Op 28 april werd ik aan de telefoon steeds onderbroken.",
        )
        .await;
    browser
        .fill("uitkomst", "Excuses en een nieuwe afspraak.")
        .await;
    browser.click("#toestemming").await;
    app.clock.advance(SignedDuration::from_secs(10));
    browser.click("form button[type=submit]").await;

    let heading = browser.heading("ontvangen").await;
    assert_eq!(heading, "Uw klacht is ontvangen");
    let reference = browser
        .client
        .find(Locator::Css(".reference"))
        .await
        .expect("reference")
        .text()
        .await
        .expect("text");
    assert!(reference.starts_with("K-2026-"), "{reference}");
    let page = browser.client.source().await.expect("page");
    assert!(
        page.contains("6 mei 2026"),
        "contact date (TERMS.md E7) is shown"
    );
    browser.assert_accessible("complaint received").await;
    let stored = app
        .store
        .complaint_by_reference(reference.parse().expect("reference"))
        .await
        .expect("read");
    assert_eq!(stored.expect("stored").projection.channel, "web");
    browser.close().await;
}
