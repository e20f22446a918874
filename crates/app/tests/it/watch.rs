//! The deadline watch with the clock in the test's hand: an organisation's term that is
//! approached gets a reminder at 07:00 two working days before its end, one that is met gets
//! nothing, one that is missed is escalated at 00:05 the day after; each exactly once, also with
//! two workers draining at the same time. And `resync` queues the watch for old complaints.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use app::App;
use app::deadline_watch::{ALERT_MAIL_JOB, AlertHandler, ESCALATE_JOB, REMIND_JOB, resync};
use app::deadlines::{LAPSE_JOB, LapseHandler};
use app::worker::{JobError, JobHandler, Worker};
use domain::complaint::{AlertAudience, Channel, Event, Role, UserId};
use domain::procedure::DeadlineKind;
use domain::reference::Reference;
use store::{Job, NewUser};

use crate::checks::{contact_and_answer_in_time, decoded, register, step};
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

/// Records the payloads of the jobs it is given, and succeeds.
#[derive(Debug, Default)]
struct Record(Mutex<Vec<serde_json::Value>>);

impl JobHandler for Record {
    fn run<'a>(
        &'a self,
        _: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        self.0.lock().unwrap().push(job.payload.clone());
        Box::pin(std::future::ready(Ok(())))
    }
}

struct Watch {
    worker: Worker,
    mails: Arc<Record>,
    letters: Arc<Record>,
}

fn watch(t: &TestApp, name: &str) -> Watch {
    let mails = Arc::new(Record::default());
    let letters = Arc::new(Record::default());
    let worker = Worker::new(Arc::clone(&t.app), name)
        .handle(REMIND_JOB, Arc::new(AlertHandler::reminders()))
        .handle(ESCALATE_JOB, Arc::new(AlertHandler::escalations()))
        .handle(LAPSE_JOB, Arc::new(LapseHandler))
        .handle(ALERT_MAIL_JOB, mails.clone())
        .handle(app::LETTER_JOB, letters.clone())
        .handle(app::RECEIPT_JOB, Arc::new(Record::default()));
    Watch {
        worker,
        mails,
        letters,
    }
}

impl Watch {
    /// Drains at `now` (Amsterdam) and returns how many alert mails were queued meanwhile.
    async fn at(&self, t: &TestApp, now: &str) -> usize {
        t.at(now);
        let before = self.mails.0.lock().unwrap().len();
        self.worker.drain().await.expect("drain");
        self.mails.0.lock().unwrap().len() - before
    }
}

/// A handler and a director of region "noord"; returns their user ids.
async fn staff(t: &TestApp) -> (UserId, UserId) {
    let mut ids = Vec::new();
    for (n, role) in [(1, Role::Klachtbehandelaar), (2, Role::Regiodirecteur)] {
        let id = uuid::Uuid::from_u128(n);
        t.store
            .create_user(&NewUser {
                id,
                email: format!("medewerker{n}@example.nl"),
                name: format!("Medewerker {n}"),
                role,
                all_regions: false,
                regions: vec!["noord".into()],
                password_hash: None,
                created_at: at("2026-01-01 09:00"),
            })
            .await
            .expect("user");
        ids.push(UserId::try_from(id.to_string()).unwrap());
    }
    (ids[0].clone(), ids[1].clone())
}

/// Received Mon 13 Apr 10:00, unassigned: contact due Wed 15 Apr, answer due Tue 28 Apr.
async fn unassigned(t: &TestApp) -> Reference {
    let mut form = intake(Channel::Phone, "2026-04-13 10:00");
    form.assignee = None;
    register(t, "2026-04-13 11:00", form, handler())
        .await
        .reference
}

/// The alert events of a complaint: (event kind, deadline kind, end, audience, recipients),
/// each checked to be the system's.
async fn alerts(
    t: &TestApp,
    r: Reference,
) -> Vec<(
    &'static str,
    DeadlineKind,
    String,
    AlertAudience,
    Vec<UserId>,
)> {
    let loaded = t.app.load(r).await.unwrap();
    let events = decoded(&loaded.events);
    loaded
        .events
        .iter()
        .zip(events)
        .filter_map(|(stored, e)| {
            let (kind, a) = match e {
                Event::DeadlineReminderSent(a) => ("deadline_reminder_sent", a),
                Event::DeadlineEscalated(a) => ("deadline_escalated", a),
                _ => return None,
            };
            assert_eq!(stored.actor, "system");
            Some((kind, a.kind, a.end.to_string(), a.audience, a.to))
        })
        .collect()
}

