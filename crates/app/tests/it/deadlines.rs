//! Deadlines count from days in Europe/Amsterdam: the day of receipt, and "today" from the
//! app's clock. Each instant below falls on a different day in UTC, which would give other
//! dates.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use app::App;
use app::deadlines::{LAPSE_JOB, LapseHandler};
use app::worker::{JobError, JobHandler, Worker};
use domain::complaint::{Actor, Channel, Command, Event, ExtendTo};
use domain::procedure::DeadlineKind;
use domain::reference::Reference;
use jiff::SignedDuration;
use store::Job;

use crate::checks::{contact_and_answer_in_time, decoded, expect_projection, register, step};
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

/// The last day of each open deadline of a complaint.
async fn ends(t: &TestApp, r: Reference) -> Vec<(DeadlineKind, String)> {
    let loaded = t.app.load(r).await.unwrap();
    let open = loaded.complaint.open_deadlines();
    open.iter().map(|o| (o.kind, o.end().to_string())).collect()
}

async fn a_complaint_received_monday_13_april_is_answered_by_tuesday_28_april(t: &TestApp) {
    // Mon 13 Apr 00:30 in Amsterdam is still Sunday in UTC.
    t.at("2026-04-13 09:00");
    let received = "2026-04-12T22:30:00Z";
    let registered = t
        .app
        .register(intake(Channel::Phone, received), handler(), None)
        .await
        .unwrap();
    let r = registered.reference;
    let loaded = t.app.load(r).await.unwrap();
    let Event::ComplaintRegistered(first) = &decoded(&loaded.events)[0] else {
        panic!("the first event is the registration");
    };
    assert_eq!(first.received_on, d("2026-04-13"));
    // 2 weeks end Mon 27 Apr, Koningsdag: the next working day. Contact: 2 working days.
    assert_eq!(
        ends(t, r).await,
        [
            (DeadlineKind::Contact, "2026-04-15".to_string()),
            (DeadlineKind::Answer, "2026-04-28".to_string()),
        ]
    );
    expect_projection(t, r, "in_progress", Some(("contact", "2026-04-15"))).await;
}
app_test!(a_complaint_received_monday_13_april_is_answered_by_tuesday_28_april);

async fn a_web_complaint_received_friday_1_may_is_contacted_by_wednesday_6_may(t: &TestApp) {
    // Fri 1 May 00:30 in Amsterdam is Thu 30 Apr in UTC; Tue 5 May is Bevrijdingsdag.
    t.at("2026-05-01 08:00");
    let received = "2026-04-30T22:30:00Z";
    let registered = t
        .app
        .register(intake(Channel::Web, received), Actor::Complainant, None)
        .await
        .unwrap();
    let r = registered.reference;
    let contact_end = ends(t, r).await[0].clone();
    assert_eq!(
        contact_end,
        (DeadlineKind::Contact, "2026-05-06".to_string())
    );
    expect_projection(t, r, "in_progress", Some(("contact", "2026-05-06"))).await;
}
app_test!(a_web_complaint_received_friday_1_may_is_contacted_by_wednesday_6_may);

async fn an_undated_answer_is_dated_today_in_amsterdam(t: &TestApp) {
    let r = t
        .app
        .register(intake(Channel::Email, "2026-04-13 10:00"), handler(), None)
        .await
        .unwrap()
        .reference;
    // Mon 20 Apr 00:30 in Amsterdam, Sun 19 Apr in UTC.
    let s = step(t, r, "2026-04-19T22:30:00Z", handler(), answer(None)).await;
    let Some(Event::AnswerIssued(answer)) = decoded(&s.events).pop() else {
        panic!("the answer was recorded last");
    };
    assert_eq!(answer.dagtekening, d("2026-04-20"));
    // 15 days from 20 Apr end Tue 5 May, Bevrijdingsdag (from 19 Apr: Mon 4 May).
    expect_projection(t, r, "answered", Some(("objection", "2026-05-06"))).await;
}
app_test!(an_undated_answer_is_dated_today_in_amsterdam);

// ---- The deadline watch: the worker closes the windows the system acts on, exactly once ----

/// The lapse handler, counting its runs; receipts are accepted without sending anything.
#[derive(Debug, Default)]
struct Watch {
    runs: AtomicUsize,
}

impl JobHandler for Watch {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        self.runs.fetch_add(1, Ordering::SeqCst);
        LapseHandler.run(app, job)
    }
}

