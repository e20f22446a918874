//! HTTP for Wederhoor.
//!
//! This crate builds the axum router and serves it. Today it carries the operational endpoints
//! (`/healthz`, `/readyz`); the public complaint form, the complainant's portal, the back office
//! and the JSON API are added here as routes over the same [`AppState`].
//!
//! [`serve`] takes a bound listener and a shutdown future, so tests run the real server on port
//! 0 and stop it when they are done (STYLE habit 8).

mod health;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

/// Everything a request handler may use. One value, cloned cheaply into every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases (store, calendar, procedure definitions, clock).
    pub app: Arc<app::App>,
}

/// The complete router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(health::routes())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
