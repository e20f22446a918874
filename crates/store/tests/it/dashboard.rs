//! The dashboard's figures (open complaints, outcomes) and job administration (dead letters),
//! on both backends.

use jiff::SignedDuration;
use store::*;

use crate::helpers::*;

fn outcome(
    id: ComplaintId,
    region: &str,
    kind: &str,
    due: &str,
    closed_on: &str,
    days: i64,
) -> NewDeadlineOutcome {
    let (due, closed_on) = (day(due), day(closed_on));
    NewDeadlineOutcome {
        complaint_id: id,
        region: region.into(),
        kind: kind.into(),
        started_on: closed_on - jiff::Span::new().days(days),
        due,
        closed_on,
        met: closed_on <= due,
        days_taken: days,
    }
}

/// Creates a complaint in `region` with `state` and `next_deadline`, open or closed.
async fn complaint_in(
    db: &TestDb,
    region: &str,
    state: &str,
    next: Option<&str>,
    closed: bool,
) -> ComplaintId {
    let mut nc = complaint(2026);
    nc.projection = projection(region, state, next);
    nc.projection.closed = closed;
    nc.jobs = vec![];
    create(db, nc).await.id
}

conformance_test!(outcomes_are_written_with_the_append_and_counted_per_kind_in_the_period);
async fn outcomes_are_written_with_the_append_and_counted_per_kind_in_the_period(db: &TestDb) {
    let a = complaint_in(db, "noord", "received", Some("2026-03-09"), false).await;
    let b = complaint_in(db, "zuid", "received", Some("2026-03-09"), false).await;
    let p = projection("noord", "contacted", Some("2026-03-20"));
    db.store
        .append_with_outcomes(
            a,
            1,
            vec![event("first_contact_logged", "gebeld")],
            p.clone(),
            vec![],
            vec![
                outcome(a, "noord", "contact", "2026-03-04", "2026-03-03", 1),
                outcome(a, "noord", "answer", "2026-03-16", "2026-03-18", 16),
            ],
        )
        .await
        .unwrap();
    db.store
        .append_with_outcomes(
            b,
            1,
            vec![event("first_contact_logged", "gebeld")],
            projection("zuid", "contacted", None),
            vec![],
            vec![outcome(b, "zuid", "contact", "2026-03-04", "2026-03-06", 4)],
        )
        .await
        .unwrap();
    assert_eq!(
        db.store.events(a).await.unwrap().len(),
        2,
        "the events went in too"
    );

    let all = db
        .store
        .outcome_counts(None, day("2026-03-01"), day("2026-03-31"))
        .await
        .unwrap();
    let contact: Vec<(bool, i64, i64)> = all
        .iter()
        .filter(|c| c.kind == "contact")
        .map(|c| (c.met, c.days_taken, c.count))
        .collect();
    assert_eq!(contact, [(false, 4, 1), (true, 1, 1)]);
    assert_eq!(all.len(), 3, "{all:?}");

    let noord = db
        .store
        .outcome_counts(Some("noord"), day("2026-03-01"), day("2026-03-31"))
        .await
        .unwrap();
    assert!(
        noord.iter().all(|c| c.kind != "contact" || c.met),
        "{noord:?}"
    );
    assert_eq!(noord.iter().map(|c| c.count).sum::<i64>(), 2);

    let early = db
        .store
        .outcome_counts(None, day("2026-03-01"), day("2026-03-04"))
        .await
        .unwrap();
    assert_eq!(
        early.iter().map(|c| c.count).sum::<i64>(),
        2,
        "the period selects by due date, both ends included: {early:?}"
    );

    // A failed append writes no outcome.
    let stale = db
        .store
        .append_with_outcomes(
            a,
            1,
            vec![event("answer_issued", "x")],
            p,
            vec![],
            vec![outcome(
                a,
                "noord",
                "final_decision",
                "2026-03-20",
                "2026-03-19",
                5,
            )],
        )
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let after = db
        .store
        .outcome_counts(None, day("2026-01-01"), day("2026-12-31"))
        .await
        .unwrap();
    assert!(
        after.iter().all(|c| c.kind != "final_decision"),
        "{after:?}"
    );

    // Replacing (a rebuild) is idempotent and drops what the log no longer yields.
    for _ in 0..2 {
        db.store
            .replace_deadline_outcomes(
                a,
                vec![outcome(
                    a,
                    "noord",
                    "contact",
                    "2026-03-04",
                    "2026-03-03",
                    1,
                )],
            )
            .await
            .unwrap();
    }
    let rebuilt = db
        .store
        .outcome_counts(Some("noord"), day("2026-01-01"), day("2026-12-31"))
        .await
        .unwrap();
    assert_eq!(
        rebuilt,
        [OutcomeCount {
            kind: "contact".into(),
            met: true,
            days_taken: 1,
            count: 1
        }]
    );
}