#[derive(Debug)]
struct Accept;

impl JobHandler for Accept {
    fn run<'a>(
        &'a self,
        _: &'a App,
        _: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(std::future::ready(Ok(())))
    }
}

fn worker(t: &TestApp, name: &str) -> (Worker, Arc<Watch>) {
    let watch = Arc::new(Watch::default());
    let w = Worker::new(Arc::clone(&t.app), name)
        .handle(LAPSE_JOB, watch.clone())
        .handle(app::RECEIPT_JOB, Arc::new(Accept))
        .handle(
            app::deadline_watch::REMIND_JOB,
            Arc::new(app::deadline_watch::AlertHandler::reminders()),
        )
        .handle(
            app::deadline_watch::ESCALATE_JOB,
            Arc::new(app::deadline_watch::AlertHandler::escalations()),
        );
    (w, watch)
}

/// Drains `w` and returns how many lapse jobs ran.
async fn lapses(w: &Worker, watch: &Watch) -> usize {
    let before = watch.runs.load(Ordering::SeqCst);
    w.drain().await.expect("drain");
    watch.runs.load(Ordering::SeqCst) - before
}

/// Registered Mon 13 Apr, answered dated Mon 20 Apr: the objection window runs to Wed 6 May
/// (5 May is a holiday), so the system closes it Thu 7 May from 00:05.
async fn answered_without_objection(t: &TestApp) -> Reference {
    let form = intake(Channel::Email, "2026-04-13 10:00");
    let r = register(t, "2026-04-13 11:00", form, handler())
        .await
        .reference;
    contact_and_answer_in_time(t, r).await;
    expect_projection(t, r, "answered", Some(("objection", "2026-05-06"))).await;
    r
}

/// How many events of `kind` the complaint has, and whether each was the system's.
async fn by_system(t: &TestApp, r: Reference, kind: &str) -> usize {
    let loaded = t.app.load(r).await.unwrap();
    let of_kind: Vec<_> = loaded.events.iter().filter(|e| e.kind == kind).collect();
    for e in &of_kind {
        assert_eq!(e.actor, "system", "{kind} is the system's step");
    }
    of_kind.len()
}

async fn an_unanswered_objection_window_closes_the_complaint_once_the_day_after(t: &TestApp) {
    let r = answered_without_objection(t).await;
    let (w, watch) = worker(t, "worker-a");
    let seq = t.app.load(r).await.unwrap().seq;

    for now in ["2026-05-06 23:59", "2026-05-07 00:04"] {
        t.at(now);
        assert_eq!(lapses(&w, &watch).await, 0, "{now}: not yet due");
        assert_eq!(
            t.app.load(r).await.unwrap().seq,
            seq,
            "{now}: nothing written"
        );
    }

    t.at("2026-05-07 00:05");
    assert_eq!(lapses(&w, &watch).await, 1);
    expect_projection(t, r, "closed_handled", None).await;
    assert_eq!(by_system(t, r, "closed_without_objection").await, 1);
    let closed = t.app.load(r).await.unwrap();

    t.at("2026-05-08 09:00");
    assert_eq!(lapses(&w, &watch).await, 0, "exactly once");
    assert_eq!(t.app.load(r).await.unwrap().events, closed.events);
}
app_test!(an_unanswered_objection_window_closes_the_complaint_once_the_day_after);

async fn an_objection_in_time_leaves_the_lapse_nothing_to_do(t: &TestApp) {
    let r = answered_without_objection(t).await;
    step(
        t,
        r,
        "2026-05-06 20:00",
        Actor::Complainant,
        objection("2026-05-06 19:30"),
    )
    .await;
    let (w, watch) = worker(t, "worker-a");
    let before = t.app.load(r).await.unwrap();

    t.at("2026-05-07 00:05");
    assert_eq!(
        lapses(&w, &watch).await,
        1,
        "the job runs and finds nothing"
    );
    let after = t.app.load(r).await.unwrap();
    assert_eq!(after.events, before.events, "nothing written");
    assert_eq!(after.complaint.status().code(), "objection_received");
    assert_eq!(by_system(t, r, "closed_without_objection").await, 0);
}
app_test!(an_objection_in_time_leaves_the_lapse_nothing_to_do);