async fn a_missed_contact_term_is_escalated_to_the_regions_director_the_day_after(t: &TestApp) {
    let (_, director) = staff(t).await;
    let r = unassigned(t).await;
    let w = watch(t, "worker-a");
    assert_eq!(
        w.at(t, "2026-04-15 23:59").await,
        0,
        "the last day is not missed"
    );
    assert!(alerts(t, r).await.is_empty());
    assert_eq!(w.at(t, "2026-04-16 00:05").await, 1);
    assert_eq!(
        alerts(t, r).await,
        [(
            "deadline_escalated",
            DeadlineKind::Contact,
            "2026-04-15".into(),
            AlertAudience::RegionalManagement,
            vec![director]
        )]
    );
    assert_eq!(w.at(t, "2026-04-17 09:00").await, 0, "exactly once");
    assert_eq!(alerts(t, r).await.len(), 1);
}
app_test!(a_missed_contact_term_is_escalated_to_the_regions_director_the_day_after);

async fn an_approaching_answer_term_reminds_the_regions_handlers_at_seven(t: &TestApp) {
    let (handler_id, _) = staff(t).await;
    let r = unassigned(t).await;
    step(
        t,
        r,
        "2026-04-14 09:00",
        handler(),
        contact("2026-04-14 08:45"),
    )
    .await;
    let w = watch(t, "worker-a");
    // Tue 28 Apr: Mon 27 is Koningsdag, so two working days before is Thu 23 Apr.
    assert_eq!(w.at(t, "2026-04-23 06:59").await, 0);
    assert_eq!(w.at(t, "2026-04-23 07:00").await, 1);
    assert_eq!(
        alerts(t, r).await,
        [(
            "deadline_reminder_sent",
            DeadlineKind::Answer,
            "2026-04-28".into(),
            AlertAudience::RegionHandlers,
            vec![handler_id]
        )]
    );
    let loaded = t.app.load(r).await.unwrap();
    let last_mail = w.mails.0.lock().unwrap().last().cloned();
    assert_eq!(
        last_mail,
        Some(serde_json::json!({ "complaint_id": loaded.id, "seq": loaded.seq }))
    );
    // Missed as well: the escalation follows the reminder.
    assert_eq!(w.at(t, "2026-04-29 00:05").await, 1);
    let kinds: Vec<_> = alerts(t, r).await.into_iter().map(|a| a.0).collect();
    assert_eq!(kinds, ["deadline_reminder_sent", "deadline_escalated"]);
}
app_test!(an_approaching_answer_term_reminds_the_regions_handlers_at_seven);

async fn terms_met_in_time_get_no_reminder_and_no_escalation(t: &TestApp) {
    staff(t).await;
    let r = unassigned(t).await;
    contact_and_answer_in_time(t, r).await;
    let w = watch(t, "worker-a");
    assert_eq!(w.at(t, "2026-05-06 12:00").await, 0);
    assert!(alerts(t, r).await.is_empty());
}
app_test!(terms_met_in_time_get_no_reminder_and_no_escalation);

async fn two_workers_draining_at_once_record_each_escalation_once(t: &TestApp) {
    let (handler_id, _) = staff(t).await;
    let mut form = intake(Channel::Phone, "2026-04-13 10:00");
    form.assignee = Some(handler_id.clone());
    let mut refs = Vec::new();
    for _ in 0..6 {
        refs.push(
            register(t, "2026-04-13 11:00", form.clone(), handler())
                .await
                .reference,
        );
    }
    let (a, b) = (watch(t, "worker-a"), watch(t, "worker-b"));
    t.at("2026-04-29 00:05");
    let (ra, rb) = tokio::join!(a.worker.drain(), b.worker.drain());
    ra.unwrap();
    rb.unwrap();
    let mails = a.mails.0.lock().unwrap().len() + b.mails.0.lock().unwrap().len();
    // Past both ends: each complaint's contact and answer terms are escalated (the answer's
    // reminder came too late to be sent: the term had ended).
    assert_eq!(mails, 2 * refs.len());
    for r in refs {
        let got = alerts(t, r).await;
        // Two workers: either order.
        let mut kinds: Vec<_> = got.iter().map(|a| (a.0, a.1)).collect();
        kinds.sort_by_key(|k| k.1);
        assert_eq!(
            kinds,
            [
                ("deadline_escalated", DeadlineKind::Contact),
                ("deadline_escalated", DeadlineKind::Answer)
            ],
            "{r}"
        );
    }
}
app_test!(two_workers_draining_at_once_record_each_escalation_once);

