//! Reading the form's multipart body: text fields into [`ComplaintForm`], files checked against
//! the limits and recognised by content as they arrive. A file that is too large is not read
//! past the limit.

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use axum::response::Response;
use store::NewAttachment;

use super::attachments::{self, Limits, clean_filename};
use super::errors::FieldErrors;
use super::input::ComplaintForm;
use crate::lang::Lang;

/// The HTML name of the file input.
pub(crate) const FILES: &str = "bijlagen";

/// A text field is never longer than this (the longest domain text is 20 000 characters; the
/// rest is cut, and the field is then refused as too long).
pub(crate) const MAX_TEXT_BYTES: usize = 128 * 1024;

/// What a submission carried.
#[derive(Debug)]
pub(crate) struct Upload {
    pub form: ComplaintForm,
    /// The accepted files, in the order sent.
    pub files: Vec<NewAttachment>,
    /// Messages about refused files (field [`FILES`]).
    pub errors: FieldErrors,
    /// Whether any file was chosen at all.
    pub files_sent: bool,
}

/// Reads the whole body. Err is a finished response for a body that is not a readable form.
pub(crate) async fn read(
    mut multipart: Multipart,
    limits: Limits,
    lang: Lang,
) -> Result<Upload, Response> {
    let mut up = Upload {
        form: ComplaintForm::default(),
        files: Vec::new(),
        errors: FieldErrors::default(),
        files_sent: false,
    };
    let mut too_many = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(unreadable(e, limits, lang)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name != FILES {
            let (bytes, _) = take(field, MAX_TEXT_BYTES)
                .await
                .map_err(|e| unreadable(e, limits, lang))?;
            up.form
                .set(&name, String::from_utf8_lossy(&bytes).into_owned());
            continue;
        }
        let filename = clean_filename(field.file_name().unwrap_or_default());
        let chosen = !field.file_name().unwrap_or_default().is_empty();
        let (bytes, cut) = take(field, limits.max_file_bytes)
            .await
            .map_err(|e| unreadable(e, limits, lang))?;
        if !chosen && bytes.is_empty() {
            continue; // the empty part a browser sends when no file was chosen
        }
        up.files_sent = true;
        if up.files.len() >= limits.max_files {
            if !too_many {
                too_many = true;
                up.errors.add(FILES, attachments::too_many(limits, lang));
            }
            continue;
        }
        let kind = attachments::check(&filename, &bytes, cut, limits, lang);
        match kind {
            Ok(kind) => up.files.push(NewAttachment {
                id: uuid::Uuid::now_v7(),
                filename,
                content_type: kind.content_type().into(),
                bytes,
            }),
            Err(message) => up.errors.add(FILES, message),
        }
    }
    Ok(up)
}

/// Reads a field up to `max` bytes. True when it was longer (the rest is skipped unread: the
/// multipart reader discards it when the field is dropped).
pub(crate) async fn take(
    mut field: Field<'_>,
    max: usize,
) -> Result<(Vec<u8>, bool), MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if bytes.len() + chunk.len() > max {
            return Ok((bytes, true));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok((bytes, false))
}

/// A body that cannot be read as the form: too large for the server, or malformed.
fn unreadable(e: MultipartError, limits: Limits, lang: Lang) -> Response {
    let status = e.status();
    tracing::info!(error = %e.body_text(), "public form: unreadable body");
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
    let title = lang.t("Niet verstuurd", "Not sent");
    super::receipt::message_page(lang, status, title, &message)
}
