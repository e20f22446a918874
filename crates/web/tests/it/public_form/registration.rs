//! A valid submission: the complaint, its files, and the receipt with its dates.

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, LOCATION};
use reqwest::multipart::Form;

use super::*;
use crate::helpers::*;

#[tokio::test]
async fn a_valid_submission_creates_a_web_complaint_and_shows_its_reference_and_dates() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let response = post(
        &t,
        &token,
        &valid(),
        &[file("brief.pdf", PDF), file("scan.jpg.pdf", PNG)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/klacht/ontvangen/K-2026-000001?t="),
        "{location}"
    );

    let loaded = t.app.load("K-2026-000001".parse().unwrap()).await.unwrap();
    let registration = loaded.complaint.registration();
    assert_eq!(registration.channel, domain::complaint::Channel::Web);
    assert_eq!(registration.received_at, t.now());
    assert_eq!(registration.complainant.name.as_ref(), "Anna de Vries");
    assert_eq!(registration.region.as_ref(), "noord");
    assert_eq!(
        registration.employee_concerned.as_ref().unwrap().as_ref(),
        "J. Jansen"
    );
    let files = t.store.attachments(loaded.id).await.unwrap();
    let stored: Vec<_> = files
        .iter()
        .map(|f| (f.filename.as_str(), f.content_type.as_str()))
        .collect();
    assert_eq!(
        stored,
        [
            ("brief.pdf", "application/pdf"),
            ("scan.jpg.pdf", "image/png")
        ],
        "the type is the content's, whatever the name says"
    );

    let response = t.client.get(t.url(&location)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    let html = squash(&response.text().await.unwrap());
    assert!(html.contains("Uw kenmerk is <strong class=\"reference\">K-2026-000001</strong>"));
    // TERMS.md E7: Mon 4 May = 1, Tue 5 May (Bevrijdingsdag) does not count, Wed 6 May = 2.
    assert!(
        html.contains(r#"<strong class="date" id="contact-datum">woensdag 6 mei 2026</strong>"#),
        "{html}"
    );
    // 2 weeks: raw Fri 15 May 2026 is put on a par with a holiday (decree), then the weekend.
    assert!(
        html.contains(r#"<strong class="date" id="reactie-datum">maandag 18 mei 2026</strong>"#),
        "{html}"
    );
    let explained = "2 werkdagen na ontvangst van de klacht op vrijdag 1 mei 2026. Niet meegeteld: \
         zaterdag 2 mei 2026; zondag 3 mei 2026; dinsdag 5 mei 2026: Bevrijdingsdag.";
    assert!(
        html.contains(explained),
        "each date explains itself: {html}"
    );
    assert!(html.contains("binnen 15 dagen na de datum van de reactie"));
    assert!(!html.contains("Anna"), "the receipt shows no personal data");
}

#[tokio::test]
async fn the_receipt_in_english_gives_english_dates() {
    let t = TestApp::spawn().await;
    let (_, html) = t.get("/klacht?taal=en").await;
    t.advance_secs(30);
    let token = input_value(&html, "token").unwrap();
    let mut form = Form::new().text("token", token);
    for (name, value) in valid() {
        form = form.text(name, value);
    }
    let response = t
        .client
        .post(t.url("/klacht?taal=en"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(location.ends_with("&taal=en"), "{location}");
    let (_, html) = t.get(&location).await;
    let html = squash(&html);
    assert!(html.contains("Your complaint has been received"));
    assert!(
        html.contains(r#"id="contact-datum">Wednesday 6 May 2026</strong>"#),
        "{html}"
    );
    assert!(html.contains("2 working days after receipt of your complaint on Friday 1 May 2026"));
}

#[tokio::test]
async fn a_receipt_link_without_its_signature_shows_nothing() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let response = post(&t, &token, &valid(), &[]).await;
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    for guess in [
        "/klacht/ontvangen/K-2026-000001",
        "/klacht/ontvangen/K-2026-000001?t=1.00",
        "/klacht/ontvangen/geen-kenmerk?t=x",
    ] {
        assert_eq!(t.get(guess).await.0, StatusCode::NOT_FOUND, "{guess}");
    }
    t.advance_secs(3 * 3600);
    assert_eq!(
        t.get(&location).await.0,
        StatusCode::NOT_FOUND,
        "the link expires"
    );
}
