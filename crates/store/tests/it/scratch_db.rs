//! A scratch database per test, removed on drop (best effort): an SQLite file in a fresh folder,
//! or a fresh PostgreSQL database. Shared by the store's and the app's tests (the app includes
//! this file by path, and so do the binary's) so that all create, skip and clean up alike.
//!
//! PostgreSQL: `WEDERHOOR_TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`.
//! If it is unreachable the PostgreSQL tests are skipped with one line on stderr, unless
//! `CI=true`, where that is a failure.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;
use std::time::Duration;

use sqlx::{AssertSqlSafe, Connection};

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Where a test's database lives, and how it goes away.
#[derive(Debug)]
pub struct ScratchDb {
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Dir(PathBuf),
    Database { admin_url: String, name: String },
}

impl ScratchDb {
    /// `sqlite://<temp>/<prefix>-<uuid>/<file>`; the folder is created, any folder inside
    /// `file` is left to the store.
    pub fn sqlite(prefix: &str, file: &str) -> ScratchDb {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let url = format!("sqlite://{}/{file}", dir.display());
        ScratchDb {
            url,
            cleanup: Cleanup::Dir(dir),
        }
    }

    /// A new, empty PostgreSQL database; None (after saying so once, naming `suite`) when
    /// PostgreSQL is unreachable outside CI.
    pub async fn postgres(suite: &str) -> Option<ScratchDb> {
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
                        "PostgreSQL not reachable at {admin_url} ({why}): skipping {suite}"
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
        Some(ScratchDb {
            url,
            cleanup: Cleanup::Database { admin_url, name },
        })
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

impl Drop for ScratchDb {
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
