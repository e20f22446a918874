//! The language of a page: Dutch first, English second.
//!
//! UI text is written inline in the templates as a Dutch/English pair (`{{ lang.t("Klacht",
//! "Complaint") }}`): there are no keys to mismatch, and a missing translation is a compile-time
//! argument error, not an empty label. The choice comes from `?taal=en|nl` (which also sets a
//! cookie), else the `taal` cookie, else Dutch.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

/// The page language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The text in this language.
    pub fn t<'a>(&self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// The `lang` attribute of the page.
    pub fn code(&self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The other language, for the switch link.
    pub fn other(&self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The name of the other language, in that language ("English", "Nederlands").
    pub fn other_name(&self) -> &'static str {
        match self {
            Lang::Nl => "English",
            Lang::En => "Nederlands",
        }
    }

    fn parse(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let from_query = parts.uri.query().and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == "taal")
                .and_then(|(_, v)| Lang::parse(v))
        });
        if let Some(lang) = from_query {
            return Ok(lang);
        }
        let jar = CookieJar::from_request_parts(parts, state).await?;
        Ok(jar
            .get("taal")
            .and_then(|c| Lang::parse(c.value()))
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_is_the_default_and_english_the_alternative() {
        assert_eq!(Lang::default().t("Klacht", "Complaint"), "Klacht");
        assert_eq!(Lang::En.t("Klacht", "Complaint"), "Complaint");
        assert_eq!(Lang::Nl.other(), Lang::En);
    }
}
