//! The public form's input: the values as typed ([`ComplaintForm`], kept for re-rendering) and
//! their parsing into domain types, once, at the edge (STYLE habit 3). Every wrong field gets
//! its own message, in the page's language, keyed by the field's id.

use app::Intake;
use domain::complaint::{
    Category, Channel, Complainant, ContactDetails, EmailAddress, PersonName, PhoneNumber,
    PostalAddress, RegionCode, Text,
};
use jiff::Timestamp;

use super::errors::FieldErrors;
use crate::lang::Lang;

/// The form's text fields exactly as submitted (names are the HTML `name`s and `id`s).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ComplaintForm {
    pub naam: String,
    pub email: String,
    pub telefoon: String,
    pub adres: String,
    pub regio: String,
    pub categorie: String,
    pub wat: String,
    pub medewerker: String,
    pub uitkomst: String,
    pub toestemming: bool,
    /// The honeypot: people never see it; anything in it marks a robot.
    pub website: String,
    /// The signed form token (see `spam`).
    pub token: String,
}

impl ComplaintForm {
    /// Takes one text part of the multipart body; unknown names are ignored.
    pub(crate) fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "naam" => &mut self.naam,
            "email" => &mut self.email,
            "telefoon" => &mut self.telefoon,
            "adres" => &mut self.adres,
            "regio" => &mut self.regio,
            "categorie" => &mut self.categorie,
            "wat" => &mut self.wat,
            "medewerker" => &mut self.medewerker,
            "uitkomst" => &mut self.uitkomst,
            "website" => &mut self.website,
            "token" => &mut self.token,
            "toestemming" => {
                self.toestemming = value == "ja";
                return;
            }
            _ => return,
        };
        *slot = value;
    }
}

/// The organisation's current choices, as the form offers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub code: String,
    pub label: String,
}

/// The form's values as domain types: everything an [`Intake`] needs but the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidForm {
    complainant: Complainant,
    region: RegionCode,
    category: Category,
    description: Text,
    employee_concerned: Option<PersonName>,
    desired_outcome: Text,
}

impl ValidForm {
    /// The complaint as it reached the organisation at `received_at`, on the web channel.
    pub(crate) fn into_intake(self, received_at: Timestamp) -> Intake {
        Intake {
            channel: Channel::Web,
            received_at,
            complainant: self.complainant,
            region: self.region,
            category: self.category,
            description: self.description,
            employee_concerned: self.employee_concerned,
            desired_outcome: Some(self.desired_outcome),
            assignee: None,
        }
    }
}

