//! The state of one complaint: a fold over its events.
//!
//! `apply` trusts the events (they were decided and recorded); it never refuses and never
//! panics. The state keeps what the next decision needs and what the projection shows: the
//! status, the open deadlines and the facts of the steps taken so far.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::alert::AlertLevel;
use super::command::SettlementParty;
use super::deadlines::OpenDeadline;
use super::event::{
    AnswerIssued, ComplaintRegistered, Event, FirstContactLogged, HearingOffered, HearingRecorded,
    HearingScheduled, ObjectionRegistered,
};
use super::types::UserId;
use crate::procedure::DeadlineKind;

/// How a closed complaint ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closure {
    /// Settled at the hearing, confirmed by both parties.
    Settled,
    /// A final decision was issued.
    Decided,
    /// No objection within the window ("afgehandeld").
    Handled,
    /// Heard without settlement, where the procedure has no final decision after a hearing.
    HandledAfterHearing,
    Withdrawn,
    NotAComplaint,
    /// A late objection that regional management did not take up.
    LateObjectionNotTakenUp,
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "closure")]
pub enum Status {
    /// Registered; contact and the written answer are due.
    InProgress,
    /// Answered; the objection window runs.
    Answered,
    /// A late objection awaits regional management's decision.
    LateObjectionPending,
    /// An objection is being handled; the offer of a hearing is due.
    ObjectionReceived,
    /// A hearing was offered; the complainant's choice is due.
    HearingOffered,
    /// A hearing is planned.
    HearingScheduled,
    /// Settled at the hearing; awaiting written confirmation by both parties.
    SettlementPending,
    /// The final decision is due.
    AwaitingFinalDecision,
    Closed(Closure),
}

impl Status {
    /// A stable machine name (projection column, API, filters).
    pub fn code(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Answered => "answered",
            Status::LateObjectionPending => "late_objection_pending",
            Status::ObjectionReceived => "objection_received",
            Status::HearingOffered => "hearing_offered",
            Status::HearingScheduled => "hearing_scheduled",
            Status::SettlementPending => "settlement_pending",
            Status::AwaitingFinalDecision => "awaiting_final_decision",
            Status::Closed(Closure::Settled) => "closed_settled",
            Status::Closed(Closure::Decided) => "closed_decided",
            Status::Closed(Closure::Handled) => "closed_handled",
            Status::Closed(Closure::HandledAfterHearing) => "closed_handled_after_hearing",
            Status::Closed(Closure::Withdrawn) => "closed_withdrawn",
            Status::Closed(Closure::NotAComplaint) => "closed_not_a_complaint",
            Status::Closed(Closure::LateObjectionNotTakenUp) => {
                "closed_late_objection_not_taken_up"
            }
        }
    }

    /// Dutch, for people.
    pub fn label_nl(self) -> &'static str {
        match self {
            Status::InProgress => "in behandeling",
            Status::Answered => "beantwoord, bezwaartermijn loopt",
            Status::LateObjectionPending => "te laat bezwaar, besluit directie nodig",
            Status::ObjectionReceived => "bezwaar ontvangen",
            Status::HearingOffered => "uitgenodigd voor mondelinge toelichting",
            Status::HearingScheduled => "gesprek gepland",
            Status::SettlementPending => "afhandeling wacht op bevestiging door beide partijen",
            Status::AwaitingFinalDecision => "definitieve beslissing volgt",
            Status::Closed(Closure::Settled) => "afgesloten: in overleg afgehandeld",
            Status::Closed(Closure::Decided) => "afgesloten: definitieve beslissing genomen",
            Status::Closed(Closure::Handled) => "afgehandeld",
            Status::Closed(Closure::HandledAfterHearing) => "afgehandeld na mondelinge toelichting",
            Status::Closed(Closure::Withdrawn) => "ingetrokken",
            Status::Closed(Closure::NotAComplaint) => "afgesloten: geen klacht, doorverwezen",
            Status::Closed(Closure::LateObjectionNotTakenUp) => {
                "afgesloten: te laat bezwaar niet in behandeling genomen"
            }
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Closed(_))
    }
}