async fn an_extended_objection_window_closes_on_the_new_end_only(t: &TestApp) {
    let r = answered_without_objection(t).await;
    step(
        t,
        r,
        "2026-05-01 10:00",
        handler(),
        Command::ExtendDeadline {
            kind: DeadlineKind::Objection,
            to: ExtendTo::Date(d("2026-05-13")),
            reason: "De klager is op vakantie.".into(),
        },
    )
    .await;
    let (w, watch) = worker(t, "worker-a");

    t.at("2026-05-07 00:05");
    assert_eq!(
        lapses(&w, &watch).await,
        1,
        "the old job finds the window open"
    );
    assert_eq!(
        t.app.load(r).await.unwrap().complaint.status().code(),
        "answered"
    );

    t.at("2026-05-14 00:05");
    assert_eq!(lapses(&w, &watch).await, 1, "the new end's job closes it");
    expect_projection(t, r, "closed_handled", None).await;
    assert_eq!(by_system(t, r, "closed_without_objection").await, 1);
}
app_test!(an_extended_objection_window_closes_on_the_new_end_only);

async fn an_unanswered_hearing_offer_lapses_and_the_final_decision_term_opens(t: &TestApp) {
    let r = answered_without_objection(t).await;
    step(
        t,
        r,
        "2026-04-21 10:00",
        Actor::Complainant,
        objection("2026-04-21 09:30"),
    )
    .await;
    step(t, r, "2026-04-23 09:00", handler(), offer()).await;
    expect_projection(
        t,
        r,
        "hearing_offered",
        Some(("hearing_response", "2026-04-30")),
    )
    .await;
    let (w, watch) = worker(t, "worker-a");

    t.at("2026-04-30 23:00");
    assert_eq!(lapses(&w, &watch).await, 0, "not yet due");

    t.at("2026-05-01 00:05");
    assert_eq!(lapses(&w, &watch).await, 1);
    assert_eq!(by_system(t, r, "hearing_offer_lapsed").await, 1);
    let loaded = t.app.load(r).await.unwrap();
    assert_eq!(loaded.complaint.status().code(), "awaiting_final_decision");
    let open: Vec<_> = ends(t, r).await.into_iter().map(|(k, _)| k).collect();
    assert_eq!(open, [DeadlineKind::FinalDecision]);

    // The objection window's job (queued with the answer) finds it closed long ago.
    t.at("2026-05-07 00:05");
    assert_eq!(lapses(&w, &watch).await, 1);
    assert_eq!(t.app.load(r).await.unwrap().events, loaded.events);
}
app_test!(an_unanswered_hearing_offer_lapses_and_the_final_decision_term_opens);

async fn a_worker_that_dies_mid_batch_leaves_its_lapses_to_the_next_exactly_once(t: &TestApp) {
    let first = answered_without_objection(t).await;
    let second = answered_without_objection(t).await;
    let (w, watch) = worker(t, "worker-b");
    // The receipts, and the deadline watch's jobs for the terms met long ago.
    t.at("2026-05-06 12:00");
    w.drain().await.unwrap();

    // Worker A claims both lapses, closes the first complaint and dies before completing.
    t.at("2026-05-07 00:05");
    let lease = SignedDuration::from_mins(5);
    let claimed = t
        .store
        .claim_jobs("worker-a", t.app.clock().now(), lease, 20)
        .await
        .unwrap();
    let kinds: Vec<&str> = claimed.iter().map(|j| j.kind.as_str()).collect();
    assert_eq!(kinds, [LAPSE_JOB, LAPSE_JOB]);
    LapseHandler.run(&t.app, &claimed[0]).await.unwrap();
    drop(claimed);
    let mut closed = 0;
    for r in [first, second] {
        closed += by_system(t, r, "closed_without_objection").await;
    }
    assert_eq!(closed, 1, "the dead worker did one of the two");

    // Worker B, restarted within the lease, finds nothing it may take.
    t.at("2026-05-07 00:09");
    assert_eq!(lapses(&w, &watch).await, 0, "leased to the dead worker");

    // Past the lease it takes both over; each complaint is closed exactly once.
    t.at("2026-05-07 00:11");
    assert_eq!(lapses(&w, &watch).await, 2);
    for r in [first, second] {
        expect_projection(t, r, "closed_handled", None).await;
        assert_eq!(by_system(t, r, "closed_without_objection").await, 1, "{r}");
    }
    t.at("2026-05-08 00:05");
    assert_eq!(lapses(&w, &watch).await, 0);
}
app_test!(a_worker_that_dies_mid_batch_leaves_its_lapses_to_the_next_exactly_once);
