//! The vocabulary a procedure definition is written in: parties, steps, deadline kinds and the
//! moments that start a term.
//!
//! These sets are closed on purpose. The decisions in `complaint` know which step a command is
//! and which deadline a step closes; what an organisation configures is the *data* around them
//! (names, who acts, every term, what starts it, the interpretation switches). An unknown name
//! in a definition is therefore an error at load time, never a silently ignored line.

use serde::{Deserialize, Serialize};

use crate::complaint::Channel;
use crate::terms::Term;

/// Who acts in a step of the procedure, or who must act before a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// De klager (or their representative).
    Complainant,
    /// De klachtbehandelaar.
    Handler,
    /// De directie van de regio.
    RegionalManagement,
    /// De beheerder (organisation data, users, assignment).
    Administrator,
    /// Wederhoor itself: the deadline worker.
    System,
}

impl Party {
    pub const ALL: [Party; 5] = [
        Party::Complainant,
        Party::Handler,
        Party::RegionalManagement,
        Party::Administrator,
        Party::System,
    ];

    /// The stable name used in procedure files and events.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Complainant => "complainant",
            Party::Handler => "handler",
            Party::RegionalManagement => "regional_management",
            Party::Administrator => "administrator",
            Party::System => "system",
        }
    }

    /// Dutch, for people: "de klager", "de directie van de regio".
    pub fn label_nl(self) -> &'static str {
        match self {
            Party::Complainant => "de klager",
            Party::Handler => "de klachtbehandelaar",
            Party::RegionalManagement => "de directie van de regio",
            Party::Administrator => "de beheerder",
            Party::System => "het systeem",
        }
    }

    pub fn parse(s: &str) -> Option<Party> {
        Party::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Every step a complaint can take. Each command belongs to exactly one step, and the
/// definition says who may perform it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    Register,
    FirstContact,
    Answer,
    Objection,
    LateObjectionDecision,
    HearingOffer,
    HearingResponse,
    HearingLapse,
    HearingRecord,
    SettlementConfirmation,
    FinalDecision,
    CloseWithoutObjection,
    Withdrawal,
    Extension,
    NotAComplaint,
    Reassignment,
}

impl StepId {
    pub const ALL: [StepId; 16] = [
        StepId::Register,
        StepId::FirstContact,
        StepId::Answer,
        StepId::Objection,
        StepId::LateObjectionDecision,
        StepId::HearingOffer,
        StepId::HearingResponse,
        StepId::HearingLapse,
        StepId::HearingRecord,
        StepId::SettlementConfirmation,
        StepId::FinalDecision,
        StepId::CloseWithoutObjection,
        StepId::Withdrawal,
        StepId::Extension,
        StepId::NotAComplaint,
        StepId::Reassignment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepId::Register => "register",
            StepId::FirstContact => "first_contact",
            StepId::Answer => "answer",
            StepId::Objection => "objection",
            StepId::LateObjectionDecision => "late_objection_decision",
            StepId::HearingOffer => "hearing_offer",
            StepId::HearingResponse => "hearing_response",
            StepId::HearingLapse => "hearing_lapse",
            StepId::HearingRecord => "hearing_record",
            StepId::SettlementConfirmation => "settlement_confirmation",
            StepId::FinalDecision => "final_decision",
            StepId::CloseWithoutObjection => "close_without_objection",
            StepId::Withdrawal => "withdrawal",
            StepId::Extension => "extension",
            StepId::NotAComplaint => "not_a_complaint",
            StepId::Reassignment => "reassignment",
        }
    }

    pub fn parse(s: &str) -> Option<StepId> {
        StepId::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The deadlines the procedure promises (or gives the complainant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Step 2: contact with the complainant.
    Contact,
    /// Step 3: the written answer.
    Answer,
    /// Step 4: the complainant's window to object.
    Objection,
    /// Step 5: the offer of an oral explanation.
    HearingOffer,
    /// The complainant's window to answer that offer (the text is silent; configurable).
    HearingResponse,
    /// Step 9: the final decision.
    FinalDecision,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 6] = [
        DeadlineKind::Contact,
        DeadlineKind::Answer,
        DeadlineKind::Objection,
        DeadlineKind::HearingOffer,
        DeadlineKind::HearingResponse,
        DeadlineKind::FinalDecision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Contact => "contact",
            DeadlineKind::Answer => "answer",
            DeadlineKind::Objection => "objection",
            DeadlineKind::HearingOffer => "hearing_offer",
            DeadlineKind::HearingResponse => "hearing_response",
            DeadlineKind::FinalDecision => "final_decision",
        }
    }

    /// Dutch, for people.
    pub fn label_nl(self) -> &'static str {
        match self {
            DeadlineKind::Contact => "contact opnemen met de klager",
            DeadlineKind::Answer => "schriftelijke reactie op de klacht",
            DeadlineKind::Objection => "bezwaar maken",
            DeadlineKind::HearingOffer => "uitnodiging voor een mondelinge toelichting",
            DeadlineKind::HearingResponse => "reactie op de uitnodiging",
            DeadlineKind::FinalDecision => "definitieve beslissing",
        }
    }

    pub fn parse(s: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// A moment that can start a term ("which event starts it").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// The date the complaint was received (on any channel).
    Received,
    /// The dagtekening of the written answer.
    AnswerDated,
    /// The date the objection was received.
    ObjectionReceived,
    /// The date regional management decided to take up a late objection.
    LateObjectionTakenUp,
    /// The date the hearing was offered.
    HearingOffered,
    /// The date the complainant declined the hearing.
    HearingDeclined,
    /// The last day of the response window of an offer that lapsed unanswered.
    HearingOfferLapsed,
    /// The date of a hearing that ended without settlement.
    HearingHeldUnsettled,
}