/// The text of `s`, or None when it is blank.
fn filled(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

impl ComplaintForm {
    /// Parses every field; all errors at once, so the person fixes them in one go.
    pub(crate) fn parse(
        &self,
        lang: Lang,
        regions: &[Choice],
        categories: &[Choice],
    ) -> Result<ValidForm, FieldErrors> {
        let mut errors = FieldErrors::default();
        let e = &mut errors;
        let name = e.take(lang, "naam", PersonName::try_from(self.naam.as_str()));
        let email =
            filled(&self.email).and_then(|s| e.take(lang, "email", EmailAddress::try_from(s)));
        let phone =
            filled(&self.telefoon).and_then(|s| e.take(lang, "telefoon", PhoneNumber::try_from(s)));
        let address =
            filled(&self.adres).and_then(|s| e.take(lang, "adres", PostalAddress::try_from(s)));
        let description = e.take(lang, "wat", Text::try_from(self.wat.as_str()));
        let employee = filled(&self.medewerker)
            .and_then(|s| e.take(lang, "medewerker", PersonName::try_from(s)));
        let outcome = e.take(lang, "uitkomst", Text::try_from(self.uitkomst.as_str()));
        let nothing_typed = filled(&self.email).is_none() && filled(&self.telefoon).is_none();
        let contact = if nothing_typed {
            e.take(lang, "email", ContactDetails::new(None, None))
        } else {
            ContactDetails::new(email, phone).ok()
        };
        let region = regions
            .iter()
            .find(|r| r.code == self.regio)
            .and_then(|r| RegionCode::try_from(r.code.as_str()).ok());
        if region.is_none() {
            errors.add(
                "regio",
                lang.t(
                    "Kies de regio waar uw klacht over gaat",
                    "Choose the region your complaint is about",
                ),
            );
        }
        let category = categories
            .iter()
            .find(|c| c.code == self.categorie)
            .and_then(|c| Category::try_from(c.code.as_str()).ok());
        if category.is_none() {
            errors.add(
                "categorie",
                lang.t(
                    "Kies waar uw klacht over gaat",
                    "Choose what your complaint is about",
                ),
            );
        }
        if !self.toestemming {
            errors.add(
                "toestemming",
                lang.t(
                    "Geef aan dat u akkoord gaat met de privacyverklaring; zonder die toestemming kunnen we uw klacht niet behandelen",
                    "Confirm that you agree to the privacy statement; without it we cannot handle your complaint",
                ),
            );
        }
        match (name, contact, region, category, description, outcome) {
            (
                Some(name),
                Some(contact),
                Some(region),
                Some(category),
                Some(description),
                Some(outcome),
            ) if errors.is_empty() => Ok(ValidForm {
                complainant: Complainant {
                    name,
                    contact,
                    address,
                    representative: None,
                },
                region,
                category,
                description,
                employee_concerned: employee,
                desired_outcome: outcome,
            }),
            _ => {
                errors.sort_by_page_order();
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(codes: &[&str]) -> Vec<Choice> {
        codes
            .iter()
            .map(|c| Choice {
                code: (*c).into(),
                label: c.to_uppercase(),
            })
            .collect()
    }

    fn valid() -> ComplaintForm {
        ComplaintForm {
            naam: " Anna de Vries ".into(),
            email: "anna@example.nl".into(),
            regio: "noord".into(),
            categorie: "bejegening".into(),
            wat: "De medewerker was onbeleefd, op 28 april.".into(),
            uitkomst: "Excuses".into(),
            toestemming: true,
            ..ComplaintForm::default()
        }
    }

    fn parse(form: &ComplaintForm, lang: Lang) -> Result<ValidForm, FieldErrors> {
        form.parse(
            lang,
            &choices(&["noord", "zuid"]),
            &choices(&["bejegening"]),
        )
    }

    #[test]
    fn a_complete_form_becomes_an_intake_on_the_web_channel() {
        let at: Timestamp = "2026-05-01T08:00:00Z".parse().unwrap();
        let intake = parse(&valid(), Lang::Nl).unwrap().into_intake(at);
        assert_eq!(intake.channel, Channel::Web);
        assert_eq!(intake.complainant.name.as_ref(), "Anna de Vries");
        assert_eq!(intake.complainant.contact.phone(), None);
        assert_eq!(intake.region.as_ref(), "noord");
        assert_eq!(intake.desired_outcome.unwrap().as_ref(), "Excuses");
        assert_eq!(intake.employee_concerned, None);
    }

    #[test]
    fn every_wrong_field_gets_its_own_message_in_page_order() {
        let form = ComplaintForm {
            naam: "  ".into(),
            telefoon: "123".into(),
            regio: "west".into(),
            ..ComplaintForm::default()
        };
        let errors = parse(&form, Lang::Nl).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "naam",
                "telefoon",
                "regio",
                "categorie",
                "wat",
                "uitkomst",
                "toestemming"
            ]
        );
        assert_eq!(errors.get("naam"), Some("Vul uw naam in"));
        assert!(
            errors
                .get("telefoon")
                .unwrap()
                .contains("geldig telefoonnummer")
        );
    }

    #[test]
    fn neither_email_nor_phone_is_one_message_in_the_pages_language() {
        let form = ComplaintForm {
            email: " ".into(),
            ..valid()
        };
        let errors = parse(&form, Lang::En).unwrap_err();
        assert_eq!(
            errors.get("email"),
            Some("Enter an e-mail address or a phone number, so that we can contact you")
        );
        assert_eq!(errors.iter().count(), 1);
    }

    #[test]
    fn too_long_values_say_the_limit() {
        let form = ComplaintForm {
            naam: "x".repeat(201),
            ..valid()
        };
        let errors = parse(&form, Lang::Nl).unwrap_err();
        assert_eq!(
            errors.get("naam"),
            Some("Uw naam mag hoogstens 200 tekens lang zijn")
        );
    }
}
