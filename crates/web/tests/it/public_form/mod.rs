//! The public complaint form, over HTTP: rendering, registration with attachments, validation,
//! spam protection, idempotency and the receipt. Shared fixtures live here.

mod attachments;
mod registration;
mod spam;
mod validation;

use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;
use reqwest::multipart::{Form, Part};

use crate::helpers::*;

pub const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// A complete, valid submission (region and category from the sample organisation).
pub fn valid() -> Vec<(&'static str, String)> {
    [
        ("naam", "Anna de Vries"),
        ("email", "anna@example.nl"),
        ("telefoon", ""),
        ("adres", "Dorpsstraat 1\n1234 AB Ergens"),
        ("regio", "noord"),
        ("categorie", "bejegening"),
        (
            "wat",
            "Op 28 april om 14.00 uur werd ik aan de balie <b>onvriendelijk</b> behandeld.",
        ),
        ("medewerker", "J. Jansen"),
        ("uitkomst", "Excuses en een nieuwe afspraak."),
        ("toestemming", "ja"),
        ("website", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

pub fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for f in &mut fields {
        if f.0 == name {
            f.1 = value.to_owned();
        }
    }
    fields
}

pub fn file(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    (name.to_owned(), bytes.to_vec())
}

/// Shows the form, waits as a person would (the clock moves 30 s), and returns the token.
pub async fn open_form(t: &TestApp) -> String {
    let (status, html) = t.get("/klacht").await;
    assert_eq!(status, StatusCode::OK);
    t.advance_secs(30);
    input_value(&html, "token").expect("a token in the form")
}

/// Posts the form as a browser would (multipart, same origin).
pub async fn post(
    t: &TestApp,
    token: &str,
    fields: &[(&'static str, String)],
    files: &[(String, Vec<u8>)],
) -> reqwest::Response {
    let mut form = Form::new().text("token", token.to_owned());
    for (name, value) in fields {
        form = form.text(*name, value.clone());
    }
    for (name, bytes) in files {
        let part = Part::bytes(bytes.clone())
            .file_name(name.clone())
            .mime_str("application/octet-stream")
            .expect("mime");
        form = form.part("bijlagen", part);
    }
    t.client
        .post(t.url("/klacht"))
        .header("Sec-Fetch-Site", "same-origin")
        .multipart(form)
        .send()
        .await
        .expect("POST")
}

pub async fn complaints(t: &TestApp) -> i64 {
    t.store.count_open().await.expect("count")
}

#[tokio::test]
async fn the_form_renders_in_dutch_with_a_label_for_every_field() {
    let t = TestApp::spawn().await;
    let response = t.client.get(t.url("/klacht")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="nl">"#));
    assert!(html.contains("<h1>Klacht indienen</h1>"));
    for id in [
        "naam",
        "email",
        "telefoon",
        "adres",
        "regio",
        "wat",
        "medewerker",
        "uitkomst",
        "bijlagen",
        "toestemming",
        "website",
    ] {
        assert!(
            html.contains(&format!(r#"<label for="{id}">"#)),
            "label for {id}"
        );
        assert!(html.contains(&format!(r#"id="{id}""#)), "input {id}");
    }
    assert!(html.contains(r#"enctype="multipart/form-data""#));
    assert!(html.contains(r#"<legend>Waar gaat uw klacht over?</legend>"#));
    assert!(
        html.contains(r#"<option value="noord">"#),
        "regions come from the store"
    );
    assert!(
        html.contains(r#"value="bejegening""#),
        "categories come from the store"
    );
    let honeypot = squash(&html);
    assert!(honeypot.contains(r#"<label for="website">Laat dit veld leeg</label> <input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">"#));
    assert!(!html.contains("<script"), "no JavaScript");
}

#[tokio::test]
async fn the_form_renders_in_english() {
    let t = TestApp::spawn().await;
    let (status, html) = t.get("/klacht?taal=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains("<h1>Submit a complaint</h1>"));
    assert!(html.contains("What happened, and when?"));
    assert!(
        html.contains(r#"action="/klacht?taal=en""#),
        "the answer comes in English too"
    );
}
