//! HTTP for Wederhoor.
//!
//! This crate builds the axum router and serves it: the operational endpoints (`/healthz`,
//! `/readyz`), the public pages, and (as they come) the complainant's portal, the back office and
//! the JSON API, all over one [`AppState`].
//!
//! Security that holds for every route is applied here, once: cross-origin form posts are
//! refused (`Sec-Fetch-Site`/`Origin`, tower-http's CSRF layer; forms bound to a session carry a
//! token as well), request bodies are limited, and pages are sent with headers that forbid
//! framing and sniffing.
//!
//! [`serve`] takes a bound listener and a shutdown future, so tests run the real server on port
//! 0 and stop it when they are done (STYLE habit 8).

mod access;
mod api;
mod assets;
pub mod error;
mod health;
mod home;
pub mod lang;
mod metrics;
pub mod notify;
mod office;
mod portal;
mod public;
mod registration;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use metrics::MetricsSettings;
pub use office::{OfficeSettings, OutgoingSettings};
pub use public::{FormRateLimit, FormRateLimitSetting, PublicFormSettings};

/// Everything a request handler may use. One value, cloned cheaply into every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases (store, calendar, procedure definitions, clock).
    pub app: Arc<app::App>,
    /// Staff logins and sessions (over the same store and clock as `app`).
    pub accounts: Arc<app::accounts::Accounts>,
    /// Send cookies with `Secure` (the configured base URL is https).
    pub secure_cookies: bool,
    /// Back-office settings (queue page size, when a deadline counts as near).
    pub office: OfficeSettings,
    /// The public form's spam settings (rate limit per address, minimum fill time).
    pub public_form: PublicFormSettings,
    /// The organisation as letters print it and the outbox folder (None with SMTP), for the
    /// beheerder's template and outbox pages and the answer's PDF preview.
    pub outgoing: OutgoingSettings,
    /// `/metrics`: the bearer token scrapers must send, if any.
    pub metrics: MetricsSettings,
}

/// The largest request body accepted (attachments included).
pub const MAX_BODY_BYTES: usize = 60 * 1024 * 1024;

/// The complete router.
pub fn router(state: AppState) -> Router {
    let counters = Arc::new(metrics::HttpCounters::default());
    Router::new()
        .merge(health::routes())
        .merge(assets::routes())
        .merge(home::routes())
        .merge(public::routes(state.public_form))
        .merge(portal::routes())
        .merge(office::routes(&state))
        .merge(api::routes())
        .merge(metrics::routes())
        .route("/taal/{code}", get(language_get))
        .layer(CsrfLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        ))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&counters), metrics::count))
        .layer(axum::Extension(counters))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The span of a request names the route pattern (`/mijn-klacht/{token}`), never the path itself:
/// personal links and setup tokens must not end up in logs.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(unmatched)", |p| p.as_str());
    tracing::info_span!("request", method = %request.method(), route)
}

/// Switches the page language (a cookie for a year) and returns to the page the switch was
/// clicked on (the `Referer`, when it is a page of this site), else to the start page.
async fn language_get(
    Path(code): Path<String>,
    headers: axum::http::HeaderMap,
) -> impl IntoResponse {
    let code = if code == "en" { "en" } else { "nl" };
    let cookie = format!("taal={code}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| local_path(r, headers.get(header::HOST).and_then(|h| h.to_str().ok())))
        .unwrap_or_else(|| "/".to_string());
    ([(header::SET_COOKIE, cookie)], Redirect::to(&back))
}

/// The path of `url` when it points at `host` (this site), without a `taal` override.
fn local_path(url: &str, host: Option<&str>) -> Option<String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let (authority, path) = rest.split_at(rest.find('/')?);
    if Some(authority) != host || path.starts_with("//") || path.starts_with("/taal/") {
        return None;
    }
    let path = path.split('?').next().unwrap_or("/");
    Some(path.to_string())
}

/// Serves `router(state)` on `listener` until `shutdown` completes, then lets requests in flight
/// finish (graceful shutdown).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "listening");
    // With the peer address, for per-client limits (`public` reads `ConnectInfo`).
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn the_language_switch_returns_only_to_pages_of_this_site() {
        let host = Some("klachten.example.nl");
        assert_eq!(
            local_path("https://klachten.example.nl/mijn-klacht/abc?taal=nl", host).as_deref(),
            Some("/mijn-klacht/abc")
        );
        assert_eq!(local_path("https://evil.example/steal", host), None);
        assert_eq!(
            local_path("https://klachten.example.nl//evil.example", host),
            None
        );
        assert_eq!(
            local_path("https://klachten.example.nl/taal/en", host),
            None
        );
        assert_eq!(local_path("not a url", host), None);
    }
}