conformance_test!(open_complaints_are_counted_per_region_and_state_with_overdue_and_due_this_week);
async fn open_complaints_are_counted_per_region_and_state_with_overdue_and_due_this_week(
    db: &TestDb,
) {
    // Today is Wed 11 March 2026; the week ends Sun 15 March.
    complaint_in(db, "noord", "received", Some("2026-03-10"), false).await; // overdue
    complaint_in(db, "noord", "received", Some("2026-03-11"), false).await; // due today
    complaint_in(db, "noord", "received", Some("2026-03-15"), false).await; // Sunday
    complaint_in(db, "noord", "answered", Some("2026-03-16"), false).await; // next week
    complaint_in(db, "noord", "answered", None, false).await; // no deadline
    complaint_in(db, "zuid", "received", Some("2026-03-02"), false).await; // overdue
    complaint_in(db, "zuid", "closed", None, true).await; // closed: not counted

    let (today, sunday) = (day("2026-03-11"), day("2026-03-15"));
    let all = db.store.open_counts(None, today, sunday).await.unwrap();
    let oc = |region: &str, state: &str, open, overdue, due_this_week| OpenCount {
        region: region.into(),
        state: state.into(),
        open,
        overdue,
        due_this_week,
    };
    assert_eq!(
        all,
        [
            oc("noord", "answered", 2, 0, 0),
            oc("noord", "received", 3, 1, 2),
            oc("zuid", "received", 1, 1, 0),
        ]
    );
    let zuid = db
        .store
        .open_counts(Some("zuid"), today, sunday)
        .await
        .unwrap();
    assert_eq!(zuid, [oc("zuid", "received", 1, 1, 0)]);
    assert!(
        db.store
            .open_counts(Some("oost"), today, sunday)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.store.count_overdue(today).await.unwrap(), 2);
    assert_eq!(db.store.count_open().await.unwrap(), 6);

    let mut ids = Vec::new();
    let mut after = None;
    loop {
        let page = db.store.complaint_ids_after(after, 3).await.unwrap();
        let Some(last) = page.last().copied() else {
            break;
        };
        ids.extend(page);
        after = Some(last);
    }
    assert_eq!(ids.len(), 7, "paging visits every complaint once");
    let mut sorted = ids.clone();
    sorted.sort_by_key(|id| id.hyphenated().to_string());
    sorted.dedup();
    assert_eq!(sorted.len(), 7);
}

conformance_test!(a_dead_job_is_listed_without_its_payload_and_can_be_retried_once);
async fn a_dead_job_is_listed_without_its_payload_and_can_be_retried_once(db: &TestDb) {
    let mut nc = complaint(2026);
    nc.jobs = vec![job("send_mail", None), job("other", None)];
    create(db, nc).await;
    let now = at("2026-03-02T10:00:00Z");
    let lease = SignedDuration::from_mins(5);
    let claimed = db.store.claim_jobs("w1", now, lease, 1).await.unwrap();
    assert_eq!(
        db.store.job_counts().await.unwrap(),
        JobCounts {
            pending: 1,
            running: 1,
            dead: 0
        }
    );
    db.store
        .fail_job(claimed[0].id, "w1", "550 mailbox unavailable", None)
        .await
        .unwrap();
    assert_eq!(
        db.store.job_counts().await.unwrap(),
        JobCounts {
            pending: 1,
            running: 0,
            dead: 1
        }
    );

    let dead = db.store.dead_jobs(50).await.unwrap();
    assert_eq!(dead.len(), 1);
    let d = &dead[0];
    assert_eq!(d.id, claimed[0].id);
    assert_eq!(d.kind, "send_mail");
    assert_eq!(d.attempts, 1);
    assert_eq!(d.max_attempts, 10);
    assert_eq!(d.last_error.as_deref(), Some("550 mailbox unavailable"));
    assert_eq!(d.payload_summary(), "to=…");

    let later = at("2026-03-03T08:00:00Z");
    db.store.retry_dead_job(d.id, later).await.unwrap();
    assert!(db.store.dead_jobs(50).await.unwrap().is_empty());
    let again = db.store.retry_dead_job(d.id, later).await;
    assert!(
        matches!(again, Err(StoreError::NotFound)),
        "only a dead job is retried: {again:?}"
    );
    assert!(matches!(
        db.store.retry_dead_job(999_999, later).await,
        Err(StoreError::NotFound)
    ));

    // Pending again, due at the retry, with a fresh count of attempts.
    let before = db
        .store
        .claim_jobs("w2", at("2026-03-03T07:59:00Z"), lease, 10)
        .await
        .unwrap();
    assert!(
        before.iter().all(|j| j.id != d.id),
        "not due before the retry time"
    );
    let claimed = db.store.claim_jobs("w2", later, lease, 10).await.unwrap();
    let retried = claimed
        .iter()
        .find(|j| j.id == d.id)
        .expect("claimed again");
    assert_eq!(retried.attempts, 1);
}
