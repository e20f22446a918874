//! A posted office form as name/value pairs, the field errors found while parsing it, and the
//! parsers for the input kinds the forms use (dates and moments in Europe/Amsterdam, optional
//! texts). Shared by the complaint steps and the registration form.

use domain::complaint::Text;
use domain::time::amsterdam;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

use crate::lang::Lang;

/// The fields of a posted form, in order (a name may repeat: checkboxes).
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, or "".
    pub(crate) fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether `name` was posted with `value` (a checkbox or radio button).
    pub(crate) fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).contains(&value)
    }

    /// Sets `name` unless it was posted (a default shown in a fresh form).
    pub(crate) fn preset(&mut self, name: &str, value: impl Into<String>) {
        if !self.0.iter().any(|(k, _)| k == name) {
            self.0.push((name.to_owned(), value.into()));
        }
    }

    /// The pairs without the CSRF token and the button that was pressed.
    pub(crate) fn typed(self) -> Fields {
        Fields(
            self.0
                .into_iter()
                .filter(|(k, _)| k != "csrf" && k != "actie")
                .collect(),
        )
    }
}

/// A message beside one field, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    /// The `id` of the input it belongs to (the error summary links to it).
    pub field: &'static str,
    pub message: String,
}

/// The errors of one form; parsing collects them all before giving up.
#[derive(Debug, Default)]
pub(crate) struct Errors(pub Vec<FieldError>);

impl Errors {
    pub(crate) fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// `value` when there were no errors.
    pub(crate) fn or<T>(self, value: Option<T>) -> Result<T, Errors> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self),
        }
    }

    /// Runs `parse` and records its error under `field`.
    pub(crate) fn check<T>(&mut self, field: &'static str, parse: Result<T, String>) -> Option<T> {
        parse.map_err(|e| self.add(field, e)).ok()
    }
}

/// A date from `<input type="date">` (`2026-05-01`); `what` names it in `lang` ("de datum",
/// "the date").
pub(crate) fn date(value: &str, what: &str, lang: Lang) -> Result<Date, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(match lang {
            Lang::Nl => format!("Vul {what} in."),
            Lang::En => format!("Enter {what}."),
        });
    }
    v.parse::<Date>().map_err(|_| match lang {
        Lang::Nl => format!("Vul {what} in als een geldige datum (dag, maand, jaar)."),
        Lang::En => format!("Enter {what} as a valid date (day, month, year)."),
    })
}

/// A moment from `<input type="datetime-local">` (`2026-05-01T10:00`), Amsterdam time; `what`
/// names it in `lang`.
pub(crate) fn moment(value: &str, what: &str, lang: Lang) -> Result<Timestamp, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(match lang {
            Lang::Nl => format!("Vul {what} in (datum en tijd)."),
            Lang::En => format!("Enter {what} (date and time)."),
        });
    }
    v.parse::<DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned_datetime(amsterdam()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| match lang {
            Lang::Nl => format!("Vul {what} in als een geldige datum en tijd."),
            Lang::En => format!("Enter {what} as a valid date and time."),
        })
}

/// An optional free text: blank is none.
pub(crate) fn optional_text(value: &str, lang: Lang) -> Result<Option<Text>, String> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    Text::try_from(value)
        .map(Some)
        .map_err(|e| super::refusal::input_text(&e, lang))
}

/// The value for `<input type="datetime-local">`.
pub(crate) fn moment_value(at: Timestamp) -> String {
    at.to_zoned_datetime(amsterdam())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// "de naam is niet ingevuld" → "De naam is niet ingevuld."
pub(crate) fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    let mut out = first.unwrap_or_default() + chars.as_str();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_moment_is_read_in_amsterdam_time() {
        let at = moment("2026-05-01T10:00", "het moment", Lang::Nl).unwrap();
        assert_eq!(at.to_string(), "2026-05-01T08:00:00Z");
        assert_eq!(moment_value(at), "2026-05-01T10:00");
        assert!(moment("1 mei", "het moment", Lang::Nl).is_err());
        assert_eq!(
            moment(" ", "het moment", Lang::Nl).unwrap_err(),
            "Vul het moment in (datum en tijd)."
        );
        assert_eq!(
            moment(" ", "the moment", Lang::En).unwrap_err(),
            "Enter the moment (date and time)."
        );
    }

    #[test]
    fn dates_and_optional_texts_parse_at_the_edge() {
        assert_eq!(
            date("2026-04-13", "de datum", Lang::Nl).unwrap(),
            jiff::civil::date(2026, 4, 13)
        );
        assert!(date("13-04-2026", "de datum", Lang::Nl).is_err());
        assert_eq!(optional_text("  ", Lang::Nl).unwrap(), None);
        assert_eq!(
            optional_text("Belde terug", Lang::Nl)
                .unwrap()
                .unwrap()
                .as_ref(),
            "Belde terug"
        );
    }

    #[test]
    fn defaults_never_replace_what_was_posted() {
        let mut f = Fields(vec![("a".into(), "getypt".into())]);
        f.preset("a", "standaard");
        f.preset("b", "standaard");
        assert_eq!(f.get("a"), "getypt");
        assert_eq!(f.get("b"), "standaard");
    }
}
