//! `/metrics` in the Prometheus text format (version 0.0.4):
//! - `wederhoor_http_requests_total{method,route,status}`: requests answered, counted by a
//!   middleware in this process. `route` is the matched route pattern (`/mijn-klacht/{token}`),
//!   never the path: personal links and setup tokens must not leave through metrics any more
//!   than through logs. Requests that match no route count as `(unmatched)`.
//! - `wederhoor_jobs{state}`: jobs pending, running and dead (the whole queue, all instances);
//!   `wederhoor_jobs_dead`: the dead letters alone, for a simple alert.
//! - `wederhoor_open_complaints` and `wederhoor_overdue_deadlines` (open complaints whose next
//!   deadline lies before today, Europe/Amsterdam), from the projection.
//!
//! Nothing here is personal data. With a token configured (`WEDERHOOR_METRICS_TOKEN`) the
//! endpoint requires `Authorization: Bearer <token>` (compared in constant time), else it is
//! open; see `docs/operations.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

use crate::AppState;

/// Settings of `/metrics`.
#[derive(Clone, Default)]
pub struct MetricsSettings {
    /// When set, scrapers must send `Authorization: Bearer <token>`.
    pub token: Option<String>,
}

impl std::fmt::Debug for MetricsSettings {
    /// The token is a secret: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsSettings")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// Requests answered, by (method, route pattern, status).
#[derive(Debug, Default)]
pub(crate) struct HttpCounters(Mutex<BTreeMap<(String, String, u16), u64>>);

impl HttpCounters {
    fn add(&self, method: &str, route: &str, status: u16) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *map.entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
    }

    fn snapshot(&self) -> Vec<((String, String, u16), u64)> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/metrics", get(metrics_get))
}

/// The middleware that counts every request by its matched route.
pub(crate) async fn count(
    State(counters): State<Arc<HttpCounters>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(unmatched)".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    counters.add(&method, &route, response.status().as_u16());
    response
}

async fn metrics_get(
    State(state): State<AppState>,
    Extension(counters): Extension<Arc<HttpCounters>>,
    headers: HeaderMap,
) -> Response {
    if let Some(token) = &state.metrics.token {
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        if !constant_time_eq(presented.as_bytes(), token.as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "unauthorized\n",
            )
                .into_response();
        }
    }
    let store = state.app.store();
    let today = domain::time::civil_date(state.app.clock().now());
    let figures = async {
        Ok::<_, store::StoreError>((
            store.job_counts().await?,
            store.count_open().await?,
            store.count_overdue(today).await?,
        ))
    };
    let (jobs, open, overdue) = match figures.await {
        Ok(f) => f,
        Err(error) => {
            tracing::error!(%error, "metrics: the database did not answer");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response();
        }
    };
    let body = render(&counters.snapshot(), jobs, open, overdue);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

fn render(
    requests: &[((String, String, u16), u64)],
    jobs: store::JobCounts,
    open: i64,
    overdue: i64,
) -> String {
    let mut out = String::new();
    out.push_str("# HELP wederhoor_http_requests_total HTTP requests answered by this process, by method, route pattern and status.\n");
    out.push_str("# TYPE wederhoor_http_requests_total counter\n");
    for ((method, route, status), n) in requests {
        let _ = writeln!(
            out,
            "wederhoor_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
            label(method),
            label(route)
        );
    }
    out.push_str("# HELP wederhoor_jobs Jobs in the queue by state.\n");
    out.push_str("# TYPE wederhoor_jobs gauge\n");
    for (state, n) in [
        ("pending", jobs.pending),
        ("running", jobs.running),
        ("dead", jobs.dead),
    ] {
        let _ = writeln!(out, "wederhoor_jobs{{state=\"{state}\"}} {n}");
    }
    out.push_str(
        "# HELP wederhoor_jobs_dead Jobs that failed permanently or used up their attempts.\n",
    );
    out.push_str("# TYPE wederhoor_jobs_dead gauge\n");
    let _ = writeln!(out, "wederhoor_jobs_dead {}", jobs.dead);
    out.push_str("# HELP wederhoor_open_complaints Complaints not closed.\n");
    out.push_str("# TYPE wederhoor_open_complaints gauge\n");
    let _ = writeln!(out, "wederhoor_open_complaints {open}");
    out.push_str("# HELP wederhoor_overdue_deadlines Open complaints whose next deadline lies before today.\n");
    out.push_str("# TYPE wederhoor_overdue_deadlines gauge\n");
    let _ = writeln!(out, "wederhoor_overdue_deadlines {overdue}");
    out
}

/// A label value with `\`, `"` and line breaks escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Equal bytes, in time that depends only on the lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_equal_only_when_identical() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(!constant_time_eq(b"", b"a"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn the_token_is_not_printed() {
        let s = MetricsSettings {
            token: Some("geheim".into()),
        };
        assert!(!format!("{s:?}").contains("geheim"));
    }
}
