//! Many writers at once: references stay gap-free, jobs are held by one worker, appends race.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::SignedDuration;
use store::*;

use crate::helpers::*;

conformance_test!(two_hundred_concurrent_submissions_get_references_1_to_200);
async fn two_hundred_concurrent_submissions_get_references_1_to_200(db: &TestDb) {
    // 150 single submissions and 10 group commits of 5, all at once.
    let mut batches: Vec<Vec<NewComplaint>> = (0..150).map(|_| vec![complaint(2026)]).collect();
    batches.extend((0..10).map(|_| (0..5).map(|_| complaint(2026)).collect()));
    let tasks: Vec<_> = batches
        .into_iter()
        .map(|batch| {
            let store = Arc::clone(&db.store);
            tokio::spawn(async move { store.create_complaints(batch).await })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        for c in t.await.unwrap().unwrap() {
            assert!(!c.existed);
            numbers.push(c.reference.number());
        }
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=200).collect::<Vec<u32>>(),
        "no gap, no duplicate"
    );
    assert_eq!(db.store.count_open().await.unwrap(), 200);
}

conformance_test!(concurrent_resubmissions_with_one_key_create_one_complaint);
async fn concurrent_resubmissions_with_one_key_create_one_complaint(db: &TestDb) {
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = Arc::clone(&db.store);
            let mut nc = complaint(2026);
            nc.idempotency_key = Some("double-click".into());
            tokio::spawn(async move { store.create_complaints(vec![nc]).await })
        })
        .collect();
    let mut created = Vec::new();
    for t in tasks {
        created.extend(t.await.unwrap().unwrap());
    }
    assert_eq!(created.iter().filter(|c| !c.existed).count(), 1);
    assert!(created.iter().all(|c| c.id == created[0].id));
    assert_eq!(db.store.count_open().await.unwrap(), 1);
}

conformance_test!(concurrent_claimers_never_hold_the_same_job);
async fn concurrent_claimers_never_hold_the_same_job(db: &TestDb) {
    let mut nc = complaint(2026);
    nc.jobs = (0..120)
        .map(|i| job("mail", Some(&format!("mail:{i}"))))
        .collect();
    create(db, nc).await;
    let now = at("2026-03-02T10:00:00Z");
    let workers: Vec<_> = (0..6)
        .map(|w| {
            let store = Arc::clone(&db.store);
            tokio::spawn(async move {
                let name = format!("worker-{w}");
                let mut mine = Vec::new();
                loop {
                    let lease = SignedDuration::from_mins(5);
                    let jobs = store.claim_jobs(&name, now, lease, 4).await.unwrap();
                    if jobs.is_empty() {
                        return mine;
                    }
                    for j in jobs {
                        store.complete_job(j.id, &name).await.unwrap();
                        mine.push(j.id);
                    }
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!(all.len(), 120, "every job claimed");
    assert_eq!(distinct.len(), all.len(), "no job claimed twice");
}

conformance_test!(of_concurrent_appends_at_one_seq_exactly_one_wins);
async fn of_concurrent_appends_at_one_seq_exactly_one_wins(db: &TestDb) {
    let nc = complaint(2026);
    create(db, nc.clone()).await;
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let store = Arc::clone(&db.store);
            let p = projection("noord", &format!("state-{i}"), None);
            tokio::spawn(async move {
                store
                    .append(nc.id, 1, vec![event("note", "x")], p, vec![])
                    .await
            })
        })
        .collect();
    let mut wins = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => wins += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(wins, 1);
    assert_eq!(db.store.events(nc.id).await.unwrap().len(), 2);
    assert!(db.store.verify_audit().await.unwrap().is_clean());
}
