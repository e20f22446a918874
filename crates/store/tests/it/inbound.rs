//! Incoming mail: recorded once per message key, raw bytes kept, marked when acted on.

use store::*;

use crate::helpers::*;

fn message(key: &str, raw: &[u8]) -> NewInbound {
    NewInbound {
        key: key.into(),
        received_at: at("2026-03-02T09:15:00.123456Z"),
        source: InboundSource::Imap,
        raw: raw.to_vec(),
    }
}

conformance_test!(a_message_is_recorded_once_and_its_bytes_kept_exactly);
async fn a_message_is_recorded_once_and_its_bytes_kept_exactly(db: &TestDb) {
    let raw = b"Message-ID: <a@x.nl>\r\nSubject: \xe9t\xe9\r\n\r\n\x00\xff body".to_vec();
    let first = db
        .store
        .record_inbound(message("a@x.nl", &raw))
        .await
        .unwrap();
    assert_eq!(first, InboundStatus::New);
    let again = db
        .store
        .record_inbound(message("a@x.nl", b"other bytes"))
        .await
        .unwrap();
    assert_eq!(
        again,
        InboundStatus::AlreadyReceived {
            state: InboundState::Received,
            complaint_id: None,
            received_at: at("2026-03-02T09:15:00.123456Z"),
        }
    );
    let stored = db.store.inbound_message("a@x.nl").await.unwrap().unwrap();
    assert_eq!(stored.raw, raw, "the first bytes are kept, byte for byte");
    assert_eq!(stored.source, InboundSource::Imap);
    assert_eq!(stored.received_at, at("2026-03-02T09:15:00.123456Z"));
    assert_eq!(stored.state, InboundState::Received);
    assert_eq!((stored.outcome, stored.processed_at), (None, None));
    assert!(
        db.store.inbound_message("A@x.nl").await.unwrap().is_none(),
        "keys are exact"
    );
}

conformance_test!(marking_records_the_outcome_and_later_deliveries_see_it);
async fn marking_records_the_outcome_and_later_deliveries_see_it(db: &TestDb) {
    let created = create(db, complaint(2026)).await;
    db.store
        .record_inbound(message("m1@x.nl", b"m1"))
        .await
        .unwrap();
    db.store
        .record_inbound(message("sha256:00ff", b"m2"))
        .await
        .unwrap();
    let now = at("2026-03-02T09:16:00Z");
    db.store
        .mark_inbound(
            "m1@x.nl",
            InboundState::Processed,
            Some(created.id),
            "new_complaint K-2026-000001",
            now,
        )
        .await
        .unwrap();
    db.store
        .mark_inbound(
            "sha256:00ff",
            InboundState::Ignored,
            None,
            "ignored: bounce",
            now,
        )
        .await
        .unwrap();

    let m1 = db.store.inbound_message("m1@x.nl").await.unwrap().unwrap();
    assert_eq!(m1.state, InboundState::Processed);
    assert_eq!(m1.complaint_id, Some(created.id));
    assert_eq!(m1.outcome.as_deref(), Some("new_complaint K-2026-000001"));
    assert_eq!(m1.processed_at, Some(now));
    assert_eq!(
        db.store
            .record_inbound(message("m1@x.nl", b"m1"))
            .await
            .unwrap(),
        InboundStatus::AlreadyReceived {
            state: InboundState::Processed,
            complaint_id: Some(created.id),
            received_at: at("2026-03-02T09:15:00.123456Z"),
        }
    );
    assert_eq!(
        db.store
            .record_inbound(message("sha256:00ff", b"m2"))
            .await
            .unwrap(),
        InboundStatus::AlreadyReceived {
            state: InboundState::Ignored,
            complaint_id: None,
            received_at: at("2026-03-02T09:15:00.123456Z"),
        }
    );
    let unknown = db
        .store
        .mark_inbound("nope@x.nl", InboundState::Ignored, None, "x", now)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

conformance_test!(of_concurrent_deliveries_of_one_message_exactly_one_is_new);
async fn of_concurrent_deliveries_of_one_message_exactly_one_is_new(db: &TestDb) {
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = db.store.clone();
            tokio::spawn(async move { store.record_inbound(message("race@x.nl", b"r")).await })
        })
        .collect();
    let mut new = 0;
    for t in tasks {
        if t.await.unwrap().unwrap() == InboundStatus::New {
            new += 1;
        }
    }
    assert_eq!(new, 1);
}
