//! `wederhoor mail ingest` (an MTA pipe) and `wederhoor mail poll` (a real Dovecot): exit codes
//! an MTA understands, complaints in the database, handled mail moved, nothing taken twice.

use std::io::Write;
use std::process::{Output, Stdio};

use crate::db::TestDb;
use crate::dovecot::{self, Dovecot};

fn complaint_mail(n: u32) -> String {
    format!(
        "From: Klager {n} <klager{n}@example.nl>\r\nTo: klachten@example.nl\r\n\
         Subject: Klacht {n}\r\nMessage-ID: <klacht-{n}@example.nl>\r\n\r\n\
         Mijn afspraak {n} werd zonder bericht afgezegd.\r\n"
    )
}

/// Migrates and adds the region and category the intake uses.
async fn prepare(db: &TestDb) -> std::sync::Arc<dyn store::Store> {
    let out = db.run(&["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = store::connect(&db.url).await.unwrap();
    let region = store::Region {
        code: "noord".into(),
        name: "Regio Noord".into(),
        management_name: "Directie Noord".into(),
        management_address: "Postbus 1, 9700 AA Groningen".into(),
        active: true,
    };
    store.upsert_region(&region).await.unwrap();
    let category = store::Category {
        code: "anders".into(),
        name_nl: "Anders".into(),
        name_en: "Other".into(),
        active: true,
    };
    store.upsert_category(&category).await.unwrap();
    store
}

fn ingest(db: &TestDb, region: Option<&str>, raw: &str) -> Output {
    let mut command = db.command(&["mail", "ingest"]);
    command.env_remove("WEDERHOOR_MAIL_INTAKE_REGION");
    if let Some(region) = region {
        command.env("WEDERHOOR_MAIL_INTAKE_REGION", region);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(raw.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

async fn ingest_story(db: &TestDb) {
    let store = prepare(db).await;
    let out = ingest(db, Some("noord"), &complaint_mail(1));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("nieuwe klacht K-"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(text(&out.stdout).lines().count(), 1);
    let found = store
        .complaints_by_email("klager1@example.nl")
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].projection.channel, "email");

    let again = ingest(db, Some("noord"), &complaint_mail(1));
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stdout), "al verwerkt");
    assert_eq!(store.count_open().await.unwrap(), 1);
}

#[tokio::test]
async fn mail_ingest_registers_a_message_from_stdin_once_sqlite() {
    ingest_story(&TestDb::sqlite()).await;
}

#[tokio::test]
async fn mail_ingest_registers_a_message_from_stdin_once_postgres() {
    if let Some(db) = TestDb::postgres().await {
        ingest_story(&db).await;
    }
}

#[tokio::test]
async fn an_unreachable_database_asks_the_mta_to_try_again() {
    let mut db = TestDb::sqlite();
    db.url = "postgres://wederhoor@127.0.0.1:1/wederhoor".into();
    let out = ingest(&db, Some("noord"), &complaint_mail(1));
    assert_eq!(out.status.code(), Some(75), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("tijdelijk niet verwerkt"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn a_missing_or_unknown_intake_region_is_a_configuration_error() {
    let db = TestDb::sqlite();
    prepare(&db).await;
    let out = ingest(&db, None, &complaint_mail(1));
    assert_eq!(out.status.code(), Some(78));
    let line = text(&out.stderr);
    assert!(line.contains("WEDERHOOR_MAIL_INTAKE_REGION"), "{line}");
    assert_eq!(line.lines().count(), 1, "{line}");
    let out = ingest(&db, Some("atlantis"), &complaint_mail(1));
    assert_eq!(out.status.code(), Some(78), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("atlantis"));
}

fn poll(db: &TestDb, server: &Dovecot) -> Output {
    let password = server.password_file();
    db.command(&["mail", "poll"])
        .env("WEDERHOOR_MAIL_INTAKE_REGION", "noord")
        .env("WEDERHOOR_IMAP_HOST", "127.0.0.1")
        .env("WEDERHOOR_IMAP_PORT", server.port.to_string())
        .env("WEDERHOOR_IMAP_TLS", "false")
        .env("WEDERHOOR_IMAP_USER", dovecot::USER)
        .env("WEDERHOOR_IMAP_PASSWORD_FILE", password)
        .output()
        .unwrap()
}

#[tokio::test]
async fn mail_poll_registers_moves_and_files_replies_without_taking_anything_twice() {
    let Some(server) = Dovecot::start(dovecot::Flavour::Full) else {
        return;
    };
    let db = TestDb::sqlite();
    let store = prepare(&db).await;
    for n in 1..=2 {
        dovecot::append(&server, "INBOX", complaint_mail(n).as_bytes()).await;
    }

    let out = poll(&db, &server);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "2 nieuwe klachten, 0 reacties, 0 genegeerd, 0 al verwerkt"
    );
    assert_eq!(store.count_open().await.unwrap(), 2);
    assert_eq!(dovecot::count(&server, "INBOX").await, Some(0));
    assert_eq!(dovecot::count(&server, "Verwerkt").await, Some(2));

    let out = poll(&db, &server);
    assert_eq!(
        text(&out.stdout),
        "0 nieuwe klachten, 0 reacties, 0 genegeerd, 0 al verwerkt"
    );

    let complaint = &store
        .complaints_by_email("klager2@example.nl")
        .await
        .unwrap()[0];
    let reply = format!(
        "From: klager2@example.nl\r\nSubject: Re: Ontvangstbevestiging van uw klacht {}\r\n\
         Message-ID: <antwoord@example.nl>\r\nIn-Reply-To: <receipt.{}@localhost>\r\n\r\n\
         Aanvulling op mijn klacht.\r\n",
        complaint.reference, complaint.id
    );
    dovecot::append(&server, "INBOX", reply.as_bytes()).await;
    // A copy of an already handled message (a client that resent it) is recognised as well.
    dovecot::append(&server, "INBOX", complaint_mail(1).as_bytes()).await;
    let out = poll(&db, &server);
    assert_eq!(
        text(&out.stdout),
        "0 nieuwe klachten, 1 reacties, 0 genegeerd, 1 al verwerkt"
    );
    assert_eq!(store.count_open().await.unwrap(), 2);
    let kinds: Vec<String> = store
        .events(complaint.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["complaint_registered", "correspondence_received"]);
    assert_eq!(dovecot::count(&server, "Verwerkt").await, Some(4));
}

#[tokio::test]
async fn the_worker_polls_the_mailbox_and_sends_the_receipt_with_the_reference() {
    let Some(server) = Dovecot::start(dovecot::Flavour::Full) else {
        return;
    };
    let db = TestDb::sqlite();
    let store = prepare(&db).await;
    let data = tempfile::tempdir().unwrap();
    dovecot::append(&server, "INBOX", complaint_mail(7).as_bytes()).await;
    let mut worker = db
        .command(&["worker"])
        .env("WEDERHOOR_DATA_DIR", data.path())
        .env("WEDERHOOR_MAIL_FROM", "klachten@example.nl")
        .env("WEDERHOOR_MAIL_INTAKE_REGION", "noord")
        .env("WEDERHOOR_IMAP_HOST", "127.0.0.1")
        .env("WEDERHOOR_IMAP_PORT", server.port.to_string())
        .env("WEDERHOOR_IMAP_TLS", "false")
        .env("WEDERHOOR_IMAP_USER", dovecot::USER)
        .env("WEDERHOOR_IMAP_PASSWORD_FILE", server.password_file())
        .env("WEDERHOOR_IMAP_POLL_SECONDS", "1")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let outbox = data.path().join("outbox");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let receipt = loop {
        let sent: Vec<String> = std::fs::read_dir(&outbox)
            .into_iter()
            .flatten()
            .flatten()
            // Finished files only: the outbox writes under a hidden name, then renames.
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        if let Some(mail) = sent.into_iter().next() {
            break mail;
        }
        if std::time::Instant::now() > deadline {
            let _ = worker.kill();
            panic!("no receipt in the outbox within 30 s");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    worker.kill().unwrap();
    worker.wait().unwrap();
    let complaint = &store
        .complaints_by_email("klager7@example.nl")
        .await
        .unwrap()[0];
    assert!(
        receipt.contains(&complaint.reference.to_string()),
        "{receipt}"
    );
    assert!(receipt.contains("klager7@example.nl"), "{receipt}");
    assert_eq!(dovecot::count(&server, "INBOX").await, Some(0));
}
