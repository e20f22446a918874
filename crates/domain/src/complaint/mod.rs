//! A complaint: its validated data, the commands that can be asked of it, the events that
//! record what happened, and the decisions in between.
//!
//! The shape is the one every step follows (STYLE.md habit 4):
//! `decide(state, command, context) -> Result<Vec<Event>, Refusal>`, then `Complaint::apply`
//! for each event. The store appends the events and writes the projection in one transaction;
//! nothing here does IO or reads a clock.

mod actor;
mod alert;
mod command;
mod deadlines;
mod decide;
mod event;
mod person;
mod refusal;
mod state;
mod types;

pub use actor::{Actor, Role};
pub use alert::{AlertAudience, AlertLevel, DeadlineAlert};
pub use command::{
    AnswerDraft, Command, ConfirmationVia, ContactMethod, Correspondence, CorrespondenceChannel,
    ExtendTo, HearingForm, HearingOutcome, HearingRecordInput, ObjectionVia, Registration,
    SettlementParty,
};
pub use deadlines::{
    ClosedDeadline, DeadlineChanges, DeadlineOutcome, Extension, OpenDeadline, date_nl,
};
pub use decide::{Context, FUTURE_TOLERANCE, decide, step_of};
pub use event::{
    AnswerIssued, Closed, ClosedAsNotAComplaint, ComplainantMessage, ComplaintReassigned,
    ComplaintRegistered, CorrespondenceReceived, DeadlineExtended, EmployeeAccountLinked, Event,
    FinalDecisionIssued, FirstContactLogged, HearingDeclined, HearingOfferLapsed, HearingOffered,
    HearingRecorded, HearingScheduled, LateObjectionDecided, ObjectionRegistered,
    SettlementConfirmed,
};
pub use person::{Channel, Complainant, ContactDetails, Representative};
pub use refusal::{AnswerPart, Refusal};
pub use state::{Closure, Complaint, NotARegistration, Status};
pub use types::{
    Category, EmailAddress, InvalidInput, PersonName, PhoneNumber, PostalAddress, RegionCode, Text,
    UserId,
};
