//! A JSON request body read field by field, collecting every field error before giving up (like
//! the office's `Fields` and `Errors`), so a 422 names all fields that are not right at once.
//! Field names are the API's (English, snake_case); messages are English.

use std::collections::BTreeMap;

use axum::body::Bytes;
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::{Map, Value};

use super::error::ApiError;

/// A JSON object and the errors found while reading it.
#[derive(Debug, Default)]
pub(crate) struct Input {
    object: Map<String, Value>,
    /// Field name (dotted for nested: `complainant.name`) → message.
    errors: BTreeMap<String, String>,
}

impl Input {
    /// The body as a JSON object; anything else is a 422 about `body`.
    pub(crate) fn parse(bytes: &Bytes) -> Result<Input, ApiError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Input::default());
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(object)) => Ok(Input {
                object,
                errors: BTreeMap::new(),
            }),
            Ok(_) => Err(ApiError::field("body", "the body must be a JSON object")),
            Err(e) => Err(ApiError::field(
                "body",
                format!("the body is not valid JSON: {e}"),
            )),
        }
    }

    /// The object under `name` (absent: empty), its errors reported as `name.field`.
    pub(crate) fn nested(&mut self, name: &str) -> Input {
        match self.object.get(name) {
            Some(Value::Object(object)) => Input {
                object: object.clone(),
                errors: BTreeMap::new(),
            },
            None | Some(Value::Null) => Input::default(),
            Some(_) => {
                self.add(name, "must be an object");
                Input::default()
            }
        }
    }

    /// Takes over the errors of a [`Input::nested`] object read under `name`.
    pub(crate) fn absorb(&mut self, name: &str, nested: Input) {
        for (field, message) in nested.errors {
            self.errors.insert(format!("{name}.{field}"), message);
        }
    }

    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    /// Runs a parse and records its error under `field`.
    pub(crate) fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        parsed.map_err(|e| self.add(field, e)).ok()
    }

    /// `value` when no field was wrong, else the 422 naming them all.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, ApiError> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ if self.errors.is_empty() => Err(ApiError::field("body", "the body is not valid")),
            _ => Err(ApiError::fields(self.errors)),
        }
    }

    /// Whether the body has the field at all (null counts as present).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.object.contains_key(name)
    }

    /// A string field, trimmed; absent, null or blank is None. Another type is an error.
    pub(crate) fn optional_str(&mut self, name: &str) -> Option<String> {
        match self.object.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.trim().to_owned()),
            Some(_) => {
                self.add(name, "must be a string");
                None
            }
        }
    }

    /// A required string field.
    pub(crate) fn str(&mut self, name: &str) -> Option<String> {
        let present = self.object.get(name).is_some_and(|v| !v.is_null());
        let value = self.optional_str(name);
        if value.is_none() && !self.errors.contains_key(name) {
            self.add(
                name,
                if present {
                    "must not be blank"
                } else {
                    "is required"
                },
            );
        }
        value
    }

    /// A string field the domain checks itself (blank is passed on as ""): the three parts of
    /// the answer, reasons, referrals, whose refusal names everything missing at once.
    pub(crate) fn text(&mut self, name: &str) -> String {
        self.optional_str(name).unwrap_or_default()
    }

    /// A boolean; absent or null is `default`.
    pub(crate) fn bool_or(&mut self, name: &str, default: bool) -> bool {
        match self.object.get(name) {
            None | Some(Value::Null) => default,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.add(name, "must be true or false");
                default
            }
        }
    }

    /// A required boolean.
    pub(crate) fn bool(&mut self, name: &str) -> Option<bool> {
        match self.object.get(name) {
            Some(Value::Bool(b)) => Some(*b),
            None | Some(Value::Null) => {
                self.add(name, "is required (true or false)");
                None
            }
            Some(_) => {
                self.add(name, "must be true or false");
                None
            }
        }
    }

    /// A required list of strings.
    pub(crate) fn strings(&mut self, name: &str) -> Option<Vec<String>> {
        match self.object.get(name) {
            Some(Value::Array(items)) => {
                let strings: Option<Vec<String>> = items
                    .iter()
                    .map(|v| v.as_str().map(|s| s.trim().to_owned()))
                    .collect();
                if strings.is_none() {
                    self.add(name, "must be a list of strings");
                }
                strings
            }
            None | Some(Value::Null) => {
                self.add(name, "is required (a list)");
                None
            }
            Some(_) => {
                self.add(name, "must be a list of strings");
                None
            }
        }
    }

    /// A required date, `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, name: &str) -> Option<Date> {
        let value = self.str(name)?;
        self.check(name, parse_date(&value))
    }

    /// A required instant, RFC 3339 with an offset (`2026-05-01T10:00:00+02:00`).
    pub(crate) fn timestamp(&mut self, name: &str) -> Option<Timestamp> {
        let value = self.str(name)?;
        self.check(name, parse_timestamp(&value))
    }

    /// A required choice among `(value, T)` pairs.
    pub(crate) fn choice<T: Copy>(&mut self, name: &str, options: &[(&str, T)]) -> Option<T> {
        let value = self.str(name)?;
        let found = options.iter().find(|(v, _)| *v == value).map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
            self.add(name, format!("must be one of: {}", names.join(", ")));
        }
        found
    }
}

pub(crate) fn parse_date(value: &str) -> Result<Date, String> {
    value
        .parse::<Date>()
        .map_err(|_| "must be a date as YYYY-MM-DD".to_owned())
}

pub(crate) fn parse_timestamp(value: &str) -> Result<Timestamp, String> {
    value.parse::<Timestamp>().map_err(|_| {
        "must be a moment in RFC 3339 with an offset, e.g. 2026-05-01T10:00:00+02:00".to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: &str) -> Input {
        Input::parse(&Bytes::from(json.to_owned())).unwrap()
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let mut i = input(r#"{"a": 1, "c": "  ", "d": "2026-13-01", "e": "x"}"#);
        assert_eq!(i.str("a"), None);
        assert_eq!(i.str("b"), None);
        assert_eq!(i.str("c"), None);
        assert_eq!(i.date("d"), None);
        assert_eq!(i.choice("e", &[("phone", 1), ("email", 2)]), None);
        let Err(ApiError::Validation { fields }) = i.finish(Some(())) else {
            panic!("a validation error");
        };
        assert_eq!(fields["a"], "must be a string");
        assert_eq!(fields["b"], "is required");
        assert_eq!(fields["c"], "must not be blank");
        assert_eq!(fields["d"], "must be a date as YYYY-MM-DD");
        assert_eq!(fields["e"], "must be one of: phone, email");
    }

    #[test]
    fn moments_need_an_offset_and_nested_errors_are_dotted() {
        let mut i = input(r#"{"at": "2026-05-01T10:00:00+02:00", "p": {"name": 3}}"#);
        assert_eq!(
            i.timestamp("at").unwrap().to_string(),
            "2026-05-01T08:00:00Z"
        );
        assert!(parse_timestamp("2026-05-01T10:00").is_err());
        let mut p = i.nested("p");
        p.str("name");
        i.absorb("p", p);
        let Err(ApiError::Validation { fields }) = i.finish(Some(())) else {
            panic!("a validation error");
        };
        assert_eq!(fields["p.name"], "must be a string");
        assert!(matches!(
            Input::parse(&Bytes::from_static(b"[1]")),
            Err(ApiError::Validation { .. })
        ));
    }
}