/// One complaint as its events made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    registration: ComplaintRegistered,
    status: Status,
    assignee: Option<UserId>,
    /// The staff account of the employee the complaint is about, when linked.
    employee_account: Option<UserId>,
    /// A hearing offer invited the employee concerned (see [`Complaint::hidden_from`]).
    employee_invited: bool,
    deadlines: Vec<OpenDeadline>,
    contact: Option<FirstContactLogged>,
    answer: Option<AnswerIssued>,
    objection: Option<ObjectionRegistered>,
    hearing_offer: Option<HearingOffered>,
    hearing: Option<HearingScheduled>,
    hearing_record: Option<HearingRecorded>,
    organisation_confirmed: bool,
    complainant_confirmed: bool,
    /// The last day to object, kept after the window closed (a late objection names it).
    objection_window_end: Option<Date>,
    /// The Message-IDs of the correspondence recorded so far: each is recorded once.
    message_ids: BTreeSet<String>,
    /// Every deadline alert recorded: (level, kind, end). Each is recorded once.
    alerts: BTreeSet<(AlertLevel, DeadlineKind, Date)>,
}

/// A log that does not start with a registration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("het klachtdossier begint niet met een registratie")]
pub struct NotARegistration;

impl Complaint {
    /// The complaint as its registration made it.
    pub fn registered(event: &ComplaintRegistered) -> Complaint {
        let mut c = Complaint {
            registration: event.clone(),
            status: Status::InProgress,
            assignee: event.assignee.clone(),
            employee_account: None,
            employee_invited: false,
            deadlines: Vec::new(),
            contact: None,
            answer: None,
            objection: None,
            hearing_offer: None,
            hearing: None,
            hearing_record: None,
            organisation_confirmed: false,
            complainant_confirmed: false,
            objection_window_end: None,
            message_ids: BTreeSet::new(),
            alerts: BTreeSet::new(),
        };
        c.deadlines.extend(event.deadlines.opened.iter().cloned());
        c
    }

