//! Who is asking: the session cookie, the [`Staff`] and [`StaffForm`] extractors, and the
//! record check every complaint page goes through ([`Staff::complaint`]).

use app::Loaded;
use app::accounts::StaffSession;
use axum::Form;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use jiff::Timestamp;
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

/// The session cookie: the plain session id (only its hash is stored).
pub(crate) const SESSION_COOKIE: &str = "wederhoor_sessie";
/// Where a visitor without a session is sent.
pub(crate) const LOGIN_PATH: &str = "/kantoor/inloggen";
/// Where a login lands when no (valid) return path was given.
pub(crate) const HOME_PATH: &str = "/kantoor";

/// A logged-in staff member with a live session (touched by this request).
#[derive(Clone)]
pub(crate) struct Staff {
    session: StaffSession,
    /// The plain session id from the cookie, for logout.
    session_id: String,
}

impl Staff {
    pub(crate) fn session(&self) -> &StaffSession {
        &self.session
    }

    pub(crate) fn session_id(&self) -> &str {
        &self.session_id
    }

    /// What the staff header of every office page shows.
    pub(crate) fn header(&self) -> StaffHeader {
        StaffHeader {
            name: self.session.user.name.clone(),
            role: self.session.role(),
            csrf: self.session.csrf_token.clone(),
            admin: self.session.role() == domain::complaint::Role::Beheerder,
        }
    }

    /// The complaint `reference`, when this staff member may see its region. A malformed
    /// reference, an unknown one and one of another region all give [`WebError::NotFound`], so
    /// the answer does not reveal that a complaint exists.
    pub(crate) async fn complaint(
        &self,
        state: &AppState,
        reference: &str,
    ) -> Result<Loaded, WebError> {
        crate::access::complaint_for(state, &self.session.user, reference).await
    }

    /// Looks the session up from the cookie; no method check. A route layer that already did
    /// ([`beheerders_only`]) left it in the request's extensions: it is not looked up twice.
    async fn from_cookie(parts: &mut Parts, state: &AppState) -> Result<Staff, StaffRejection> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(id) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
            return Err(StaffRejection::no_session(parts));
        };
        match state.accounts.session(&id).await {
            Ok(Some(session)) => Ok(Staff {
                session,
                session_id: id,
            }),
            Ok(None) => Err(StaffRejection::no_session(parts)),
            Err(e) => Err(StaffRejection::Failed(
                WebError::Store(e),
                lang_of(parts).await,
            )),
        }
    }
}

/// The staff part of every office page's header.
#[derive(Debug, Clone)]
pub(crate) struct StaffHeader {
    pub name: String,
    /// Shown in the page's language ([`StaffHeader::role_label`]).
    pub role: domain::complaint::Role,
    /// For the logout form (and any other form on the page).
    pub csrf: String,
    /// A beheerder: the header links to the administration pages.
    pub admin: bool,
}

impl StaffHeader {
    /// The role in `lang`: "klachtbehandelaar", "complaint handler".
    pub fn role_label(&self, lang: &Lang) -> &'static str {
        crate::office::labels::role(self.role, *lang)
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = StaffRejection;

    /// Only for safe methods: a handler that changes something takes [`StaffForm`], which
    /// checks the form's CSRF token. Taking `Staff` in a POST handler fails closed (403).
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if !parts.method.is_safe() {
            tracing::error!(
                path = parts.uri.path(),
                "an office handler for {} takes Staff instead of StaffForm",
                parts.method
            );
            return Err(StaffRejection::Forbidden(lang_of(parts).await));
        }
        Staff::from_cookie(parts, state).await
    }
}

/// Route layer of the administration (`/kantoor/beheer/…`, every method): only a beheerder gets
/// past it, so anyone else gets the 403 page before any extractor of the handler reads the
/// path, the query or the form (a lezer posting a malformed form learns nothing about its
/// fields). Without a session: the login, as [`Staff`] answers. The [`Staff`] found is handed
/// to the handler's extractor in the request's extensions. Handlers still check with
/// `Admin::of` (or their own `beheerder`), so a route outside the layer fails closed.
pub(crate) async fn beheerders_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let staff = match Staff::from_cookie(&mut parts, &state).await {
        Ok(staff) => staff,
        Err(rejection) => return rejection.into_response(),
    };
    if staff.session.role() != domain::complaint::Role::Beheerder {
        tracing::info!(user.id = %staff.session.user.id, path = parts.uri.path(), "not a beheerder: 403");
        return StaffRejection::Forbidden(lang_of(&mut parts).await).into_response();
    }
    parts.extensions.insert(staff);
    next.run(Request::from_parts(parts, body)).await
}

