//! The whole procedure over the JSON API, on both main paths and the closure without an
//! objection; the letters the steps queue are rendered by the worker, as from the office.

use domain::complaint::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::api_fixtures::*;
use crate::helpers::TestApp;

/// Answers `reference` (dated today, Fri 1 May 2026), then three days later registers an
/// objection by letter received then.
pub async fn answered_and_objected(t: &TestApp, api: &Api<'_>, reference: &str) {
    api.step(
        reference,
        "contact",
        json!({ "via": "phone", "contacted_at": "2026-05-01T09:45:00+02:00", "note": "Teruggebeld" }),
    )
    .await;
    api.step(reference, "answer", answer_body("2026-05-01"))
        .await;
    t.advance_secs(3 * 24 * 3600);
    let c = api
        .step(
            reference,
            "objection",
            json!({ "via": "letter", "received_at": now(t), "text": "Ik ben het er niet mee eens." }),
        )
        .await;
    assert_eq!(c["status"], "objection_received");
}

#[tokio::test]
async fn api_walks_a_phone_complaint_to_a_settlement_confirmed_by_both_parties() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;

    let c = api.get(&format!("/api/v1/complaints/{reference}")).await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.body);
    let c = c.body;
    assert_eq!(c["status"], "in_progress");
    assert_eq!(c["channel"], "phone");
    assert_eq!(
        c["received_at"], "2026-04-30T13:00:00Z",
        "received in the past"
    );
    assert_eq!(c["complainant"]["name"], "Jan Jansen");
    assert_eq!(
        c["assignee"]["id"],
        api.user.id.to_string(),
        "a registering handler is assignee"
    );
    let kinds: Vec<&str> = c["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["contact", "answer"]);
    let contact = &c["deadlines"][0];
    assert_eq!(contact["who"], "handler");
    assert!(
        contact["explanation"]["nl"]["rule"]
            .as_str()
            .unwrap()
            .contains("werkdagen"),
        "{contact}"
    );
    assert!(contact["explanation"]["computation"]["end"].is_string());
    let now_allowed = actions(&c);
    assert!(
        now_allowed.contains(&"contact".into()) && now_allowed.contains(&"answer".into()),
        "{now_allowed:?}"
    );
    assert!(!now_allowed.contains(&"decision".into()), "{now_allowed:?}");
    let registered = &c["events"][0];
    assert_eq!(registered["kind"], "complaint_registered");
    assert_eq!(registered["actor"]["type"], "staff");
    assert_eq!(registered["actor"]["role"], "klachtbehandelaar");
    assert_eq!(registered["actor"]["name"], "Test klachtbehandelaar");
    assert_eq!(registered["occurred_at"], "2026-04-30T13:00:00Z");

    answered_and_objected(&t, &api, &reference).await;
    let c = api
        .step(
            &reference,
            "hearing-offer",
            json!({
                "forms": ["phone", "office"],
                "proposed_moments": ["2026-05-07T10:00:00+02:00", "2026-05-08T14:00:00+02:00"],
            }),
        )
        .await;
    assert_eq!(c["status"], "hearing_offered");
    assert!(actions(&c).contains(&"hearing-choice".into()));
    let c = api
        .step(
            &reference,
            "hearing-choice",
            json!({ "choice": "accept", "form": "office", "moment": "2026-05-07T08:00:00Z" }),
        )
        .await;
    assert_eq!(c["status"], "hearing_scheduled");

    t.advance_secs(3 * 24 * 3600 + 2 * 3600);
    let c = api
        .step(
            &reference,
            "hearing",
            json!({
                "held_on": "2026-05-07",
                "form": "office",
                "attendees": ["Jan Jansen", "Test klachtbehandelaar"],
                "complainant_account": "De chauffeur snauwde.",
                "complainant_reaction": "Excuses zijn genoeg.",
                "outcome": "settled",
                "settlement": "Schriftelijke excuses van de regio.",
            }),
        )
        .await;
    assert_eq!(c["status"], "settlement_pending");
    assert_eq!(
        c["settlement_confirmations"],
        json!(["organisation", "complainant"])
    );
    api.step(&reference, "settlement", json!({ "party": "organisation" }))
        .await;
    let c = api
        .step(&reference, "settlement", json!({ "party": "complainant" }))
        .await;
    assert_eq!(c["status"], "closed_settled");
    assert_eq!(c["closed"], true);
    assert_eq!(actions(&c), Vec::<String>::new());
    let kinds = event_kinds(&c);
    for kind in [
        "first_contact_logged",
        "answer_issued",
        "objection_registered",
        "hearing_offered",
        "hearing_scheduled",
        "hearing_recorded",
        "settlement_confirmed",
        "complaint_settled",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} in {kinds:?}");
    }

    drain(&t).await;
    assert_eq!(
        letter_kinds(&t, &reference).await,
        [
            "answer",
            "hearing_invitation",
            "hearing_record",
            "settlement"
        ]
    );
    let c = api
        .get(&format!("/api/v1/complaints/{reference}"))
        .await
        .body;
    assert_eq!(
        c["letters"].as_array().unwrap().len(),
        4,
        "{}",
        c["letters"]
    );
    // The letters as the complainant reads them, with their dates: the answer dated Friday
    // 1 May (15 days later is Saturday 16 May: the last day to object is Monday 18 May), the
    // invitation of Monday 4 May (answer within a week: Monday 11 May), the record and the
    // settlement of the hearing on Thursday 7 May.
    assert_letter(
        &t,
        &reference,
        "answer",
        &[
            &format!("Ons kenmerk: {reference}"),
            ", 1 mei 2026",
            "Op 30 april 2026 hebben wij uw klacht ontvangen",
            "U vond de chauffeur onbeleefd.",
            "Wij bieden excuses aan.",
            "De laatste dag daarvoor is maandag 18 mei 2026",
        ],
    )
    .await;
    assert_letter(
        &t,
        &reference,
        "hearing_invitation",
        &[
            ", 4 mei 2026",
            "Op 4 mei 2026 hebben wij uw bezwaar ontvangen",
            "donderdag 7 mei 2026, 10.00 uur",
            "vrijdag 8 mei 2026, 14.00 uur",
            "uiterlijk op maandag 11 mei 2026",
        ],
    )
    .await;
    assert_letter(
        &t,
        &reference,
        "hearing_record",
        &[
            ", 7 mei 2026",
            "Op donderdag 7 mei 2026 heeft u uw bezwaar mondeling toegelicht",
            "De chauffeur snauwde.",
            "Excuses zijn genoeg.",
        ],
    )
    .await;
    assert_letter(
        &t,
        &reference,
        "settlement",
        &[
            "Op donderdag 7 mei 2026 heeft u uw bezwaar op ons kantoor mondeling toegelicht",
            "Schriftelijke excuses van de regio.",
            "Voor akkoord, klager",
        ],
    )
    .await;
}

