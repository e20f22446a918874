//! Failed jobs (`/kantoor/beheer/taken`), for beheerders only: the dead letters (jobs that
//! failed permanently or used up their attempts) with kind, attempts, last error and times,
//! and a button to try one again. The payload is shown as a summary of identifiers only
//! ([`store::DeadJob::payload_summary`]): a job may carry an e-mail address. Other roles get
//! 403, like a step they may not take.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use serde::Deserialize;

use super::admin::beheerder;
use super::staff::{Staff, StaffForm, StaffHeader};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

const PATH: &str = "/kantoor/beheer/taken";
/// The most dead letters listed.
const LIMIT: u32 = 200;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route(PATH, get(dead_jobs_get)).route(
        "/kantoor/beheer/taken/{id}/opnieuw",
        post(dead_job_retry_post),
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "office/dead_jobs.html")]
struct DeadJobsPage {
    lang: Lang,
    staff: StaffHeader,
    jobs: Vec<Line>,
    /// The job just put back in the queue.
    retried: Option<i64>,
}

struct Line {
    id: i64,
    kind: String,
    attempts: String,
    error: String,
    created: String,
    run_at: String,
    payload: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    #[serde(default)]
    opnieuw: Option<i64>,
}

/// The form has only the CSRF field, which `StaffForm` checks.
#[derive(Debug, Deserialize)]
pub(crate) struct RetryForm {}

pub(crate) async fn dead_jobs_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(params): Query<Params>,
) -> Response {
    page(&state, lang, &staff, params.opnieuw)
        .await
        .map_or_else(|e| e.page(lang), IntoResponse::into_response)
}

async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    retried: Option<i64>,
) -> Result<DeadJobsPage, WebError> {
    beheerder(staff)?;
    let jobs = state.app.store().dead_jobs(LIMIT).await?;
    let jobs = jobs
        .iter()
        .map(|j| Line {
            id: j.id,
            kind: j.kind.clone(),
            attempts: format!("{} / {}", j.attempts, j.max_attempts),
            error: j.last_error.clone().unwrap_or_default(),
            created: local(j.created_at),
            run_at: local(j.run_at),
            payload: j.payload_summary(),
        })
        .collect();
    Ok(DeadJobsPage {
        lang,
        staff: staff.header(),
        jobs,
        retried,
    })
}

pub(crate) async fn dead_job_retry_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    StaffForm { staff, form: _ }: StaffForm<RetryForm>,
) -> Response {
    let done = async {
        beheerder(&staff)?;
        let now = state.app.clock().now();
        state
            .app
            .store()
            .retry_dead_job(id, now)
            .await
            .map_err(|e| match e {
                store::StoreError::NotFound => WebError::NotFound,
                e => WebError::Store(e),
            })?;
        tracing::info!(job.id = id, user.id = %staff.session().user.id, "dead job queued again");
        Ok::<_, WebError>(())
    };
    match done.await {
        Ok(()) => Redirect::to(&format!("{PATH}?opnieuw={id}")).into_response(),
        Err(e) => e.page(lang),
    }
}

/// An instant as "01-05-2026 10:00" in Amsterdam.
fn local(at: Timestamp) -> String {
    at.to_zoned_datetime(domain::time::amsterdam())
        .strftime("%d-%m-%Y %H:%M")
        .to_string()
}
