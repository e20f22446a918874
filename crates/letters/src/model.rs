//! What every letter carries, whatever its kind: sender, recipient, dagtekening, reference,
//! signatory.
//!
//! These are plain values (dates as civil dates, terms as counts and units, choices as enums),
//! never pre-written Dutch phrases: the wording lives in the templates and in [`crate::lang`], so
//! another language is a new template set and a new formatter, not a change of these types. The
//! types serialise (ISO dates), so a letter can wait in a job row and be rendered later.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::body::LetterBody;
use crate::kind::LetterKind;

/// One letter, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// The language the letter is written in.
    #[serde(default)]
    pub language: Language,
    /// The organisation that sends the letter (the letterhead).
    pub sender: Organisation,
    /// Whom the letter is addressed to.
    pub recipient: Recipient,
    /// The place in the dagtekening ("Utrecht" in "Utrecht, 24 november 2026").
    pub place: String,
    /// The dagtekening: the date the letter bears, from which terms such as the 15 days to
    /// object are counted.
    pub date: Date,
    /// The complaint's reference ("K-2026-000123"), printed as "Ons kenmerk".
    pub reference: String,
    /// A subject line replacing the template's default one.
    #[serde(default)]
    pub subject: Option<String>,
    /// Who signs the letter.
    pub signatory: Signatory,
    /// What this kind of letter has to say.
    pub body: LetterBody,
}

impl Letter {
    /// The kind of letter, which picks the template.
    #[must_use]
    pub fn kind(&self) -> LetterKind {
        self.body.kind()
    }
}

/// The language of a letter. Only Dutch exists today; the letters go to Dutch complainants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch.
    #[default]
    Nl,
}

impl Language {
    /// The ISO 639-1 code, as Typst's `text(lang: ..)` wants it (it drives hyphenation).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
        }
    }
}

/// The sending organisation: configurable data, never a literal in a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// The organisation's name as it heads the letter.
    pub name: String,
    /// Its postal address.
    pub address: Address,
    /// Its telephone number, as it should be printed ("088 007 1400").
    pub phone: String,
    /// Its e-mail address for complaints.
    pub email: String,
    /// Its website, if it should be printed.
    #[serde(default)]
    pub website: Option<String>,
}

/// A Dutch postal address. `street` may also hold a "Postbus" line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number, or "Postbus 123".
    pub street: String,
    /// Postcode ("3511 AB").
    pub postcode: String,
    /// Town or city.
    pub city: String,
}

/// A named party at an address, such as the management of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addressee {
    /// Name of the body or person ("Directie regio Midden").
    pub name: String,
    /// Where to write to.
    pub address: Address,
    /// An e-mail address that also reaches them, if any.
    #[serde(default)]
    pub email: Option<String>,
}

/// The person the letter is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// Name as written on the envelope ("mevrouw J. de Vries").
    pub name: String,
    /// Postal address; a complainant who only gave an e-mail address has none.
    #[serde(default)]
    pub address: Option<Address>,
    /// E-mail address, printed when there is no postal address.
    #[serde(default)]
    pub email: Option<String>,
    /// The salutation without its comma ("Geachte mevrouw De Vries"); the language's neutral
    /// salutation when absent.
    #[serde(default)]
    pub salutation: Option<String>,
}

/// Who signs: a name and a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    /// Full name.
    pub name: String,
    /// Role ("klachtbehandelaar", "directeur regio Midden").
    pub role: String,
}

/// A term of the procedure as the letter states it ("15 dagen", "2 weken", "2 werkdagen").
/// The count and unit come from the procedure definition, so a letter never hard-codes a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// How many units.
    pub count: u32,
    /// Which unit.
    pub unit: TermUnit,
}

/// The unit of a [`Term`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermUnit {
    /// Calendar days.
    Days,
    /// Weeks.
    Weeks,
    /// Working days.
    WorkingDays,
}

impl Term {
    /// `count` calendar days.
    #[must_use]
    pub fn days(count: u32) -> Self {
        Term {
            count,
            unit: TermUnit::Days,
        }
    }

    /// `count` weeks.
    #[must_use]
    pub fn weeks(count: u32) -> Self {
        Term {
            count,
            unit: TermUnit::Weeks,
        }
    }

    /// `count` working days.
    #[must_use]
    pub fn working_days(count: u32) -> Self {
        Term {
            count,
            unit: TermUnit::WorkingDays,
        }
    }
}

/// How an oral explanation (mondelinge toelichting) takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HearingForm {
    /// By telephone.
    Phone,
    /// At the organisation's office.
    Office,
}
