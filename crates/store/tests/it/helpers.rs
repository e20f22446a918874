//! A fresh store per test, on SQLite (a temporary file) or PostgreSQL (a temporary database),
//! plus fixtures and raw-SQL access for tests that play an attacker with database access.
//!
//! PostgreSQL: `WEDERHOOR_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`.
//! If it is unreachable the PostgreSQL half of the suite is skipped with one line on stderr,
//! unless `CI=true`, where that is a failure.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Once};
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::{AssertSqlSafe, Connection};
use store::*;

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

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
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Dir(PathBuf),
    Database { admin_url: String, name: String },
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(format!("wederhoor-store-{}", uuid::Uuid::new_v4()));
        // A nested path: the store creates parent folders.
        let url = format!("sqlite://{}/data/test.db", dir.display());
        let store = connect(&url).await.expect("open SQLite");
        store.migrate().await.expect("migrate SQLite");
        TestDb {
            store,
            url,
            cleanup: Cleanup::Dir(dir),
        }
    }

    /// None (after saying so once) when PostgreSQL is unreachable outside CI.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url =
            std::env::var("WEDERHOOR_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_PG.into());
        let connecting = sqlx::PgConnection::connect(&admin_url);
        let mut admin = match tokio::time::timeout(Duration::from_secs(5), connecting).await {
            Ok(Ok(c)) => c,
            failed => {
                let why = match failed {
                    Ok(Err(e)) => e.to_string(),
                    _ => "timed out".into(),
                };
                if std::env::var("CI").as_deref() == Ok("true") {
                    panic!("PostgreSQL not reachable at {admin_url} ({why}) and CI=true");
                }
                static SAID: Once = Once::new();
                // Straight to stderr: the test harness captures eprintln! of passing tests.
                SAID.call_once(|| {
                    let _ = writeln!(
                        std::io::stderr(),
                        "PostgreSQL not reachable at {admin_url}: skipping PostgreSQL conformance tests"
                    );
                });
                return None;
            }
        };
        let name = format!("wederhoor_test_{}", uuid::Uuid::new_v4().simple());
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        let store = connect(&url).await.expect("open PostgreSQL");
        store.migrate().await.expect("migrate PostgreSQL");
        Some(TestDb {
            store,
            url,
            cleanup: Cleanup::Database { admin_url, name },
        })
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

/// `admin_url` with its database name replaced by `name`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside (or after a panic in) the test's runtime: use a thread of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    rt.block_on(async {
                        let mut c = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        sqlx::raw_sql(AssertSqlSafe(drop))
                            .execute(&mut c)
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
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
