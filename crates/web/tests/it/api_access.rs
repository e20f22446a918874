//! Who may call the JSON API, and the shape of its answers when a request cannot be served:
//! 401 without a valid token, 403 for a lezer's step, 404 for another region, 409 for a step
//! the procedure refuses, 422 naming the fields that are not right.

use domain::complaint::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::api_fixtures::*;
use crate::helpers::TestApp;
use crate::office_fixtures::register;

#[tokio::test]
async fn api_without_a_valid_token_is_401_with_a_bearer_challenge() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-30T08:00:00Z").await;
    let client = reqwest::Client::new();
    for request in [
        client.get(t.url("/api/v1/complaints")),
        client.get(t.url(&format!("/api/v1/complaints/{reference}"))),
        client
            .get(t.url("/api/v1/complaints"))
            .bearer_auth("0".repeat(64)),
        client
            .get(t.url("/api/v1/complaints"))
            .header("authorization", format!("Basic {}", api.token)),
        client
            .post(t.url(&format!("/api/v1/complaints/{reference}/contact")))
            .body("{}"),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let challenge = response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(challenge.starts_with("Bearer"), "{challenge}");
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(body["error"], "unauthorized");
    }

    // A staff session cookie is not a credential here.
    let browser = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let response = browser
        .get(t.url("/api/v1/complaints"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // A revoked token stops working.
    assert_eq!(api.get("/api/v1/complaints").await.status, StatusCode::OK);
    assert!(
        t.accounts()
            .revoke_api_token(api.user.id, "koppeling")
            .await
            .unwrap()
    );
    assert_eq!(
        api.get("/api/v1/complaints").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn api_lezer_reads_but_every_post_is_403() {
    let t = TestApp::spawn().await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-30T08:00:00Z").await;
    let lezer = api_as(&t, Role::Lezer, &[]).await;
    let c = lezer.get(&format!("/api/v1/complaints/{reference}")).await;
    assert_eq!(c.status, StatusCode::OK);
    assert_eq!(
        actions(&c.body),
        Vec::<String>::new(),
        "nothing to offer a reader"
    );

    let step = lezer
        .post(
            &format!("/api/v1/complaints/{reference}/contact"),
            json!({ "via": "phone", "contacted_at": now(&t) }),
        )
        .await;
    assert_eq!(step.status, StatusCode::FORBIDDEN, "{}", step.body);
    assert_eq!(step.body["error"], "forbidden");
    let registration = lezer.post("/api/v1/complaints", json!({})).await;
    assert_eq!(registration.status, StatusCode::FORBIDDEN);
    let loaded = t.app.load(reference.parse().unwrap()).await.unwrap();
    assert_eq!(loaded.events.len(), 1, "nothing was recorded");
}

#[tokio::test]
async fn api_complaint_of_another_region_is_404_like_an_unknown_one() {
    let t = TestApp::spawn().await;
    let zuid = register(&t, "zuid", "Bert Bakker", "2026-04-30T08:00:00Z").await;
    let noord = register(&t, "noord", "Anna de Vries", "2026-04-30T08:00:00Z").await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;

    let unknown = api.get("/api/v1/complaints/K-2026-999999").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.body["error"], "not_found");
    let malformed = api.get("/api/v1/complaints/niets").await;
    assert_eq!(malformed.status, StatusCode::NOT_FOUND);
    let other = api.get(&format!("/api/v1/complaints/{zuid}")).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(other.body, unknown.body, "indistinguishable");
    let step = api
        .post(
            &format!("/api/v1/complaints/{zuid}/contact"),
            json!({ "via": "phone", "contacted_at": now(&t) }),
        )
        .await;
    assert_eq!(step.status, StatusCode::NOT_FOUND);
    let unknown_path = api.get("/api/v1/klachten").await;
    assert_eq!(unknown_path.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_path.body["error"], "not_found");

    // The queue lists only noord; asking for zuid is refused like an unknown region.
    let list = api.get("/api/v1/complaints").await;
    assert_eq!(list.status, StatusCode::OK);
    let refs: Vec<&str> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, [noord.as_str()]);
    let zuid_list = api.get("/api/v1/complaints?region=zuid").await;
    assert_eq!(zuid_list.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(zuid_list.body["fields"]["region"], "unknown region");

    // Registering in another region is refused the same way.
    let registration = api
        .post(
            "/api/v1/complaints",
            json!({
                "channel": "letter", "received_at": "2026-04-28T09:00:00+02:00",
                "complainant": { "name": "C. Cohen", "address": "Dorpsstraat 1\n1234 AB Ergens" , "phone": "0201234567"},
                "region": "zuid", "category": "bejegening", "description": "Brief over de bus.",
            }),
        )
        .await;
    assert_eq!(registration.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(registration.body["fields"]["region"], "unknown region");
}

#[tokio::test]
async fn api_refused_step_is_409_with_its_code_and_a_readable_sentence() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    let contact = json!({ "via": "email", "contacted_at": now(&t) });
    api.step(&reference, "contact", contact.clone()).await;
    let again = api
        .post(&format!("/api/v1/complaints/{reference}/contact"), contact)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.body["error"], "already_contacted");
    assert_eq!(
        again.body["message"],
        "Het eerste contact met de klager is al vastgelegd."
    );
    assert_eq!(
        again.body["message_en"],
        "The first contact with the complainant has already been recorded."
    );

    // What the procedure requires of the content is the domain's to refuse, all at once.
    let incomplete = api
        .post(
            &format!("/api/v1/complaints/{reference}/answer"),
            json!({ "letter_date": "2026-05-01", "proposed_solution": "Excuses." }),
        )
        .await;
    assert_eq!(incomplete.status, StatusCode::CONFLICT);
    assert_eq!(incomplete.body["error"], "answer_incomplete");
    let message = incomplete.body["message"].as_str().unwrap();
    assert!(
        message.contains("de klacht zoals wij die begrijpen")
            && message.contains("de verdere procedure"),
        "{message}"
    );

    let objection = api
        .post(
            &format!("/api/v1/complaints/{reference}/hearing-offer"),
            json!({ "forms": ["phone"], "proposed_moments": ["2026-05-08T10:00:00+02:00"] }),
        )
        .await;
    assert_eq!(objection.status, StatusCode::CONFLICT);
    assert_eq!(objection.body["error"], "not_allowed_in_status");
    assert!(
        objection.body["message_en"]
            .as_str()
            .unwrap()
            .contains("in progress")
    );
}

#[tokio::test]
async fn api_invalid_body_is_422_naming_each_field() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    let path = format!("/api/v1/complaints/{reference}/contact");

    let bad = api
        .post(
            &path,
            json!({ "via": "fax", "contacted_at": "gisteren", "note": 3 }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.body["error"], "validation");
    assert!(bad.body["message"].is_string());
    let fields = bad.body["fields"].as_object().unwrap();
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(names, ["contacted_at", "note", "via"]);
    assert_eq!(fields["via"], "must be one of: phone, email");

    let missing = api.post(&path, json!({})).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.body["fields"]["contacted_at"], "is required");

    let not_json = api.client_post_raw(&path, "{niet json").await;
    assert_eq!(not_json.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_json.body["fields"]["body"].is_string());

    let registration = api
        .post(
            "/api/v1/complaints",
            json!({ "channel": "web", "received_at": "2026-04-30", "complainant": { "name": "", "email": "geen-adres" } }),
        )
        .await;
    assert_eq!(registration.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = registration.body["fields"].as_object().unwrap();
    for name in [
        "channel",
        "received_at",
        "complainant.name",
        "complainant.email",
        "region",
        "category",
        "description",
    ] {
        assert!(fields.contains_key(name), "{name} in {fields:?}");
    }
    assert_eq!(
        t.app.store().count_open().await.unwrap(),
        1,
        "only the first complaint exists"
    );
}

#[tokio::test]
async fn api_openapi_document_is_served_without_a_token() {
    let t = TestApp::spawn().await;
    let response = reqwest::get(t.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let doc: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
}

#[tokio::test]
async fn api_serves_every_route_the_openapi_document_lists() {
    let t = TestApp::spawn().await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-30T08:00:00Z").await;
    let (_, text) = t.get("/api/v1/openapi.json").await;
    let doc: Value = serde_json::from_str(&text).unwrap();
    let client = reqwest::Client::new();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let url = t.url(&path.replace("{reference}", &reference));
        for method in item.as_object().unwrap().keys() {
            let request = match method.as_str() {
                "get" => client.get(&url),
                "post" => client.post(&url).body("{}"),
                other => panic!("unexpected method {other}"),
            };
            let status = request.send().await.unwrap().status();
            let public = path == "/api/v1/openapi.json";
            let expected = if public {
                StatusCode::OK
            } else {
                StatusCode::UNAUTHORIZED
            };
            assert_eq!(status, expected, "{method} {path}");
            checked += 1;
        }
    }
    assert_eq!(checked, 18);
}
