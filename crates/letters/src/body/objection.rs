//! Letters of the objection: invitation to explain orally, the record of that hearing, the
//! settlement both parties sign, and the final decision.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::model::{Addressee, HearingForm, Term};

/// Uitnodiging mondelinge toelichting (step 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingInvitation {
    /// The day the objection was received.
    pub objection_received_on: Date,
    /// The forms offered: by phone, at the office, or both.
    pub forms: Vec<HearingForm>,
    /// The office where an office meeting takes place.
    #[serde(default)]
    pub office: Option<Addressee>,
    /// The moments proposed to the complainant.
    pub moments: Vec<ProposedMoment>,
    /// Whether the employee the complaint concerns is invited (hoor en wederhoor).
    pub employee_invited: bool,
    /// The employee's name, if it may be given.
    #[serde(default)]
    pub employee_name: Option<String>,
    /// The last day to respond to the invitation.
    pub respond_by: Date,
    /// How to respond.
    pub respond_via: ResponseChannels,
    /// The term of the final decision if the invitation is not used.
    pub decision_term: Term,
}

/// A proposed moment for the hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedMoment {
    /// The day.
    pub date: Date,
    /// Start time.
    pub start: Time,
    /// End time, if given.
    #[serde(default)]
    pub end: Option<Time>,
}

/// The ways a complainant can respond. At least one should be set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseChannels {
    /// A phone number to call.
    #[serde(default)]
    pub phone: Option<String>,
    /// An e-mail address to write to.
    #[serde(default)]
    pub email: Option<String>,
    /// The complainant's personal page.
    #[serde(default)]
    pub portal_url: Option<String>,
}

/// Verslag mondelinge toelichting (step 7): that the hearing took place, in what form, who
/// attended, what was said, proposed and answered, and whether it settled the complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecord {
    /// The day of the hearing.
    pub held_on: Date,
    /// When it started, if recorded.
    #[serde(default)]
    pub start: Option<Time>,
    /// Phone or office.
    pub form: HearingForm,
    /// Everyone who took part, the complainant included.
    pub attendees: Vec<Attendee>,
    /// The complainant's account.
    pub complainant_account: String,
    /// The account of the employee concerned, if they attended.
    #[serde(default)]
    pub employee_account: Option<String>,
    /// The organisation's proposal to remedy the complaint, if one was made.
    #[serde(default)]
    pub proposal: Option<String>,
    /// The complainant's reaction to the proposal.
    #[serde(default)]
    pub reaction: Option<String>,
    /// Whether the hearing settled the complaint.
    pub outcome: HearingOutcome,
}

/// A person present at the hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// Name.
    pub name: String,
    /// Role in the hearing ("klager", "klachtbehandelaar", "medewerker").
    pub role: String,
}

/// How a hearing ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum HearingOutcome {
    /// Settled to the complainant's satisfaction; a settlement is recorded separately.
    Settled,
    /// Not settled: a final decision follows by the given day.
    NotSettled {
        /// The last day of the final decision.
        decision_by: Date,
    },
}

/// Vastlegging schikking (step 8): the settlement, recorded in writing by both parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    /// The day of the hearing at which it was reached.
    pub held_on: Date,
    /// Phone or office.
    pub form: HearingForm,
    /// What was agreed.
    pub terms: String,
    /// The complainant's name for the confirmation line.
    pub complainant_name: String,
}

/// Definitieve beslissing (step 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalDecision {
    /// The day the objection was received.
    pub objection_received_on: Date,
    /// Why the decision comes now.
    pub ground: DecisionGround,
    /// The complaint in short.
    pub complaint: String,
    /// The considerations.
    pub considerations: String,
    /// The decision itself.
    pub decision: String,
    /// The verdict on the complaint, if the organisation gives one.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// Where the complainant can go next (an ombudsman or disputes committee), if anywhere.
    #[serde(default)]
    pub recourse: Option<String>,
}

/// Why the final decision is taken now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ground", rename_all = "snake_case")]
pub enum DecisionGround {
    /// The complainant declined the oral explanation.
    HearingDeclined,
    /// The offer of an oral explanation lapsed unused.
    HearingLapsed,
    /// A hearing took place without settling the complaint.
    HearingHeld {
        /// The day of the hearing.
        held_on: Date,
    },
}

/// The verdict on a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Gegrond.
    Founded,
    /// Gedeeltelijk gegrond.
    PartlyFounded,
    /// Ongegrond.
    Unfounded,
}
