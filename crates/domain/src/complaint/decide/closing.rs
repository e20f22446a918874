//! Step 9 and the steps the text is silent on: the final decision, withdrawal, closure as
//! not-a-complaint, extension of a term, reassignment, and the link to the staff account of the
//! employee the complaint is about.

use jiff::civil::Date;

use super::{Context, cancel_all, not_before, not_in_future, require_status, required};
use crate::complaint::command::ExtendTo;
use crate::complaint::deadlines::{DeadlineChanges, Extension};
use crate::complaint::event::{
    Closed, ClosedAsNotAComplaint, ComplainantMessage, ComplaintReassigned, DeadlineExtended,
    EmployeeAccountLinked, Event, FinalDecisionIssued,
};
use crate::complaint::refusal::Refusal;
use crate::complaint::state::{Complaint, Status};
use crate::complaint::types::{Text, UserId};
use crate::procedure::DeadlineKind;
use crate::terms;

/// Step 9: regional management's written final decision closes the complaint.
pub(super) fn final_decision(
    c: &Complaint,
    dagtekening: Date,
    text: String,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    require_status(
        c,
        "Definitieve beslissing nemen",
        &[Status::AwaitingFinalDecision],
    )?;
    let text = required(&text).ok_or_else(|| Refusal::Incomplete {
        missing: vec!["de tekst van de beslissing"],
    })?;
    let earliest = c
        .objection()
        .map_or(c.registration().received_on, |o| o.received_on);
    not_before(
        "de dagtekening",
        dagtekening,
        "de ontvangst van het bezwaar",
        earliest,
    )?;
    not_in_future("de dagtekening", dagtekening, ctx)?;
    let closed = c
        .open_deadlines()
        .iter()
        .map(|d| match d.kind {
            DeadlineKind::FinalDecision => d.close(dagtekening, d.outcome_on(dagtekening)),
            _ => d.close(dagtekening, crate::complaint::DeadlineOutcome::Cancelled),
        })
        .collect();
    Ok(vec![Event::FinalDecisionIssued(FinalDecisionIssued {
        dagtekening,
        text,
        deadlines: DeadlineChanges {
            closed,
            opened: Vec::new(),
        },
    })])
}

/// The complainant may withdraw at any moment before closure (or, where the procedure says so,
/// only before the answer). The record stays intact; every running term ends.
pub(super) fn withdraw(
    c: &Complaint,
    reason: Option<Text>,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    if !ctx.procedure.interpretations().withdrawal_any_moment {
        require_status(c, "Klacht intrekken", &[Status::InProgress])?;
    }
    let deadlines = DeadlineChanges {
        closed: cancel_all(c, ctx.today()),
        opened: Vec::new(),
    };
    Ok(vec![Event::ComplaintWithdrawn(Closed {
        reason,
        deadlines,
    })])
}

/// A running deadline is extended to a new term (counted from its original start) or a new
/// date, later than the current end, with a reason; the complainant must be told.
pub(super) fn extend(
    c: &Complaint,
    kind: DeadlineKind,
    to: ExtendTo,
    reason: String,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let rules = ctx.procedure.interpretations();
    let reason = required(&reason);
    if rules.extension_requires_reason && reason.is_none() {
        return Err(Refusal::ReasonRequired);
    }
    let Some(open) = c.deadline(kind) else {
        return Err(Refusal::DeadlineNotOpen { kind });
    };
    let (new_end, new_term, new_deadline) = match to {
        ExtendTo::Date(date) => (date, None, None),
        ExtendTo::Term(term) => {
            let d = terms::deadline(
                open.deadline.start,
                term,
                ctx.procedure.policy(),
                ctx.calendar,
            )?;
            (d.end, Some(term.to_string()), Some(d))
        }
    };
    let current_end = open.end();
    if new_end <= current_end {
        return Err(Refusal::ExtensionNotLater {
            current_end,
            new_end,
        });
    }
    let extension = Extension {
        on: ctx.today(),
        previous_end: current_end,
        new_end,
        new_term,
        new_deadline,
        reason: reason.as_ref().map(|r| r.to_string()),
    };
    let mut events = vec![Event::DeadlineExtended(DeadlineExtended {
        kind,
        extension,
    })];
    if rules.extension_notifies_complainant {
        let message = ComplainantMessage::DeadlineExtended {
            kind,
            new_end,
            reason,
        };
        events.push(Event::ComplainantMessageDue(message));
    }
    Ok(events)
}

/// Something that is not a complaint under this procedure (a claim, a privacy request) is
/// registered and then closed with a reason and a referral, before the answer.
pub(super) fn not_a_complaint(
    c: &Complaint,
    reason: String,
    referral: String,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let rules = ctx.procedure.interpretations();
    if !rules.not_a_complaint_closure {
        return Err(Refusal::DisabledByProcedure {
            what: "afsluiten als geen klacht",
        });
    }
    require_status(c, "Afsluiten als geen klacht", &[Status::InProgress])?;
    let reason = required(&reason).ok_or(Refusal::ReasonRequired)?;
    let referral = required(&referral);
    if rules.not_a_complaint_requires_referral && referral.is_none() {
        return Err(Refusal::ReferralRequired);
    }
    let deadlines = DeadlineChanges {
        closed: cancel_all(c, ctx.today()),
        opened: Vec::new(),
    };
    Ok(vec![Event::ClosedAsNotAComplaint(ClosedAsNotAComplaint {
        reason,
        referral,
        deadlines,
    })])
}

/// Another handler takes over; never the employee the complaint is about.
pub(super) fn reassign(c: &Complaint, to: UserId) -> Result<Vec<Event>, Refusal> {
    if c.assignee() == Some(&to) {
        return Err(Refusal::SameAssignee);
    }
    if c.employee_account() == Some(&to) {
        return Err(Refusal::AssigneeIsEmployeeConcerned);
    }
    let from = c.assignee().cloned();
    Ok(vec![Event::ComplaintReassigned(ComplaintReassigned {
        from,
        to,
    })])
}

/// Links (or unlinks) the staff account of the employee the complaint is about. The complaint's
/// own handler cannot be linked: the complaint must first go to another handler.
pub(super) fn link_employee(c: &Complaint, user: Option<UserId>) -> Result<Vec<Event>, Refusal> {
    match (&user, c.employee_account()) {
        (None, None) => return Err(Refusal::NoEmployeeAccount),
        (Some(u), Some(linked)) if u == linked => return Err(Refusal::SameEmployeeAccount),
        (Some(u), _) if c.assignee() == Some(u) => return Err(Refusal::EmployeeIsAssignee),
        _ => {}
    }
    Ok(vec![Event::EmployeeAccountLinked(EmployeeAccountLinked {
        user,
    })])
}
