//! `wederhoor serve` as an operator runs it: the embedded database is created on first start,
//! the health endpoints answer, and SIGTERM stops the server cleanly.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::db::TestDb;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A `wederhoor serve` process on a free port; killed when dropped (a failed test leaves no
/// server behind).
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`, also the server's `WEDERHOOR_BASE_URL` (links in mail).
    pub base: String,
}

impl Server {
    pub fn start(mut command: Command) -> Server {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let child = command
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("WEDERHOOR_BASE_URL", &base)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        Server { child, base }
    }

    pub async fn wait_until_up(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if reqwest::get(format!("{}/healthz", self.base)).await.is_ok() {
                return;
            }
            assert!(
                self.child.try_wait().expect("poll").is_none(),
                "serve exited early"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("serve did not come up within 30 s");
    }

    /// Sends SIGTERM and returns whether the process exited successfully in time.
    pub fn terminate(mut self) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

async fn get(url: String) -> (u16, serde_json::Value) {
    let response = reqwest::get(url).await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

#[tokio::test]
async fn serve_creates_the_embedded_database_answers_health_and_stops_on_sigterm() {
    let dir =
        std::env::temp_dir().join(format!("wederhoor-serve-{}", uuid::Uuid::new_v4().simple()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_wederhoor"));
    command
        .env_remove("DATABASE_URL")
        .env("WEDERHOOR_DATA_DIR", &dir);
    let mut server = Server::start(command);
    server.wait_until_up().await;
    assert!(
        dir.join("wederhoor.db").exists(),
        "the SQLite file is created under the data folder"
    );
    let (status, body) = get(format!("{}/healthz", server.base)).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    let (status, body) = get(format!("{}/readyz", server.base)).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ready")));
    assert!(server.terminate(), "SIGTERM ends serve with exit code 0");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn serve_runs_on_postgresql() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut server = Server::start(db.command(&[]));
    server.wait_until_up().await;
    let (status, _) = get(format!("{}/readyz", server.base)).await;
    assert_eq!(status, 200);
    assert!(server.terminate());
}

#[test]
fn migrate_applies_migrations_and_is_idempotent() {
    let db = TestDb::sqlite();
    for _ in 0..2 {
        let out = db.run(&["migrate"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
