//! Batches larger than one multi-row statement (`ops::complaints` chunks complaints by 40,
//! events by 100, jobs by 150, idempotency keys by 512): every complaint, event and job is
//! written once, references stay gap-free and the chains verify.

use crate::helpers::*;

conformance_test!(a_batch_larger_than_every_chunk_is_written_whole_and_verifies);
async fn a_batch_larger_than_every_chunk_is_written_whole_and_verifies(db: &TestDb) {
    // 50 complaints first, with keys k0..k49.
    let keyed = |i: usize| {
        let mut nc = complaint(2026);
        nc.idempotency_key = Some(format!("k{i}"));
        nc.events.push(event("noted", &format!("note {i}")));
        nc.events.push(event("noted", "again"));
        nc
    };
    let first: Vec<_> = (0..50).map(keyed).collect();
    let created = db.store.create_complaints(first).await.unwrap();
    assert!(created.iter().all(|c| !c.existed));

    // Then 300 more, mixed with the 50 known keys and a key repeated inside the batch.
    let mut batch: Vec<_> = (0..350).map(keyed).collect();
    batch.push(keyed(200));
    let again = db.store.create_complaints(batch.clone()).await.unwrap();
    assert_eq!(again.len(), 351);
    for i in 0..50 {
        assert!(again[i].existed, "{i}");
        assert_eq!(again[i].id, created[i].id);
    }
    assert!(again[50..350].iter().all(|c| !c.existed));
    assert!(again[350].existed);
    assert_eq!(again[350].id, again[200].id);
    let mut numbers: Vec<u32> = created
        .iter()
        .chain(&again[50..350])
        .map(|c| c.reference.number())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=350).collect::<Vec<u32>>(), "gap-free");

    let report = db.store.verify_audit().await.unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!((report.complaints, report.events), (350, 350 * 3));
    let events = db.store.events(again[349].id).await.unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[2].payload["text"], "again");
    // One receipt job per new complaint (dedupe keys differ), none for the known ones.
    let jobs = db
        .store
        .claim_jobs(
            "w",
            at("2030-01-01T00:00:00Z"),
            jiff::SignedDuration::from_secs(60),
            1000,
        )
        .await
        .unwrap();
    assert_eq!(jobs.len(), 350);
}
