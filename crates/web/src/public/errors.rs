//! The public form's error messages: one per wrong field, specific, in the page's language,
//! keyed by the field's id (for `aria-describedby` and the error summary's links).

use domain::complaint::InvalidInput;

use crate::lang::Lang;

/// One message for the person: which field (its id, for the summary link) and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// The form's errors in page order (the error summary lists them in this order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub(crate) fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// The parsed value, or None after recording the field's message.
    pub(crate) fn take<T>(
        &mut self,
        lang: Lang,
        field: &'static str,
        r: Result<T, InvalidInput>,
    ) -> Option<T> {
        r.map_err(|e| self.add(field, message(lang, field, &e)))
            .ok()
    }

    /// The (first) message for `field`.
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Every message for `field` (several files can each be refused).
    pub(crate) fn all(&self, field: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect()
    }

    pub(crate) fn extend(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }

    pub(crate) fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// Puts the errors in the order the fields appear on the page.
    pub(crate) fn sort_by_page_order(&mut self) {
        self.0
            .sort_by_key(|e| FIELD_ORDER.iter().position(|f| *f == e.field));
    }
}

/// The ids of the page's fields, top to bottom.
const FIELD_ORDER: [&str; 12] = [
    "naam",
    "email",
    "telefoon",
    "adres",
    "regio",
    "categorie",
    "wat",
    "medewerker",
    "uitkomst",
    "bijlagen",
    "toestemming",
    "verstuur",
];

/// The message for a refused value of `field`, specific to the field and the reason.
pub(crate) fn message(lang: Lang, field: &str, e: &InvalidInput) -> String {
    let too_long = |nl: &str, en: &str, max: usize| match lang {
        Lang::Nl => format!("{nl} mag hoogstens {max} tekens lang zijn"),
        Lang::En => format!("{en} must be {max} characters or fewer"),
    };
    let text = match (field, e) {
        (_, InvalidInput::TooLong { max, .. }) => {
            return match field {
                "naam" => too_long("Uw naam", "Your name", *max),
                "adres" => too_long("Het adres", "The address", *max),
                "medewerker" => too_long("De naam van de medewerker", "The employee's name", *max),
                "uitkomst" => too_long("Wat u wilt bereiken", "The outcome you want", *max),
                _ => too_long("Uw beschrijving", "Your description", *max),
            };
        }
        ("naam", _) => lang.t("Vul uw naam in", "Enter your name"),
        ("email", InvalidInput::NoContactRoute) => lang.t(
            "Vul een e-mailadres of een telefoonnummer in, zodat we contact met u kunnen opnemen",
            "Enter an e-mail address or a phone number, so that we can contact you",
        ),
        ("email", _) => lang.t(
            "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl",
            "Enter a valid e-mail address, like name@example.com",
        ),
        ("telefoon", _) => lang.t(
            "Vul een geldig telefoonnummer in, zoals 06 12345678 of +31 20 123 4567",
            "Enter a valid phone number, like 06 12345678 or +31 20 123 4567",
        ),
        ("adres", _) => lang.t(
            "Het adres bevat tekens die niet kunnen; typ het opnieuw",
            "The address contains characters that are not allowed; type it again",
        ),
        ("wat", _) => lang.t(
            "Beschrijf wat er is gebeurd en wanneer",
            "Describe what happened and when",
        ),
        ("medewerker", _) => lang.t(
            "Vul de naam van de medewerker op één regel in, of laat het veld leeg",
            "Enter the employee's name on one line, or leave the field empty",
        ),
        ("uitkomst", _) => lang.t(
            "Beschrijf wat u als uitkomst van uw klacht wilt",
            "Describe the outcome you want from your complaint",
        ),
        _ => lang.t("Controleer dit veld", "Check this field"),
    };
    text.to_owned()
}
