//! Validated values a complaint is made of (parse, don't validate).
//!
//! Input from a form, an e-mail or a phone call becomes one of these types once, at the edge.
//! Their fields are private and the only ways in are `TryFrom` and `Deserialize` (which runs the
//! same checks), so a `Complainant` without a contact route cannot exist anywhere in the program.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why an input value is refused, in Dutch for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidInput {
    #[error("{0} is niet ingevuld")]
    Empty(&'static str),
    #[error("{field} is te lang (hoogstens {max} tekens)")]
    TooLong { field: &'static str, max: usize },
    #[error("{0:?} is geen geldig e-mailadres")]
    Email(String),
    #[error("{0:?} is geen geldig telefoonnummer")]
    Phone(String),
    #[error("{0:?} is geen geldige regiocode (letters, cijfers en '-')")]
    Region(String),
    #[error("{0:?} is geen geldige gebruikersnaam")]
    UserId(String),
    #[error("vul een e-mailadres of een telefoonnummer in, zodat we contact kunnen opnemen")]
    NoContactRoute,
}

fn checked(
    field: &'static str,
    s: &str,
    max: usize,
    single_line: bool,
) -> Result<String, InvalidInput> {
    let t = s.trim();
    if t.is_empty() {
        return Err(InvalidInput::Empty(field));
    }
    if t.chars().count() > max {
        return Err(InvalidInput::TooLong { field, max });
    }
    let bad = |c: char| c.is_control() && (single_line || !matches!(c, '\n' | '\r' | '\t'));
    if t.chars().any(bad) {
        return Err(InvalidInput::Empty(field));
    }
    Ok(t.to_string())
}

macro_rules! text_type {
    ($(#[$m:meta])* $name:ident, $field:literal, $max:expr, $single:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl TryFrom<String> for $name {
            type Error = InvalidInput;
            fn try_from(s: String) -> Result<Self, InvalidInput> {
                checked($field, &s, $max, $single).map($name)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidInput;
            fn try_from(s: &str) -> Result<Self, InvalidInput> {
                checked($field, s, $max, $single).map($name)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_type!(
    /// A non-empty, trimmed free text (description, answer part, note): at most 20 000 characters.
    Text, "de tekst", 20_000, false
);
text_type!(
    /// A person's name: one line, at most 200 characters.
    PersonName, "de naam", 200, true
);
text_type!(
    /// A postal address: a few lines, at most 500 characters.
    PostalAddress, "het adres", 500, false
);
text_type!(
    /// The complaint's category as the organisation lists it: one line, at most 100 characters.
    Category, "de categorie", 100, true
);

/// An e-mail address: `local@domain.tld`, no spaces, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl TryFrom<String> for EmailAddress {
    type Error = InvalidInput;
    fn try_from(s: String) -> Result<Self, InvalidInput> {
        let t = s.trim();
        let bad = || InvalidInput::Email(t.to_string());
        let (local, domain) = t.split_once('@').ok_or_else(bad)?;
        let ok = !local.is_empty()
            && t.len() <= 254
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !t
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'));
        if ok {
            Ok(EmailAddress(t.to_string()))
        } else {
            Err(bad())
        }
    }
}

/// A phone number: digits with optional `+`, spaces, dashes and parentheses; 8 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl TryFrom<String> for PhoneNumber {
    type Error = InvalidInput;
    fn try_from(s: String) -> Result<Self, InvalidInput> {
        let t = s.trim();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let allowed = t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
            || (t.starts_with('+')
                && t[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')')));
        if allowed && (8..=15).contains(&digits) {
            Ok(PhoneNumber(t.to_string()))
        } else {
            Err(InvalidInput::Phone(t.to_string()))
        }
    }
}

/// A region code, e.g. "noord": ASCII letters, digits and '-', lower-cased, 1 to 32 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl TryFrom<String> for RegionCode {
    type Error = InvalidInput;
    fn try_from(s: String) -> Result<Self, InvalidInput> {
        let t = s.trim().to_ascii_lowercase();
        let ok = (1..=32).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !t.starts_with('-');
        if ok {
            Ok(RegionCode(t))
        } else {
            Err(InvalidInput::Region(s))
        }
    }
}

/// A staff user's id (login name or uuid): no spaces, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserId(String);

impl TryFrom<String> for UserId {
    type Error = InvalidInput;
    fn try_from(s: String) -> Result<Self, InvalidInput> {
        let ok =
            (1..=100).contains(&s.len()) && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Ok(UserId(s))
        } else {
            Err(InvalidInput::UserId(s))
        }
    }
}

macro_rules! string_like {
    ($($name:ident),*) => {$(
        impl TryFrom<&str> for $name {
            type Error = InvalidInput;
            fn try_from(s: &str) -> Result<Self, InvalidInput> {
                $name::try_from(s.to_string())
            }
        }
        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

string_like!(EmailAddress, PhoneNumber, RegionCode, UserId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_never_empty() {
        assert_eq!(Text::try_from("  iets  ").unwrap().as_ref(), "iets");
        assert_eq!(Text::try_from(" \n "), Err(InvalidInput::Empty("de tekst")));
        assert!(Text::try_from("regel 1\nregel 2").is_ok());
        assert!(
            PersonName::try_from("A.\nJansen").is_err(),
            "a name is one line"
        );
        assert!(matches!(
            Category::try_from("x".repeat(101)),
            Err(InvalidInput::TooLong { .. })
        ));
    }

    #[test]
    fn email_addresses_need_a_local_part_and_a_domain_with_a_dot() {
        for ok in ["a@b.nl", " a.jansen+klacht@example.co.uk "] {
            assert!(EmailAddress::try_from(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "a", "@b.nl", "a@b", "a@.nl", "a@b.", "a b@c.nl", "a@b@c.nl", "a@b..nl", "<a@b.nl>",
        ] {
            assert!(EmailAddress::try_from(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phone_numbers_have_8_to_15_digits() {
        for ok in [
            "088 007 1400",
            "+31 88 007 1400",
            "(088) 007-1400",
            "0612345678",
        ] {
            assert!(PhoneNumber::try_from(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "1234567",
            "088 007 1400 ext 5",
            "++31 88 007 1400",
            "+31+88 007 1400",
            "1234567890123456",
        ] {
            assert!(PhoneNumber::try_from(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn region_codes_are_lower_case_slugs() {
        assert_eq!(
            RegionCode::try_from("Noord-Oost").unwrap().as_ref(),
            "noord-oost"
        );
        for bad in ["", "noord oost", "-noord", "zuid/west"] {
            assert!(RegionCode::try_from(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn user_ids_have_no_spaces() {
        assert!(UserId::try_from("u-1").is_ok());
        assert!(UserId::try_from("u 1").is_err());
        assert!(UserId::try_from("").is_err());
    }

    #[test]
    fn deserializing_runs_the_same_checks() {
        assert!(serde_json::from_str::<EmailAddress>("\"geen-adres\"").is_err());
        assert!(serde_json::from_str::<Text>("\"  \"").is_err());
        assert_eq!(
            serde_json::from_str::<RegionCode>("\"NOORD\"")
                .unwrap()
                .as_ref(),
            "noord"
        );
    }
}
