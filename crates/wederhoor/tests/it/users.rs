//! `wederhoor user …` and `wederhoor token …` through the binary, on both databases: the first
//! administrator with a password from stdin or a setup link, refused input with exit code 2,
//! and an API token that the store finds by its hash.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use crate::db::TestDb;

const PASSWORD: &str = "correct paard batterij";

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// Runs `command` with `input` typed on its stdin (a password, as an operator would).
pub fn with_stdin(mut command: Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wederhoor binary starts");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("the binary finishes")
}

async fn store_of(db: &TestDb) -> std::sync::Arc<dyn store::Store> {
    store::connect(&db.url).await.expect("connect")
}

async fn the_first_administrator_logs_in_and_gets_a_token(db: TestDb) {
    let add = [
        "user",
        "add",
        "--email",
        "Beheer@Example.nl",
        "--name",
        "Bea Heer",
        "--role",
        "beheerder",
        "--all-regions",
        "--password-stdin",
    ];
    let out = with_stdin(db.command(&add), &format!("{PASSWORD}\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("beheer@example.nl"),
        "{}",
        text(&out.stdout)
    );
    assert!(!text(&out.stdout).contains(PASSWORD));

    let store = store_of(&db).await;
    let user = store
        .user_by_email("beheer@example.nl")
        .await
        .unwrap()
        .unwrap();
    let accounts = app::accounts::Accounts::new(store.clone(), Arc::new(app::SystemClock));
    let login = app::accounts::LoginAttempt {
        email: "beheer@example.nl",
        password: PASSWORD,
        totp: None,
        ip: None,
        user_agent: None,
    };
    let session = accounts.authenticate(login).await.expect("logs in");
    assert_eq!(session.user.id, user.id);
    assert!(user.all_regions);

    // The same address again, in other letters: refused, exit code 2, one line.
    let out = with_stdin(
        db.command(&add.map(|a| {
            if a == "Beheer@Example.nl" {
                "beheer@example.NL"
            } else {
                a
            }
        })),
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("bestaat al") && err.lines().count() == 1,
        "{err}"
    );

    let out = db.run(&[
        "token",
        "create",
        "--user",
        "beheer@example.nl",
        "--name",
        "ci",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout).trim().to_owned();
    assert_eq!(token.len(), 64, "{token}");
    let hash = app::accounts::token_hash(&token);
    let (found, owner) = store
        .use_api_token(&hash, jiff::Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.name.as_str(), owner.id), ("ci", user.id));

    let out = db.run(&[
        "token",
        "revoke",
        "--user",
        "beheer@example.nl",
        "--name",
        "ci",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        store
            .use_api_token(&hash, jiff::Timestamp::now())
            .await
            .unwrap()
            .is_none()
    );
    let out = db.run(&[
        "token",
        "revoke",
        "--user",
        "beheer@example.nl",
        "--name",
        "ci",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

async fn a_handler_gets_a_setup_link_instead_of_a_password(db: TestDb) {
    // Regions must be known: make one (the organisation's data normally comes from the app).
    let store = store_of(&db).await;
    store.migrate().await.unwrap();
    let noord = store::Region {
        code: "noord".into(),
        name: "Regio Noord".into(),
        management_name: "Directie Noord".into(),
        management_address: "Postbus 1".into(),
        active: true,
    };
    store.upsert_region(&noord).await.unwrap();

    let out = db
        .command(&[
            "user",
            "add",
            "--email",
            "kb@example.nl",
            "--name",
            "Kees",
            "--role",
            "klachtbehandelaar",
            "--region",
            "noord",
            "--setup-link",
        ])
        .env("WEDERHOOR_BASE_URL", "https://klachten.example.nl/")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let prefix = "https://klachten.example.nl/wachtwoord/instellen/";
    let link = stdout.lines().find(|l| l.starts_with(prefix));
    let token = link
        .expect("a setup link is printed")
        .trim_start_matches(prefix);
    let hash = app::accounts::token_hash(token);
    let user = store.setup_token_user(&hash, jiff::Timestamp::now()).await;
    let user = user.unwrap().expect("the link is valid");
    assert_eq!(
        (user.email.as_str(), user.regions.as_slice()),
        ("kb@example.nl", &["noord".to_owned()][..])
    );
    assert!(user.password_hash.is_none(), "no password is set");

    let list = db.run(&["user", "list"]);
    assert!(
        text(&list.stdout).contains("wacht op wachtwoord"),
        "{}",
        text(&list.stdout)
    );

    // An unknown region and a missing password source are refused with exit code 2.
    let out = db.run(&[
        "user",
        "add",
        "--email",
        "x@example.nl",
        "--name",
        "X",
        "--role",
        "lezer",
        "--region",
        "atlantis",
        "--setup-link",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("onbekende regio"),
        "{}",
        text(&out.stderr)
    );
    let out = with_stdin(
        db.command(&[
            "user",
            "add",
            "--email",
            "y@example.nl",
            "--name",
            "Y",
            "--role",
            "lezer",
            "--all-regions",
        ]),
        "",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));

    let out = db.run(&["user", "disable", "--email", "kb@example.nl"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kb = store.user_by_email("kb@example.nl").await.unwrap().unwrap();
    assert!(!kb.active);
}

#[tokio::test]
async fn sqlite_the_first_administrator_logs_in_and_gets_a_token() {
    the_first_administrator_logs_in_and_gets_a_token(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_the_first_administrator_logs_in_and_gets_a_token() {
    if let Some(db) = TestDb::postgres().await {
        the_first_administrator_logs_in_and_gets_a_token(db).await;
    }
}

#[tokio::test]
async fn sqlite_a_handler_gets_a_setup_link_instead_of_a_password() {
    a_handler_gets_a_setup_link_instead_of_a_password(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_a_handler_gets_a_setup_link_instead_of_a_password() {
    if let Some(db) = TestDb::postgres().await {
        a_handler_gets_a_setup_link_instead_of_a_password(db).await;
    }
}
