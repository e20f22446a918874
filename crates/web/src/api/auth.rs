//! Who is calling: `Authorization: Bearer <token>` and nothing else. No cookie is read, so a
//! browser cannot be tricked into calling the API with someone's session (no CSRF exposure);
//! the token is looked up by its SHA-256 (`Accounts::api_caller`), and a revoked token or a
//! disabled user is refused like an unknown token.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use store::UserRecord;

use super::error::ApiError;
use crate::AppState;

/// The staff user behind the request's bearer token: their role and regions apply.
pub(crate) struct ApiCaller {
    pub user: UserRecord,
}

impl ApiCaller {
    /// The domain's actor for steps taken by this caller.
    pub(crate) fn actor(&self) -> domain::complaint::Actor {
        app::accounts::staff_actor(&self.user)
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ApiCaller, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer)
            .ok_or(ApiError::Unauthorized)?;
        match state.accounts.api_caller(token).await? {
            Some((_, user)) => Ok(ApiCaller { user }),
            None => {
                // The request's span names the route; the token is never logged.
                tracing::info!("API call with an unknown, revoked or disabled user's token");
                Err(ApiError::Unauthorized)
            }
        }
    }
}

/// The token of an `Authorization: Bearer <token>` value (the scheme is case-insensitive).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer;

    #[test]
    fn only_the_bearer_scheme_carries_a_token() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("abc"), None);
    }
}
