//! Issue 5, "done when": two `wederhoor worker` processes on one PostgreSQL database, with the
//! clock moved forward (`WEDERHOOR_CLOCK_OFFSET_SECONDS`) so that thousands of reminders and
//! escalations are due at once, record each alert exactly once per (complaint, kind, end) and
//! write exactly one mail per alert; also when one of them is killed (SIGKILL) mid-batch and
//! restarted. And `wederhoor deadlines resync` on SQLite queues the watch once.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::follow_ups::{DEFAULT_REMIND_WORKING_DAYS, lapse_at, remind_at, remind_on};
use app::{App, Intake, IntakeRequest};
use domain::complaint::{
    Actor, Category, Channel, Complainant, ContactDetails, Event, PersonName, PhoneNumber,
    RegionCode, Role, Text, UserId,
};
use domain::procedure::DeadlineKind;
use jiff::Timestamp;
use sqlx::{Connection, Row};

use crate::db::TestDb;

/// Complaints in the two-worker drill (each has one reminder and one escalation due).
const COMPLAINTS: usize = 2_000;
/// Complaints in the kill-and-restart drill.
const COMPLAINTS_KILLED: usize = 1_000;

/// The drills run one at a time: four worker processes on two cores would only slow both.
static DRILL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Regions, a category, a handler and a director for region "noord"; the app in-process.
async fn organisation(db: &TestDb) -> Arc<App> {
    let store = store::connect(&db.url).await.expect("connect");
    store.migrate().await.expect("migrate");
    store
        .upsert_region(&store::Region {
            code: "noord".into(),
            name: "Regio Noord".into(),
            management_name: "Directie regio Noord".into(),
            management_address: "Postbus 1, 9700 AA Groningen".into(),
            active: true,
        })
        .await
        .expect("region");
    store
        .upsert_category(&store::Category {
            code: "bejegening".into(),
            name_nl: "Bejegening".into(),
            name_en: "Treatment".into(),
            active: true,
        })
        .await
        .expect("category");
    for (n, role) in [(1, Role::Klachtbehandelaar), (2, Role::Regiodirecteur)] {
        store
            .create_user(&store::NewUser {
                id: uuid::Uuid::from_u128(n),
                email: format!("medewerker{n}@example.nl"),
                name: format!("Medewerker {n}"),
                role,
                all_regions: false,
                regions: vec!["noord".into()],
                password_hash: None,
                created_at: Timestamp::now(),
            })
            .await
            .expect("user");
    }
    Arc::new(
        App::start(store, Arc::new(app::SystemClock))
            .await
            .expect("app"),
    )
}

/// `n` unassigned phone complaints received at `received` (no e-mail address: no receipts).
async fn register(app: &App, n: usize, received: Timestamp) {
    let contact =
        ContactDetails::new(None, Some(PhoneNumber::try_from("0501234567").unwrap())).unwrap();
    let requests: Vec<_> = (0..n)
        .map(|i| IntakeRequest {
            intake: Intake {
                channel: Channel::Phone,
                received_at: received,
                complainant: Complainant {
                    name: PersonName::try_from(format!("Klager {i}").as_str()).unwrap(),
                    contact: contact.clone(),
                    address: None,
                    representative: None,
                },
                region: RegionCode::try_from("noord").unwrap(),
                category: Category::try_from("bejegening").unwrap(),
                description: Text::try_from("Niet teruggebeld.").unwrap(),
                employee_concerned: None,
                desired_outcome: None,
                assignee: None,
            },
            actor: Actor::Staff {
                user: UserId::try_from(uuid::Uuid::from_u128(1).to_string()).unwrap(),
                role: Role::Klachtbehandelaar,
            },
            idempotency_key: None,
        })
        .collect();
    for chunk in requests.chunks(250) {
        for r in app.register_batch(chunk.to_vec()).await.expect("batch") {
            r.expect("registered");
        }
    }
}

/// The moment (by the moved clock) at which the contact term of a complaint received at
/// `received` has been missed and its answer term's reminder is due, but the answer term has
/// not ended: every complaint then has one escalation and one reminder due.
fn drill_moment(app: &App, received: Timestamp) -> Timestamp {
    let calendar = app.calendar();
    let start = domain::time::civil_date(received);
    let procedure = app.current_procedure();
    let end = |kind| {
        domain::terms::deadline(
            start,
            procedure.term(kind).term,
            procedure.policy(),
            &calendar,
        )
        .unwrap()
        .end
    };
    let (contact, answer) = (end(DeadlineKind::Contact), end(DeadlineKind::Answer));
    let reminder =
        remind_at(remind_on(answer, DEFAULT_REMIND_WORKING_DAYS, &calendar).unwrap()).unwrap();
    let escalation = lapse_at(contact).unwrap();
    let moment = reminder.max(escalation) + jiff::SignedDuration::from_hours(1);
    assert!(
        moment < lapse_at(answer).unwrap(),
        "the answer term is still running"
    );
    moment
}

