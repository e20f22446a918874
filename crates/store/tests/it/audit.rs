//! `verify_audit` on a clean log and after an attacker with database access edits it.

use store::*;

use crate::helpers::*;

/// Three complaints; the second gets events 2..=4. Returns its id.
async fn seed(db: &TestDb) -> ComplaintId {
    let (a, b, c) = (complaint(2026), complaint(2026), complaint(2027));
    db.store
        .create_complaints(vec![a, b.clone(), c])
        .await
        .unwrap();
    let events = vec![
        event("acknowledged", "1"),
        event("assigned", "2"),
        event("answered", "3"),
    ];
    let p = projection("noord", "answered", None);
    db.store.append(b.id, 1, events, p, vec![]).await.unwrap();
    b.id
}

/// The problems, as (complaint, seq, what).
async fn problems(db: &TestDb) -> Vec<(Option<ComplaintId>, Option<i64>, String)> {
    let report = db.store.verify_audit().await.unwrap();
    report
        .problems
        .into_iter()
        .map(|p| (p.complaint_id, p.seq, p.what))
        .collect()
}

conformance_test!(a_clean_log_verifies);
async fn a_clean_log_verifies(db: &TestDb) {
    assert_eq!(
        db.store.verify_audit().await.unwrap(),
        AuditReport::default()
    );
    seed(db).await;
    let report = db.store.verify_audit().await.unwrap();
    assert_eq!((report.complaints, report.events), (3, 6));
    assert!(report.is_clean(), "{:?}", report.problems);
}

conformance_test!(an_edited_payload_is_detected);
async fn an_edited_payload_is_detected(db: &TestDb) {
    let id = seed(db).await;
    db.tamper(&format!(
        "UPDATE events SET payload = '{{\"text\":\"forged\"}}' WHERE complaint_id = '{id}' AND seq = 3"
    ))
    .await;
    let found = problems(db).await;
    assert_eq!(
        found,
        [(
            Some(id),
            Some(3),
            "event 3: hash mismatch (payload or metadata edited)".into()
        )]
    );
    let report = db.store.verify_audit().await.unwrap();
    assert_eq!(report.problems[0].reference, Some(reference(2026, 2)));
}

conformance_test!(a_deleted_event_is_detected);
async fn a_deleted_event_is_detected(db: &TestDb) {
    let id = seed(db).await;
    db.tamper(&format!(
        "DELETE FROM events WHERE complaint_id = '{id}' AND seq = 2"
    ))
    .await;
    assert_eq!(
        problems(db).await,
        [(
            Some(id),
            Some(2),
            "event 2 missing (sequence jumps from 1 to 3)".into()
        )]
    );
}

conformance_test!(swapped_events_are_detected);
async fn swapped_events_are_detected(db: &TestDb) {
    let id = seed(db).await;
    db.tamper(&format!(
        "UPDATE events SET seq = 1000 WHERE complaint_id = '{id}' AND seq = 2; \
         UPDATE events SET seq = 2 WHERE complaint_id = '{id}' AND seq = 3; \
         UPDATE events SET seq = 3 WHERE complaint_id = '{id}' AND seq = 1000;"
    ))
    .await;
    let found = problems(db).await;
    let what = "event 2: prev_hash does not match event 1 (reordered or replaced)";
    assert_eq!(found[0], (Some(id), Some(2), what.into()), "{found:?}");
    assert!(found.iter().all(|p| p.0 == Some(id)));
}

conformance_test!(a_truncated_log_and_a_deleted_complaint_are_detected);
async fn a_truncated_log_and_a_deleted_complaint_are_detected(db: &TestDb) {
    let id = seed(db).await;
    db.tamper(&format!(
        "DELETE FROM events WHERE complaint_id = '{id}' AND seq = 4"
    ))
    .await;
    assert_eq!(
        problems(db).await,
        [(
            Some(id),
            Some(4),
            "projection seq 4 but last event 3".into()
        )]
    );

    let gone = create(db, complaint(2027)).await;
    db.tamper(&format!(
        "DELETE FROM events WHERE complaint_id = '{0}'; DELETE FROM complaints WHERE id = '{0}';",
        gone.id
    ))
    .await;
    let found = problems(db).await;
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[1]
            .2
            .starts_with("year 2027: 2 references issued but 1 complaints present")
    );
}

/// A complaint whose first event records its own reference, as the app's registration does.
fn self_referencing(year: i16) -> PendingComplaint {
    let template = complaint(year);
    PendingComplaint {
        id: template.id,
        year,
        idempotency_key: None,
        attachments: Vec::new(),
        build: std::sync::Arc::new(move |r| {
            let mut first = template.events[0].clone();
            first.payload = serde_json::json!({ "reference": r.to_string(), "text": "x" });
            Ok(Contents {
                events: vec![first],
                projection: template.projection.clone(),
                jobs: vec![],
            })
        }),
    }
}

conformance_test!(swapped_references_are_detected);
async fn swapped_references_are_detected(db: &TestDb) {
    let (a, b) = (self_referencing(2026), self_referencing(2026));
    db.store.create_pending(vec![a, b]).await.unwrap();
    assert!(db.store.verify_audit().await.unwrap().is_clean());
    // The reference columns are not part of the chain; the first event's record of them is.
    db.raw(
        "UPDATE complaints SET ref_number = ref_number + 100 WHERE ref_number = 1;
         UPDATE complaints SET ref_number = 1 WHERE ref_number = 2;
         UPDATE complaints SET ref_number = 2 WHERE ref_number = 101;",
    )
    .await
    .unwrap();
    let found = problems(db).await;
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(_, seq, what)| *seq == Some(1) && what.contains("records reference")),
        "{found:?}"
    );
}
