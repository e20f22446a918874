//! A complaint whose reference was shown is on disk: `serve` is killed with SIGKILL while
//! submissions are still arriving, and every reference it had acknowledged (a 303 to the
//! receipt) is in the database afterwards, also after a restart.

use std::collections::BTreeSet;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::multipart::Form;
use sqlx::Connection;

use crate::db::TestDb;

const SUBMISSIONS: usize = 240;
const CLIENTS: usize = 16;

fn start(db: &TestDb) -> (Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let child = db
        .command(&[
            "serve",
            "--no-worker",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        // Many submissions from one address; the minimum fill time stays at its default.
        .env("WEDERHOOR_FORM_RATE_LIMIT", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    (child, base)
}

async fn wait_until_up(child: &mut Child, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if reqwest::get(format!("{base}/readyz")).await.is_ok() {
            return;
        }
        assert!(child.try_wait().expect("poll").is_none(), "serve exited");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("serve did not come up within 30 s");
}

fn token_in(html: &str) -> String {
    let at = html.find(r#"name="token""#).expect("token field");
    let rest = &html[at..];
    let start = rest.find(r#"value=""#).expect("value") + 7;
    let end = rest[start..].find('"').expect("end of value");
    rest[start..start + end].to_owned()
}

fn form(token: String, n: usize) -> Form {
    Form::new()
        .text("token", token)
        .text("naam", format!("Anna de Vries {n}"))
        .text("email", format!("anna{n}@example.nl"))
        .text("regio", "noord")
        .text("categorie", "bejegening")
        .text(
            "wat",
            format!("Ik werd aan de balie onvriendelijk behandeld (#{n})."),
        )
        .text("uitkomst", "Excuses.")
        .text("toestemming", "ja")
        .text("website", "")
}

/// The references in the database, as `K-2026-000001`.
async fn stored_references(db: &TestDb) -> BTreeSet<String> {
    let mut c = sqlx::SqliteConnection::connect(&db.url)
        .await
        .expect("open the SQLite file");
    let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT ref_year, ref_number FROM complaints")
        .fetch_all(&mut c)
        .await
        .expect("complaints");
    rows.into_iter()
        .map(|(y, n)| format!("K-{y}-{n:06}"))
        .collect()
}

#[tokio::test]
async fn every_acknowledged_complaint_survives_sigkill_of_serve() {
    let db = TestDb::sqlite();
    assert!(
        db.run(&["dev", "seed", "--complaints", "0"])
            .status
            .success()
    );
    let (mut child, base) = start(&db);
    wait_until_up(&mut child, &base).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");

    // Every form first, then the minimum fill time (3 s, real clock) once.
    let mut tokens = Vec::with_capacity(SUBMISSIONS);
    for _ in 0..SUBMISSIONS {
        let html = http
            .get(format!("{base}/klacht"))
            .send()
            .await
            .expect("form")
            .text()
            .await
            .expect("html");
        tokens.push(token_in(&html));
    }
    tokio::time::sleep(Duration::from_millis(3100)).await;

    // Clients submit concurrently (so commits are shared); the server is killed halfway.
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let tokens = Arc::new(Mutex::new(tokens.into_iter().enumerate()));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (http, base) = (http.clone(), base.clone());
        let (acknowledged, tokens) = (Arc::clone(&acknowledged), Arc::clone(&tokens));
        clients.push(tokio::spawn(async move {
            loop {
                let Some((n, token)) = tokens.lock().unwrap().next() else {
                    return;
                };
                let Ok(r) = http
                    .post(format!("{base}/klacht"))
                    .multipart(form(token, n))
                    .send()
                    .await
                else {
                    return; // the server is gone
                };
                if r.status() == reqwest::StatusCode::SEE_OTHER {
                    let to = r.headers()["location"].to_str().unwrap().to_owned();
                    let reference = to
                        .strip_prefix("/klacht/ontvangen/")
                        .and_then(|r| r.split('?').next())
                        .expect("a receipt URL")
                        .to_owned();
                    acknowledged.lock().unwrap().push(reference);
                }
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().unwrap().len() < SUBMISSIONS / 2 {
        assert!(Instant::now() < deadline, "too few acknowledgements");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    child.kill().expect("SIGKILL"); // std's kill is SIGKILL on Unix
    child.wait().expect("reaped");
    for c in clients {
        c.await.expect("client task");
    }
    let acknowledged: BTreeSet<String> = acknowledged.lock().unwrap().iter().cloned().collect();
    assert!(acknowledged.len() >= SUBMISSIONS / 2);

    let stored = stored_references(&db).await;
    let lost: Vec<_> = acknowledged.difference(&stored).collect();
    assert!(lost.is_empty(), "acknowledged but not stored: {lost:?}");

    // The server starts again on the same file and still has them.
    let (mut child, base) = start(&db);
    wait_until_up(&mut child, &base).await;
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let stored = stored_references(&db).await;
    assert!(acknowledged.is_subset(&stored), "after a restart as well");
    let audit = db.run(&["audit", "verify", "--json"]);
    assert!(audit.status.success(), "the hash chains are intact");
}
