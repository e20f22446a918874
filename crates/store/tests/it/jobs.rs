//! Job leases: claim, complete, retry, dead letter, expired leases.

use jiff::{SignedDuration, Timestamp};
use store::*;

use crate::helpers::*;

const LEASE: SignedDuration = SignedDuration::from_mins(5);

async fn queue_jobs(db: &TestDb, jobs: Vec<NewJob>) {
    let mut nc = complaint(2026);
    nc.jobs = jobs;
    create(db, nc).await;
}

fn job_at(kind: &str, run_at: &str) -> NewJob {
    NewJob {
        run_at: at(run_at),
        ..job(kind, None)
    }
}

fn t(s: &str) -> Timestamp {
    at(s)
}

conformance_test!(a_claim_leases_due_jobs_once_and_only_the_holder_completes_them);
async fn a_claim_leases_due_jobs_once_and_only_the_holder_completes_them(db: &TestDb) {
    queue_jobs(
        db,
        vec![
            job_at("later", "2026-03-02T12:00:00Z"),
            job_at("first", "2026-03-02T09:00:00Z"),
            job_at("second", "2026-03-02T10:00:00Z"),
        ],
    )
    .await;
    let now = t("2026-03-02T10:30:00Z");
    let claimed = db.store.claim_jobs("w1", now, LEASE, 10).await.unwrap();
    let kinds: Vec<&str> = claimed.iter().map(|j| j.kind.as_str()).collect();
    assert_eq!(kinds, ["first", "second"], "only due jobs, oldest first");
    assert!(claimed.iter().all(|j| j.attempts == 1));
    assert_eq!(
        claimed[0].payload,
        serde_json::json!({ "to": "a@example.nl" })
    );
    assert_eq!(claimed[0].run_at, t("2026-03-02T09:00:00Z"));

    let again = db.store.claim_jobs("w2", now, LEASE, 10).await.unwrap();
    assert!(
        again.is_empty(),
        "leased jobs are not claimed twice: {again:?}"
    );

    let stranger = db.store.complete_job(claimed[0].id, "w2").await;
    assert!(
        matches!(stranger, Err(StoreError::Conflict { .. })),
        "{stranger:?}"
    );
    db.store.complete_job(claimed[0].id, "w1").await.unwrap();
    let twice = db.store.complete_job(claimed[0].id, "w1").await;
    assert!(
        matches!(twice, Err(StoreError::Conflict { .. })),
        "done jobs stay done"
    );
    let unknown = db.store.complete_job(999_999, "w1").await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let limited = db
        .store
        .claim_jobs("w3", t("2026-03-02T13:00:00Z"), LEASE, 1)
        .await
        .unwrap();
    assert_eq!(limited.len(), 1, "limit respected");
}

conformance_test!(an_expired_lease_is_reclaimed_and_the_old_holder_loses_the_job);
async fn an_expired_lease_is_reclaimed_and_the_old_holder_loses_the_job(db: &TestDb) {
    queue_jobs(db, vec![job_at("mail", "2026-03-02T09:00:00Z")]).await;
    let now = t("2026-03-02T09:00:00Z");
    let first = db.store.claim_jobs("w1", now, LEASE, 10).await.unwrap();
    let before_expiry = now + SignedDuration::from_mins(4);
    assert!(
        db.store
            .claim_jobs("w2", before_expiry, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );

    let after_expiry = now + SignedDuration::from_mins(5);
    let second = db
        .store
        .claim_jobs("w2", after_expiry, LEASE, 10)
        .await
        .unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!((second[0].id, second[0].attempts), (first[0].id, 2));
    let late = db.store.complete_job(first[0].id, "w1").await;
    assert!(matches!(late, Err(StoreError::Conflict { .. })), "{late:?}");
    db.store.complete_job(second[0].id, "w2").await.unwrap();
}

conformance_test!(a_failed_job_is_retried_at_its_time_or_dead_lettered);
async fn a_failed_job_is_retried_at_its_time_or_dead_lettered(db: &TestDb) {
    queue_jobs(
        db,
        vec![
            job_at("flaky", "2026-03-02T09:00:00Z"),
            job_at("doomed", "2026-03-02T09:00:01Z"),
        ],
    )
    .await;
    let now = t("2026-03-02T09:00:05Z");
    let jobs = db.store.claim_jobs("w1", now, LEASE, 10).await.unwrap();
    let (flaky, doomed) = (&jobs[0], &jobs[1]);

    let stranger = db.store.fail_job(flaky.id, "w2", "smtp down", None).await;
    assert!(matches!(stranger, Err(StoreError::Conflict { .. })));
    let retry_at = t("2026-03-02T09:10:00Z");
    db.store
        .fail_job(flaky.id, "w1", "smtp down", Some(retry_at))
        .await
        .unwrap();
    db.store
        .fail_job(doomed.id, "w1", "bad address", None)
        .await
        .unwrap();

    let too_early = t("2026-03-02T09:09:59Z");
    assert!(
        db.store
            .claim_jobs("w1", too_early, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let retried = db
        .store
        .claim_jobs("w1", retry_at, LEASE, 10)
        .await
        .unwrap();
    assert_eq!(retried.len(), 1, "the dead letter is never claimed again");
    assert_eq!((retried[0].id, retried[0].attempts), (flaky.id, 2));
    assert_eq!(retried[0].run_at, retry_at);
}

conformance_test!(a_job_whose_lease_expires_on_its_last_attempt_is_dead_lettered);
async fn a_job_whose_lease_expires_on_its_last_attempt_is_dead_lettered(db: &TestDb) {
    queue_jobs(db, vec![job_at("crashes_worker", "2026-03-02T09:00:00Z")]).await;
    let mut now = t("2026-03-02T09:00:00Z");
    for attempt in 1..=10 {
        let jobs = db.store.claim_jobs("w", now, LEASE, 10).await.unwrap();
        assert_eq!(jobs.len(), 1, "attempt {attempt}");
        assert_eq!(jobs[0].attempts, attempt);
        now += SignedDuration::from_mins(6); // the worker dies; the lease expires
    }
    assert!(
        db.store
            .claim_jobs("w", now, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
}