fn worker(db: &TestDb, data: &Path, offset: i64) -> Child {
    db.command(&["worker"])
        .env("WEDERHOOR_DATA_DIR", data)
        .env("WEDERHOOR_CLOCK_OFFSET_SECONDS", offset.to_string())
        .env("WEDERHOOR_MAIL_FROM", "Klachten <klachten@example.nl>")
        .env("WEDERHOOR_BASE_URL", "https://klachten.example.nl")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("worker starts")
}

fn stop(mut child: Child) {
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if child.try_wait().expect("poll").is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the worker did not stop on SIGTERM within 20 s");
}

async fn scalar(db: &TestDb, sql: &str) -> i64 {
    let mut c = sqlx::PgConnection::connect(&db.url).await.expect("connect");
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&mut c)
        .await
        .expect("query")
        .get::<i64, _>(0)
}

/// Jobs due by `moment` that are not done yet (dead ones count: they must not exist).
async fn unfinished(db: &TestDb, moment: Timestamp) -> i64 {
    scalar(
        db,
        &format!(
            "SELECT count(*) FROM jobs WHERE state <> 'done' AND run_at <= {}",
            moment.as_microsecond()
        ),
    )
    .await
}

async fn alert_events(db: &TestDb) -> i64 {
    scalar(
        db,
        "SELECT count(*) FROM events WHERE kind IN ('deadline_reminder_sent', 'deadline_escalated')",
    )
    .await
}

/// Waits until no job is left that is due by the workers' clock (the system clock moved by
/// `offset` seconds): the alert mails are queued "now" by that clock, after the drill moment.
async fn wait_drained(db: &TestDb, offset: i64, workers: &mut [&mut Child]) {
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        for w in workers.iter_mut() {
            assert!(w.try_wait().expect("poll").is_none(), "a worker exited");
        }
        let now = Timestamp::now() + jiff::SignedDuration::from_secs(offset);
        if unfinished(db, now).await == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "the queue did not drain in time");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Every alert once per (complaint, event kind, deadline kind, end), in the log and as the app
/// loads it; one mail each (jobs and `.eml` files).
async fn exactly_once(db: &TestDb, app: &App, outbox: &Path, complaints: usize) {
    let mut c = sqlx::PgConnection::connect(&db.url).await.expect("connect");
    let rows = sqlx::query(
        "SELECT complaint_id, kind, actor, payload FROM events \
         WHERE kind IN ('deadline_reminder_sent', 'deadline_escalated')",
    )
    .fetch_all(&mut c)
    .await
    .expect("events");
    let mut seen: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
    for row in &rows {
        let payload: serde_json::Value =
            serde_json::from_str(row.get::<&str, _>("payload")).unwrap();
        assert_eq!(row.get::<&str, _>("actor"), "system");
        let key = (
            row.get::<String, _>("complaint_id"),
            row.get::<String, _>("kind"),
            payload["kind"].as_str().unwrap().to_owned(),
            payload["end"].as_str().unwrap().to_owned(),
        );
        *seen.entry(key).or_default() += 1;
    }
    assert!(seen.values().all(|&n| n == 1), "an alert recorded twice");
    let per_kind =
        |event: &str, kind: &str| seen.keys().filter(|k| k.1 == event && k.2 == kind).count();
    assert_eq!(per_kind("deadline_escalated", "contact"), complaints);
    assert_eq!(per_kind("deadline_reminder_sent", "answer"), complaints);
    assert_eq!(seen.len(), 2 * complaints, "nothing else: {}", seen.len());

    // The timeline as the app loads it: one of each per complaint.
    let mut open = Vec::new();
    let mut after = None;
    loop {
        let page = app
            .store()
            .queue(&store::QueueQuery {
                region: None,
                state: None,
                after,
                limit: 500,
                ..store::QueueQuery::default()
            })
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.cursor());
        open.extend(page.into_iter().map(|r| r.reference));
    }
    assert_eq!(open.len(), complaints);
    for r in open {
        let loaded = app.load(r).await.unwrap();
        let events = app::record::from_records(r, &loaded.events).unwrap();
        let alerts: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                Event::DeadlineReminderSent(a) => Some(("reminder", a.kind)),
                Event::DeadlineEscalated(a) => Some(("escalation", a.kind)),
                _ => None,
            })
            .collect();
        assert_eq!(alerts.len(), 2, "{r}: {alerts:?}");
        assert!(alerts.contains(&("reminder", DeadlineKind::Answer)), "{r}");
        assert!(
            alerts.contains(&("escalation", DeadlineKind::Contact)),
            "{r}"
        );
    }

    let mails_done = scalar(
        db,
        "SELECT count(*) FROM jobs WHERE kind = 'mail.deadline_alert' AND state = 'done'",
    )
    .await;
    assert_eq!(mails_done, 2 * complaints as i64);
    let files = std::fs::read_dir(outbox)
        .expect("outbox")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml") && n.contains("deadline-alert"))
        .count();
    assert_eq!(files, 2 * complaints, "one .eml per alert");
}