    /// Fold a whole log: the first event must be the registration.
    pub fn replay<'a>(
        events: impl IntoIterator<Item = &'a Event>,
    ) -> Result<Complaint, NotARegistration> {
        let mut it = events.into_iter();
        let Some(Event::ComplaintRegistered(first)) = it.next() else {
            return Err(NotARegistration);
        };
        let mut c = Complaint::registered(first);
        for e in it {
            c.apply(e);
        }
        Ok(c)
    }

    /// Apply one recorded event.
    pub fn apply(&mut self, event: &Event) {
        if let Some(changes) = event.deadline_changes() {
            self.deadlines
                .retain(|d| !changes.closed.iter().any(|c| c.kind == d.kind));
            for opened in &changes.opened {
                if opened.kind == DeadlineKind::Objection {
                    self.objection_window_end = Some(opened.end());
                }
                self.deadlines.retain(|d| d.kind != opened.kind);
                self.deadlines.push(opened.clone());
            }
        }
        match event {
            Event::ComplaintRegistered(_) => {}
            Event::FirstContactLogged(e) => self.contact = Some(e.clone()),
            Event::AnswerIssued(e) => {
                self.answer = Some(e.clone());
                self.status = Status::Answered;
            }
            Event::ObjectionRegistered(e) => {
                self.objection = Some(e.clone());
                self.status = if e.late {
                    Status::LateObjectionPending
                } else {
                    Status::ObjectionReceived
                };
            }
            Event::LateObjectionTakenUp(_) => self.status = Status::ObjectionReceived,
            Event::LateObjectionNotTakenUp(_) => self.close(Closure::LateObjectionNotTakenUp),
            Event::HearingOffered(e) => {
                self.employee_invited |= e.employee_invited;
                self.hearing_offer = Some(e.clone());
                self.status = Status::HearingOffered;
            }
            Event::HearingScheduled(e) => {
                self.hearing = Some(e.clone());
                self.status = Status::HearingScheduled;
            }
            Event::HearingDeclined(_) | Event::HearingOfferLapsed(_) => {
                self.status = Status::AwaitingFinalDecision;
            }
            Event::HearingRecorded(e) => {
                self.hearing_record = Some(e.clone());
                self.status = if e.settlement.is_some() {
                    Status::SettlementPending
                } else {
                    Status::AwaitingFinalDecision
                };
            }
            Event::ClosedAfterHearing(_) => self.close(Closure::HandledAfterHearing),
            Event::SettlementConfirmed(e) => match e.party {
                SettlementParty::Organisation => self.organisation_confirmed = true,
                SettlementParty::Complainant { .. } => self.complainant_confirmed = true,
            },
            Event::ComplaintSettled(_) => self.close(Closure::Settled),
            Event::FinalDecisionIssued(_) => self.close(Closure::Decided),
            Event::ClosedWithoutObjection(_) => self.close(Closure::Handled),
            Event::ComplaintWithdrawn(_) => self.close(Closure::Withdrawn),
            Event::ClosedAsNotAComplaint(_) => self.close(Closure::NotAComplaint),
            Event::DeadlineExtended(e) => {
                if let Some(d) = self.deadlines.iter_mut().find(|d| d.kind == e.kind) {
                    d.extensions.push(e.extension.clone());
                    if e.kind == DeadlineKind::Objection {
                        self.objection_window_end = Some(d.end());
                    }
                }
            }
            Event::ComplainantMessageDue(_) => {}
            Event::ComplaintReassigned(e) => self.assignee = Some(e.to.clone()),
            Event::EmployeeAccountLinked(e) => self.employee_account = e.user.clone(),
            Event::CorrespondenceReceived(e) => {
                self.message_ids.extend(e.message_id.clone());
            }
            Event::DeadlineReminderSent(a) => {
                self.alerts.insert((AlertLevel::Reminder, a.kind, a.end));
            }
            Event::DeadlineEscalated(a) => {
                self.alerts.insert((AlertLevel::Escalation, a.kind, a.end));
            }
        }
    }

    pub fn registration(&self) -> &ComplaintRegistered {
        &self.registration
    }

    /// The key of the procedure definition it is decided under.
    pub fn procedure_key(&self) -> &str {
        &self.registration.procedure
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn assignee(&self) -> Option<&UserId> {
        self.assignee.as_ref()
    }

    /// The staff account of the employee the complaint is about, when linked.
    pub fn employee_account(&self) -> Option<&UserId> {
        self.employee_account.as_ref()
    }

    /// The staff user who must not see this complaint: the linked employee it is about, until a
    /// hearing offer invites the employee concerned (hoor en wederhoor). From then on nothing is
    /// hidden, also after a later offer without the invitation or a change of link: an employee
    /// invited to the hearing has seen the file and needs it to prepare, and taking it away
    /// again would protect nothing. `None` when no account is linked.
    pub fn hidden_from(&self) -> Option<&UserId> {
        if self.employee_invited {
            return None;
        }
        self.employee_account.as_ref()
    }

    /// Every deadline still running or overdue, in the order the procedure lists them.
    pub fn open_deadlines(&self) -> Vec<OpenDeadline> {
        let mut open = self.deadlines.clone();
        open.sort_by_key(|d| d.kind);
        open
    }

    pub fn deadline(&self, kind: DeadlineKind) -> Option<&OpenDeadline> {
        self.deadlines.iter().find(|d| d.kind == kind)
    }

    pub fn contact(&self) -> Option<&FirstContactLogged> {
        self.contact.as_ref()
    }

    pub fn answer(&self) -> Option<&AnswerIssued> {
        self.answer.as_ref()
    }

    pub fn objection(&self) -> Option<&ObjectionRegistered> {
        self.objection.as_ref()
    }

    pub fn hearing_offer(&self) -> Option<&HearingOffered> {
        self.hearing_offer.as_ref()
    }

    pub fn hearing(&self) -> Option<&HearingScheduled> {
        self.hearing.as_ref()
    }

    pub fn hearing_record(&self) -> Option<&HearingRecorded> {
        self.hearing_record.as_ref()
    }

    /// The last day of the objection window (extensions included), once an answer was issued.
    pub fn objection_window_end(&self) -> Option<Date> {
        self.objection_window_end
    }

    /// Whether a message with this Message-ID (without angle brackets) is on the timeline.
    pub fn has_message(&self, message_id: &str) -> bool {
        self.message_ids.contains(message_id)
    }

    /// Whether an alert of `level` about the deadline of `kind` ending on `end` was recorded.
    pub fn alerted(&self, level: AlertLevel, kind: DeadlineKind, end: Date) -> bool {
        self.alerts.contains(&(level, kind, end))
    }

    /// Whether the organisation and the complainant confirmed the settlement.
    pub fn settlement_confirmations(&self) -> (bool, bool) {
        (self.organisation_confirmed, self.complainant_confirmed)
    }

    fn close(&mut self, closure: Closure) {
        self.status = Status::Closed(closure);
        self.deadlines.clear();
    }
}
