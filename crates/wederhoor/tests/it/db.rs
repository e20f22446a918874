//! A fresh database per test, for the binary: the store's scratch database (an SQLite file in a
//! temporary folder, or a new PostgreSQL database dropped on drop), plus running the binary
//! against it and tampering with it as an attacker would.

use std::process::{Command, Output};

use sqlx::{AssertSqlSafe, Connection};

#[path = "../../../store/tests/it/scratch_db.rs"]
mod scratch_db;

use scratch_db::ScratchDb;

pub struct TestDb {
    pub url: String,
    db: ScratchDb,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        TestDb::on(ScratchDb::sqlite("wederhoor-bin", "test.db"))
    }

    pub async fn postgres() -> Option<TestDb> {
        Some(TestDb::on(
            ScratchDb::postgres("the binary's PostgreSQL tests").await?,
        ))
    }

    fn on(db: ScratchDb) -> TestDb {
        TestDb {
            url: db.url.clone(),
            db,
        }
    }

    fn is_postgres(&self) -> bool {
        self.db.url.starts_with("postgres")
    }

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
        let statements = if self.is_postgres() {
            format!("ALTER TABLE events DISABLE TRIGGER USER; {sql}")
        } else {
            format!(
                "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; {sql}"
            )
        };
        let statements = AssertSqlSafe(statements);
        if self.is_postgres() {
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