/// Registers the complaints now and returns the app and the clock offset (seconds) that makes
/// every alert due.
async fn drill(db: &TestDb, complaints: usize) -> (Arc<App>, i64) {
    let app = organisation(db).await;
    let received = Timestamp::now();
    register(&app, complaints, received).await;
    let moment = drill_moment(&app, received);
    let offset = (moment - Timestamp::now()).as_secs();
    (app, offset)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_on_one_database_record_every_reminder_and_escalation_exactly_once() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let _one_at_a_time = DRILL.lock().await;
    let (app, offset) = drill(&db, COMPLAINTS).await;
    let data = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut a = worker(&db, data.path(), offset);
    let mut b = worker(&db, data.path(), offset);
    wait_drained(&db, offset, &mut [&mut a, &mut b]).await;
    stop(a);
    stop(b);
    eprintln!(
        "{COMPLAINTS} complaints drained by two workers in {:?}",
        started.elapsed()
    );
    exactly_once(&db, &app, &data.path().join("outbox"), COMPLAINTS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_batch_and_restarted_still_records_each_alert_once() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let _one_at_a_time = DRILL.lock().await;
    let (app, offset) = drill(&db, COMPLAINTS_KILLED).await;
    let data = tempfile::tempdir().unwrap();
    let mut a = worker(&db, data.path(), offset);
    let b = worker(&db, data.path(), offset);
    // Kill A once the work is well under way (it holds a leased batch then).
    let under_way = Instant::now() + Duration::from_secs(120);
    while alert_events(&db).await < (COMPLAINTS_KILLED / 4) as i64 {
        assert!(Instant::now() < under_way, "no progress");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let pid = a.id();
    a.kill().expect("SIGKILL");
    a.wait().expect("reaped");
    // Worker names are `<host>:<pid>`.
    let leased = scalar(
        &db,
        &format!("SELECT count(*) FROM jobs WHERE state = 'running' AND locked_by LIKE '%:{pid}'"),
    )
    .await;
    // Both restart with their clocks past the dead worker's 5-minute leases, so that the batch
    // it held is taken over now rather than after the lease (B stops first, finishing its own
    // batch: a live worker's lease is never stolen, which a real restart guarantees by time).
    stop(b);
    let later = offset + 6 * 60;
    let mut a = worker(&db, data.path(), later);
    let mut b = worker(&db, data.path(), later);
    wait_drained(&db, later, &mut [&mut a, &mut b]).await;
    stop(a);
    stop(b);
    eprintln!("worker A held {leased} leased jobs when it was killed");
    exactly_once(&db, &app, &data.path().join("outbox"), COMPLAINTS_KILLED).await;
}

#[test]
fn resync_queues_the_watch_of_every_open_complaint_once() {
    let db = TestDb::sqlite();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let app = organisation(&db).await;
        register(&app, 30, Timestamp::now()).await;
        // A database from before the watch: its complaints have no jobs.
        let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
        sqlx::query("DELETE FROM jobs")
            .execute(&mut c)
            .await
            .unwrap();
    });
    let out = db.run(&["deadlines", "resync", "--page", "7"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Per complaint: the contact term's escalation, the answer term's reminder and escalation.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "30 open complaints, 90 jobs queued"
    );
    let again = db.run(&["deadlines", "resync"]);
    assert!(again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).trim(),
        "30 open complaints, 0 jobs queued"
    );
}
