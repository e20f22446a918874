//! Creating, reading and appending to complaints.

use jiff::SignedDuration;
use store::*;

use crate::helpers::*;

conformance_test!(a_created_complaint_reads_back_by_id_and_by_reference);
async fn a_created_complaint_reads_back_by_id_and_by_reference(db: &TestDb) {
    db.store.ping().await.unwrap();
    let nc = complaint(2026);
    let created = create(db, nc.clone()).await;
    assert_eq!(created.id, nc.id);
    assert_eq!(created.reference, reference(2026, 1));
    assert_eq!(created.reference.to_string(), "K-2026-000001");
    assert!(!created.existed);

    let record = db.store.complaint(nc.id).await.unwrap().unwrap();
    assert_eq!(record.reference, created.reference);
    assert_eq!(record.seq, 1);
    assert_eq!(record.projection, nc.projection);
    let by_ref = db
        .store
        .complaint_by_reference(created.reference)
        .await
        .unwrap();
    assert_eq!(by_ref, Some(record));

    let events = db.store.events(nc.id).await.unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!((e.complaint_id, e.seq), (nc.id, 1));
    assert_eq!(e.kind, nc.events[0].kind);
    assert_eq!(e.payload, nc.events[0].payload);
    assert_eq!(e.at, nc.events[0].at, "microseconds survive");
    assert_eq!(e.prev_hash, store::hash::GENESIS);
    assert_eq!(e.hash.len(), 64);

    let missing = uuid::Uuid::new_v4();
    assert_eq!(db.store.complaint(missing).await.unwrap(), None);
    assert!(db.store.events(missing).await.unwrap().is_empty());
    let unknown = reference(2026, 99);
    assert_eq!(
        db.store.complaint_by_reference(unknown).await.unwrap(),
        None
    );
}

conformance_test!(a_known_idempotency_key_returns_the_existing_complaint_and_writes_nothing);
async fn a_known_idempotency_key_returns_the_existing_complaint_and_writes_nothing(db: &TestDb) {
    let mut first = complaint(2026);
    first.idempotency_key = Some("form-123".into());
    let created = create(db, first.clone()).await;

    let mut again = complaint(2026);
    again.idempotency_key = Some("form-123".into());
    let mut twice_in_one_batch = complaint(2026);
    twice_in_one_batch.idempotency_key = Some("form-456".into());
    let mut twin = complaint(2026);
    twin.idempotency_key = Some("form-456".into());
    let out = db
        .store
        .create_complaints(vec![
            again.clone(),
            twice_in_one_batch.clone(),
            twin.clone(),
        ])
        .await
        .unwrap();

    assert_eq!(
        out[0],
        Created {
            existed: true,
            ..created
        }
    );
    assert_eq!(
        (out[1].reference, out[1].existed),
        (reference(2026, 2), false)
    );
    assert_eq!(
        out[2],
        Created {
            existed: true,
            ..out[1]
        }
    );
    assert_eq!(db.store.complaint(again.id).await.unwrap(), None);
    assert_eq!(db.store.complaint(twin.id).await.unwrap(), None);
    assert_eq!(db.store.count_open().await.unwrap(), 2);
    let next = create(db, complaint(2026)).await;
    assert_eq!(
        next.reference,
        reference(2026, 3),
        "no number was used for a resubmission"
    );
}

conformance_test!(append_adds_events_replaces_the_projection_and_queues_jobs);
async fn append_adds_events_replaces_the_projection_and_queues_jobs(db: &TestDb) {
    let nc = complaint(2026);
    create(db, nc.clone()).await;
    let mut p = projection("zuid", "acknowledged", Some("2026-04-01"));
    p.assignee = Some("behandelaar-7".into());
    p.overdue_since = Some(day("2026-03-20"));
    let events = vec![event("acknowledged", "ontvangen"), event("assigned", "b7")];
    let jobs = vec![job("send_acknowledgement", None)];
    db.store
        .append(nc.id, 1, events, p.clone(), jobs)
        .await
        .unwrap();

    let record = db.store.complaint(nc.id).await.unwrap().unwrap();
    assert_eq!(record.seq, 3);
    assert_eq!(record.projection, p);
    let stored = db.store.events(nc.id).await.unwrap();
    let seqs: Vec<i64> = stored.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(stored[1].prev_hash, stored[0].hash);
    assert_eq!(stored[2].prev_hash, stored[1].hash);

    let claimed = claim_all(db).await;
    let kinds: Vec<&str> = claimed.iter().map(|j| j.kind.as_str()).collect();
    assert_eq!(kinds, ["send_receipt", "send_acknowledgement"]);
}

