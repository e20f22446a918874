//! The web layer's error: one place turns any failure into a page a person understands, in their
//! language, without internals; the detail is logged once, here (STYLE habit 5).

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::lang::Lang;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// The procedure refused the step: the message is for the user (Dutch).
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    App(#[from] app::AppError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    lang: Lang,
    title: &'a str,
    message: &'a str,
}

impl WebError {
    /// Renders the error as a page in `lang`.
    pub fn page(self, lang: Lang) -> Response {
        let (status, title, message): (StatusCode, &str, String) = match &self {
            WebError::NotFound | WebError::App(app::AppError::NotFound) => (
                StatusCode::NOT_FOUND,
                lang.t("Niet gevonden", "Not found"),
                lang.t(
                    "Deze pagina bestaat niet (meer).",
                    "This page does not exist (any more).",
                )
                .into(),
            ),
            WebError::Forbidden => (
                StatusCode::FORBIDDEN,
                lang.t("Geen toegang", "No access"),
                lang.t(
                    "U heeft geen toegang tot deze pagina.",
                    "You do not have access to this page.",
                )
                .into(),
            ),
            WebError::Refused(message) => (
                StatusCode::CONFLICT,
                lang.t("Niet mogelijk", "Not possible"),
                message.clone(),
            ),
            WebError::App(app::AppError::Refused(refusal)) => (
                StatusCode::CONFLICT,
                lang.t("Niet mogelijk", "Not possible"),
                refusal.to_string(),
            ),
            WebError::App(app::AppError::Busy) => (
                StatusCode::SERVICE_UNAVAILABLE,
                lang.t("Even geduld", "Please wait"),
                lang.t(
                    "De klacht werd tegelijk door iemand anders gewijzigd. Probeer het opnieuw.",
                    "Someone else changed the complaint at the same moment. Please try again.",
                )
                .into(),
            ),
            WebError::App(app::AppError::Overloaded) => (
                StatusCode::SERVICE_UNAVAILABLE,
                lang.t("Even geduld", "Please wait"),
                lang.t(
                    "Er worden nu erg veel klachten tegelijk ingediend. Uw klacht is niet opgeslagen; verstuur het formulier over een minuut opnieuw.",
                    "Very many complaints are being submitted at this moment. Yours was not saved; send the form again in a minute.",
                )
                .into(),
            ),
            _ => {
                tracing::error!(error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    lang.t("Er ging iets mis", "Something went wrong"),
                    lang.t(
                        "Er ging aan onze kant iets mis. Er is niets verloren gegaan van wat al was opgeslagen. Probeer het later opnieuw.",
                        "Something went wrong on our side. Nothing that was already saved is lost. Please try again later.",
                    )
                    .into(),
                )
            }
        };
        let page = ErrorPage {
            lang,
            title,
            message: &message,
        };
        (status, page).into_response()
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.page(Lang::default())
    }
}
