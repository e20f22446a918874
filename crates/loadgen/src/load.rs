//! One load level: form tokens fetched beforehand (`GET /klacht`), then `clients` tasks each
//! posting the multipart form in a loop until the time is up or the tokens run out. Only a 303
//! (the redirect to the receipt) counts as a success; the redirect is not followed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;

/// What one level measured.
#[derive(Debug)]
pub struct LevelResult {
    pub clients: usize,
    pub ok: usize,
    pub errors: usize,
    pub elapsed: Duration,
    /// Latencies of the successful submissions, sorted.
    pub latencies: Vec<Duration>,
}

impl LevelResult {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }
}

/// An HTTP client that never follows redirects and keeps connections open.
pub fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Fetches `count` form tokens with `parallel` concurrent requests.
pub async fn fetch_tokens(
    http: &reqwest::Client,
    base: &str,
    count: usize,
    parallel: usize,
) -> anyhow::Result<Vec<String>> {
    let url = format!("{base}/klacht");
    let per_task = count.div_ceil(parallel.max(1));
    let mut tasks = Vec::new();
    for _ in 0..parallel.max(1) {
        let (http, url) = (http.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let mut tokens = Vec::with_capacity(per_task);
            for _ in 0..per_task {
                let html = http
                    .get(&url)
                    .send()
                    .await?
                    .error_for_status()?
                    .text()
                    .await?;
                tokens.push(token_in(&html).context("no token field in the form")?);
            }
            Ok::<_, anyhow::Error>(tokens)
        }));
    }
    let mut all = Vec::with_capacity(count);
    for t in tasks {
        all.extend(t.await??);
    }
    all.truncate(count);
    Ok(all)
}

/// The value of `<input type="hidden" name="token" value="…">`.
fn token_in(html: &str) -> Option<String> {
    let at = html.find(r#"name="token""#)?;
    let rest = &html[at..];
    let start = rest.find(r#"value=""#)? + r#"value=""#.len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

/// The multipart boundary of the bodies sent (never part of a field value below).
const BOUNDARY: &str = "wederhoor-loadgen-7d3f9a";

/// A valid submission as a `multipart/form-data` body, as a browser sends it; the name and text
/// vary per request. Encoded by hand into one buffer so that the client spends little CPU on
/// the machine it shares with the server.
fn form_body(token: &str, n: usize) -> Vec<u8> {
    const REGIONS: [&str; 6] = ["noord", "oost", "midden", "west", "zuidwest", "zuid"];
    const CATEGORIES: [&str; 4] = ["werkwijze", "bereikbaarheid", "bejegening", "anders"];
    let fields: [(&str, String); 12] = [
        ("token", token.to_owned()),
        ("naam", format!("Anna de Vries {n}")),
        ("email", format!("anna{n}@example.nl")),
        ("telefoon", String::new()),
        ("adres", "Dorpsstraat 1\r\n1234 AB Ergens".to_owned()),
        ("regio", REGIONS[n % REGIONS.len()].to_owned()),
        ("categorie", CATEGORIES[n % CATEGORIES.len()].to_owned()),
        (
            "wat",
            format!(
                "Op 28 april om 14.00 uur werd ik aan de balie onvriendelijk behandeld (#{n})."
            ),
        ),
        ("medewerker", "J. Jansen".to_owned()),
        ("uitkomst", "Excuses en een nieuwe afspraak.".to_owned()),
        ("toestemming", "ja".to_owned()),
        ("website", String::new()),
    ];
    let mut body = String::with_capacity(1536);
    for (name, value) in &fields {
        body.push_str("--");
        body.push_str(BOUNDARY);
        body.push_str("\r\nContent-Disposition: form-data; name=\"");
        body.push_str(name);
        body.push_str("\"\r\n\r\n");
        body.push_str(value);
        body.push_str("\r\n");
    }
    body.push_str("--");
    body.push_str(BOUNDARY);
    body.push_str("--\r\n");
    body.into_bytes()
}

/// Runs `clients` submitters over `tokens` for at most `duration`.
pub async fn run_level(
    http: &reqwest::Client,
    base: &str,
    clients: usize,
    tokens: Vec<String>,
    duration: Duration,
) -> anyhow::Result<LevelResult> {
    if tokens.is_empty() {
        bail!("no tokens");
    }
    let url = format!("{base}/klacht");
    let tokens = Arc::new(tokens);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let until = started + duration;
    let content_type = Arc::new(format!("multipart/form-data; boundary={BOUNDARY}"));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (http, url, tokens, next) = (http.clone(), url.clone(), tokens.clone(), next.clone());
        let content_type = Arc::clone(&content_type);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            while Instant::now() < until {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(token) = tokens.get(n) else { break };
                let sent = Instant::now();
                let answer = http
                    .post(&url)
                    .header(CONTENT_TYPE, content_type.as_str())
                    .body(form_body(token, n))
                    .send()
                    .await;
                match answer {
                    Ok(r) if r.status() == StatusCode::SEE_OTHER => {
                        latencies.push(sent.elapsed());
                    }
                    Ok(r) => {
                        if errors == 0 {
                            eprintln!("unexpected answer: {}", r.status());
                        }
                        errors += 1;
                        let _ = r.bytes().await;
                    }
                    Err(e) => {
                        if errors == 0 {
                            eprintln!("request failed: {e}");
                        }
                        errors += 1;
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut result = LevelResult {
        clients,
        ok: 0,
        errors: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for t in tasks {
        let (latencies, errors) = t.await?;
        result.latencies.extend(latencies);
        result.errors += errors;
    }
    result.elapsed = started.elapsed();
    result.ok = result.latencies.len();
    result.latencies.sort_unstable();
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_the_hidden_field() {
        let html =
            r#"<form><input type="hidden" name="token" value="1.ab.cd"><input name="x" value="y">"#;
        assert_eq!(token_in(html).as_deref(), Some("1.ab.cd"));
        assert_eq!(token_in("<form></form>"), None);
    }

    #[test]
    fn the_body_is_multipart_with_every_field() {
        let body = String::from_utf8(form_body("1.ab.cd", 7)).unwrap();
        assert!(body.starts_with(&format!("--{BOUNDARY}\r\n")));
        assert!(body.ends_with(&format!("--{BOUNDARY}--\r\n")));
        assert!(body.contains("name=\"token\"\r\n\r\n1.ab.cd\r\n"));
        assert!(body.contains("name=\"toestemming\"\r\n\r\nja\r\n"));
        assert_eq!(body.matches("Content-Disposition").count(), 12);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let r = LevelResult {
            clients: 1,
            ok: 100,
            errors: 0,
            elapsed: Duration::from_secs(1),
            latencies: (1..=100).map(Duration::from_millis).collect(),
        };
        assert_eq!(r.percentile(50.0), Duration::from_millis(50));
        assert_eq!(r.percentile(99.0), Duration::from_millis(99));
        assert_eq!(r.per_second(), 100.0);
    }
}