conformance_test!(append_with_a_stale_seq_is_a_conflict_and_writes_nothing);
async fn append_with_a_stale_seq_is_a_conflict_and_writes_nothing(db: &TestDb) {
    let nc = complaint(2026);
    create(db, nc.clone()).await;
    let p2 = projection("noord", "acknowledged", None);
    let first = vec![event("acknowledged", "")];
    db.store
        .append(nc.id, 1, first, p2.clone(), vec![])
        .await
        .unwrap();

    let stale = db
        .store
        .append(
            nc.id,
            1,
            vec![event("withdrawn", "")],
            projection("noord", "withdrawn", None),
            vec![job("send_withdrawal", None)],
        )
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let record = db.store.complaint(nc.id).await.unwrap().unwrap();
    assert_eq!((record.seq, record.projection), (2, p2));
    assert_eq!(db.store.events(nc.id).await.unwrap().len(), 2);
    let kinds: Vec<String> = claim_all(db).await.into_iter().map(|j| j.kind).collect();
    assert_eq!(
        kinds,
        ["send_receipt"],
        "the conflicting append queued no job"
    );

    let ahead = db
        .store
        .append(nc.id, 5, vec![], projection("x", "y", None), vec![])
        .await;
    assert!(matches!(ahead, Err(StoreError::Conflict { .. })));
    let unknown = uuid::Uuid::new_v4();
    let missing = db
        .store
        .append(unknown, 0, vec![], projection("x", "y", None), vec![])
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

conformance_test!(a_failed_batch_writes_nothing_and_uses_no_reference);
async fn a_failed_batch_writes_nothing_and_uses_no_reference(db: &TestDb) {
    let good = complaint(2026);
    let mut clash = complaint(2026);
    clash.id = good.id; // the second insert violates the primary key
    let err = db
        .store
        .create_complaints(vec![good.clone(), clash])
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateKey(constraint::COMPLAINT_ID)),
        "{err:?}"
    );

    assert_eq!(db.store.complaint(good.id).await.unwrap(), None);
    assert!(db.store.events(good.id).await.unwrap().is_empty());
    assert_eq!(db.store.count_open().await.unwrap(), 0);
    assert!(claim_all(db).await.is_empty(), "no job of the failed batch");
    assert_eq!(
        create(db, complaint(2026)).await.reference,
        reference(2026, 1)
    );
}

conformance_test!(references_count_per_year_and_restart_at_one);
async fn references_count_per_year_and_restart_at_one(db: &TestDb) {
    let batch = vec![
        complaint(2026),
        complaint(2027),
        complaint(2026),
        complaint(2025),
    ];
    let out = db.store.create_complaints(batch).await.unwrap();
    let refs: Vec<String> = out.iter().map(|c| c.reference.to_string()).collect();
    assert_eq!(
        refs,
        [
            "K-2026-000001",
            "K-2027-000001",
            "K-2026-000002",
            "K-2025-000001"
        ]
    );
    assert_eq!(
        create(db, complaint(2027)).await.reference,
        reference(2027, 2)
    );
}

conformance_test!(a_job_with_a_known_dedupe_key_is_queued_once);
async fn a_job_with_a_known_dedupe_key_is_queued_once(db: &TestDb) {
    let nc = complaint(2026);
    create(db, nc.clone()).await;
    let reminder = || job("reminder", Some("reminder:1"));
    let p = nc.projection.clone();
    db.store
        .append(nc.id, 1, vec![], p.clone(), vec![reminder(), reminder()])
        .await
        .unwrap();
    db.store
        .append(nc.id, 1, vec![], p, vec![reminder()])
        .await
        .unwrap();
    let kinds: Vec<String> = claim_all(db).await.into_iter().map(|j| j.kind).collect();
    assert_eq!(kinds, ["send_receipt", "reminder"]);
}

conformance_test!(the_database_refuses_to_update_or_delete_events);
async fn the_database_refuses_to_update_or_delete_events(db: &TestDb) {
    let nc = complaint(2026);
    create(db, nc.clone()).await;
    let update = db.raw("UPDATE events SET payload = '{}'").await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = db.raw("DELETE FROM events").await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(db.store.events(nc.id).await.unwrap().len(), 1);
}

/// Every due job, claimed by one worker, in queue order.
pub async fn claim_all(db: &TestDb) -> Vec<Job> {
    let now = at("2030-01-01T00:00:00Z");
    let lease = SignedDuration::from_mins(5);
    db.store
        .claim_jobs("drain", now, lease, 1000)
        .await
        .unwrap()
}
