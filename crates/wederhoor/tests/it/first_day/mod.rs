//! The first day with Wederhoor, end to end: the compiled binary's `serve` on a fresh SQLite
//! file with a file outbox, the first administrator made with the CLI, and then everything else
//! in Chromium as people do it: the organisation, a region, a category, a handler and a regional
//! director with their one-time setup links; two complaints received by phone two days earlier,
//! taken through contact, answer and an objection in the complainant's portal to (1) a hearing
//! with a settlement confirmed by both parties and (2) a declined hearing and the director's final
//! decision. Every page visited is checked with axe-core, and every letter mailed is read back
//! with `pdftotext` for its mandatory parts and its dates.
//!
//! The server's clock is put at Thursday 10 December 2026, 16:00 in Amsterdam
//! (`WEDERHOOR_CLOCK_OFFSET_SECONDS`), so the dates are known and the Christmas holidays fall in
//! the objection window: the answer is dated 10 December, 15 days later is Friday 25 December
//! (Eerste Kerstdag), then Tweede Kerstdag on Saturday and Sunday: the last day to object is
//! Monday 28 December 2026 (TERMS.md, Atw art. 1).

mod letters;
mod setup;
mod walk;

use std::path::Path;
use std::process::Command;

use crate::browser::Browser;
use crate::serve::Server;

/// The server's "now": Thursday 10 December 2026, 16:00 in Amsterdam.
const TODAY: &str = "2026-12-10T15:00:00Z";
/// Every staff member's password.
const PASSWORD: &str = "een lange zin als wachtwoord";
/// The administrator the CLI creates.
const ADMIN: &str = "beheer@focus.example";
const HANDLER: &str = "kees.behandelaar@focus.example";
const DIRECTOR: &str = "dora.directeur@focus.example";

/// The binary with the test's data folder and nothing from the environment that would send
/// mail or pick another database.
fn wederhoor(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wederhoor"));
    command
        .env_remove("DATABASE_URL")
        .env_remove("WEDERHOOR_SMTP_HOST")
        .env("WEDERHOOR_DATA_DIR", data)
        .env("WEDERHOOR_MAIL_FROM", "klachten@focus.example")
        .env("RUST_LOG", "warn");
    command
}

/// `wederhoor serve` on a fresh data folder, its clock at [`TODAY`].
async fn fresh_serve(data: &Path) -> Server {
    let today: jiff::Timestamp = TODAY.parse().expect("a time stamp");
    let offset = today.duration_since(jiff::Timestamp::now()).as_secs();
    let mut command = wederhoor(data);
    command.env("WEDERHOOR_CLOCK_OFFSET_SECONDS", offset.to_string());
    let mut server = Server::start(command);
    server.wait_until_up().await;
    assert!(data.join("wederhoor.db").exists(), "a fresh SQLite file");
    server
}

/// `wederhoor user add --role beheerder`, the password typed on stdin.
fn first_administrator(data: &Path) {
    let mut command = wederhoor(data);
    command.args([
        "user",
        "add",
        "--email",
        ADMIN,
        "--name",
        "Bea Heer",
        "--role",
        "beheerder",
        "--all-regions",
        "--password-stdin",
    ]);
    let out = crate::users::with_stdin(command, &format!("{PASSWORD}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn a_new_user_sets_up_a_fresh_serve_and_takes_two_complaints_to_their_end_in_a_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let data = tempfile::tempdir().expect("data folder");
    let server = fresh_serve(data.path()).await;
    first_administrator(data.path());
    let day = Day {
        browser,
        base: server.base.clone(),
        outbox: data.path().join("outbox"),
    };

    setup::organisation_region_category_and_staff(&day).await;
    let (settled, decided) = walk::both_complaints(&day).await;
    letters::check_every_letter(&day, &settled, &decided).await;

    day.browser.close().await;
    assert!(server.terminate(), "SIGTERM ends serve with exit code 0");
}

/// What every step needs: the browser, the server's address and its outbox folder.
pub struct Day {
    browser: Browser,
    base: String,
    outbox: std::path::PathBuf,
}

impl Day {
    /// Opens `path` on the server and checks the page with axe-core.
    async fn open(&self, path: &str) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        self.browser.client.goto(&url).await.expect("open the page");
        self.browser.assert_accessible(path).await;
    }

    /// Logs in on the staff login page and lands on the work queue.
    async fn log_in(&self, email: &str) {
        self.open("/kantoor/inloggen").await;
        self.browser.fill("email", email).await;
        self.browser.fill("wachtwoord", PASSWORD).await;
        self.browser.click("form button[type=submit]").await;
        let heading = self.browser.heading("Werkvoorraad").await;
        assert_eq!(heading, "Werkvoorraad", "{email} logged in");
        self.browser.assert_accessible("work queue").await;
    }

    /// Logs out with the button in the page header.
    async fn log_out(&self) {
        self.browser.log_out().await;
        self.browser.assert_accessible("logged out").await;
    }
}
