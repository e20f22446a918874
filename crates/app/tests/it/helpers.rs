//! A fresh application per test, on SQLite (a file in a temporary folder) or PostgreSQL (a
//! database of its own), with a clock the test moves by hand.
//!
//! PostgreSQL: `WEDERHOOR_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`.
//! If it is unreachable the PostgreSQL half is skipped with one line on stderr, unless `CI=true`,
//! where that is a failure.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Once};
use std::time::Duration;

use app::{App, FixedClock};
use sqlx::{AssertSqlSafe, Connection};
use store::{Backend, Store};

use crate::fixtures::at;

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Generates `<name>::sqlite` and `<name>::postgres` from one `async fn <name>(t: &TestApp)`.
macro_rules! app_test {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let t = crate::helpers::TestApp::sqlite().await;
                super::$name(&t).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                let Some(t) = crate::helpers::TestApp::postgres().await else {
                    return;
                };
                super::$name(&t).await;
            }
        }
    };
}
pub(crate) use app_test;

/// The application over a migrated store with regions and categories, removed on drop.
#[derive(Debug)]
pub struct TestApp {
    pub app: Arc<App>,
    pub store: Arc<dyn Store>,
    pub clock: Arc<FixedClock>,
    url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Dir(PathBuf),
    Database { admin_url: String, name: String },
}

/// Where every test's clock starts: Mon 13 Apr 2026, 11:00 in Amsterdam.
pub const START: &str = "2026-04-13 11:00";

impl TestApp {
    pub async fn sqlite() -> TestApp {
        let dir = std::env::temp_dir().join(format!("wederhoor-app-{}", uuid::Uuid::new_v4()));
        let url = format!("sqlite://{}/wederhoor.db", dir.display());
        TestApp::start(url, Cleanup::Dir(dir)).await
    }

    /// None (after saying so once) when PostgreSQL is unreachable outside CI.
    pub async fn postgres() -> Option<TestApp> {
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
                SAID.call_once(|| {
                    // Straight to stderr: the harness captures eprintln! of passing tests.
                    let _ = writeln!(
                        std::io::stderr(),
                        "PostgreSQL not reachable at {admin_url} ({why}): skipping the app's PostgreSQL tests"
                    );
                });
                return None;
            }
        };
        let name = format!("wederhoor_app_{}", uuid::Uuid::new_v4().simple());
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        Some(TestApp::start(url, Cleanup::Database { admin_url, name }).await)
    }

    async fn start(url: String, cleanup: Cleanup) -> TestApp {
        let store = store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        for (code, name) in [("noord", "Noord"), ("zuid", "Zuid")] {
            let region = store::Region {
                code: code.into(),
                name: format!("Regio {name}"),
                management_name: format!("Directie regio {name}"),
                management_address: "Postbus 1, 1000 AA Amsterdam".into(),
                active: true,
            };
            store.upsert_region(&region).await.expect("region");
        }
        for code in ["werkwijze", "bereikbaarheid", "bejegening", "anders"] {
            let category = store::Category {
                code: code.into(),
                name_nl: code.into(),
                name_en: code.into(),
                active: true,
            };
            store.upsert_category(&category).await.expect("category");
        }
        let clock = Arc::new(FixedClock::new(at(START)));
        let app = App::start(Arc::clone(&store), clock.clone())
            .await
            .expect("start the app");
        TestApp {
            app: Arc::new(app),
            store,
            clock,
            url,
            cleanup,
        }
    }

    /// Moves the clock to a time in Amsterdam ("2026-04-20 09:00").
    pub fn at(&self, when: &str) {
        self.clock.set(at(when));
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// Runs statements outside the store, on a connection of its own (an attacker with access
    /// to the database).
    pub async fn raw(&self, sql: &str) {
        let sql = AssertSqlSafe(sql.to_owned());
        let done = match self.backend() {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .expect("open");
                sqlx::raw_sql(sql).execute(&mut c).await.map(drop)
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("open");
                sqlx::raw_sql(sql).execute(&mut c).await.map(drop)
            }
        };
        done.expect("raw SQL");
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

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside (or after a panic in) the test's runtime: a thread of its own.
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
