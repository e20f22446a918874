//! A fresh store per test, on SQLite (a temporary file) or PostgreSQL (a temporary database),
//! plus fixtures and raw-SQL access for tests that play an attacker with database access.
//!
//! PostgreSQL: `WEDERHOOR_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`.
//! If it is unreachable the PostgreSQL half of the suite is skipped with one line on stderr,
//! unless `CI=true`, where that is a failure.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::{AssertSqlSafe, Connection};
use store::*;

use crate::scratch_db::ScratchDb;

/// Generates `<name>::sqlite` and `<name>::postgres` from one `async fn <name>(db: &TestDb)`.
macro_rules! conformance_test {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let db = crate::helpers::TestDb::sqlite().await;
                super::$name(&db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                let Some(db) = crate::helpers::TestDb::postgres().await else {
                    return;
                };
                super::$name(&db).await;
            }
        }
    };
}
pub(crate) use conformance_test;

/// A migrated store on a database of its own, removed on drop (best effort).
#[derive(Debug)]
pub struct TestDb {
    pub store: Arc<dyn Store>,
    pub url: String,
    _db: ScratchDb,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        // A nested path: the store creates parent folders.
        TestDb::open(ScratchDb::sqlite("wederhoor-store", "data/test.db")).await
    }

    /// None (after saying so once) when PostgreSQL is unreachable outside CI.
    pub async fn postgres() -> Option<TestDb> {
        Some(TestDb::open(ScratchDb::postgres("the PostgreSQL conformance tests").await?).await)
    }

    async fn open(db: ScratchDb) -> TestDb {
        let store = connect(&db.url).await.expect("open the store");
        store.migrate().await.expect("migrate");
        TestDb {
            store,
            url: db.url.clone(),
            _db: db,
        }
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// Runs statements outside the store, on a connection of its own.
    pub async fn raw(&self, sql: &str) -> Result<(), sqlx::Error> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self.backend() {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(&self.url).await?;
                sqlx::raw_sql(sql).execute(&mut c).await?;
                c.close().await
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await?;
                sqlx::raw_sql(sql).execute(&mut c).await?;
                c.close().await
            }
        }
    }

    /// Runs statements as an attacker who first switches off the append-only triggers.
    pub async fn tamper(&self, sql: &str) {
        let disable = match self.backend() {
            Backend::Sqlite => {
                "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;"
            }
            Backend::Postgres => "ALTER TABLE events DISABLE TRIGGER USER;",
        };
        self.raw(&format!("{disable} {sql}")).await.expect("tamper");
    }
}

// ---- fixtures ----

pub fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

pub fn day(s: &str) -> Date {
    s.parse().expect("date")
}

pub fn event(kind: &str, text: &str) -> NewEvent {
    NewEvent {
        kind: kind.into(),
        payload: serde_json::json!({ "text": text, "nested": { "b": 1, "a": [1, 2] } }),
        actor: "public".into(),
        at: at("2026-03-02T09:15:00.123456Z"),
    }
}

pub fn projection(region: &str, state: &str, deadline: Option<&str>) -> Projection {
    Projection {
        state: state.into(),
        closed: false,
        region: region.into(),
        category: "gedrag".into(),
        channel: "web".into(),
        assignee: None,
        received_at: at("2026-03-02T09:15:00Z"),
        complainant_name: "A. de Vries".into(),
        complainant_email: Some("a@example.nl".into()),
        next_deadline: deadline.map(day),
        next_deadline_kind: deadline.map(|_| "acknowledge".into()),
        overdue_since: None,
        deadlines: serde_json::json!([{ "kind": "acknowledge", "due": deadline }]),
        search_text: "a de vries gedrag".into(),
        procedure_version: "2026.1".into(),
        hidden_from: None,
    }
}

pub fn job(kind: &str, dedupe: Option<&str>) -> NewJob {
    NewJob {
        kind: kind.into(),
        payload: serde_json::json!({ "to": "a@example.nl" }),
        run_at: at("2026-03-02T09:15:00Z"),
        dedupe_key: dedupe.map(Into::into),
    }
}

/// A complaint received in `year`, with one event and one receipt job.
pub fn complaint(year: i16) -> NewComplaint {
    let id = uuid::Uuid::new_v4();
    NewComplaint {
        id,
        year,
        idempotency_key: None,
        events: vec![event("complaint_received", "De bus reed door rood.")],
        projection: projection("noord", "received", Some("2026-03-09")),
        jobs: vec![job("send_receipt", Some(&format!("receipt:{id}")))],
    }
}

/// Creates one complaint and returns what the store said.
pub async fn create(db: &TestDb, nc: NewComplaint) -> Created {
    let mut out = db.store.create_complaints(vec![nc]).await.expect("create");
    out.pop().expect("one result")
}

pub fn reference(year: i16, n: u32) -> domain::reference::Reference {
    domain::reference::Reference::new(year, n).expect("reference")
}
