//! The portal page (`GET /mijn-klacht/<token>`), the neutral page for a link that does not
//! work, and the download of the files the complainant sent.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::{Closure, Status};
use domain::time::civil_date;
use serde::Deserialize;

use super::Portal;
use super::access::{self, Opened};
use super::explain::{self, Next};
use super::message::{self, MessageForm};
use super::offers::{self, Actions};
use super::timeline::{self, Entry};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

/// The description is shown up to this many characters ("the complaint as submitted, short").
const DESCRIPTION_CHARS: usize = 600;

/// A document the complainant can download.
#[derive(Debug)]
pub(super) struct Document {
    pub title: String,
    pub detail: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/complaint.html")]
struct PortalPage {
    lang: Lang,
    /// The link's token (the forms post to its sub-paths).
    token: String,
    csrf: String,
    reference: String,
    status: &'static str,
    closed: bool,
    received: String,
    description: String,
    shortened: bool,
    desired_outcome: Option<String>,
    timeline: Vec<Entry>,
    next: Vec<Next>,
    letters: Vec<Document>,
    files: Vec<Document>,
    actions: Actions,
    /// A confirmation after a step ("Uw bezwaar is ontvangen.").
    notice: Option<&'static str>,
    /// Why the step just tried was not possible.
    error: Option<String>,
    /// The objection text typed, kept when it could not be registered.
    objection_text: String,
    /// The "send a message" form.
    message: MessageForm,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/unavailable.html")]
struct UnavailablePage {
    lang: Lang,
}

#[derive(Deserialize)]
pub(crate) struct PortalQuery {
    #[serde(default)]
    gedaan: String,
}

/// What the page shows besides the complaint: the outcome of the step just taken.
#[derive(Debug, Default)]
pub(super) struct Feedback {
    pub notice: Option<&'static str>,
    pub error: Option<String>,
    pub objection_text: String,
    /// The message form as sent (with its errors), or empty.
    pub message: MessageForm,
}

pub(crate) async fn portal_get(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    Path(token): Path<String>,
    Query(q): Query<PortalQuery>,
    lang: Lang,
) -> Response {
    let result = async {
        let Some(opened) = access::open(&state, &token).await? else {
            return Ok(unavailable(lang));
        };
        let feedback = Feedback {
            notice: offers::notice(&q.gedaan, lang),
            ..Feedback::default()
        };
        render(
            &state,
            &portal,
            &token,
            &opened,
            lang,
            feedback,
            StatusCode::OK,
        )
        .await
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

/// The neutral answer for any link that does not open a complaint (404), never saying why.
pub(super) fn unavailable(lang: Lang) -> Response {
    private((StatusCode::NOT_FOUND, UnavailablePage { lang }).into_response())
}

/// The page of an opened complaint.
pub(super) async fn render(
    state: &AppState,
    portal: &Portal,
    token: &str,
    opened: &Opened,
    lang: Lang,
    feedback: Feedback,
    status: StatusCode,
) -> Result<Response, WebError> {
    let loaded = &opened.loaded;
    let complaint = &loaded.complaint;
    let registration = complaint.registration();
    let today = civil_date(state.app.clock().now());
    let description = registration.description.to_string();
    let shortened = description.chars().count() > DESCRIPTION_CHARS;
    let description = if shortened {
        let cut: String = description.chars().take(DESCRIPTION_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        description
    };
    let record = state.app.store().complaint(loaded.id).await?;
    let sent = access::sent_through_portal(loaded);
    let files = match record {
        Some(record) => files(state, token, &record, &sent).await?,
        None => Vec::new(),
    };
    let mut message = feedback.message;
    if message.key.is_empty() {
        message.key = message::fresh_key();
    }
    let page = PortalPage {
        lang,
        token: token.to_owned(),
        csrf: portal.csrf(state, &opened.token_hash).await?,
        reference: loaded.reference.to_string(),
        status: explain::status_text(complaint.status(), lang),
        closed: complaint.status().is_closed(),
        received: explain::moment_in(registration.received_at, lang),
        description,
        shortened,
        desired_outcome: registration
            .desired_outcome
            .as_ref()
            .map(ToString::to_string),
        timeline: timeline::entries(loaded, token, lang),
        next: complaint
            .open_deadlines()
            .iter()
            .map(|d| explain::next(d, today, lang))
            .collect(),
        letters: letters(state, token, opened).await?,
        files,
        actions: offers::available(complaint, today, lang),
        notice: feedback.notice,
        error: feedback.error,
        objection_text: feedback.objection_text,
        message,
    };
    Ok(private((status, page).into_response()))
}

/// The letters (answer, invitation, record, decision) as PDF with their dagtekening, in the
/// order of the steps that required them (stored by the `letter.send` job).
async fn letters(
    state: &AppState,
    token: &str,
    opened: &Opened,
) -> Result<Vec<Document>, WebError> {
    let all = state.app.store().documents(opened.loaded.id).await?;
    Ok(all
        .into_iter()
        .map(|d| Document {
            title: crate::notify::title_nl(&d.kind).to_owned(),
            detail: format!("PDF, {}", domain::complaint::date_nl(d.dagtekening)),
            href: format!("/mijn-klacht/{token}/brief/{}", d.id),
        })
        .collect())
}

/// `GET /mijn-klacht/<token>/brief/<id>`: one of the letters about this complaint, as a PDF
/// download (the same access check as the page).
pub(crate) async fn portal_letter_get(
    State(state): State<AppState>,
    Path((token, id)): Path<(String, String)>,
    lang: Lang,
) -> Response {
    let result = async {
        let Some(opened) = access::open(&state, &token).await? else {
            return Ok(unavailable(lang));
        };
        let Ok(id) = id.parse::<uuid::Uuid>() else {
            return Err(WebError::NotFound);
        };
        let document = state.app.store().document(id).await?;
        let document = document
            .filter(|d| d.info.complaint_id == opened.loaded.id)
            .ok_or(WebError::NotFound)?;
        let headers = [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&document.info.filename),
            ),
        ];
        Ok(private((headers, document.bytes).into_response()))
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

/// The files the complainant sent with the complaint: those stored in the transaction that
/// created it. Files sent later with a message (`sent`) are listed with that message in the
/// timeline; files staff added are not offered here (see `access::may_download`).
async fn files(
    state: &AppState,
    token: &str,
    record: &store::ComplaintRecord,
    sent: &[(store::AttachmentId, String)],
) -> Result<Vec<Document>, WebError> {
    let all = state.app.store().attachments(record.id).await?;
    Ok(all
        .into_iter()
        .filter(|a| a.created_at <= record.created_at && !sent.iter().any(|(id, _)| *id == a.id))
        .map(|a| Document {
            detail: size_text(a.size),
            href: format!("/mijn-klacht/{token}/bijlage/{}", a.id),
            title: a.filename,
        })
        .collect())
}

pub(crate) fn size_text(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// `GET /mijn-klacht/<token>/bijlage/<id>`: one of the complainant's own files (sent with the
/// complaint or with a message from the portal), as a download.
pub(crate) async fn portal_attachment_get(
    State(state): State<AppState>,
    Path((token, id)): Path<(String, String)>,
    lang: Lang,
) -> Response {
    let result = async {
        let Some(opened) = access::open(&state, &token).await? else {
            return Ok(unavailable(lang));
        };
        let Ok(id) = id.parse::<uuid::Uuid>() else {
            return Err(WebError::NotFound);
        };
        let record = state.app.store().complaint(opened.loaded.id).await?;
        let record = record.ok_or(WebError::NotFound)?;
        let file = state.app.store().attachment(id).await?;
        let file = file
            .filter(|f| access::may_download(&opened.loaded, &record, &f.info))
            .ok_or(WebError::NotFound)?;
        let disposition = content_disposition(&file.info.filename);
        let content_type = HeaderValue::from_str(&file.info.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        let headers = [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
        ];
        Ok(private((headers, file.bytes).into_response()))
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

/// `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266).
pub(crate) fn content_disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(HeaderValue::from_static("attachment"))
}

/// Marks a response as personal: never cached, never indexed.
pub(super) fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

/// Whether a late objection is still possible: closed as handled for want of an objection.
pub(super) fn late_objection_possible(status: Status) -> bool {
    status == Status::Closed(Closure::Handled)
}
