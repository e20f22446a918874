//! Letters of the first line: receipt, the written answer, an extension of a term, and the
//! closure when no objection came.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Addressee, Term};

/// Ontvangstbevestiging: the complaint is registered; what happens next, with dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The day the complaint reached the organisation.
    pub received_on: Date,
    /// How it reached the organisation.
    pub channel: Channel,
    /// The complaint as registered, in the complainant's words or a summary of them.
    pub summary: String,
    /// The last day of first contact by phone or e-mail; none when that contact already happened.
    #[serde(default)]
    pub contact_by: Option<Date>,
    /// The last day of the written answer.
    pub answer_by: Date,
    /// The complainant's personal page, if the letter should point to it.
    #[serde(default)]
    pub portal_url: Option<String>,
}

/// How a complaint reached the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The digital complaint form.
    Form,
    /// E-mail.
    Email,
    /// Telephone, registered by staff.
    Phone,
    /// A letter on paper.
    Post,
}

/// The written answer (step 3): (a) the complaint, (b) the proposed solution or measures, (c) the
/// further procedure if the complainant disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The day the complaint was received.
    pub received_on: Date,
    /// (a) The complaint as the organisation understood it.
    pub complaint: String,
    /// (b) The proposed solution or the measures to be taken.
    pub solution: String,
    /// (c) How to object.
    pub objection: ObjectionRoute,
}

/// The further procedure as the answer states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionRoute {
    /// The term to object, counted from the dagtekening ("15 dagen").
    pub term: Term,
    /// The computed last day to object.
    pub last_day: Date,
    /// The management of the region the complaint concerns, who receives the objection.
    pub management: Addressee,
    /// The term within which the complainant is offered an oral explanation ("een week").
    pub hearing_term: Term,
    /// The term of the final decision when the oral explanation is not used ("2 weken").
    pub decision_term: Term,
}

/// A term was extended: which one, from when to when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Which term.
    pub term: ExtendedTerm,
    /// The last day before the extension.
    pub old_due: Date,
    /// The new last day.
    pub new_due: Date,
    /// The recorded reason.
    pub reason: String,
}

/// The terms of the procedure that can be extended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtendedTerm {
    /// First contact after receipt.
    Contact,
    /// The written answer.
    Answer,
    /// The invitation to explain an objection orally.
    HearingInvitation,
    /// The final decision.
    FinalDecision,
}

/// No objection came within the term: the complaint is closed as handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    /// The dagtekening of the written answer.
    pub answer_dated: Date,
    /// The term that was given to object.
    pub objection_term: Term,
    /// The last day to object, now passed.
    pub last_day: Date,
}
