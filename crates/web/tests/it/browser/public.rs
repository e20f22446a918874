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

async fn fill(browser: &Browser, id: &str, text: &str) {
    let field = browser
        .client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("field {id}: {e}"));
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

async fn click(browser: &Browser, css: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("click");
}

#[tokio::test]
async fn a_complaint_filed_in_a_browser_gets_a_reference_a_receipt_link_and_can_be_objected_to() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);

    browser.client.goto(&base).await.expect("start page");
    click(&browser, "a[href='/klacht']").await;
    browser.assert_accessible("complaint form").await;

    // Submitting with only a name shows the errors, marked at their fields, and keeps the name.
    fill(&browser, "naam", "Anna de Vries").await;
    app.clock.advance(SignedDuration::from_secs(10));
    click(&browser, "form button[type=submit]").await;
    let summary = browser
        .client
        .find(Locator::Css(".error-summary"))
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

    fill(&browser, "email", "anna@example.nl").await;
    browser
        .client
        .find(Locator::Id("regio"))
        .await
        .expect("region")
        .select_by_value("midden")
        .await
        .expect("select region");
    click(&browser, "#categorie").await;
    fill(
        &browser,
        "wat",
        "Op 28 april werd ik aan de telefoon steeds onderbroken.",
    )
    .await;
    fill(&browser, "uitkomst", "Excuses en een nieuwe afspraak.").await;
    click(&browser, "#toestemming").await;
    app.clock.advance(SignedDuration::from_secs(10));
    click(&browser, "form button[type=submit]").await;

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
