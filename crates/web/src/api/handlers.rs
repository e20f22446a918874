//! The API's handlers: `complaints_get` (the queue), `complaint_get`, `step_post` (every
//! step) and the OpenAPI document; registration is in `register`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::time::civil_date;
use serde::Deserialize;
use serde_json::json;

use super::commands::{self, ApiStep, Known};
use super::error::ApiError;
use super::input::Input;
use super::{ApiCaller, OPENAPI, view};
use crate::AppState;
use crate::access;
use crate::lang::Lang;
use crate::office::complaint::forms::{assignable, linkable};
use crate::office::paging::{Filter, FilterInput, Handler, Refused, fetch};

/// The largest page of the queue a caller may ask for.
const MAX_LIMIT: u32 = 500;

pub(crate) async fn openapi_get() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// A parameter's text; absent is blank (no filter).
fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or_default()
}

/// The queue's filters by their API names.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListParams {
    region: Option<String>,
    state: Option<String>,
    overdue: Option<bool>,
    /// `mine` or `unassigned`.
    handler: Option<String>,
    channel: Option<String>,
    category: Option<String>,
    /// Search words or a reference.
    q: Option<String>,
    after: Option<String>,
    limit: Option<u32>,
}

/// `GET /api/v1/complaints`: open complaints of the caller's regions by nearest deadline, with
/// the office queue's filters and keyset paging (`next` is the `after` of the next page).
pub(crate) async fn complaints_get(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::field("query", e.body_text()))?;
    let limit = p
        .limit
        .unwrap_or(state.office.queue_page_size)
        .clamp(1, MAX_LIMIT);
    #[allow(
        clippy::needless_update,
        reason = "filters the office queue gains later default to off here"
    )]
    let input = FilterInput {
        region: opt(&p.region),
        state: opt(&p.state),
        overdue_only: p.overdue.unwrap_or(false),
        handler: match p.handler.as_deref() {
            None => None,
            Some(h) if h.trim().is_empty() => None,
            Some("mine") => Some(Ok(Handler::Mine)),
            Some("unassigned") => Some(Ok(Handler::Unassigned)),
            Some(_) => Some(Err(())),
        },
        channel: opt(&p.channel),
        category: opt(&p.category),
        search: opt(&p.q),
        after: opt(&p.after),
        ..FilterInput::default()
    };
    // The office answers a filter the user may not use with 404; name the parameter instead.
    // Another region stays indistinguishable from an unknown one.
    let filter = Filter::parse(&input, &caller.user).map_err(|refused| {
        let fields = refused.into_iter().map(|r| {
            let (name, message) = match r {
                Refused::Region => ("region", "unknown region"),
                Refused::State => ("state", "not an open state"),
                Refused::Handler => ("handler", "mine or unassigned"),
                Refused::Channel => ("channel", "not a channel"),
                Refused::After => ("after", "not a cursor from a previous page"),
            };
            (name.to_owned(), message.to_owned())
        });
        ApiError::fields(fields.collect())
    })?;
    let today = civil_date(state.app.clock().now());
    let (rows, more) = fetch(&state, &caller.user, &filter, limit, today).await?;
    let next = more
        .then(|| {
            rows.last().map(|r| {
                let (d, id) = r.cursor();
                format!("{d}_{id}")
            })
        })
        .flatten();
    let items: Vec<_> = rows.iter().map(|r| view::row(&state, r, today)).collect();
    Ok(Json(json!({ "items": items, "next": next })))
}

/// `GET /api/v1/complaints/{reference}`.
pub(crate) async fn complaint_get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(reference): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let loaded = access::complaint_for(&state, &caller.user, &reference).await?;
    Ok(Json(
        view::complaint(&state, &loaded, &caller.actor()).await?,
    ))
}

/// `POST /api/v1/complaints/{reference}/{step}`: the body becomes the command (422), the
/// domain decides as the caller (409, or 403 for a step of another party), and the answer is
/// the complaint as it is now.
pub(crate) async fn step_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(reference): Path<String>,
    body: Bytes,
    step: ApiStep,
) -> Result<Json<serde_json::Value>, ApiError> {
    let loaded = access::complaint_for(&state, &caller.user, &reference).await?;
    access::may_take_steps(&caller.user)?;
    let input = Input::parse(&body)?;
    let users = state.app.store().users().await?;
    let assignable = assignable(
        &users,
        loaded.complaint.registration().region.as_ref(),
        Lang::Nl,
    );
    let linkable = linkable(&users, Lang::Nl);
    let known = Known {
        complaint: &loaded.complaint,
        assignable: &assignable,
        linkable: &linkable,
    };
    let command = commands::command(step, input, &known)?;
    let actor = caller.actor();
    let after = state
        .app
        .execute(loaded.reference, command, actor.clone())
        .await?;
    tracing::info!(complaint.reference = %after.reference, user.id = %caller.user.id, step = step.path(), "API step");
    Ok(Json(view::complaint(&state, &after, &actor).await?))
}