impl Moment {
    pub const ALL: [Moment; 8] = [
        Moment::Received,
        Moment::AnswerDated,
        Moment::ObjectionReceived,
        Moment::LateObjectionTakenUp,
        Moment::HearingOffered,
        Moment::HearingDeclined,
        Moment::HearingOfferLapsed,
        Moment::HearingHeldUnsettled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Moment::Received => "received",
            Moment::AnswerDated => "answer_dated",
            Moment::ObjectionReceived => "objection_received",
            Moment::LateObjectionTakenUp => "late_objection_taken_up",
            Moment::HearingOffered => "hearing_offered",
            Moment::HearingDeclined => "hearing_declined",
            Moment::HearingOfferLapsed => "hearing_offer_lapsed",
            Moment::HearingHeldUnsettled => "hearing_held_unsettled",
        }
    }

    /// The starting event in Dutch, as shown in a deadline's explanation.
    pub fn label_nl(self) -> &'static str {
        match self {
            Moment::Received => "ontvangst van de klacht",
            Moment::AnswerDated => "dagtekening van de reactie",
            Moment::ObjectionReceived => "ontvangst van het bezwaar",
            Moment::LateObjectionTakenUp => "besluit om het te late bezwaar te behandelen",
            Moment::HearingOffered => "uitnodiging voor de mondelinge toelichting",
            Moment::HearingDeclined => "afzien van de mondelinge toelichting",
            Moment::HearingOfferLapsed => "verlopen van de uitnodiging zonder reactie",
            Moment::HearingHeldUnsettled => "gesprek zonder bevredigende afhandeling",
        }
    }

    pub fn parse(s: &str) -> Option<Moment> {
        Moment::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// One step of the procedure as the organisation names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDef {
    pub id: StepId,
    /// Dutch name, e.g. "Schriftelijke reactie".
    pub name: String,
    /// Who may perform it (staff may record a complainant's step on their behalf).
    pub who: Vec<Party>,
}

/// One term of the procedure: how long, from which moment(s), and who must act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermDef {
    pub kind: DeadlineKind,
    pub term: Term,
    /// The moments that start it, in order of preference when one step offers several.
    pub starts: Vec<Moment>,
    pub who: Party,
}

/// What happens to an objection that arrives after the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateObjection {
    /// Flagged late; regional management decides to take it up or not, with a reason.
    Decide,
    /// Flagged late, and always taken up.
    TakeUp,
}

/// The product's reading of every place where the procedure text is silent (PROCEDURE.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpretations {
    /// An unsettled hearing is followed by a final decision (else the complaint closes after it).
    pub final_decision_after_unsettled_hearing: bool,
    pub late_objection: LateObjection,
    /// The system closes the complaint as "afgehandeld" once the objection window passed.
    pub close_without_objection: bool,
    /// ...and the complainant is told by letter.
    pub notify_close_without_objection: bool,
    /// Withdrawal at any moment before closure (else only before the answer).
    pub withdrawal_any_moment: bool,
    /// A complaint that is not one under this procedure can be closed with a reason.
    pub not_a_complaint_closure: bool,
    /// ...and must name where the complainant should turn instead.
    pub not_a_complaint_requires_referral: bool,
    /// Extending a term needs a recorded reason.
    pub extension_requires_reason: bool,
    /// Extending a term makes a message to the complainant due.
    pub extension_notifies_complainant: bool,
    /// The channels on which the contact term (step 2) runs.
    pub contact_term_channels: Vec<Channel>,
}
