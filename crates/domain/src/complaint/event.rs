//! The facts recorded about a complaint. They are appended to a hash-chained log and kept
//! forever, so their serde names are a stored format: add fields with `#[serde(default)]`, add
//! new kinds, never rename or remove. The store adds the envelope (actor, time, sequence, hash);
//! the payload carries the domain facts, including every computed deadline with its explanation.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use super::alert::DeadlineAlert;
use super::command::{
    ContactMethod, CorrespondenceChannel, HearingForm, ObjectionVia, SettlementParty,
};
use super::deadlines::{DeadlineChanges, Extension};
use super::person::{Channel, Complainant};
use super::types::{Category, PersonName, RegionCode, Text, UserId};
use crate::procedure::DeadlineKind;
use crate::reference::Reference;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRegistered {
    pub reference: Reference,
    /// `"{id}@{version}"` of the procedure definition the complaint is decided under.
    pub procedure: String,
    pub channel: Channel,
    pub received_at: Timestamp,
    /// The date of receipt in Europe/Amsterdam: where the terms count from.
    pub received_on: Date,
    pub complainant: Complainant,
    pub region: RegionCode,
    pub category: Category,
    pub description: Text,
    pub employee_concerned: Option<PersonName>,
    pub desired_outcome: Option<Text>,
    pub assignee: Option<UserId>,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstContactLogged {
    pub via: ContactMethod,
    pub contacted_at: Timestamp,
    pub note: Option<Text>,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerIssued {
    pub dagtekening: Date,
    pub complaint_as_understood: Text,
    pub proposed_solution: Text,
    pub further_procedure: Text,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionRegistered {
    pub received_at: Timestamp,
    pub received_on: Date,
    pub via: ObjectionVia,
    pub text: Text,
    /// Received after the last day of the objection window.
    pub late: bool,
    /// That last day (extensions included).
    pub window_end: Date,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateObjectionDecided {
    pub reason: Text,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingOffered {
    pub forms: Vec<HearingForm>,
    pub proposed_moments: Vec<Timestamp>,
    pub employee_invited: bool,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingScheduled {
    pub form: HearingForm,
    pub moment: Timestamp,
    /// Hoor en wederhoor: the employee concerned attends (both parties see value in it).
    pub employee_present: bool,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingDeclined {
    pub reason: Option<Text>,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingOfferLapsed {
    pub response_window_end: Date,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecorded {
    pub held_on: Date,
    pub form: HearingForm,
    pub attendees: Vec<PersonName>,
    pub complainant_account: Text,
    pub employee_account: Option<Text>,
    pub proposal: Option<Text>,
    pub complainant_reaction: Text,
    /// The settlement both parties must confirm in writing; `None`: not settled.
    pub settlement: Option<Text>,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettlementConfirmed {
    pub party: SettlementParty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalDecisionIssued {
    pub dagtekening: Date,
    pub text: Text,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

/// A closure that carries only its reason (if any) and the deadlines it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub reason: Option<Text>,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedAsNotAComplaint {
    pub reason: Text,
    pub referral: Option<Text>,
    #[serde(default)]
    pub deadlines: DeadlineChanges,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineExtended {
    pub kind: DeadlineKind,
    pub extension: Extension,
}

/// Something the complainant must be told that no other letter covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub enum ComplainantMessage {
    /// A term was extended: the new date and the reason.
    DeadlineExtended {
        kind: DeadlineKind,
        new_end: Date,
        reason: Option<Text>,
    },
    /// The complaint closed because no objection came in.
    ClosedWithoutObjection,
    /// An objection noted by phone: please confirm it in writing.
    ConfirmObjectionInWriting,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintReassigned {
    pub from: Option<UserId>,
    pub to: UserId,
}

/// The staff account of the employee the complaint is about was linked (`None`: unlinked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeAccountLinked {
    pub user: Option<UserId>,
}

/// A message about the complaint joined its timeline (not a step: no status or deadline
/// changes). Recorded in any status, also after closure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrespondenceReceived {
    pub channel: CorrespondenceChannel,
    pub received_at: Timestamp,
    pub received_on: Date,
    pub from_complainant: bool,
    pub subject: Option<Text>,
    pub text: Text,
    /// The e-mail's Message-ID without angle brackets; a complaint holds each one once.
    pub message_id: Option<String>,
    /// File names of the attachments stored with it.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// A fact about a complaint. The `type` tag values are stable (see `kind`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    ComplaintRegistered(Box<ComplaintRegistered>),
    FirstContactLogged(FirstContactLogged),
    AnswerIssued(AnswerIssued),
    ObjectionRegistered(ObjectionRegistered),
    LateObjectionTakenUp(LateObjectionDecided),
    LateObjectionNotTakenUp(LateObjectionDecided),
    HearingOffered(HearingOffered),
    HearingScheduled(HearingScheduled),
    HearingDeclined(HearingDeclined),
    HearingOfferLapsed(HearingOfferLapsed),
    HearingRecorded(HearingRecorded),
    ClosedAfterHearing(Closed),
    SettlementConfirmed(SettlementConfirmed),
    ComplaintSettled(Closed),
    FinalDecisionIssued(FinalDecisionIssued),
    ClosedWithoutObjection(Closed),
    ComplaintWithdrawn(Closed),
    ClosedAsNotAComplaint(ClosedAsNotAComplaint),
    DeadlineExtended(DeadlineExtended),
    ComplainantMessageDue(ComplainantMessage),
    ComplaintReassigned(ComplaintReassigned),
    EmployeeAccountLinked(EmployeeAccountLinked),
    CorrespondenceReceived(CorrespondenceReceived),
    /// The system reminded the people who must act that an organisation's term ends soon.
    DeadlineReminderSent(DeadlineAlert),
    /// The system told the region's management that an organisation's term was missed.
    DeadlineEscalated(DeadlineAlert),
}

impl Event {
    /// The stable name, equal to the serde `type` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::ComplaintRegistered(_) => "complaint_registered",
            Event::FirstContactLogged(_) => "first_contact_logged",
            Event::AnswerIssued(_) => "answer_issued",
            Event::ObjectionRegistered(_) => "objection_registered",
            Event::LateObjectionTakenUp(_) => "late_objection_taken_up",
            Event::LateObjectionNotTakenUp(_) => "late_objection_not_taken_up",
            Event::HearingOffered(_) => "hearing_offered",
            Event::HearingScheduled(_) => "hearing_scheduled",
            Event::HearingDeclined(_) => "hearing_declined",
            Event::HearingOfferLapsed(_) => "hearing_offer_lapsed",
            Event::HearingRecorded(_) => "hearing_recorded",
            Event::ClosedAfterHearing(_) => "closed_after_hearing",
            Event::SettlementConfirmed(_) => "settlement_confirmed",
            Event::ComplaintSettled(_) => "complaint_settled",
            Event::FinalDecisionIssued(_) => "final_decision_issued",
            Event::ClosedWithoutObjection(_) => "closed_without_objection",
            Event::ComplaintWithdrawn(_) => "complaint_withdrawn",
            Event::ClosedAsNotAComplaint(_) => "closed_as_not_a_complaint",
            Event::DeadlineExtended(_) => "deadline_extended",
            Event::ComplainantMessageDue(_) => "complainant_message_due",
            Event::ComplaintReassigned(_) => "complaint_reassigned",
            Event::EmployeeAccountLinked(_) => "employee_account_linked",
            Event::CorrespondenceReceived(_) => "correspondence_received",
            Event::DeadlineReminderSent(_) => "deadline_reminder_sent",
            Event::DeadlineEscalated(_) => "deadline_escalated",
        }
    }

    /// The deadlines this event opens and closes, if it changes any.
    pub fn deadline_changes(&self) -> Option<&DeadlineChanges> {
        match self {
            Event::ComplaintRegistered(e) => Some(&e.deadlines),
            Event::FirstContactLogged(e) => Some(&e.deadlines),
            Event::AnswerIssued(e) => Some(&e.deadlines),
            Event::ObjectionRegistered(e) => Some(&e.deadlines),
            Event::LateObjectionTakenUp(e) | Event::LateObjectionNotTakenUp(e) => {
                Some(&e.deadlines)
            }
            Event::HearingOffered(e) => Some(&e.deadlines),
            Event::HearingScheduled(e) => Some(&e.deadlines),
            Event::HearingDeclined(e) => Some(&e.deadlines),
            Event::HearingOfferLapsed(e) => Some(&e.deadlines),
            Event::HearingRecorded(e) => Some(&e.deadlines),
            Event::ClosedAfterHearing(e)
            | Event::ComplaintSettled(e)
            | Event::ClosedWithoutObjection(e)
            | Event::ComplaintWithdrawn(e) => Some(&e.deadlines),
            Event::FinalDecisionIssued(e) => Some(&e.deadlines),
            Event::ClosedAsNotAComplaint(e) => Some(&e.deadlines),
            Event::DeadlineExtended(_)
            | Event::ComplainantMessageDue(_)
            | Event::SettlementConfirmed(_)
            | Event::ComplaintReassigned(_)
            | Event::EmployeeAccountLinked(_)
            | Event::CorrespondenceReceived(_)
            | Event::DeadlineReminderSent(_)
            | Event::DeadlineEscalated(_) => None,
        }
    }
}
