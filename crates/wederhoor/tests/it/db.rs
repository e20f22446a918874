//! A fresh database per test, for the binary: an SQLite file in a temporary folder, or a new
//! PostgreSQL database (created here, dropped on drop). Outside CI an unreachable PostgreSQL
//! skips the test with one line; with `CI=true` it fails.

use std::path::PathBuf;
use std::process::{Command, Output};

use sqlx::{AssertSqlSafe, Connection};

pub struct TestDb {
    pub url: String,
    dir: Option<PathBuf>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir =
            std::env::temp_dir().join(format!("wederhoor-bin-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}", dir.join("test.db").display());
        TestDb {
            url,
            dir: Some(dir),
            pg: None,
        }
    }

    pub async fn postgres() -> Option<TestDb> {
        let admin = std::env::var("WEDERHOOR_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let mut conn = match sqlx::PgConnection::connect(&admin).await {
            Ok(c) => c,
            Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("PostgreSQL not reachable at {admin} in CI: {e}")
            }
            Err(_) => {
                eprintln!("PostgreSQL not reachable at {admin}: skipping PostgreSQL test");
                return None;
            }
        };
        let name = format!("wederhoor_bin_{}", uuid::Uuid::new_v4().simple());
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create database");
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
        Some(TestDb {
            url: format!("{base}/{name}"),
            dir: None,
            pg: Some((admin, name)),
        })
    }

    /// Runs the binary against this database.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .output()
            .expect("the wederhoor binary runs")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_wederhoor"));
        c.args(args)
            .env("DATABASE_URL", &self.url)
            .env("RUST_LOG", "warn");
        c
    }

    /// Runs SQL as an attacker with database access: the append-only triggers switched off.
    pub async fn tamper(&self, sql: &str) {
        let statements = if self.pg.is_some() {
            format!("ALTER TABLE events DISABLE TRIGGER USER; {sql}")
        } else {
            format!(
                "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; {sql}"
            )
        };
        let statements = AssertSqlSafe(statements);
        if self.pg.is_some() {
            let mut c = sqlx::PgConnection::connect(&self.url)
                .await
                .expect("connect");
            sqlx::raw_sql(statements)
                .execute(&mut c)
                .await
                .expect("tamper");
        } else {
            let mut c = sqlx::SqliteConnection::connect(&self.url)
                .await
                .expect("connect");
            sqlx::raw_sql(statements)
                .execute(&mut c)
                .await
                .expect("tamper");
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((admin, name)) = self.pg.take() {
            // Best effort, on a runtime of its own (drop may run inside or outside one).
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let mut c = sqlx::PgConnection::connect(&admin).await.ok()?;
                    let sql = AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                    sqlx::raw_sql(sql).execute(&mut c).await.ok()
                })
            })
            .join();
        }
    }
}
