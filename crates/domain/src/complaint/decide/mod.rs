//! Every step of the procedure as a decision: state + command + context → events or a refusal.
//!
//! A decision checks, in this order: the complaint exists (or not, for a registration); it is
//! decided under the procedure it was registered under; the actor may perform the step; the
//! complaint is open; the step is allowed in its status; the content is complete. Then it
//! computes the deadlines the step opens and closes and puts them into the events. Nothing here
//! reads a clock or changes state: `apply` does that with the events returned.
//!
//! Correspondence ([`Command::RecordCorrespondence`]) is the one command outside the step table:
//! it is allowed in every status and has its own short list of who may record it (see
//! `correspondence`).

mod closing;
mod correspondence;
mod hearing;
mod intake;
mod objection;
mod watch;

use jiff::{Timestamp, civil::Date};

use super::actor::Actor;
use super::alert::AlertLevel;
use super::command::{Command, ConfirmationVia, SettlementParty};
use super::deadlines::{ClosedDeadline, DeadlineOutcome};
use super::event::Event;
use super::refusal::Refusal;
use super::state::{Closure, Complaint, Status};
use super::types::Text;
use crate::calendar::Calendar;
use crate::procedure::{Party, ProcedureDefinition, StepId};
use crate::time::civil_date;

/// How far in the future a "received at" may lie (clock skew between machines).
pub const FUTURE_TOLERANCE: jiff::SignedDuration = jiff::SignedDuration::from_mins(5);

/// What a decision needs besides the state and the command.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub now: Timestamp,
    pub actor: Actor,
    pub calendar: &'a Calendar,
    /// The definition the complaint is decided under (for a registration: the current one).
    pub procedure: &'a ProcedureDefinition,
}

impl Context<'_> {
    /// Today in Europe/Amsterdam.
    pub fn today(&self) -> Date {
        civil_date(self.now)
    }

    fn received_at_checked(&self, at: Timestamp) -> Result<Date, Refusal> {
        if at > self.now + FUTURE_TOLERANCE {
            return Err(Refusal::ReceivedInFuture { received_at: at });
        }
        Ok(civil_date(at))
    }
}

/// Decide a command. `complaint` is `None` only for a registration.
pub fn decide(
    complaint: Option<&Complaint>,
    command: Command,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    match step_of(&command) {
        Some(step) => authorize(step, &command, ctx)?,
        None if is_watch(&command) => watch::authorize(ctx)?,
        None => correspondence::authorize(ctx)?,
    }
    let (c, command) = match (complaint, command) {
        (None, Command::Register(r)) => return intake::register(r, ctx),
        (Some(_), Command::Register(_)) => return Err(Refusal::AlreadyRegistered),
        (None, _) => return Err(Refusal::NotRegistered),
        (Some(c), command) => (c, command),
    };
    if c.procedure_key() != ctx.procedure.key() {
        return Err(Refusal::WrongProcedure {
            complaint: c.procedure_key().to_string(),
            given: ctx.procedure.key(),
        });
    }
    // Conflict of interest: the employee the complaint is about takes no step in it, not even
    // on the complainant's behalf, also once invited to the hearing.
    if ctx.actor.user().is_some() && ctx.actor.user() == c.employee_account() {
        return Err(Refusal::ActorIsEmployeeConcerned);
    }
    let status = c.status();
    let late_objection_after_closure = matches!(command, Command::RegisterObjection { .. })
        && status == Status::Closed(Closure::Handled);
    // Correspondence joins the timeline of a closed complaint too (it reopens nothing).
    let correspondence = matches!(command, Command::RecordCorrespondence(_));
    if status.is_closed() && !late_objection_after_closure && !correspondence {
        return Err(Refusal::Closed { status });
    }
    match command {
        Command::Register(_) => Err(Refusal::AlreadyRegistered),
        Command::LogFirstContact {
            via,
            contacted_at,
            note,
        } => intake::first_contact(c, via, contacted_at, note, ctx),
        Command::IssueAnswer(draft) => intake::answer(c, draft, ctx),
        Command::RegisterObjection {
            received_at,
            via,
            text,
        } => objection::register(c, received_at, via, text, ctx),
        Command::DecideLateObjection { take_up, reason } => {
            objection::decide_late(c, take_up, reason, ctx)
        }
        Command::CloseWithoutObjection => objection::close_without(c, ctx),
        Command::OfferHearing {
            forms,
            proposed_moments,
            employee_invited,
        } => hearing::offer(c, forms, proposed_moments, employee_invited, ctx),
        Command::ChooseHearing {
            form,
            moment,
            employee_present,
        } => hearing::choose(c, form, moment, employee_present, ctx),
        Command::DeclineHearing { reason } => hearing::decline(c, reason, ctx),
        Command::LapseHearingOffer => hearing::lapse(c, ctx),
        Command::RecordHearing(record) => hearing::record(c, record, ctx),
        Command::ConfirmSettlement(party) => hearing::confirm(c, party, ctx),
        Command::IssueFinalDecision { dagtekening, text } => {
            closing::final_decision(c, dagtekening, text, ctx)
        }
        Command::Withdraw { reason } => closing::withdraw(c, reason, ctx),
        Command::ExtendDeadline { kind, to, reason } => closing::extend(c, kind, to, reason, ctx),
        Command::CloseAsNotAComplaint { reason, referral } => {
            closing::not_a_complaint(c, reason, referral, ctx)
        }
        Command::Reassign { to } => closing::reassign(c, to),
        Command::LinkEmployeeAccount { user } => closing::link_employee(c, user),
        Command::RecordCorrespondence(input) => correspondence::record(c, input, ctx),
        Command::RemindOfDeadline(a) => watch::alert(c, AlertLevel::Reminder, a, ctx),
        Command::EscalateDeadline(a) => watch::alert(c, AlertLevel::Escalation, a, ctx),
    }
}

