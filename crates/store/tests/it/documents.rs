//! Documents: the letters sent to the complainant. Stored once per (complaint, event, kind),
//! listed without their bytes, read back with them.

use sha2::{Digest, Sha256};
use store::*;

use crate::helpers::*;

fn letter(complaint: ComplaintId, seq: i64, kind: &str, bytes: &[u8]) -> NewDocument {
    NewDocument {
        id: uuid::Uuid::now_v7(),
        complaint_id: complaint,
        kind: kind.into(),
        event_seq: seq,
        dagtekening: day("2026-04-20"),
        filename: format!("{kind}-K-2026-000001.pdf"),
        bytes: bytes.to_vec(),
    }
}

/// Every byte value, so neither database may treat the content as text.
fn binary() -> Vec<u8> {
    (0..=255u8).cycle().take(20_000).collect()
}

conformance_test!(a_document_is_stored_once_per_event_and_kind);
async fn a_document_is_stored_once_per_event_and_kind(db: &TestDb) {
    let nc = complaint(2026);
    create(db, nc.clone()).await;
    let first = letter(nc.id, 2, "answer", &binary());
    let stored = db.store.add_document(first.clone()).await.unwrap();
    assert_eq!(stored.id, first.id);
    assert_eq!(stored.complaint_id, nc.id);
    assert_eq!(stored.kind, "answer");
    assert_eq!(stored.event_seq, 2);
    assert_eq!(stored.dagtekening, day("2026-04-20"));
    assert_eq!(stored.sha256, hex::encode(Sha256::digest(&first.bytes)));

    // A retried job renders again (other bytes, a new id): the first document stays.
    let again = letter(nc.id, 2, "answer", b"%PDF-1.7 second rendering");
    let kept = db.store.add_document(again.clone()).await.unwrap();
    assert_eq!(kept, stored, "the earlier document is returned");
    assert_eq!(db.store.document(again.id).await.unwrap(), None);

    // Another kind for the same event (a record and a settlement) is another document.
    let settlement = letter(nc.id, 2, "settlement", b"%PDF-1.7 settlement");
    db.store.add_document(settlement.clone()).await.unwrap();
    let earlier = letter(nc.id, 1, "extension", b"%PDF-1.7 extension");
    db.store.add_document(earlier.clone()).await.unwrap();

    let listed = db.store.documents(nc.id).await.unwrap();
    let keys: Vec<_> = listed
        .iter()
        .map(|d| (d.event_seq, d.kind.as_str()))
        .collect();
    assert_eq!(keys, [(1, "extension"), (2, "answer"), (2, "settlement")]);

    let read = db.store.document(first.id).await.unwrap().expect("stored");
    assert_eq!(read.info, stored);
    assert_eq!(read.bytes, first.bytes, "bytes survive unchanged");
}

conformance_test!(a_document_needs_its_complaint);
async fn a_document_needs_its_complaint(db: &TestDb) {
    let missing = letter(uuid::Uuid::now_v7(), 1, "answer", b"%PDF");
    assert!(matches!(
        db.store.add_document(missing).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        db.store
            .documents(uuid::Uuid::now_v7())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.store.document(uuid::Uuid::now_v7()).await.unwrap(), None);
}
