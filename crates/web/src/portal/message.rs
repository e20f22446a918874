//! "Bericht sturen": the complainant writes to us from the portal, with files if they like
//! (`POST /mijn-klacht/<token>/bericht`, multipart). The message becomes a
//! `correspondence_received` event (channel portal, from the complainant), which is allowed in
//! every status, also after closure.
//!
//! Files follow the public form's rules (`public::attachments`: at most 5 of 10 MB, PDF, JPEG,
//! PNG, DOCX or ODT recognised by content).
//!
//! Order of writes: the store keeps files (`add_attachments`) in a transaction of its own, not in
//! the one that appends the event. So the files are written first and the event last: a message
//! is never on the timeline without its files. A crash between the two leaves files without a
//! message; sending the form again (same idempotency value) finds them and records the message.
//!
//! Double submits: each page carries a fresh random idempotency value (`sleutel`), which becomes
//! the message's `message_id` (`portal-<uuid>`); the domain refuses a second message with the
//! same id ([`Refusal::DuplicateMessage`]), and that refusal is treated as done. The files'
//! ids are derived from the complaint, that value and their position ([`attachment_id`]), so a
//! second submit does not store them twice, and the portal can tell the files the complainant
//! sent (named by their own events) from files staff added (never shown).

use std::sync::Arc;

use app::AppError;
use axum::Extension;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::complaint::{
    Actor, Command, Correspondence, CorrespondenceChannel, CorrespondenceReceived, InvalidInput,
    Refusal, Text,
};
use sha2::{Digest, Sha256};
use store::{AttachmentId, ComplaintId, NewAttachment, StoreError};

use super::Portal;
use super::access::{self, Opened};
use super::page::{self, Feedback};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::public::attachments::{self, Limits, clean_filename};
use crate::public::upload::{MAX_TEXT_BYTES, take};

/// The HTML names of the form's fields.
const TEXT: &str = "bericht";
const FILES: &str = "bijlagen";
const KEY: &str = "sleutel";
const CSRF: &str = "csrf";

/// The message form as shown: empty with a fresh idempotency value, or as sent with what was
/// wrong.
#[derive(Debug, Default)]
pub(super) struct MessageForm {
    pub text: String,
    pub text_error: Option<String>,
    pub file_errors: Vec<String>,
    /// The idempotency value; empty means "make a fresh one".
    pub key: String,
    pub limits: Limits,
}

impl MessageForm {
    pub(super) fn max_mb(&self) -> usize {
        self.limits.max_file_bytes / (1024 * 1024)
    }

    pub(super) fn has_errors(&self) -> bool {
        self.text_error.is_some() || !self.file_errors.is_empty()
    }
}

/// A fresh idempotency value for a form.
pub(super) fn fresh_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The `message_id` of a portal message with this idempotency value.
fn message_id(key: &str) -> String {
    format!("portal-{key}")
}

