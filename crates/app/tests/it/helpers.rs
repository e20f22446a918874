//! A fresh application per test, on SQLite (a file in a temporary folder) or PostgreSQL (a
//! database of its own), with a clock the test moves by hand.
//!
//! PostgreSQL: `WEDERHOOR_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`.
//! If it is unreachable the PostgreSQL half is skipped with one line on stderr, unless `CI=true`,
//! where that is a failure.

use std::sync::Arc;

use app::{App, FixedClock};
use sqlx::{AssertSqlSafe, Connection};
use store::{Backend, Store};

use crate::fixtures::at;

#[path = "../../../store/tests/it/scratch_db.rs"]
mod scratch_db;

use scratch_db::ScratchDb;

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
    _db: ScratchDb,
}

/// Where every test's clock starts: Mon 13 Apr 2026, 11:00 in Amsterdam.
pub const START: &str = "2026-04-13 11:00";

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::start(ScratchDb::sqlite("wederhoor-app", "wederhoor.db")).await
    }

    /// None (after saying so once) when PostgreSQL is unreachable outside CI.
    pub async fn postgres() -> Option<TestApp> {
        Some(TestApp::start(ScratchDb::postgres("the app's PostgreSQL tests").await?).await)
    }

    async fn start(db: ScratchDb) -> TestApp {
        let url = db.url.clone();
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
            _db: db,
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
