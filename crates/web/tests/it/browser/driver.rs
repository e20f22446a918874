//! The browser driver shared by the browser tests of the web crate and the binary's first-day
//! test (included there by path): chromedriver with a headless Debian Chromium, and axe-core.
//!
//! Needs `chromium` and `chromium-driver` (Debian) and `npm ci` (axe-core in `node_modules`).
//! Outside CI a missing piece skips these tests with one line; with `CI=true` it fails them.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// A chromedriver process and a headless Chromium session.
pub struct Browser {
    pub client: Client,
    driver: Child,
    /// Chromium's profile folder, removed on drop (after chromedriver is stopped).
    _profile: tempfile::TempDir,
}

fn missing(what: &str) -> Option<Browser> {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("browser tests need {what}");
    }
    eprintln!("SKIPPED: browser tests need {what}");
    None
}

fn axe_source() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path).ok()
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless session, or skips.
    pub async fn start() -> Option<Browser> {
        let Some(driver_path) = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
        else {
            return missing("chromedriver (Debian package chromium-driver)");
        };
        if axe_source().is_none() {
            return missing("axe-core (run `npm ci` in the repository root)");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("profile folder");
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--window-size=1280,1000",
        ];
        let mut chrome_args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        chrome_args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": "/usr/bin/chromium", "args": chrome_args }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Some(Browser {
                        client,
                        driver,
                        _profile: profile,
                    });
                }
                Err(e) if Instant::now() > deadline => {
                    panic!("cannot start a Chromium session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Runs axe-core on the current page; panics listing every WCAG 2.1 A/AA violation.
    pub async fn assert_accessible(&self, page: &str) {
        let axe = axe_source().expect("axe-core is present (checked at start)");
        self.client
            .execute(&axe, vec![])
            .await
            .expect("inject axe-core");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')) }))))
               .catch(e => done([{ id: 'axe-error', help: String(e) }]));
        "#;
        let violations: Value = self
            .client
            .execute_async(script, vec![])
            .await
            .expect("run axe-core");
        let list = violations.as_array().cloned().unwrap_or_default();
        assert!(
            list.is_empty(),
            "{page}: accessibility violations: {}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    }

    /// The page's heading once it contains `expected` (navigation after a click takes a moment),
    /// or whatever heading there is after 10 seconds.
    pub async fn heading(&self, expected: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let text = match self.client.find(Locator::Css("h1")).await {
                Ok(h1) => h1.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) || std::time::Instant::now() > deadline {
                return text;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Replaces the text of the field with id `id`.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self
            .client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("field {id}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Sets the value of the field with id `id` by script: date and time inputs take their
    /// typed text in the browser's locale, so tests set the value the form submits instead.
    pub async fn set_value(&self, id: &str, value: &str) {
        self.client
            .execute(
                "const f = document.getElementById(arguments[0]); f.value = arguments[1];",
                vec![id.into(), value.into()],
            )
            .await
            .unwrap_or_else(|e| panic!("field {id}: {e}"));
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// Waits until the address's query is `query` (a page confirms a post by redirecting to a
    /// page with one, e.g. `gedaan=contact`) and returns the address's path; panics with the
    /// page's error summary otherwise.
    pub async fn wait_for_query(&self, query: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.client.current_url().await.expect("url");
            if url.query() == Some(query) {
                return url.path().to_owned();
            }
            if Instant::now() > deadline {
                let errors = match self.client.find(Locator::Css(".error-summary")).await {
                    Ok(e) => e.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("no {query} ({url}): {errors}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Logs out with the button in the page header and waits for the login page that says so,
    /// so that the next navigation does not race the logout's redirect.
    pub async fn log_out(&self) {
        self.click("form[action='/kantoor/uitloggen'] button").await;
        self.wait_for_query("uitgelogd=1").await;
    }

    /// Opens the section of `step` on the staff complaint page (a `<details>`).
    pub async fn open_step(&self, step: &str) {
        self.click(&format!("#stap-{step} > summary")).await;
    }

    /// Submits the section of `step` with its main button, waits for the confirmation
    /// (`?gedaan=<step>`), then runs axe-core on the page.
    pub async fn take_step(&self, step: &str) {
        self.click(&format!("#stap-{step} button[type=submit]:not(.secondary)"))
            .await;
        self.wait_for_query(&format!("gedaan={step}")).await;
        self.assert_accessible(&format!("after {step}")).await;
    }

    /// The text of the page's `main`.
    pub async fn main_text(&self) -> String {
        self.client
            .find(Locator::Css("main"))
            .await
            .expect("main")
            .text()
            .await
            .expect("text")
    }

    /// Ends the session and chromedriver; the profile folder goes with the value.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    /// Stops chromedriver, also when a test panics before `close`.
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