#[tokio::test]
async fn api_walks_a_declined_hearing_to_a_final_decision_by_the_regional_director() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    answered_and_objected(&t, &api, &reference).await;
    api.step(
        &reference,
        "hearing-offer",
        json!({ "forms": ["phone"], "proposed_moments": ["2026-05-08T10:00:00+02:00"] }),
    )
    .await;
    let c = api
        .step(
            &reference,
            "hearing-choice",
            json!({ "choice": "decline", "reason": "Belde om te zeggen dat een gesprek niet hoeft." }),
        )
        .await;
    assert_eq!(c["status"], "awaiting_final_decision");
    assert!(
        !actions(&c).contains(&"decision".into()),
        "management's step alone"
    );

    let decision = json!({ "letter_date": "2026-05-04", "text": "De klacht is gegrond; wij passen de instructie aan." });
    let refused = api
        .post(
            &format!("/api/v1/complaints/{reference}/decision"),
            decision.clone(),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(refused.body["error"], "actor_not_allowed");

    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let c = director
        .get(&format!("/api/v1/complaints/{reference}"))
        .await
        .body;
    assert!(actions(&c).contains(&"decision".into()), "{}", c["actions"]);
    let c = director.step(&reference, "decision", decision).await;
    assert_eq!(c["status"], "closed_decided");
    let last = c["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "final_decision_issued");
    assert_eq!(last["actor"]["role"], "regiodirecteur");
    assert_eq!(last["actor"]["user_id"], director.user.id.to_string());

    drain(&t).await;
    assert_eq!(
        letter_kinds(&t, &reference).await,
        ["answer", "final_decision", "hearing_invitation"]
    );
    assert_letter(
        &t,
        &reference,
        "final_decision",
        &[
            &format!("Ons kenmerk: {reference}"),
            ", 4 mei 2026",
            "Op 4 mei 2026 hebben wij uw bezwaar ontvangen",
            "geen gebruik te maken van de gelegenheid",
            "De klacht is gegrond; wij passen de instructie aan.",
        ],
    )
    .await;
}

#[tokio::test]
async fn api_complaint_without_objection_closes_when_the_window_lapses() {
    let t = TestApp::spawn().await;
    let api = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let reference = api.register_by_phone().await;
    let c = api
        .step(&reference, "answer", answer_body("2026-05-01"))
        .await;
    assert_eq!(c["status"], "answered");
    let objection = c["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "objection")
        .cloned()
        .expect("the objection window runs");
    assert_eq!(objection["who"], "complainant");

    t.advance_secs(30 * 24 * 3600);
    drain(&t).await;
    let c = api
        .get(&format!("/api/v1/complaints/{reference}"))
        .await
        .body;
    assert_eq!(c["status"], "closed_handled", "{}", c["events"]);
    let last = c["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["actor"]["type"], "system");
    assert_eq!(letter_kinds(&t, &reference).await, ["answer", "closed"]);
}