/// The id of the file at `position` of the portal message `message_id` (as recorded in its
/// event): a UUID (version 8) from the SHA-256 of the complaint, the message and the position.
pub(super) fn attachment_id(
    complaint: ComplaintId,
    message_id: &str,
    position: usize,
) -> AttachmentId {
    let digest = Sha256::digest(format!(
        "wederhoor-portal-attachment\n{complaint}\n{message_id}\n{position}"
    ));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The files the complainant sent with this event through the portal (id, name), or none when
/// the event is not such a message (staff's and the mail intake's are never listed).
pub(super) fn sent_files(
    complaint: ComplaintId,
    actor: &str,
    e: &CorrespondenceReceived,
) -> Vec<(AttachmentId, String)> {
    let own =
        actor == "complainant" && e.from_complainant && e.channel == CorrespondenceChannel::Portal;
    match (&e.message_id, own) {
        (Some(id), true) => e
            .attachments
            .iter()
            .enumerate()
            .map(|(i, name)| (attachment_id(complaint, id, i), name.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// What the form carried.
#[derive(Debug, Default)]
struct Sent {
    csrf: String,
    key: String,
    text: String,
    /// Accepted files: name, content type, bytes.
    files: Vec<(String, &'static str, Vec<u8>)>,
    file_errors: Vec<String>,
}

async fn read(
    mut multipart: Multipart,
    limits: Limits,
    lang: Lang,
) -> Result<Sent, MultipartError> {
    let mut sent = Sent::default();
    let mut too_many = false;
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != FILES {
            let (bytes, _) = take(field, MAX_TEXT_BYTES).await?;
            let value = String::from_utf8_lossy(&bytes).into_owned();
            match name.as_str() {
                CSRF => sent.csrf = value,
                KEY => sent.key = value,
                TEXT => sent.text = value,
                _ => {}
            }
            continue;
        }
        let raw_name = field.file_name().unwrap_or_default().to_owned();
        let filename = clean_filename(&raw_name);
        let (bytes, cut) = take(field, limits.max_file_bytes).await?;
        if raw_name.is_empty() && bytes.is_empty() {
            continue; // the empty part a browser sends when no file was chosen
        }
        if sent.files.len() >= limits.max_files {
            if !too_many {
                too_many = true;
                sent.file_errors.push(attachments::too_many(limits, lang));
            }
            continue;
        }
        match attachments::check(&filename, &bytes, cut, limits, lang) {
            Ok(kind) => sent.files.push((filename, kind.content_type(), bytes)),
            Err(message) => sent.file_errors.push(message),
        }
    }
    Ok(sent)
}

/// The message text as the domain takes it, or what to say beside the field.
fn parse_text(text: &str, lang: Lang) -> Result<Text, String> {
    Text::try_from(text).map_err(|e| match (e, lang) {
        (InvalidInput::TooLong { max, .. }, Lang::Nl) => {
            format!("Uw bericht is te lang: hoogstens {max} tekens.")
        }
        (InvalidInput::TooLong { max, .. }, Lang::En) => {
            format!("Your message is too long: at most {max} characters.")
        }
        (_, lang) => lang
            .t("Schrijf uw bericht.", "Write your message.")
            .to_owned(),
    })
}

/// A well-formed idempotency value as sent, or a fresh one (then a double submit of that form
/// is not recognised, but nothing is lost).
fn checked_key(sent: &str) -> String {
    match uuid::Uuid::try_parse(sent.trim()) {
        Ok(u) => u.simple().to_string(),
        Err(_) => fresh_key(),
    }
}

/// `POST /mijn-klacht/<token>/bericht`.
pub(crate) async fn message_post(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    Path(token): Path<String>,
    lang: Lang,
    multipart: Multipart,
) -> Response {
    let result = async {
        let Some(opened) = access::open(&state, &token).await? else {
            return Ok(page::unavailable(lang));
        };
        let limits = Limits::default();
        let sent = match read(multipart, limits, lang).await {
            Ok(sent) => sent,
            Err(e) => {
                // Nothing of the form can be trusted: not even the CSRF value. Show the page
                // with why, beside the file field (where the size comes from).
                let (status, why) = unreadable(&e, limits, lang);
                let form = MessageForm {
                    file_errors: vec![why],
                    limits,
                    ..MessageForm::default()
                };
                return again(&state, &portal, &token, &opened, lang, form, None, status).await;
            }
        };
        portal
            .check_csrf(&state, &opened.token_hash, &sent.csrf)
            .await?;
        let key = checked_key(&sent.key);
        let text = parse_text(&sent.text, lang);
        if text.is_err() || !sent.file_errors.is_empty() {
            let form = MessageForm {
                text_error: text.err(),
                file_errors: sent.file_errors,
                text: sent.text,
                key,
                limits,
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return again(&state, &portal, &token, &opened, lang, form, None, status).await;
        }
        let Ok(text) = text else {
            unreachable!("an invalid text returned above")
        };
        let reference = opened.loaded.reference;
        let message_id = message_id(&key);
        let files = sent
            .files
            .into_iter()
            .enumerate()
            .map(|(i, (filename, content_type, bytes))| NewAttachment {
                id: attachment_id(opened.loaded.id, &message_id, i),
                filename,
                content_type: content_type.to_owned(),
                bytes,
            })
            .collect::<Vec<_>>();
        let names = files.iter().map(|f| f.filename.clone()).collect();
        // Files first, the event last (see the module docs).
        store_files(&state, opened.loaded.id, files).await?;
        let command = Command::RecordCorrespondence(Correspondence {
            channel: CorrespondenceChannel::Portal,
            received_at: state.app.clock().now(),
            from_complainant: true,
            subject: None,
            text,
            message_id: Some(message_id),
            attachments: names,
        });
        match state
            .app
            .execute(reference, command, Actor::Complainant)
            .await
        {
            Ok(_) => {
                tracing::info!(complaint.reference = %reference, "message from the complainant through the portal");
            }
            Err(AppError::Refused(Refusal::DuplicateMessage { .. })) => {
                tracing::info!(complaint.reference = %reference, "portal message sent twice; recorded once");
            }
            Err(AppError::Refused(refusal)) => {
                let Some(opened) = access::open(&state, &token).await? else {
                    return Ok(page::unavailable(lang));
                };
                let form = MessageForm {
                    text: sent.text,
                    key,
                    limits,
                    ..MessageForm::default()
                };
                let why = Some(refusal.to_string());
                let status = StatusCode::CONFLICT;
                return again(&state, &portal, &token, &opened, lang, form, why, status).await;
            }
            Err(e) => return Err(WebError::from(e)),
        }
        Ok(Redirect::to(&format!("/mijn-klacht/{token}?gedaan=bericht")).into_response())
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

/// Stores the files unless an earlier submit of the same form did (their ids are derived).
async fn store_files(
    state: &AppState,
    complaint: ComplaintId,
    files: Vec<NewAttachment>,
) -> Result<(), WebError> {
    let Some(first) = files.first() else {
        return Ok(());
    };
    let existing = state.app.store().attachments(complaint).await?;
    if existing.iter().any(|a| a.id == first.id) {
        return Ok(());
    }
    match state.app.store().add_attachments(complaint, files).await {
        Ok(_) | Err(StoreError::DuplicateKey(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The page again with the message form as sent (and, for a refusal, why).
#[allow(clippy::too_many_arguments)]
async fn again(
    state: &AppState,
    portal: &Portal,
    token: &str,
    opened: &Opened,
    lang: Lang,
    message: MessageForm,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let feedback = Feedback {
        error,
        message,
        ..Feedback::default()
    };
    page::render(state, portal, token, opened, lang, feedback, status).await
}

/// A body that is not a readable form (too large for the server, or malformed): the status
/// and what to tell.
fn unreadable(e: &MultipartError, limits: Limits, lang: Lang) -> (StatusCode, String) {
    let status = e.status();
    tracing::info!(error = %e.body_text(), "portal message: unreadable body");
    let (n, mb) = (limits.max_files, limits.max_file_bytes / (1024 * 1024));
    let message = match (status == StatusCode::PAYLOAD_TOO_LARGE, lang) {
        (true, Lang::Nl) => format!(
            "Wat u verstuurde is te groot. Stuur hoogstens {n} bestanden van elk {mb} MB mee."
        ),
        (true, Lang::En) => {
            format!("What you sent is too large. Attach at most {n} files of {mb} MB each.")
        }
        (false, _) => lang
            .t(
                "Het formulier kwam niet goed aan. Ga terug en verstuur het opnieuw.",
                "The form did not arrive intact. Go back and send it again.",
            )
            .to_owned(),
    };
    (status, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_text_is_required_and_at_most_20_000_characters() {
        assert_eq!(
            parse_text("  \n ", Lang::Nl).unwrap_err(),
            "Schrijf uw bericht."
        );
        let long = "a".repeat(20_001);
        assert_eq!(
            parse_text(&long, Lang::Nl).unwrap_err(),
            "Uw bericht is te lang: hoogstens 20000 tekens."
        );
        assert!(parse_text(&"a".repeat(20_000), Lang::Nl).is_ok());
    }

    #[test]
    fn the_idempotency_value_is_a_uuid_or_replaced() {
        let key = fresh_key();
        assert_eq!(checked_key(&key), key);
        assert_ne!(checked_key("<script>"), "<script>");
        assert_eq!(checked_key("x").len(), 32);
    }

    #[test]
    fn attachment_ids_are_bound_to_complaint_message_and_position() {
        let a = uuid::Uuid::new_v4();
        let b = uuid::Uuid::new_v4();
        assert_eq!(
            attachment_id(a, "portal-1", 0),
            attachment_id(a, "portal-1", 0)
        );
        assert_ne!(
            attachment_id(a, "portal-1", 0),
            attachment_id(a, "portal-1", 1)
        );
        assert_ne!(
            attachment_id(a, "portal-1", 0),
            attachment_id(b, "portal-1", 0)
        );
        assert_ne!(
            attachment_id(a, "portal-1", 0),
            attachment_id(a, "portal-2", 0)
        );
    }
}
