//! Logging in and out.
//!
//! The throttle and its messages belong to [`app::accounts::Accounts::authenticate`]: an
//! unknown address, a wrong password, a disabled user and a wrong code get one and the same
//! answer, and too many failures are refused before the password is looked at. This page shows
//! the answer and, on success, replaces any session the browser had with a new one (a new id:
//! a session id planted before login is worthless).

use std::net::SocketAddr;

use app::accounts::{LoginAttempt, LoginError};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use jiff::SignedDuration;
use serde::Deserialize;

use super::staff::{
    HOME_PATH, LOGIN_PATH, SESSION_COOKIE, StaffForm, cleared_cookie, local_path, session_cookie,
};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

#[derive(Template, WebTemplate)]
#[template(path = "office/login.html")]
struct LoginPage {
    lang: Lang,
    email: String,
    /// A validated local path to return to, or empty.
    terug: String,
    /// What went wrong, for the person at the form.
    error: Option<String>,
    /// The field the error belongs to ("email" or "code").
    error_field: &'static str,
    /// A confirmation above the form (password set, logged out).
    notice: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct LoginQuery {
    #[serde(default)]
    terug: String,
    /// Set after a password was set through a setup link.
    #[serde(default)]
    ingesteld: String,
    /// Set after logging out.
    #[serde(default)]
    uitgelogd: String,
}

/// The login form as posted. No `Debug`: it holds the password.
#[derive(Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    terug: String,
}

pub(crate) async fn login_get(lang: Lang, Query(q): Query<LoginQuery>) -> Response {
    let notice = if !q.ingesteld.is_empty() {
        Some(lang.t(
            "Uw wachtwoord is ingesteld. U kunt nu inloggen.",
            "Your password has been set. You can now log in.",
        ))
    } else if !q.uitgelogd.is_empty() {
        Some(lang.t("U bent uitgelogd.", "You have been logged out."))
    } else {
        None
    };
    LoginPage {
        lang,
        email: String::new(),
        terug: local_path(&q.terug).unwrap_or_default(),
        error: None,
        error_field: "email",
        notice,
    }
    .into_response()
}

pub(crate) async fn login_post(
    State(state): State<AppState>,
    lang: Lang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let code = form.code.trim();
    let attempt = LoginAttempt {
        email: &form.email,
        password: &form.wachtwoord,
        totp: (!code.is_empty()).then_some(code),
        ip: client.ip.as_deref(),
        user_agent: client.user_agent.as_deref(),
    };
    let terug = local_path(&form.terug);
    let refused = |status: StatusCode, message: String, field: &'static str| {
        let page = LoginPage {
            lang,
            email: form.email.trim().to_owned(),
            terug: terug.clone().unwrap_or_default(),
            error: Some(message),
            error_field: field,
            notice: None,
        };
        (status, page).into_response()
    };
    let result = state.accounts.authenticate(attempt).await;
    if let Err(e) = &result
        && !matches!(e, LoginError::Store(_))
    {
        // Without the address typed: it may be a complainant's or a mistyped password.
        tracing::info!(client.ip = ?client.ip, reason = %e, "staff login refused");
    }
    match result {
        Ok(created) => {
            if let Some(old) = jar.get(SESSION_COOKIE) {
                // The browser's previous session (if any) ends: one session per login.
                if let Err(e) = state.accounts.logout(old.value()).await {
                    tracing::warn!(error = %e, "could not delete the previous session");
                }
            }
            let now = state.app.clock().now();
            let cookie = session_cookie(
                created.session_id.expose(),
                created.expires_at,
                now,
                state.secure_cookies,
            );
            let to = terug.unwrap_or_else(|| HOME_PATH.to_owned());
            ([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response()
        }
        Err(LoginError::InvalidCredentials) => refused(
            StatusCode::UNAUTHORIZED,
            lang.t(
                "Onjuist e-mailadres of wachtwoord (of code).",
                "Incorrect e-mail address or password (or code).",
            )
            .to_owned(),
            "email",
        ),
        Err(LoginError::TotpRequired) => refused(
            StatusCode::UNAUTHORIZED,
            lang.t(
                "Voer ook de code uit uw authenticator-app in, en uw wachtwoord opnieuw.",
                "Also enter the code from your authenticator app, and your password again.",
            )
            .to_owned(),
            "code",
        ),
        Err(LoginError::TooSoon { retry_after }) => {
            let seconds = whole_seconds(retry_after);
            let mut response = refused(
                StatusCode::TOO_MANY_REQUESTS,
                wait_message(lang, seconds),
                "email",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
            response
        }
        Err(LoginError::Store(e)) => WebError::Store(e).page(lang),
    }
}

/// Logout: the session row is deleted (the cookie's value no longer opens anything) and the
/// cookie is cleared.
pub(crate) async fn logout_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm {
        staff,
        form: NoFields {},
    }: StaffForm<NoFields>,
) -> Response {
    if let Err(e) = state.accounts.logout(staff.session_id()).await {
        return WebError::Store(e).page(lang);
    }
    tracing::info!(user.id = %staff.session().user.id, "staff logout");
    let to = format!("{LOGIN_PATH}?uitgelogd=1");
    let cookie = cleared_cookie(state.secure_cookies);
    ([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response()
}

/// A form with nothing but its CSRF token.
#[derive(Debug, Deserialize)]
pub(crate) struct NoFields {}

/// Whole seconds, rounded up, at least 1.
fn whole_seconds(d: SignedDuration) -> u64 {
    let secs = d.as_secs() + i64::from(d.subsec_nanos() > 0);
    u64::try_from(secs.max(1)).unwrap_or(1)
}

/// "Te veel mislukte pogingen; probeer het over 3 minuten opnieuw."
fn wait_message(lang: Lang, seconds: u64) -> String {
    let (n, nl, en) = match seconds {
        1 => (1, "seconde", "second"),
        2..60 => (seconds, "seconden", "seconds"),
        _ => match seconds.div_ceil(60) {
            1 => (1, "minuut", "minute"),
            m => (m, "minuten", "minutes"),
        },
    };
    match lang {
        Lang::Nl => format!("Te veel mislukte pogingen; probeer het over {n} {nl} opnieuw."),
        Lang::En => format!("Too many failed attempts; try again in {n} {en}."),
    }
}

/// The client's address (from the connection; forwarded headers are not trusted) and browser.
pub(crate) struct Client {
    ip: Option<String>,
    user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        Ok(Client {
            ip,
            user_agent: user_agent(&parts.headers),
        })
    }
}

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_said_in_seconds_then_minutes() {
        assert_eq!(
            wait_message(Lang::Nl, 1),
            "Te veel mislukte pogingen; probeer het over 1 seconde opnieuw."
        );
        assert!(wait_message(Lang::Nl, 59).contains("over 59 seconden"));
        assert!(wait_message(Lang::Nl, 61).contains("over 2 minuten"));
        assert!(wait_message(Lang::Nl, 900).contains("over 15 minuten"));
        assert_eq!(whole_seconds(SignedDuration::from_millis(1500)), 2);
    }
}
