//! Step 4 and what the text leaves open around it: the objection (on time or late), regional
//! management's decision on a late one, and closure when no objection came.

use jiff::Timestamp;

use super::{Context, cancel_all, not_before, require_status, required};
use crate::complaint::command::ObjectionVia;
use crate::complaint::deadlines::{DeadlineChanges, DeadlineOutcome, open_terms};
use crate::complaint::event::{
    Closed, ComplainantMessage, Event, LateObjectionDecided, ObjectionRegistered,
};
use crate::complaint::refusal::Refusal;
use crate::complaint::state::{Closure, Complaint, Status};
use crate::complaint::types::Text;
use crate::procedure::{DeadlineKind, LateObjection, Moment};

/// An objection is never refused for being late: it is registered and flagged, also after the
/// complaint closed for want of an objection (a letter that arrives after the system closed it).
/// On time, it opens the hearing-offer term from its date of receipt.
pub(super) fn register(
    c: &Complaint,
    received_at: Timestamp,
    via: ObjectionVia,
    text: String,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let allowed = [Status::Answered, Status::Closed(Closure::Handled)];
    require_status(c, "Bezwaar registreren", &allowed)?;
    let Some(text) = required(&text) else {
        return Err(Refusal::Incomplete {
            missing: vec!["de inhoud van het bezwaar"],
        });
    };
    let received_on = ctx.received_at_checked(received_at)?;
    let (Some(answer), Some(window_end)) = (c.answer(), c.objection_window_end()) else {
        return Err(Refusal::NotInThisState {
            action: "Bezwaar registreren",
            status: c.status(),
        });
    };
    not_before(
        "de ontvangst van het bezwaar",
        received_on,
        "de dagtekening",
        answer.dagtekening,
    )?;
    let late = received_on > window_end;
    let window = c.deadline(DeadlineKind::Objection);
    let mut changes = DeadlineChanges::default();
    changes
        .closed
        .extend(window.map(|d| d.close(received_on, d.outcome_on(received_on))));
    if !late {
        let moments = [(Moment::ObjectionReceived, received_on)];
        changes.opened = open_terms(ctx.procedure, ctx.calendar, &moments, &[])?;
    }
    let mut events = vec![Event::ObjectionRegistered(ObjectionRegistered {
        received_at,
        received_on,
        via,
        text,
        late,
        window_end,
        deadlines: changes,
    })];
    if late && ctx.procedure.interpretations().late_objection == LateObjection::TakeUp {
        let reason =
            "Volgens de procedure wordt een te laat bezwaar altijd in behandeling genomen.";
        events.push(take_up(received_on, Text::try_from(reason).ok(), ctx)?);
    }
    if via == ObjectionVia::Phone {
        events.push(Event::ComplainantMessageDue(
            ComplainantMessage::ConfirmObjectionInWriting,
        ));
    }
    Ok(events)
}

fn take_up(
    objection_on: jiff::civil::Date,
    reason: Option<Text>,
    ctx: &Context<'_>,
) -> Result<Event, Refusal> {
    let reason = reason.ok_or(Refusal::ReasonRequired)?;
    let moments = [
        (Moment::ObjectionReceived, objection_on),
        (Moment::LateObjectionTakenUp, ctx.today()),
    ];
    let opened = open_terms(ctx.procedure, ctx.calendar, &moments, &[])?;
    Ok(Event::LateObjectionTakenUp(LateObjectionDecided {
        reason,
        deadlines: DeadlineChanges {
            closed: Vec::new(),
            opened,
        },
    }))
}

/// Regional management decides whether a late objection is still taken up, with a reason.
pub(super) fn decide_late(
    c: &Complaint,
    take: bool,
    reason: String,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    require_status(
        c,
        "Besluiten over een te laat bezwaar",
        &[Status::LateObjectionPending],
    )?;
    let reason = required(&reason).ok_or(Refusal::ReasonRequired)?;
    let Some(objection) = c.objection() else {
        return Err(Refusal::NotInThisState {
            action: "Besluiten over een te laat bezwaar",
            status: c.status(),
        });
    };
    if take {
        return Ok(vec![take_up(objection.received_on, Some(reason), ctx)?]);
    }
    Ok(vec![Event::LateObjectionNotTakenUp(LateObjectionDecided {
        reason,
        deadlines: DeadlineChanges {
            closed: cancel_all(c, ctx.today()),
            opened: Vec::new(),
        },
    })])
}

/// The deadline worker closes the complaint as "afgehandeld" once the objection window has
/// passed without an objection (never on its last day).
pub(super) fn close_without(c: &Complaint, ctx: &Context<'_>) -> Result<Vec<Event>, Refusal> {
    if !ctx.procedure.interpretations().close_without_objection {
        return Err(Refusal::DisabledByProcedure {
            what: "afsluiten zonder bezwaar",
        });
    }
    require_status(c, "Afsluiten zonder bezwaar", &[Status::Answered])?;
    let today = ctx.today();
    let Some(window) = c.deadline(DeadlineKind::Objection) else {
        return Err(Refusal::DeadlineNotOpen {
            kind: DeadlineKind::Objection,
        });
    };
    if today <= window.end() {
        return Err(Refusal::WindowStillOpen {
            window: DeadlineKind::Objection,
            end: window.end(),
        });
    }
    let mut closed = vec![window.close(today, DeadlineOutcome::Expired)];
    closed.extend(
        cancel_all(c, today)
            .into_iter()
            .filter(|d| d.kind != DeadlineKind::Objection),
    );
    let mut events = vec![Event::ClosedWithoutObjection(Closed {
        reason: None,
        deadlines: DeadlineChanges {
            closed,
            opened: Vec::new(),
        },
    })];
    if ctx
        .procedure
        .interpretations()
        .notify_close_without_objection
    {
        events.push(Event::ComplainantMessageDue(
            ComplainantMessage::ClosedWithoutObjection,
        ));
    }
    Ok(events)
}
