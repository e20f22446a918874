//! Calling the JSON API as a staff member with a bearer token, and draining the worker so the
//! letters a step queued are rendered and stored.

use std::sync::Arc;

use domain::complaint::Role;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// A token's holder: requests carry `Authorization: Bearer <token>` and no cookies.
pub struct Api<'a> {
    pub t: &'a TestApp,
    pub token: String,
    pub user: store::UserRecord,
    client: reqwest::Client,
}

/// A new staff user of `role` for `regions` (all when empty) with a fresh API token.
pub async fn api_as<'a>(t: &'a TestApp, role: Role, regions: &[&str]) -> Api<'a> {
    api_for(t, t.staff_user(role, regions).await).await
}

/// `user` with a fresh API token.
pub async fn api_for(t: &TestApp, user: store::UserRecord) -> Api<'_> {
    let made = t
        .accounts()
        .create_api_token(user.id, "koppeling")
        .await
        .expect("token");
    Api {
        t,
        token: made.token.expose().to_owned(),
        user,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

/// A response: status, headers and the body as JSON (`Null` when it is not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Api<'_> {
    pub async fn get(&self, path: &str) -> Answer {
        let request = self.client.get(self.t.url(path)).bearer_auth(&self.token);
        answer(request).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        let request = self
            .client
            .post(self.t.url(path))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body.to_string());
        answer(request).await
    }

    /// POST with a raw (not necessarily JSON) body.
    pub async fn client_post_raw(&self, path: &str, body: &str) -> Answer {
        let request = self
            .client
            .post(self.t.url(path))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body.to_owned());
        answer(request).await
    }

    /// POST with an `Idempotency-Key`.
    pub async fn post_with_key(&self, path: &str, body: Value, key: &str) -> Answer {
        let request = self
            .client
            .post(self.t.url(path))
            .bearer_auth(&self.token)
            .header("idempotency-key", key)
            .header("content-type", "application/json")
            .body(body.to_string());
        answer(request).await
    }

    /// Posts the step `step` of `reference`, asserting it was recorded; the complaint after it.
    pub async fn step(&self, reference: &str, step: &str, body: Value) -> Value {
        let a = self
            .post(&format!("/api/v1/complaints/{reference}/{step}"), body)
            .await;
        assert_eq!(a.status, StatusCode::OK, "{step}: {}", a.body);
        a.body
    }

    /// Registers a complaint by phone in noord, received yesterday at 15:00; its reference.
    pub async fn register_by_phone(&self) -> String {
        let a = self
            .post(
                "/api/v1/complaints",
                json!({
                    "channel": "phone",
                    "received_at": "2026-04-30T15:00:00+02:00",
                    "complainant": { "name": "Jan Jansen", "phone": "06 1234 5678", "email": "jan@example.nl" },
                    "region": "noord",
                    "category": "bejegening",
                    "description": "De chauffeur was onbeleefd tegen mij.",
                    "desired_outcome": "Excuses",
                }),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        a.body["reference"].as_str().unwrap().to_owned()
    }
}

async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("request");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    Answer {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

/// A complete answer dated `letter_date`.
pub fn answer_body(letter_date: &str) -> Value {
    json!({
        "letter_date": letter_date,
        "complaint_as_understood": "U vond de chauffeur onbeleefd.",
        "proposed_solution": "Wij bieden excuses aan.",
        "further_procedure": "Bezwaar binnen 15 dagen bij de directie van de regio.",
    })
}

/// Now as RFC 3339.
pub fn now(t: &TestApp) -> String {
    t.now().to_string()
}

/// Runs the worker's letter jobs (rendered to PDF and mailed to a temporary outbox) and the
/// deadline lapses that are due, until nothing is left.
pub async fn drain(t: &TestApp) {
    let outbox_dir = tempfile::tempdir().unwrap();
    let worker = t
        .letter_worker(mail::FileOutbox::new(outbox_dir.path()))
        .handle(
            app::deadlines::LAPSE_JOB,
            Arc::new(app::deadlines::LapseHandler),
        );
    worker.drain().await.unwrap();
}

/// The kinds of the letters stored for `reference`.
pub async fn letter_kinds(t: &TestApp, reference: &str) -> Vec<String> {
    let loaded = t.app.load(reference.parse().unwrap()).await.unwrap();
    let mut kinds: Vec<String> = t
        .store
        .documents(loaded.id)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.kind)
        .collect();
    kinds.sort();
    kinds
}

/// The text of the complaint's stored letter of `kind`, read back with `pdftotext`, whitespace
/// collapsed; `None` (after one line) when `pdftotext` is missing outside CI.
pub async fn letter_text(t: &TestApp, reference: &str, kind: &str) -> Option<String> {
    let loaded = t.app.load(reference.parse().unwrap()).await.unwrap();
    let info = t
        .store
        .documents(loaded.id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} letter for {reference}"));
    let document = t.store.document(info.id).await.unwrap().unwrap();
    assert!(document.bytes.starts_with(b"%PDF-"), "{kind} is a PDF");
    match crate::letters::pdf_text(&document.bytes) {
        Some(text) => Some(text.split_whitespace().collect::<Vec<_>>().join(" ")),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is required on CI")
        }
        None => {
            eprintln!("pdftotext not found: the letters' text is not checked");
            None
        }
    }
}

/// Panics, showing the letter, unless every phrase occurs in it (no check without `pdftotext`).
pub async fn assert_letter(t: &TestApp, reference: &str, kind: &str, phrases: &[&str]) {
    if let Some(text) = letter_text(t, reference, kind).await {
        for phrase in phrases {
            assert!(
                text.contains(phrase),
                "{phrase:?} in the {kind} letter: {text}"
            );
        }
    }
}

/// The `kind`s of the complaint's events, in order.
pub fn event_kinds(complaint: &Value) -> Vec<String> {
    complaint["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// The complaint's `actions`.
pub fn actions(complaint: &Value) -> Vec<String> {
    complaint["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect()
}
