//! The API's errors as JSON, one shape for all: `{"error": <code>, "message": <Dutch>,
//! "message_en": <English>}`, plus `fields` for validation. The detail of an internal failure
//! is logged once, here, and never sent (STYLE habit 5).

use std::collections::BTreeMap;

use app::AppError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::Refusal;
use serde_json::json;

use crate::error::WebError;

/// Why an API request failed.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// No bearer token, or one that is unknown, revoked or of a disabled user.
    Unauthorized,
    /// The caller's role may not do this (a lezer posting a step).
    Forbidden,
    /// Unknown reference, or a complaint of a region the caller does not work for.
    NotFound,
    /// The request body is not what the endpoint takes: a message and one per field.
    Validation { fields: BTreeMap<String, String> },
    /// The procedure refused the step.
    Refused(Refusal),
    /// Another step was recorded at the same moment (or too many registrations at once).
    Busy,
    /// Anything else: logged, answered 500 without detail.
    Internal(String),
}

impl ApiError {
    /// A validation error about the fields in `fields`.
    pub(crate) fn fields(fields: BTreeMap<String, String>) -> ApiError {
        ApiError::Validation { fields }
    }

    /// A validation error about one field.
    pub(crate) fn field(name: &str, message: impl Into<String>) -> ApiError {
        ApiError::fields(BTreeMap::from([(name.to_owned(), message.into())]))
    }
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> ApiError {
        match e {
            WebError::NotFound => ApiError::NotFound,
            WebError::Forbidden => ApiError::Forbidden,
            WebError::Refused(message) => ApiError::Internal(message),
            WebError::App(e) => e.into(),
            WebError::Store(e) => ApiError::Internal(e.to_string()),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        match e {
            AppError::NotFound => ApiError::NotFound,
            AppError::Refused(refusal) => ApiError::Refused(refusal),
            AppError::Busy | AppError::Overloaded => ApiError::Busy,
            AppError::UnknownRegion(_) => ApiError::field("region", "unknown region"),
            AppError::UnknownCategory(_) => ApiError::field("category", "unknown category"),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<store::StoreError> for ApiError {
    fn from(e: store::StoreError) -> ApiError {
        ApiError::Internal(e.to_string())
    }
}

fn body(code: &str, nl: &str, en: &str) -> serde_json::Value {
    json!({ "error": code, "message": nl, "message_en": en })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthorized => {
                let mut response = (
                    StatusCode::UNAUTHORIZED,
                    Json(body(
                        "unauthorized",
                        "Een geldig API-token is nodig (Authorization: Bearer <token>).",
                        "A valid API token is required (Authorization: Bearer <token>).",
                    )),
                )
                    .into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"wederhoor\""),
                );
                return response;
            }
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                body(
                    "forbidden",
                    "U heeft geen toegang tot deze handeling.",
                    "Your role does not allow this action.",
                ),
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                body("not_found", "Niet gevonden.", "Not found."),
            ),
            ApiError::Validation { fields } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({
                    "error": "validation",
                    "message": "Niet alle velden zijn goed ingevuld.",
                    "message_en": "Some fields are missing or not valid; see fields.",
                    "fields": fields,
                }),
            ),
            ApiError::Refused(refusal) => {
                // A refusal of who may act is a matter of access, like the office's 403.
                let status = match refusal {
                    Refusal::ActorNotAllowed { .. } => StatusCode::FORBIDDEN,
                    _ => StatusCode::CONFLICT,
                };
                let en = crate::office::complaint::refusal::refusal_text(
                    &refusal,
                    crate::lang::Lang::En,
                );
                (status, body(refusal.code(), &refusal.to_string(), &en))
            }
            ApiError::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                body(
                    "busy",
                    "De klacht werd tegelijk door iemand anders gewijzigd. Probeer het opnieuw.",
                    "Someone else changed the complaint at the same moment. Please try again.",
                ),
            ),
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    body(
                        "internal",
                        "Er ging aan onze kant iets mis.",
                        "Something went wrong on our side.",
                    ),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
