//! The dashboard and the failed-jobs page in a real browser, with axe-core: the charts (SVG
//! images with a title), the tables and the retry form must pass WCAG 2.1 A and AA.

use jiff::SignedDuration;

use super::Browser;
use crate::helpers::{STAFF_PASSWORD, TestApp};

#[tokio::test]
async fn the_dashboard_and_the_failed_jobs_are_accessible() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn().await;
    crate::office_fixtures::register(&app, "noord", "Anna de Vries", "2026-04-20T07:00:00Z").await;
    let claimed = app
        .store
        .claim_jobs("w1", app.now(), SignedDuration::from_mins(5), 10)
        .await
        .unwrap();
    app.store
        .fail_job(claimed[0].id, "w1", "550 mailbox unavailable", None)
        .await
        .unwrap();
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

    browser.click("a[href='/kantoor/dashboard']").await;
    assert_eq!(browser.heading("Dashboard").await, "Dashboard");
    browser.assert_accessible("dashboard").await;
    browser
        .client
        .goto(&format!("{base}/kantoor/dashboard?taal=en"))
        .await
        .expect("English");
    browser.assert_accessible("dashboard in English").await;

    browser
        .client
        .goto(&format!("{base}/kantoor/beheer/taken"))
        .await
        .expect("failed jobs");
    assert_eq!(browser.heading("Mislukte taken").await, "Mislukte taken");
    browser.assert_accessible("failed jobs").await;
    browser
        .click("form[action$='/opnieuw'] button[type=submit]")
        .await;
    browser.assert_accessible("failed jobs after a retry").await;
    browser.close().await;
}