/// The deadline watch's commands (not steps; see `watch`).
fn is_watch(command: &Command) -> bool {
    matches!(
        command,
        Command::RemindOfDeadline(_) | Command::EscalateDeadline(_)
    )
}

/// The step a command performs (the definition says who may perform it). `None` for
/// correspondence and the deadline watch's alerts, which are not steps of the procedure (see
/// `correspondence` and `watch`).
pub fn step_of(command: &Command) -> Option<StepId> {
    Some(match command {
        Command::Register(_) => StepId::Register,
        Command::LogFirstContact { .. } => StepId::FirstContact,
        Command::IssueAnswer(_) => StepId::Answer,
        Command::RegisterObjection { .. } => StepId::Objection,
        Command::DecideLateObjection { .. } => StepId::LateObjectionDecision,
        Command::OfferHearing { .. } => StepId::HearingOffer,
        Command::ChooseHearing { .. } | Command::DeclineHearing { .. } => StepId::HearingResponse,
        Command::LapseHearingOffer => StepId::HearingLapse,
        Command::RecordHearing(_) => StepId::HearingRecord,
        Command::ConfirmSettlement(_) => StepId::SettlementConfirmation,
        Command::IssueFinalDecision { .. } => StepId::FinalDecision,
        Command::CloseWithoutObjection => StepId::CloseWithoutObjection,
        Command::Withdraw { .. } => StepId::Withdrawal,
        Command::ExtendDeadline { .. } => StepId::Extension,
        Command::CloseAsNotAComplaint { .. } => StepId::NotAComplaint,
        // Who handles the complaint and who it is about are decided by the same people.
        Command::Reassign { .. } | Command::LinkEmployeeAccount { .. } => StepId::Reassignment,
        Command::RecordCorrespondence(_)
        | Command::RemindOfDeadline(_)
        | Command::EscalateDeadline(_) => return None,
    })
}

fn authorize(step: StepId, command: &Command, ctx: &Context<'_>) -> Result<(), Refusal> {
    let def = ctx.procedure.step(step);
    let refuse = |who: String| Refusal::ActorNotAllowed {
        step: def.name.clone(),
        actor: ctx.actor.label_nl(),
        who,
    };
    let parties = || {
        def.who
            .iter()
            .map(|p| p.label_nl())
            .collect::<Vec<_>>()
            .join(" of ")
    };
    // The mail intake registers an e-mail complaint on the handler's behalf: the procedure has
    // the handler register e-mail complaints, and the system does that clerical part for them
    // (only where the definition lets the handler register at all).
    if let Command::Register(r) = command
        && ctx.actor == Actor::System
        && r.channel == super::person::Channel::Email
        && def.who.contains(&Party::Handler)
    {
        return Ok(());
    }
    if !ctx.actor.may_act_as(&def.who) {
        return Err(refuse(parties()));
    }
    match command {
        // The complainant files through the web form; other channels are registered by staff.
        Command::Register(r)
            if ctx.actor == Actor::Complainant && r.channel != super::person::Channel::Web =>
        {
            return Err(refuse(
                "een medewerker (voor telefoon, e-mail, brief en balie)".into(),
            ));
        }
        // Each party confirms for itself; staff upload the complainant's signed paper copy.
        Command::ConfirmSettlement(party) => {
            let ok = match party {
                SettlementParty::Organisation => {
                    ctx.actor.is_organisation() && ctx.actor.may_act_as(&[Party::Handler])
                }
                SettlementParty::Complainant {
                    via: ConfirmationVia::Portal,
                } => ctx.actor == Actor::Complainant,
                SettlementParty::Complainant {
                    via: ConfirmationVia::PaperCopy,
                } => ctx.actor.is_organisation(),
            };
            if !ok {
                return Err(refuse(match party {
                    SettlementParty::Organisation => Party::Handler.label_nl().to_string(),
                    SettlementParty::Complainant {
                        via: ConfirmationVia::Portal,
                    } => Party::Complainant.label_nl().to_string(),
                    SettlementParty::Complainant { .. } => {
                        "een medewerker (ondertekend papieren exemplaar)".to_string()
                    }
                }));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Refuse unless the complaint is in one of `allowed`.
fn require_status(c: &Complaint, command: &'static str, allowed: &[Status]) -> Result<(), Refusal> {
    if allowed.contains(&c.status()) {
        Ok(())
    } else {
        Err(Refusal::NotInThisState {
            action: command,
            status: c.status(),
        })
    }
}

/// A free text that the procedure requires; `None` when blank.
fn required(s: &str) -> Option<Text> {
    Text::try_from(s).ok()
}

/// Close every open deadline as no longer relevant (a closure, another path).
fn cancel_all(c: &Complaint, on: Date) -> Vec<ClosedDeadline> {
    c.open_deadlines()
        .iter()
        .map(|d| d.close(on, DeadlineOutcome::Cancelled))
        .collect()
}

/// Refuse a date after today.
fn not_in_future(what: &'static str, date: Date, ctx: &Context<'_>) -> Result<(), Refusal> {
    let today = ctx.today();
    if date > today {
        return Err(Refusal::DateInFuture { what, date, today });
    }
    Ok(())
}

/// Refuse a date before `earliest`.
fn not_before(
    what: &'static str,
    date: Date,
    earliest_what: &'static str,
    earliest: Date,
) -> Result<(), Refusal> {
    if date < earliest {
        return Err(Refusal::DateTooEarly {
            what,
            date,
            earliest_what,
            earliest,
        });
    }
    Ok(())
}
