//! The server under test: a fresh database (an SQLite file in a temporary folder, or a
//! PostgreSQL database created here and dropped afterwards), the sample organisation from
//! `wederhoor dev seed --complaints 0`, and `wederhoor serve` on a free loopback port with the
//! form's spam limits off.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Where the data lives during the run.
#[derive(Debug)]
pub enum Database {
    Sqlite { dir: PathBuf },
    Postgres { admin_url: String, name: String },
}

impl Database {
    pub fn sqlite() -> anyhow::Result<Database> {
        let dir = std::env::temp_dir().join(format!("wederhoor-loadgen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Database::Sqlite { dir })
    }

    /// Creates a fresh database with `psql` (PostgreSQL's client) on the admin connection.
    pub fn postgres(admin_url: &str) -> anyhow::Result<Database> {
        let name = format!("wederhoor_loadgen_{}", std::process::id());
        psql(admin_url, &format!("CREATE DATABASE {name}"))?;
        Ok(Database::Postgres {
            admin_url: admin_url.to_owned(),
            name,
        })
    }

    pub fn url(&self) -> String {
        match self {
            Database::Sqlite { dir } => format!("sqlite://{}", dir.join("wederhoor.db").display()),
            Database::Postgres { admin_url, name } => {
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
        }
    }

    fn data_dir(&self) -> PathBuf {
        match self {
            Database::Sqlite { dir } => dir.clone(),
            Database::Postgres { name, .. } => std::env::temp_dir().join(name),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.data_dir());
        if let Database::Postgres { admin_url, name } = self {
            let _ = psql(
                admin_url,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

fn psql(admin_url: &str, sql: &str) -> anyhow::Result<()> {
    let status = Command::new("psql")
        .args([admin_url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .stdout(Stdio::null())
        .status()
        .context("running psql (PostgreSQL's client) to create the benchmark database")?;
    if !status.success() {
        bail!("psql failed: {sql}");
    }
    Ok(())
}

/// A running `wederhoor serve`.
#[derive(Debug)]
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Seeds the organisation and starts the server; returns once `/healthz` answers.
    pub async fn start(bin: &Path, db: &Database, worker: bool) -> anyhow::Result<Server> {
        let command = |args: &[&str]| {
            let mut c = Command::new(bin);
            c.args(args)
                .env("DATABASE_URL", db.url())
                .env("WEDERHOOR_DATA_DIR", db.data_dir())
                .env("RUST_LOG", "warn");
            c
        };
        let seeded = command(&["dev", "seed", "--complaints", "0"])
            .stdout(Stdio::null())
            .status()
            .with_context(|| format!("running {}", bin.display()))?;
        if !seeded.success() {
            bail!("`wederhoor dev seed --complaints 0` failed");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let bind = format!("127.0.0.1:{port}");
        let mut serve = command(&["serve", "--bind", &bind]);
        serve
            .env("WEDERHOOR_FORM_RATE_LIMIT", "off")
            .env("WEDERHOOR_FORM_MIN_FILL_SECONDS", "0")
            .stdout(Stdio::null());
        if !worker {
            serve.arg("--no-worker");
        }
        let child = serve.spawn().context("starting wederhoor serve")?;
        let mut server = Server {
            child,
            base: format!("http://{bind}"),
        };
        server.wait_until_up().await?;
        Ok(server)
    }

    async fn wait_until_up(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = reqwest::Client::new();
        while Instant::now() < deadline {
            if let Ok(r) = client.get(format!("{}/healthz", self.base)).send().await
                && r.status().is_success()
            {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                bail!("wederhoor serve exited early: {status}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("wederhoor serve did not answer /healthz within 60 s")
    }

    /// The server's peak resident memory so far (`VmHWM`), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// SIGTERM, then wait (SIGKILL after 15 s).
    pub fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
