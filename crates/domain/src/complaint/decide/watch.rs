//! The deadline watch: reminders before an organisation's term ends and escalations after it was
//! missed (see `complaint::alert`). Like correspondence these are not steps of the procedure (a
//! definition cannot switch them off or give them to someone else): only the system records them.
//!
//! A reminder is refused for a term that is not open, whose end moved (an extension: the job for
//! the old end is stale), that ended already, or that was reminded of for this end before. An
//! escalation is refused in the same cases, except that it needs the end to have *passed*.

use super::Context;
use crate::complaint::alert::{AlertLevel, DeadlineAlert};
use crate::complaint::event::Event;
use crate::complaint::refusal::Refusal;
use crate::complaint::state::Complaint;
use crate::procedure::Party;

/// The action's name in refusals.
const ACTION: &str = "Termijnbewaking";

/// Only the system watches deadlines.
pub(super) fn authorize(ctx: &Context<'_>) -> Result<(), Refusal> {
    if ctx.actor.may_act_as(&[Party::System]) {
        return Ok(());
    }
    Err(Refusal::ActorNotAllowed {
        step: ACTION.to_string(),
        actor: ctx.actor.label_nl(),
        who: Party::System.label_nl().to_string(),
    })
}

/// Records an alert of `level` about `alert.kind` ending on `alert.end`, once.
pub(super) fn alert(
    c: &Complaint,
    level: AlertLevel,
    alert: DeadlineAlert,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let kind = alert.kind;
    let Some(open) = c.deadline(kind) else {
        return Err(Refusal::DeadlineNotOpen { kind });
    };
    if open.who == Party::Complainant {
        return Err(Refusal::NotAnOrganisationDeadline { kind });
    }
    if open.end() != alert.end {
        return Err(Refusal::DeadlineEndChanged {
            kind,
            end: alert.end,
            current_end: open.end(),
        });
    }
    if c.alerted(level, kind, alert.end) {
        return Err(Refusal::AlreadyAlerted {
            kind,
            end: alert.end,
        });
    }
    let today = ctx.today();
    match level {
        AlertLevel::Reminder if today > alert.end => Err(Refusal::DeadlinePassed {
            kind,
            end: alert.end,
        }),
        AlertLevel::Reminder => Ok(vec![Event::DeadlineReminderSent(alert)]),
        AlertLevel::Escalation if today <= alert.end => Err(Refusal::WindowStillOpen {
            window: kind,
            end: alert.end,
        }),
        AlertLevel::Escalation => Ok(vec![Event::DeadlineEscalated(alert)]),
    }
}