async fn resync_queues_the_watch_of_open_complaints_once(t: &TestApp) {
    staff(t).await;
    let open = unassigned(t).await;
    let closed = unassigned(t).await;
    step(
        t,
        closed,
        "2026-04-14 09:00",
        handler(),
        domain::complaint::Command::Withdraw { reason: None },
    )
    .await;
    // A database from before the watch: no jobs at all.
    t.raw("DELETE FROM jobs").await;
    let mut pages = 0;
    let done = resync(&t.app, 1, |_| pages += 1).await.unwrap();
    assert_eq!(done.complaints, 1, "only the open complaint");
    // Contact: escalation (its reminder would fall on the day of receipt); answer: both.
    assert_eq!(done.queued, 3);
    assert_eq!(pages, 1);
    assert_eq!(
        resync(&t.app, 50, |_| {}).await.unwrap().queued,
        0,
        "idempotent"
    );
    let w = watch(t, "worker-a");
    assert_eq!(w.at(t, "2026-04-16 00:05").await, 1);
    assert_eq!(alerts(t, open).await.len(), 1);
    assert!(alerts(t, closed).await.is_empty());
}
app_test!(resync_queues_the_watch_of_open_complaints_once);

async fn a_lapsed_objection_window_closes_the_complaint_with_the_closing_letter(t: &TestApp) {
    staff(t).await;
    let r = unassigned(t).await;
    contact_and_answer_in_time(t, r).await;
    let w = watch(t, "worker-a");
    w.at(t, "2026-05-07 00:05").await;
    let loaded = t.app.load(r).await.unwrap();
    assert_eq!(loaded.complaint.status().code(), "closed_handled");
    let closing_seq = loaded
        .events
        .iter()
        .find(|e| e.kind == "closed_without_objection")
        .expect("closed by the system")
        .seq;
    let letters = w.letters.0.lock().unwrap().clone();
    assert!(
        letters.contains(&serde_json::json!({
            "complaint_id": loaded.id, "seq": closing_seq, "kind": "closed"
        })),
        "{letters:?}"
    );
}
app_test!(a_lapsed_objection_window_closes_the_complaint_with_the_closing_letter);

async fn the_reminder_lead_is_a_setting_of_the_app(t: &TestApp) {
    let (handler_id, _) = staff(t).await;
    // The same store, with reminders five working days ahead.
    let five = App::start(Arc::clone(&t.store), t.clock.clone())
        .await
        .unwrap()
        .with_remind_working_days(5);
    let mut form = intake(Channel::Phone, "2026-04-13 10:00");
    form.assignee = Some(handler_id.clone());
    t.at("2026-04-13 11:00");
    let r = five
        .register(form, handler(), None)
        .await
        .unwrap()
        .reference;
    let w = watch(t, "worker-a");
    assert_eq!(
        w.at(t, "2026-04-16 00:05").await,
        1,
        "the missed contact term"
    );
    // Tue 28 Apr, five working days back over Koningsdag: Mon 20 Apr.
    assert_eq!(w.at(t, "2026-04-20 06:59").await, 0);
    assert_eq!(w.at(t, "2026-04-20 07:00").await, 1);
    let reminders: Vec<_> = alerts(t, r)
        .await
        .into_iter()
        .filter(|a| a.0 == "deadline_reminder_sent")
        .collect();
    assert_eq!(
        reminders,
        [(
            "deadline_reminder_sent",
            DeadlineKind::Answer,
            "2026-04-28".into(),
            AlertAudience::Assignee,
            vec![handler_id]
        )]
    );
}
app_test!(the_reminder_lead_is_a_setting_of_the_app);
