//! "Stuur mij mijn link opnieuw" (`/mijn-klacht/link-opnieuw`): the complainant types their
//! e-mail address (and, optionally, the reference); a fresh link is mailed for each open
//! complaint of that address, and for each closed one whose links still live.
//!
//! The answer never tells whether the address is known: the same page for every well-formed
//! address, and the lookup and queueing run after the answer is sent, so its timing does not
//! tell either (a request lost to a restart in that moment is asked again). Mails are jobs
//! (`mail.portal_link`) with a dedupe key per complaint and hour: repeated requests within an
//! hour send one mail.

use std::sync::Arc;

use app::App;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use domain::complaint::EmailAddress;
use domain::reference::Reference;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use store::NewJob;

use super::access::{self, ClientAddr};
use super::limiter::address_key;
use super::page::private;
use super::{PORTAL_LINK_JOB, Portal};
use crate::AppState;
use crate::lang::Lang;

#[derive(Template, WebTemplate)]
#[template(path = "portal/relink.html")]
struct RelinkPage<'a> {
    lang: Lang,
    /// The neutral answer instead of the form.
    sent: bool,
    email: &'a str,
    reference: &'a str,
    error: Option<&'a str>,
    /// Set on 429: minutes to wait.
    wait_minutes: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RelinkForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    kenmerk: String,
}

pub(crate) async fn link_again_get(lang: Lang) -> Response {
    let page = RelinkPage {
        lang,
        sent: false,
        email: "",
        reference: "",
        error: None,
        wait_minutes: None,
    };
    private(page.into_response())
}

pub(crate) async fn link_again_post(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    ClientAddr(ip): ClientAddr,
    lang: Lang,
    Form(form): Form<RelinkForm>,
) -> Response {
    let now = state.app.clock().now();
    let mut page = RelinkPage {
        lang,
        sent: false,
        email: form.email.trim(),
        reference: form.kenmerk.trim(),
        error: None,
        wait_minutes: None,
    };
    if let Err(wait) = portal.per_address.hit(&address_key(ip), now) {
        return too_many(page, wait);
    }
    let Ok(email) = EmailAddress::try_from(form.email.clone()) else {
        page.error = Some(lang.t(
            "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
            "Enter a valid e-mail address, such as name@example.com.",
        ));
        return private((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let email = email.to_string().to_ascii_lowercase();
    if let Err(wait) = portal.per_email.hit(&email, now) {
        return too_many(page, wait);
    }
    let after_close = access::accounts(&state).policy().portal_link_after_close;
    let app = Arc::clone(&state.app);
    let reference = page.reference.to_owned();
    tokio::spawn(async move {
        if let Err(e) = queue_links(&app, &email, &reference, now, after_close).await {
            tracing::error!(error = %e, "queueing portal links failed");
        }
    });
    page.sent = true;
    private(page.into_response())
}

fn too_many(mut page: RelinkPage<'_>, wait: SignedDuration) -> Response {
    page.wait_minutes = Some((wait.as_secs() + 59) / 60);
    let mut response = private((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    let seconds = HeaderValue::from(wait.as_secs().max(1));
    response.headers_mut().insert(header::RETRY_AFTER, seconds);
    response
}

/// Queues a link mail for each complaint of `email` whose link may still work (open, or closed
/// less than `after_close` ago); only the complaint `reference` names, when one is given.
/// Returns how many mails were queued (deduplicated per complaint and hour).
async fn queue_links(
    app: &App,
    email: &str,
    reference: &str,
    now: Timestamp,
    after_close: SignedDuration,
) -> Result<u64, app::AppError> {
    let only: Option<Reference> = match reference {
        "" => None,
        r => match r.to_uppercase().parse() {
            Ok(r) => Some(r),
            Err(_) => return Ok(0),
        },
    };
    let hour = now.strftime("%Y-%m-%dT%H").to_string();
    let mut jobs = Vec::new();
    for record in app.store().complaints_by_email(email).await? {
        if only.is_some_and(|r| r != record.reference) {
            continue;
        }
        if record.projection.closed {
            let loaded = app.load(record.reference).await?;
            let live = access::closed_at(&loaded).is_some_and(|at| now <= at + after_close);
            if !live {
                continue;
            }
        }
        jobs.push(NewJob {
            kind: PORTAL_LINK_JOB.to_owned(),
            payload: serde_json::json!({ "complaint_id": record.id }),
            run_at: now,
            dedupe_key: Some(format!("{PORTAL_LINK_JOB}:{}:{hour}", record.id)),
        });
    }
    if jobs.is_empty() {
        return Ok(0);
    }
    Ok(app.store().enqueue_jobs(jobs).await?)
}
