//! What each kind of letter has to say, one struct per kind.
//!
//! The fields follow the published procedure: each struct holds exactly what its letter must
//! state (see `shared/procedure/PROCEDURE.md`), as values, so the templates decide the wording.

mod handling;
mod objection;

use serde::{Deserialize, Serialize};

use crate::kind::LetterKind;

pub use handling::{Answer, Channel, Closed, ExtendedTerm, Extension, ObjectionRoute, Receipt};
pub use objection::{
    Attendee, DecisionGround, FinalDecision, HearingInvitation, HearingOutcome, HearingRecord,
    ProposedMoment, ResponseChannels, Settlement, Verdict,
};

/// The kind-specific part of a letter. Its variant decides the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LetterBody {
    /// Ontvangstbevestiging.
    Receipt(Receipt),
    /// Schriftelijk antwoord (reactie).
    Answer(Answer),
    /// Uitnodiging mondelinge toelichting.
    HearingInvitation(HearingInvitation),
    /// Verslag mondelinge toelichting.
    HearingRecord(HearingRecord),
    /// Vastlegging schikking.
    Settlement(Settlement),
    /// Definitieve beslissing.
    FinalDecision(FinalDecision),
    /// Verlenging van een termijn.
    Extension(Extension),
    /// Afgehandeld na het uitblijven van bezwaar.
    Closed(Closed),
}

impl LetterBody {
    /// The kind of letter this body belongs to.
    #[must_use]
    pub fn kind(&self) -> LetterKind {
        match self {
            LetterBody::Receipt(_) => LetterKind::Receipt,
            LetterBody::Answer(_) => LetterKind::Answer,
            LetterBody::HearingInvitation(_) => LetterKind::HearingInvitation,
            LetterBody::HearingRecord(_) => LetterKind::HearingRecord,
            LetterBody::Settlement(_) => LetterKind::Settlement,
            LetterBody::FinalDecision(_) => LetterKind::FinalDecision,
            LetterBody::Extension(_) => LetterKind::Extension,
            LetterBody::Closed(_) => LetterKind::Closed,
        }
    }
}
