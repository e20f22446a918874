//! A real server per test: `web::serve` on 127.0.0.1:0 over a fresh SQLite database in a
//! temporary folder, with the sample organisation's regions and categories and a clock the test
//! moves by hand. Requests go over HTTP with `reqwest`; redirects are not followed, so tests
//! see them.

use std::net::SocketAddr;
use std::sync::Arc;

use app::{App, FixedClock};
use jiff::{SignedDuration, Timestamp};
use reqwest::StatusCode;
use store::Store;
use tokio::sync::oneshot;

/// Where every test's clock starts unless it says otherwise: Fri 1 May 2026, 10:00 in Amsterdam.
pub const START: &str = "2026-05-01T08:00:00Z";

/// A running server and what a test needs to look behind it.
#[derive(Debug)]
pub struct TestApp {
    pub addr: SocketAddr,
    pub app: Arc<App>,
    pub store: Arc<dyn Store>,
    pub clock: Arc<FixedClock>,
    /// A browser-like client: keeps cookies, does not follow redirects.
    pub client: reqwest::Client,
    /// The outbox folder the server's outbox page reads (`outgoing.outbox`); a test's mail
    /// worker writes there.
    pub outbox_dir: std::path::PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_at(START).await
    }

    pub async fn spawn_at(now: &str) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite://{}/wederhoor.db", dir.path().display());
        let store = store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let clock = Arc::new(FixedClock::new(now.parse().expect("timestamp")));
        let app = Arc::new(
            App::start(Arc::clone(&store), clock.clone())
                .await
                .expect("app"),
        );
        app.seed_organisation()
            .await
            .expect("regions and categories");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = oneshot::channel::<()>();
        let accounts = app::accounts::Accounts::new(Arc::clone(&store), clock.clone());
        let outbox_dir = dir.path().join("outbox");
        let state = web::AppState {
            app: Arc::clone(&app),
            accounts: Arc::new(accounts),
            secure_cookies: false,
            office: web::OfficeSettings::default(),
            public_form: web::PublicFormSettings::default(),
            outgoing: web::OutgoingSettings {
                outbox: Some(outbox_dir.clone()),
                ..web::OutgoingSettings::default()
            },
            metrics: web::MetricsSettings::default(),
        };
        tokio::spawn(async move {
            let stop = async {
                let _ = rx.await;
            };
            web::serve(listener, state, stop).await.expect("serve");
        });
        TestApp {
            addr,
            app,
            store,
            clock,
            client: TestApp::new_client(),
            outbox_dir,
            shutdown: Some(tx),
            _dir: dir,
        }
    }

    /// Another browser: its own cookies.
    pub fn new_client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// The SQLite database behind the server, for tests that count with plain SQL.
    pub fn database_url(&self) -> String {
        format!("sqlite://{}/wederhoor.db", self._dir.path().display())
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn now(&self) -> Timestamp {
        app::Clock::now(&*self.clock)
    }

    pub fn advance_secs(&self, secs: i64) {
        self.clock.advance(SignedDuration::from_secs(secs));
    }

    /// GET `path`: status and body.
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        let status = response.status();
        (status, response.text().await.expect("body"))
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The `value` of the input named `name` in `html` (attributes in the order the templates
/// write them: `name="…" value="…"`).
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[start..];
    let value = &rest[rest.find("value=\"")? + 7..];
    Some(value[..value.find('"')?].to_owned())
}

/// `html` with runs of whitespace collapsed, for asserting on sentences that wrap.
pub fn squash(html: &str) -> String {
    html.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- back office (tests/it/office_*) ----

/// The password of every staff user the tests create.
pub const STAFF_PASSWORD: &str = "paarse olifant danst op het dak";

impl TestApp {
    /// The account use cases over this server's store and clock.
    pub fn accounts(&self) -> app::accounts::Accounts {
        app::accounts::Accounts::new(Arc::clone(&self.store), self.clock.clone())
    }

    /// A new staff user with [`STAFF_PASSWORD`], working for `regions` (all regions when
    /// empty), with a fresh e-mail address.
    pub async fn staff_user(
        &self,
        role: domain::complaint::Role,
        regions: &[&str],
    ) -> store::UserRecord {
        let email = format!(
            "{}-{}@example.nl",
            role.label_nl(),
            uuid::Uuid::new_v4().simple()
        );
        let new = app::accounts::NewAccount {
            email,
            name: format!("Test {}", role.label_nl()),
            role,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            all_regions: regions.is_empty(),
            password: Some(STAFF_PASSWORD.to_owned()),
        };
        self.accounts().create_user(new).await.expect("staff user")
    }

    /// A new browser, logged in over HTTP as a new staff user of `role` for `regions` (all
    /// regions when empty).
    pub async fn login_as(
        &self,
        role: domain::complaint::Role,
        regions: &[&str],
    ) -> reqwest::Client {
        let user = self.staff_user(role, regions).await;
        let client = TestApp::new_client();
        let response = self.login(&client, &user.email, STAFF_PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "login of {}",
            user.email
        );
        client
    }

    /// Posts the login form with `client`; the response is not followed.
    pub async fn login(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/kantoor/inloggen"))
            .form(&[("email", email), ("wachtwoord", password)])
            .send()
            .await
            .expect("POST /kantoor/inloggen")
    }

    /// A worker that renders letters and mails them into `outbox`, with the placeholder
    /// organisation of the start-up settings (the database's details win when set). Add
    /// handlers for other job kinds before draining.
    pub fn letter_worker(&self, outbox: mail::FileOutbox) -> app::worker::Worker {
        app::worker::Worker::new(self.app.clone(), "test")
            .handle(web::notify::LETTER_JOB, Arc::new(self.letter_mail(outbox)))
    }

    /// A worker that runs the deadline watch's reminders and escalations and mails the alerts
    /// into `outbox`.
    pub fn alert_worker(&self, outbox: &mail::FileOutbox) -> app::worker::Worker {
        app::worker::Worker::new(self.app.clone(), "test")
            .handle(
                app::deadline_watch::REMIND_JOB,
                Arc::new(app::deadline_watch::AlertHandler::reminders()),
            )
            .handle(
                app::deadline_watch::ESCALATE_JOB,
                Arc::new(app::deadline_watch::AlertHandler::escalations()),
            )
            .handle(
                web::notify::DEADLINE_ALERT_JOB,
                Arc::new(web::notify::DeadlineAlertMail {
                    mailer: test_mailer(outbox.clone()),
                }),
            )
    }

    /// The `letter.send` handler [`TestApp::letter_worker`] runs, for a test that runs a job
    /// by hand (a worker that dies before completing it).
    pub fn letter_mail(&self, outbox: mail::FileOutbox) -> web::notify::LetterMail {
        web::notify::LetterMail {
            mailer: test_mailer(outbox),
            organisation: web::notify::OrganisationDetails::default(),
            letters: Arc::new(::letters::Letters::new()),
        }
    }

    /// GET `path` with `client`: status and body.
    pub async fn get_with(&self, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
        let response = client.get(self.url(path)).send().await.expect("GET");
        let status = response.status();
        (status, response.text().await.expect("body"))
    }
}

/// The mailer the test workers send with: into `outbox`, from the test organisation's address.
pub fn test_mailer(outbox: mail::FileOutbox) -> web::notify::Mailer {
    web::notify::Mailer {
        transport: Arc::new(outbox),
        settings: web::notify::MailSettings {
            from: mail::Mailbox::named("Klachten", "klachten@example.nl"),
            base_url: "https://klachten.example.nl".into(),
        },
    }
}