/// A form posted by a logged-in staff member whose hidden `csrf` field matched the session's
/// token. The only way an office POST handler gets a [`Staff`].
///
/// The order is session (login), CSRF token (403), then the typed form `T` (400/422). Who may
/// post must be settled before `T` is parsed: for the administration by the
/// [`beheerders_only`] route layer; a handler with its own rule parses `T = Vec<(String,
/// String)>` (which cannot fail) and checks the rule before reading any field.
pub(crate) struct StaffForm<T> {
    pub staff: Staff,
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for StaffForm<T> {
    type Rejection = StaffRejection;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_cookie(&mut parts, state).await?;
        let body = Request::from_parts(parts.clone(), body);
        let bytes = Bytes::from_request(body, state)
            .await
            .map_err(|e| StaffRejection::Plain(e.into_response()))?;
        let again = || Request::from_parts(parts.clone(), Body::from(bytes.clone()));
        // A body that is not a form (another content type, say) carries no token either: 403,
        // like a form without one, never a parse error before the token (and the role) counted.
        let fields = Form::<Vec<(String, String)>>::from_request(again(), state)
            .await
            .map_or_else(|_| Vec::new(), |Form(fields)| fields);
        let presented = fields
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        if !presented.is_some_and(|token| staff.session.csrf_matches(token)) {
            tracing::warn!(path = parts.uri.path(), user.id = %staff.session.user.id, "office form without a matching csrf token");
            return Err(StaffRejection::Forbidden(lang_of(&mut parts).await));
        }
        let Form(form) = Form::<T>::from_request(again(), state)
            .await
            .map_err(|e| StaffRejection::Plain(e.into_response()))?;
        Ok(StaffForm { staff, form })
    }
}

/// Why a request got no [`Staff`].
#[derive(Debug)]
pub(crate) enum StaffRejection {
    /// No live session on a page: log in, then come back to `back` (a local path).
    Login { back: Option<String> },
    /// No live session on an API path.
    Unauthorized,
    /// A form without the session's CSRF token (or a handler that skipped the check).
    Forbidden(Lang),
    /// The session could not be looked up.
    Failed(WebError, Lang),
    /// The body could not be read as a form.
    Plain(Response),
}

impl StaffRejection {
    fn no_session(parts: &Parts) -> StaffRejection {
        if parts.uri.path().starts_with("/api/") {
            return StaffRejection::Unauthorized;
        }
        // Only a page can be returned to; after a refused POST, the login leads home.
        let back = (parts.method.is_safe())
            .then(|| parts.uri.path_and_query().map(|p| p.as_str().to_owned()))
            .flatten()
            .and_then(|p| local_path(&p));
        StaffRejection::Login { back }
    }
}

impl IntoResponse for StaffRejection {
    fn into_response(self) -> Response {
        match self {
            StaffRejection::Login { back } => {
                Redirect::to(&login_url(back.as_deref())).into_response()
            }
            StaffRejection::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "login required",
            )
                .into_response(),
            StaffRejection::Forbidden(lang) => WebError::Forbidden.page(lang),
            StaffRejection::Failed(e, lang) => e.page(lang),
            StaffRejection::Plain(response) => response,
        }
    }
}

/// The page language, as [`Lang`]'s extractor reads it (from the query or cookie).
async fn lang_of(parts: &mut Parts) -> Lang {
    let Ok(lang) = Lang::from_request_parts(parts, &()).await;
    lang
}

/// The login page, returning to `back` afterwards.
pub(crate) fn login_url(back: Option<&str>) -> String {
    match back {
        Some(back) if back != HOME_PATH => format!("{LOGIN_PATH}?terug={}", percent_encode(back)),
        _ => LOGIN_PATH.to_owned(),
    }
}

/// `path` when it is a path on this site (so a login link cannot send anyone elsewhere):
/// starts with one `/`, no `//` or `/\` (protocol-relative), no backslashes or control
/// characters, not the login page itself.
pub(crate) fn local_path(path: &str) -> Option<String> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && !path.starts_with(LOGIN_PATH)
        && path.len() <= 2048;
    ok.then(|| path.to_owned())
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for a query value.
pub(crate) fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Set-Cookie` value that starts a session: until its absolute expiry at most.
pub(crate) fn session_cookie(
    id: &str,
    expires_at: Timestamp,
    now: Timestamp,
    secure: bool,
) -> String {
    let max_age = expires_at.duration_since(now).as_secs().max(0);
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={id}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub(crate) fn cleared_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_returned_to() {
        assert_eq!(
            local_path("/kantoor?regio=noord").as_deref(),
            Some("/kantoor?regio=noord")
        );
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "kantoor",
            "/kantoor\n",
            "/kantoor/inloggen?terug=/x",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_return_path_is_percent_encoded_in_the_login_link() {
        assert_eq!(
            login_url(Some("/kantoor?regio=noord&na=x")),
            "/kantoor/inloggen?terug=%2Fkantoor%3Fregio%3Dnoord%26na%3Dx"
        );
        assert_eq!(login_url(Some("/kantoor")), "/kantoor/inloggen");
        assert_eq!(login_url(None), "/kantoor/inloggen");
    }

    #[test]
    fn the_session_cookie_lives_no_longer_than_the_session() {
        let now: Timestamp = "2026-05-01T08:00:00Z".parse().unwrap();
        let until: Timestamp = "2026-05-08T08:00:00Z".parse().unwrap();
        let c = session_cookie("abc", until, now, true);
        assert_eq!(
            c,
            "wederhoor_sessie=abc; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(!session_cookie("abc", until, now, false).contains("Secure"));
    }
}
