//! The kinds of letter the procedure sends, and their built-in templates.
//!
//! The templates are embedded in the binary, so a fresh install renders letters without any
//! files; an administrator may override each one (see [`crate::Letters::with_override`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A kind of letter. Each has one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// Ontvangstbevestiging: the complaint is registered, with what happens next.
    Receipt,
    /// Schriftelijk antwoord: complaint, solution, and how to object.
    Answer,
    /// Uitnodiging mondelinge toelichting.
    HearingInvitation,
    /// Verslag mondelinge toelichting.
    HearingRecord,
    /// Vastlegging schikking.
    Settlement,
    /// Definitieve beslissing.
    FinalDecision,
    /// Verlenging van een termijn.
    Extension,
    /// Afgehandeld: no objection came.
    Closed,
}

impl LetterKind {
    /// Every kind, in the order of the procedure.
    pub const ALL: [LetterKind; 8] = [
        LetterKind::Receipt,
        LetterKind::Answer,
        LetterKind::Extension,
        LetterKind::HearingInvitation,
        LetterKind::HearingRecord,
        LetterKind::Settlement,
        LetterKind::FinalDecision,
        LetterKind::Closed,
    ];

    /// The stable name used in data, URLs and the template's `d.kind`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Receipt => "receipt",
            LetterKind::Answer => "answer",
            LetterKind::HearingInvitation => "hearing_invitation",
            LetterKind::HearingRecord => "hearing_record",
            LetterKind::Settlement => "settlement",
            LetterKind::FinalDecision => "final_decision",
            LetterKind::Extension => "extension",
            LetterKind::Closed => "closed",
        }
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The name given is not a kind of letter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind of letter: {0:?}")]
pub struct UnknownLetterKind(pub String);

impl FromStr for LetterKind {
    type Err = UnknownLetterKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LetterKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownLetterKind(s.to_owned()))
    }
}

/// The shared layout every template imports as `/base.typ`: letterhead, recipient block,
/// dagtekening, reference, subject, page numbers, closing and signature.
pub const BASE_SOURCE: &str = include_str!("../templates/base.typ");

/// The built-in (Dutch) template of a kind.
#[must_use]
pub fn builtin_source(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Receipt => include_str!("../templates/ontvangstbevestiging.typ"),
        LetterKind::Answer => include_str!("../templates/antwoord.typ"),
        LetterKind::HearingInvitation => include_str!("../templates/uitnodiging.typ"),
        LetterKind::HearingRecord => include_str!("../templates/verslag.typ"),
        LetterKind::Settlement => include_str!("../templates/schikking.typ"),
        LetterKind::FinalDecision => include_str!("../templates/beslissing.typ"),
        LetterKind::Extension => include_str!("../templates/verlenging.typ"),
        LetterKind::Closed => include_str!("../templates/afgehandeld.typ"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in LetterKind::ALL {
            assert_eq!(kind.as_str().parse::<LetterKind>(), Ok(kind));
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, serde_json::json!(kind.as_str()));
        }
        assert!("brief".parse::<LetterKind>().is_err());
    }
}
