//! The work queue and registration over the API: filters, keyset paging, the idempotency key
//! and the new complaint's location.

use domain::complaint::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::api_fixtures::*;
use crate::helpers::TestApp;
use crate::office_fixtures::register;

#[tokio::test]
async fn api_queue_filters_and_pages_with_a_cursor() {
    let t = TestApp::spawn().await;
    let a = register(&t, "noord", "Anna", "2026-04-27T08:00:00Z").await;
    let b = register(&t, "noord", "Bert", "2026-04-29T08:00:00Z").await;
    let c = register(&t, "noord", "Cor", "2026-04-30T08:00:00Z").await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let refs = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reference"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = api.get("/api/v1/complaints?limit=2").await.body;
    assert_eq!(refs(&first), [a.clone(), b]);
    let next = first["next"].as_str().expect("a next page");
    let second = api
        .get(&format!("/api/v1/complaints?limit=2&after={next}"))
        .await
        .body;
    assert_eq!(refs(&second), [c]);
    assert!(second["next"].is_null());

    let overdue = api.get("/api/v1/complaints?overdue=true").await.body;
    assert_eq!(refs(&overdue), [a.as_str()], "{overdue}");
    assert_eq!(overdue["items"][0]["next_deadline"]["overdue"], true);
    let state = api
        .get("/api/v1/complaints?state=in_progress&region=noord")
        .await
        .body;
    assert_eq!(refs(&state).len(), 3);
    let bad = api.get("/api/v1/complaints?state=nergens&after=x").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body["fields"]["state"].is_string() && bad.body["fields"]["after"].is_string());

    // The office queue's other filters: search, handler, channel, category.
    let found = api.get("/api/v1/complaints?q=Bert").await.body;
    assert_eq!(refs(&found).len(), 1, "{found}");
    let by_reference = api.get(&format!("/api/v1/complaints?q={a}")).await.body;
    assert_eq!(refs(&by_reference), [a.as_str()]);
    let unassigned = api.get("/api/v1/complaints?handler=unassigned").await.body;
    assert_eq!(refs(&unassigned).len(), 3);
    let mine = api.get("/api/v1/complaints?handler=mine").await.body;
    assert!(refs(&mine).is_empty());
    let web = api
        .get("/api/v1/complaints?channel=web&category=bejegening")
        .await
        .body;
    assert_eq!(refs(&web).len(), 3);
    let letters = api.get("/api/v1/complaints?channel=letter").await.body;
    assert!(refs(&letters).is_empty());
    let bad = api
        .get("/api/v1/complaints?handler=iemand&channel=duif")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body["fields"]["handler"].is_string() && bad.body["fields"]["channel"].is_string());
}

#[tokio::test]
async fn api_registration_is_idempotent_with_a_key_and_answers_its_location() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let body = json!({
        "channel": "in_person", "received_at": "2026-04-20T11:00:00+02:00",
        "complainant": { "name": "Dirk de Boer", "email": "dirk@example.nl" },
        "region": "noord", "category": "bejegening", "description": "Aan de balie verteld.",
    });
    let first = api
        .post_with_key("/api/v1/complaints", body.clone(), "call-1")
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let reference = first.body["reference"].as_str().unwrap();
    let location = first.headers["location"].to_str().unwrap();
    assert_eq!(location, format!("/api/v1/complaints/{reference}"));
    let again = api
        .post_with_key("/api/v1/complaints", body, "call-1")
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["reference"], reference);
    let c = api.get(location).await.body;
    assert_eq!(c["channel"], "in_person");
    assert!(
        c["assignee"].is_null(),
        "a director does not become the assignee"
    );
}

/// Asserts that `value` has every property `schema` (in the OpenAPI document) requires.
fn assert_required(doc: &Value, schema: &str, value: &Value) {
    let required = doc["components"]["schemas"][schema]["required"]
        .as_array()
        .unwrap_or_else(|| panic!("{schema} lists what it requires"));
    for name in required {
        let name = name.as_str().unwrap();
        assert!(
            value.get(name).is_some(),
            "{schema}.{name} missing in {value}"
        );
    }
}

#[tokio::test]
async fn api_answers_carry_every_property_the_openapi_document_requires() {
    let t = TestApp::spawn().await;
    let (_, text) = t.get("/api/v1/openapi.json").await;
    let doc: Value = serde_json::from_str(&text).unwrap();
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    api.step(&reference, "answer", answer_body("2026-05-01"))
        .await;
    drain(&t).await;
    let c = api
        .get(&format!("/api/v1/complaints/{reference}"))
        .await
        .body;
    assert_required(&doc, "Complaint", &c);
    assert_required(&doc, "Deadline", &c["deadlines"][0]);
    assert_required(&doc, "Explanation", &c["deadlines"][0]["explanation"]["nl"]);
    assert_required(&doc, "Event", &c["events"][0]);
    assert_required(&doc, "Actor", &c["events"][0]["actor"]);
    assert_required(&doc, "Letter", &c["letters"][0]);
    let page = api.get("/api/v1/complaints").await.body;
    assert_required(&doc, "QueuePage", &page);
    assert_required(&doc, "QueueRow", &page["items"][0]);
    let refused = api
        .post(
            &format!("/api/v1/complaints/{reference}/answer"),
            answer_body("2026-05-01"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_required(&doc, "Error", &refused.body);
    let invalid = api
        .post(
            &format!("/api/v1/complaints/{reference}/contact"),
            json!({}),
        )
        .await;
    assert_required(&doc, "ValidationError", &invalid.body);
}
