//! Setting a password through the one-time link `wederhoor user add --setup-link` prints.
//!
//! The token in the path is the credential (only its hash is stored); the link works once and
//! expires ([`app::accounts::Accounts::redeem_setup_link`] marks it used and stores the hash in
//! one transaction). An unknown, used or expired link gets one page that says so, without
//! telling which. The password is typed twice; policy refusals are shown beside the field.

use app::accounts::{AccountError, MIN_PASSWORD_CHARS, PasswordError};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::staff::LOGIN_PATH;
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

#[derive(Template, WebTemplate)]
#[template(path = "office/setup.html")]
struct SetupPage {
    lang: Lang,
    name: String,
    email: String,
    min_chars: usize,
    /// A refusal of the password itself.
    password_error: Option<String>,
    /// The second entry differs from the first.
    repeat_error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/setup_invalid.html")]
struct InvalidLinkPage {
    lang: Lang,
}

/// The form as posted. No `Debug`: it holds the password.
#[derive(Deserialize)]
pub(crate) struct SetupForm {
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    herhaling: String,
}

pub(crate) async fn setup_get(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Response {
    match state.accounts.setup_link_user(&token).await {
        Ok(Some(user)) => SetupPage {
            lang,
            name: user.name,
            email: user.email,
            min_chars: MIN_PASSWORD_CHARS,
            password_error: None,
            repeat_error: None,
        }
        .into_response(),
        Ok(None) => invalid(lang),
        Err(e) => WebError::Store(e).page(lang),
    }
}

pub(crate) async fn setup_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
    Form(form): Form<SetupForm>,
) -> Response {
    let user = match state.accounts.setup_link_user(&token).await {
        Ok(Some(user)) => user,
        Ok(None) => return invalid(lang),
        Err(e) => return WebError::Store(e).page(lang),
    };
    let page = |password_error: Option<String>, repeat_error: Option<String>| {
        let page = SetupPage {
            lang,
            name: user.name.clone(),
            email: user.email.clone(),
            min_chars: MIN_PASSWORD_CHARS,
            password_error,
            repeat_error,
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    if form.wachtwoord != form.herhaling {
        return page(None, Some(sentence(&PasswordError::Mismatch.to_string())));
    }
    match state
        .accounts
        .redeem_setup_link(&token, &form.wachtwoord)
        .await
    {
        Ok(_) => Redirect::to(&format!("{LOGIN_PATH}?ingesteld=1")).into_response(),
        Err(AccountError::Password(e)) => page(Some(sentence(&e.to_string())), None),
        Err(AccountError::LinkInvalid) => invalid(lang),
        Err(AccountError::Store(e)) => WebError::Store(e).page(lang),
        Err(e) => {
            tracing::error!(error = %e, "setting a password through a setup link failed");
            WebError::Refused(sentence(&e.to_string())).page(lang)
        }
    }
}

fn invalid(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, InvalidLinkPage { lang }).into_response()
}

/// A refusal as a sentence: capital first letter, full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_as_a_sentence() {
        assert_eq!(
            sentence("de wachtwoorden komen niet overeen"),
            "De wachtwoorden komen niet overeen."
        );
        assert_eq!(sentence(""), "");
    }
}
