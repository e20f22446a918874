//! Double submits, honeypot, fill time, forged tokens, rate limit and cross-site posts.

use reqwest::StatusCode;
use reqwest::header::{LOCATION, RETRY_AFTER};
use reqwest::multipart::Form;

use super::*;
use crate::helpers::*;

#[tokio::test]
async fn submitting_twice_with_the_same_token_makes_one_complaint() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let first = post(&t, &token, &valid(), &[file("a.pdf", PDF)]).await;
    t.advance_secs(1);
    let second = post(&t, &token, &valid(), &[file("a.pdf", PDF)]).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(second.status(), StatusCode::SEE_OTHER);
    let reference = |r: &reqwest::Response| {
        let l = r.headers()[LOCATION].to_str().unwrap().to_owned();
        l[..l.find('?').unwrap()].to_owned()
    };
    assert_eq!(reference(&first), reference(&second));
    assert_eq!(complaints(&t).await, 1);
    let loaded = t.app.load("K-2026-000001".parse().unwrap()).await.unwrap();
    assert_eq!(
        t.store.attachments(loaded.id).await.unwrap().len(),
        1,
        "files once"
    );

    let other = open_form(&t).await;
    assert_ne!(other, token, "a new form is a new complaint");
    assert_eq!(
        post(&t, &other, &valid(), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(complaints(&t).await, 2);
}

#[tokio::test]
async fn a_filled_honeypot_registers_nothing() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let response = post(
        &t,
        &token,
        &with(valid(), "website", "http://spam.example"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Uw klacht kon niet worden verwerkt"));
    assert!(
        html.contains(r#"name="naam" value="Anna de Vries""#),
        "a person loses nothing"
    );
    assert!(!html.contains("spam.example"), "the honeypot is emptied");
    assert_eq!(complaints(&t).await, 0);
}

#[tokio::test]
async fn a_submission_within_three_seconds_is_shown_again_and_can_then_be_sent() {
    let t = TestApp::spawn().await;
    let (_, html) = t.get("/klacht").await;
    let token = input_value(&html, "token").unwrap();
    t.advance_secs(2);
    let response = post(&t, &token, &valid(), &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains(r##"<a href="#verstuur">U heeft het formulier erg snel verstuurd."##),
        "{html}"
    );
    assert!(html.contains(r#"name="email" value="anna@example.nl""#));
    assert_eq!(complaints(&t).await, 0);

    t.advance_secs(5);
    let again = input_value(&html, "token").unwrap();
    assert_eq!(
        post(&t, &again, &valid(), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(complaints(&t).await, 1);
}

#[tokio::test]
async fn a_forged_or_missing_token_registers_nothing() {
    let t = TestApp::spawn().await;
    open_form(&t).await;
    for token in ["", "1777622400.00112233445566778899aabbccddeeff.00"] {
        let response = post(&t, token, &valid(), &[]).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = response.text().await.unwrap();
        assert!(html.contains("Het formulier was verlopen"));
        assert!(input_value(&html, "token").is_some_and(|new| !new.is_empty()));
    }
    assert_eq!(complaints(&t).await, 0);
}

#[tokio::test]
async fn too_many_submissions_from_one_address_get_a_429_in_dutch() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    for _ in 0..10 {
        let response = post(&t, &token, &with(valid(), "naam", ""), &[]).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let response = post(&t, &token, &valid(), &[]).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[RETRY_AFTER], "600");
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Probeer het over 10 minuten opnieuw"),
        "{html}"
    );
    assert_eq!(complaints(&t).await, 0);

    t.advance_secs(601);
    assert_eq!(
        post(&t, &token, &valid(), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let mut form = Form::new().text("token", token);
    for (name, value) in valid() {
        form = form.text(name, value);
    }
    let response = t
        .client
        .post(t.url("/klacht"))
        .header("Sec-Fetch-Site", "cross-site")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(complaints(&t).await, 0);
}
