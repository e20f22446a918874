//! The back office: staff log in and see their work queue.
//!
//! Access is checked in one place per concern, so a new page cannot forget it:
//! - [`Staff`](staff::Staff) (an extractor) is the logged-in staff member. A page that takes it is reachable
//!   only with a live session; without one, a page redirects to the login (303, with a
//!   validated `terug` path); the JSON API (`crate::api`) has its own bearer-token caller and
//!   never reads the session cookie. `Staff` refuses unsafe methods
//!   outright: a POST handler must take [`StaffForm`](staff::StaffForm), which also compares the form's hidden
//!   `csrf` field with the session's token (on top of the router-wide origin check).
//! - Region scoping: the queue asks the store only for the staff member's regions (the filter
//!   is in the query, never applied after fetching), and [`Staff::complaint`](staff::Staff::complaint) answers a
//!   complaint of another region with 404, exactly like one that does not exist.
//!
//! Routes: `/kantoor/inloggen` (GET, POST), `/kantoor/uitloggen` (POST), `/kantoor` (the work
//! queue), `/kantoor/klachten/nieuw` (registering a phone, letter or counter complaint; GET,
//! POST), `/kantoor/klachten/{reference}` and its step routes (see `complaint`), the beheerder's
//! pages under `/kantoor/beheer` (see `admin`, `admin_templates`), `/kantoor/dashboard` and
//! `/kantoor/dashboard.csv` (see `dashboard`), `/kantoor/beheer/taken` (failed jobs, beheerders
//! only; see `dead_jobs`), `/wachtwoord/instellen/{token}` (the one-time link printed by
//! `wederhoor user add --setup-link`; GET, POST). Every response here is `Cache-Control:
//! no-store`: the pages hold personal data and credentials.

mod admin;
mod admin_templates;
pub(crate) mod complaint;
mod dashboard;
mod dead_jobs;
pub(crate) mod labels;
mod login;
pub(crate) mod paging;
mod queue;
mod register;
mod setup;
mod staff;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

pub use admin_templates::OutgoingSettings;

/// Settings of the back office, with working defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSettings {
    /// Rows per page of the work queue.
    pub queue_page_size: u32,
    /// A deadline at most this many working days away is marked "binnen N werkdagen" rather
    /// than "op schema".
    pub due_soon_working_days: u32,
}

impl Default for OfficeSettings {
    fn default() -> OfficeSettings {
        OfficeSettings {
            queue_page_size: 50,
            due_soon_working_days: 2,
        }
    }
}

pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    // Every administration route: beheerders only, checked before the handler's extractors.
    let administration = Router::new()
        .merge(admin::routes())
        .merge(admin_templates::routes())
        .merge(dead_jobs::routes())
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            staff::beheerders_only,
        ));
    Router::new()
        .route("/kantoor", get(queue::queue_get))
        .route(
            "/kantoor/inloggen",
            get(login::login_get).post(login::login_post),
        )
        .route("/kantoor/uitloggen", post(login::logout_post))
        .route(
            "/kantoor/klachten/nieuw",
            get(register::register_get).post(register::register_post),
        )
        .merge(complaint::routes())
        .merge(administration)
        .merge(dashboard::routes())
        .route(
            "/wachtwoord/instellen/{token}",
            get(setup::setup_get).post(setup::setup_post),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
