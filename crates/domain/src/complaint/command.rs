//! What someone asks to happen to a complaint. A command is a wish; `decide` turns it into
//! events (facts) or a refusal.
//!
//! Identity and contact data arrive as validated types. Texts whose absence the procedure
//! itself forbids (the three parts of the answer, a reason, a referral) arrive as plain strings,
//! so that the refusal can name everything that is missing at once.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use super::alert::DeadlineAlert;
use super::person::{Channel, Complainant};
use super::types::{Category, PersonName, RegionCode, Text, UserId};
use crate::procedure::DeadlineKind;
use crate::reference::Reference;
use crate::terms::Term;

/// A new complaint (step 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// Allocated by the store in the same transaction.
    pub reference: Reference,
    pub channel: Channel,
    /// When it reached the organisation; may lie in the past (a letter registered later).
    pub received_at: Timestamp,
    pub complainant: Complainant,
    pub region: RegionCode,
    pub category: Category,
    /// What happened and when.
    pub description: Text,
    pub employee_concerned: Option<PersonName>,
    pub desired_outcome: Option<Text>,
    pub assignee: Option<UserId>,
}

/// How the first contact was made (step 2: "telefonisch of per e-mail").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Phone,
    Email,
}

/// The written answer (step 3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerDraft {
    /// The date printed on the letter.
    pub dagtekening: Option<Date>,
    pub complaint_as_understood: String,
    pub proposed_solution: String,
    pub further_procedure: String,
}

/// How an objection reached regional management (in writing, or by phone with a request to
/// confirm it in writing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionVia {
    Portal,
    Letter,
    Email,
    Phone,
}

/// The form of the oral explanation (step 5: "telefonisch of op het kantoor van Focus").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HearingForm {
    Phone,
    Office,
}

/// The outcome of the hearing (step 8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HearingOutcome {
    /// A satisfactory settlement, to be confirmed in writing by both parties.
    Settled {
        settlement: String,
    },
    NotSettled,
}

/// The written record of a hearing (steps 6 to 8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingRecordInput {
    pub held_on: Date,
    pub form: HearingForm,
    pub attendees: Vec<PersonName>,
    pub complainant_account: String,
    pub employee_account: Option<String>,
    pub proposal: Option<String>,
    pub complainant_reaction: String,
    pub outcome: HearingOutcome,
}

/// How the complainant confirmed the settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationVia {
    /// In the portal, by the complainant.
    Portal,
    /// A signed paper copy, uploaded by staff.
    PaperCopy,
}

/// Which party confirms the settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum SettlementParty {
    Organisation,
    Complainant { via: ConfirmationVia },
}

/// How a message about an existing complaint reached the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrespondenceChannel {
    Email,
    Portal,
    Letter,
    Phone,
}

/// A message about a complaint that is not itself a step of the procedure: a reply to the
/// receipt, a question, a document sent later. It joins the timeline in any status, open or
/// closed, and changes neither the status nor a deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correspondence {
    pub channel: CorrespondenceChannel,
    /// When it reached the organisation.
    pub received_at: Timestamp,
    /// False when it came from someone else than the complainant (or their representative),
    /// e.g. an e-mail quoting the reference from an unknown address.
    pub from_complainant: bool,
    /// The subject line, if any (blank counts as none).
    pub subject: Option<String>,
    pub text: Text,
    /// The sender's Message-ID (without angle brackets) for e-mail: a complaint records each
    /// message once, so processing a message again after a crash changes nothing.
    pub message_id: Option<String>,
    /// The names of the files that came with it (the files themselves are stored beside the
    /// complaint).
    pub attachments: Vec<String>,
}

/// The new end of an extended deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtendTo {
    /// A new term, counted from the deadline's original start (e.g. "4 weken").
    Term(Term),
    /// A new last day.
    Date(Date),
}

/// Everything that can be asked of a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Register(Registration),
    LogFirstContact {
        via: ContactMethod,
        contacted_at: Timestamp,
        note: Option<Text>,
    },
    IssueAnswer(AnswerDraft),
    RegisterObjection {
        received_at: Timestamp,
        via: ObjectionVia,
        text: String,
    },
    DecideLateObjection {
        take_up: bool,
        reason: String,
    },
    OfferHearing {
        forms: Vec<HearingForm>,
        proposed_moments: Vec<Timestamp>,
        employee_invited: bool,
    },
    ChooseHearing {
        form: HearingForm,
        moment: Timestamp,
        employee_present: bool,
    },
    DeclineHearing {
        reason: Option<Text>,
    },
    LapseHearingOffer,
    RecordHearing(HearingRecordInput),
    ConfirmSettlement(SettlementParty),
    IssueFinalDecision {
        dagtekening: Date,
        text: String,
    },
    CloseWithoutObjection,
    Withdraw {
        reason: Option<Text>,
    },
    ExtendDeadline {
        kind: DeadlineKind,
        to: ExtendTo,
        reason: String,
    },
    CloseAsNotAComplaint {
        reason: String,
        referral: String,
    },
    Reassign {
        to: UserId,
    },
    /// Links the staff account of the employee the complaint is about (`None`: unlinks). The
    /// linked user does not see the complaint until invited to the hearing, may not be made its
    /// handler and takes no step in it (see `Complaint::hidden_from`).
    LinkEmployeeAccount {
        user: Option<UserId>,
    },
    /// Not a step of the procedure (see [`Correspondence`]).
    RecordCorrespondence(Correspondence),
    /// Not a step either: the system reminds of an organisation's term that ends soon.
    RemindOfDeadline(DeadlineAlert),
    /// Not a step either: the system escalates an organisation's term that was missed.
    EscalateDeadline(DeadlineAlert),
}

impl Command {
    /// The Dutch name of the action, for refusals ("Bezwaar registreren kan nu niet: …").
    pub fn action_nl(&self) -> &'static str {
        match self {
            Command::Register(_) => "Klacht registreren",
            Command::LogFirstContact { .. } => "Contact vastleggen",
            Command::IssueAnswer(_) => "Reactie versturen",
            Command::RegisterObjection { .. } => "Bezwaar registreren",
            Command::DecideLateObjection { .. } => "Besluiten over een te laat bezwaar",
            Command::OfferHearing { .. } => "Mondelinge toelichting aanbieden",
            Command::ChooseHearing { .. } => "Gesprek plannen",
            Command::DeclineHearing { .. } => "Afzien van mondelinge toelichting",
            Command::LapseHearingOffer => "Uitnodiging laten verlopen",
            Command::RecordHearing(_) => "Gesprek vastleggen",
            Command::ConfirmSettlement(_) => "Afhandeling bevestigen",
            Command::IssueFinalDecision { .. } => "Definitieve beslissing nemen",
            Command::CloseWithoutObjection => "Afsluiten zonder bezwaar",
            Command::Withdraw { .. } => "Klacht intrekken",
            Command::ExtendDeadline { .. } => "Termijn verlengen",
            Command::CloseAsNotAComplaint { .. } => "Afsluiten als geen klacht",
            Command::Reassign { .. } => "Klacht toewijzen",
            Command::LinkEmployeeAccount { .. } => "Medewerker koppelen",
            Command::RecordCorrespondence(_) => "Bericht vastleggen",
            Command::RemindOfDeadline(_) => "Herinneren aan een termijn",
            Command::EscalateDeadline(_) => "Een gemiste termijn melden",
        }
    }
}
