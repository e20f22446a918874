//! Attachments: written with their complaint in one transaction, or added later; listed without
//! their bytes, read back with them.

use sha2::{Digest, Sha256};
use store::*;

use crate::helpers::*;

fn file(name: &str, content_type: &str, bytes: &[u8]) -> NewAttachment {
    NewAttachment {
        id: uuid::Uuid::now_v7(),
        filename: name.into(),
        content_type: content_type.into(),
        bytes: bytes.to_vec(),
    }
}

/// Every byte value, so neither database may treat the content as text.
fn binary() -> Vec<u8> {
    (0..=255u8).cycle().take(70_000).collect()
}

async fn create_with(db: &TestDb, nc: NewComplaint, files: Vec<NewAttachment>) -> Created {
    let mut pending = PendingComplaint::from(nc);
    pending.attachments = files;
    let mut out = db
        .store
        .create_pending(vec![pending])
        .await
        .expect("create");
    out.pop().expect("one result")
}

conformance_test!(attachments_created_with_a_complaint_read_back_with_size_and_checksum);
async fn attachments_created_with_a_complaint_read_back_with_size_and_checksum(db: &TestDb) {
    let nc = complaint(2026);
    let pdf = file("brief.pdf", "application/pdf", b"%PDF-1.7 test");
    let png = file("foto van de bus.png", "image/png", &binary());
    let created = create_with(db, nc.clone(), vec![pdf.clone(), png.clone()]).await;
    assert!(!created.existed);

    let listed = db.store.attachments(nc.id).await.unwrap();
    let names: Vec<_> = listed.iter().map(|a| a.filename.as_str()).collect();
    assert_eq!(
        names,
        ["brief.pdf", "foto van de bus.png"],
        "in the order sent"
    );
    let info = &listed[1];
    assert_eq!(info.id, png.id);
    assert_eq!(info.complaint_id, nc.id);
    assert_eq!(info.content_type, "image/png");
    assert_eq!(info.size, 70_000);
    assert_eq!(info.sha256, hex::encode(Sha256::digest(&png.bytes)));

    let read = db.store.attachment(png.id).await.unwrap().expect("stored");
    assert_eq!(&read.info, info);
    assert_eq!(read.bytes, png.bytes, "bytes survive unchanged");
    assert_eq!(
        db.store.attachment(uuid::Uuid::now_v7()).await.unwrap(),
        None
    );
}

conformance_test!(a_resubmission_with_a_known_key_does_not_store_its_files_again);
async fn a_resubmission_with_a_known_key_does_not_store_its_files_again(db: &TestDb) {
    let mut first = complaint(2026);
    first.idempotency_key = Some("form-1".into());
    let created = create_with(
        db,
        first.clone(),
        vec![file("a.pdf", "application/pdf", b"%PDF")],
    )
    .await;

    let mut again = complaint(2026);
    again.idempotency_key = Some("form-1".into());
    let resubmitted = create_with(db, again, vec![file("a.pdf", "application/pdf", b"%PDF")]).await;
    assert!(resubmitted.existed);
    assert_eq!(resubmitted.id, created.id);
    assert_eq!(db.store.attachments(first.id).await.unwrap().len(), 1);
}

conformance_test!(a_failed_creation_stores_none_of_its_files);
async fn a_failed_creation_stores_none_of_its_files(db: &TestDb) {
    let nc = complaint(2026);
    let mut pending = PendingComplaint::from(nc.clone());
    let f = file("a.pdf", "application/pdf", b"%PDF");
    // The same attachment id twice: the second insert fails, so the whole transaction must.
    pending.attachments = vec![f.clone(), f.clone()];
    assert!(db.store.create_pending(vec![pending]).await.is_err());
    assert_eq!(db.store.complaint(nc.id).await.unwrap(), None);
    assert_eq!(db.store.attachment(f.id).await.unwrap(), None);
}

conformance_test!(files_are_added_to_an_existing_complaint_only);
async fn files_are_added_to_an_existing_complaint_only(db: &TestDb) {
    let nc = complaint(2026);
    create_with(
        db,
        nc.clone(),
        vec![file("eerst.pdf", "application/pdf", b"%PDF 1")],
    )
    .await;
    let later = file(
        "later.odt",
        "application/vnd.oasis.opendocument.text",
        &binary(),
    );
    let stored = db
        .store
        .add_attachments(nc.id, vec![later.clone()])
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].size, 70_000);
    let listed = db.store.attachments(nc.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1], stored[0], "what add returns is what reads back");

    let nobody = uuid::Uuid::now_v7();
    let refused = db
        .store
        .add_attachments(nobody, vec![file("x.pdf", "application/pdf", b"%PDF")])
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert!(db.store.attachments(nobody).await.unwrap().is_empty());
}
