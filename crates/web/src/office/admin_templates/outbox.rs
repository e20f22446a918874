//! `/kantoor/beheer/uitgaand`: the mails written to the outbox folder while no SMTP server is
//! configured, newest first, paged; one mail with its headers, its text part (escaped like all
//! page text), its HTML part as source text (never rendered: it is not our page's markup), and
//! its attachments to download.
//!
//! Names come from the URL, so they are checked by [`mail::FileOutbox::read`] (plain `.eml`
//! names only, no separators): nothing outside the folder can be read.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mail::{FileOutbox, OutboxError};
use serde::Deserialize;

use super::beheerder;
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::staff::{Staff, StaffHeader};

/// Mails per page.
const PAGE_SIZE: usize = 25;

struct Row {
    name: String,
    at: String,
    to: String,
    subject: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_outbox.html")]
struct OutboxPage {
    lang: Lang,
    staff: StaffHeader,
    /// False when mail goes out via SMTP.
    configured: bool,
    rows: Vec<Row>,
    page: usize,
    pages: usize,
    total: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_outbox_mail.html")]
struct MailPage {
    lang: Lang,
    staff: StaffHeader,
    name: String,
    from: String,
    to: String,
    subject: String,
    date: String,
    text: String,
    html: Option<String>,
    /// (index, file name, type, size in bytes)
    attachments: Vec<(usize, String, String, usize)>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Paging {
    pagina: Option<usize>,
}

fn outbox(state: &AppState) -> Option<FileOutbox> {
    state.outgoing.outbox.as_ref().map(FileOutbox::new)
}

fn failed(e: OutboxError, lang: Lang) -> WebError {
    match e {
        OutboxError::InvalidName(_) | OutboxError::NotFound(_) => WebError::NotFound,
        e => {
            tracing::error!(error = %e, "outbox");
            WebError::Refused(
                lang.t(
                    "De outbox-map kon niet worden gelezen.",
                    "The outbox folder could not be read.",
                )
                .into(),
            )
        }
    }
}

fn local(t: jiff::Timestamp) -> String {
    domain::time::amsterdam()
        .to_datetime(t)
        .strftime("%d-%m-%Y %H:%M:%S")
        .to_string()
}

fn mailboxes(list: &[mail::Mailbox]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) async fn outbox_get(
    State(state): State<AppState>,
    lang: Lang,
    Query(paging): Query<Paging>,
    staff: Staff,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let Some(outbox) = outbox(&state) else {
            return Ok(OutboxPage {
                lang,
                staff: staff.header(),
                configured: false,
                rows: Vec::new(),
                page: 1,
                pages: 1,
                total: 0,
            }
            .into_response());
        };
        let entries = outbox.list().await.map_err(|e| failed(e, lang))?;
        let total = entries.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = paging.pagina.unwrap_or(1).clamp(1, pages);
        let rows = entries
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|e| Row {
                at: e.written_at.map(local).unwrap_or_default(),
                to: mailboxes(&e.to),
                subject: e.subject,
                name: e.name,
            })
            .collect();
        Ok::<_, WebError>(
            OutboxPage {
                lang,
                staff: staff.header(),
                configured: true,
                rows,
                page,
                pages,
                total,
            }
            .into_response(),
        )
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}

/// The raw mail `name` from the outbox (404 for a bad or unknown name, or without an outbox).
async fn raw(state: &AppState, name: &str, lang: Lang) -> Result<Vec<u8>, WebError> {
    let outbox = outbox(state).ok_or(WebError::NotFound)?;
    outbox.read(name).await.map_err(|e| failed(e, lang))
}

pub(crate) async fn mail_get(
    State(state): State<AppState>,
    lang: Lang,
    Path(name): Path<String>,
    staff: Staff,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let raw = raw(&state, &name, lang).await?;
        let parsed = mail::parse(&raw).map_err(|_| WebError::NotFound)?;
        let html = mail_parser::MessageParser::default()
            .parse(&raw)
            .and_then(|m| m.body_html(0).map(|h| h.into_owned()));
        let page = MailPage {
            lang,
            staff: staff.header(),
            from: parsed
                .from
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            to: mailboxes(&parsed.to),
            subject: parsed.subject,
            date: parsed.date.map(local).unwrap_or_default(),
            text: parsed.text,
            html,
            attachments: parsed
                .attachments
                .iter()
                .enumerate()
                .map(|(i, a)| (i, a.filename.clone(), a.content_type.clone(), a.bytes.len()))
                .collect(),
            name,
        };
        Ok::<_, WebError>(page.into_response())
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}

pub(crate) async fn attachment_get(
    State(state): State<AppState>,
    lang: Lang,
    Path((name, index)): Path<(String, usize)>,
    staff: Staff,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let raw = raw(&state, &name, lang).await?;
        let parsed = mail::parse(&raw).map_err(|_| WebError::NotFound)?;
        let file = parsed
            .attachments
            .into_iter()
            .nth(index)
            .ok_or(WebError::NotFound)?;
        // Downloaded, never shown inline: only a PDF keeps its type, anything else is bytes.
        let kind = if file.content_type == "application/pdf" {
            "application/pdf"
        } else {
            "application/octet-stream"
        };
        let disposition = format!(
            "attachment; filename=\"{}\"",
            file.filename
                .chars()
                .map(|c| if c.is_control() || c == '"' || c == '\\' {
                    '_'
                } else {
                    c
                })
                .collect::<String>()
        );
        Ok::<_, WebError>(
            (
                [
                    (header::CONTENT_TYPE, kind.to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                file.bytes,
            )
                .into_response(),
        )
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}
