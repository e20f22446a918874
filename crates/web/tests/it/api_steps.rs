//! The steps beside the two main paths, over the API: a late objection taken up, an extension
//! with its letter, reassignment, withdrawal and closing as not a complaint.

use domain::complaint::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::api_fixtures::*;
use crate::helpers::TestApp;

#[tokio::test]
async fn api_late_objection_is_registered_flagged_and_taken_up_by_the_director() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    api.step(&reference, "answer", answer_body("2026-05-01"))
        .await;
    t.advance_secs(20 * 24 * 3600);
    let c = api
        .step(
            &reference,
            "objection",
            json!({ "via": "email", "received_at": now(&t), "text": "Toch niet eens." }),
        )
        .await;
    assert_eq!(c["status"], "late_objection_pending");
    let objection = c["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(objection["data"]["late"], true, "{objection}");

    let handler_try = api
        .post(
            &format!("/api/v1/complaints/{reference}/late-objection"),
            json!({ "take_up": true, "reason": "Klager was ziek." }),
        )
        .await;
    assert_eq!(handler_try.status, StatusCode::FORBIDDEN);
    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let missing = director
        .post(
            &format!("/api/v1/complaints/{reference}/late-objection"),
            json!({ "reason": "Klager was ziek." }),
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body["fields"]["take_up"].is_string());
    let c = director
        .step(
            &reference,
            "late-objection",
            json!({ "take_up": true, "reason": "Klager was ziek." }),
        )
        .await;
    assert_eq!(c["status"], "objection_received");
}

#[tokio::test]
async fn api_extension_moves_the_deadline_with_a_reason_and_queues_its_letter() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    let before = api
        .get(&format!("/api/v1/complaints/{reference}"))
        .await
        .body;
    let end = |c: &serde_json::Value| {
        c["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["kind"] == "answer")
            .map(|d| d["end"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert!(
        before["extendable_deadlines"]
            .as_array()
            .unwrap()
            .contains(&json!("answer"))
    );

    let both = api
        .post(
            &format!("/api/v1/complaints/{reference}/extension"),
            json!({ "deadline": "answer", "new_end": "2026-06-01", "new_term": "4 weken", "reason": "x" }),
        )
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_reason = api
        .post(
            &format!("/api/v1/complaints/{reference}/extension"),
            json!({ "deadline": "answer", "new_term": "4 weken" }),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::CONFLICT, "{}", no_reason.body);
    assert_eq!(no_reason.body["error"], "reason_required");

    let c = api
        .step(
            &reference,
            "extension",
            json!({ "deadline": "answer", "new_term": "4 weken", "reason": "De behandelaar is ziek." }),
        )
        .await;
    assert!(end(&c) > end(&before), "{} after {}", end(&c), end(&before));
    let answer = c["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "answer")
        .unwrap()
        .clone();
    assert_eq!(
        answer["explanation"]["extensions"][0]["reason"],
        "De behandelaar is ziek."
    );
    drain(&t).await;
    assert_eq!(letter_kinds(&t, &reference).await, ["extension"]);
}

#[tokio::test]
async fn api_reassigns_only_to_staff_of_the_complaints_region() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let colleague = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let elsewhere = t.staff_user(Role::Klachtbehandelaar, &["zuid"]).await;
    let reference = api.register_by_phone().await;
    let refused = api
        .post(
            &format!("/api/v1/complaints/{reference}/reassign"),
            json!({ "assignee": elsewhere.id.to_string() }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body["fields"]["assignee"].is_string());
    let c = api
        .step(
            &reference,
            "reassign",
            json!({ "assignee": colleague.id.to_string() }),
        )
        .await;
    assert_eq!(c["assignee"]["id"], colleague.id.to_string());
    assert_eq!(c["assignee"]["name"], colleague.name);
}

#[tokio::test]
async fn api_withdrawal_and_not_a_complaint_close_the_complaint() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let first = api.register_by_phone().await;
    let c = api
        .step(
            &first,
            "withdrawal",
            json!({ "reason": "Opgelost met de chauffeur." }),
        )
        .await;
    assert_eq!(c["status"], "closed_withdrawn");
    let again = api
        .post(&format!("/api/v1/complaints/{first}/withdrawal"), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body["error"], "complaint_closed");

    let second = api.register_by_phone().await;
    let no_referral = api
        .post(
            &format!("/api/v1/complaints/{second}/not-a-complaint"),
            json!({ "reason": "Schadeclaim." }),
        )
        .await;
    assert_eq!(no_referral.status, StatusCode::CONFLICT);
    assert_eq!(no_referral.body["error"], "referral_required");
    let c = api
        .step(
            &second,
            "not-a-complaint",
            json!({ "reason": "Schadeclaim.", "referral": "De afdeling schadeafhandeling." }),
        )
        .await;
    assert_eq!(c["status"], "closed_not_a_complaint");
}
