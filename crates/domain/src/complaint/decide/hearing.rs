//! Steps 5 to 8: the offer of an oral explanation, the complainant's choice (or its lapse), the
//! written record of the hearing, and the settlement both parties confirm.

use jiff::Timestamp;

use super::{Context, cancel_all, not_before, not_in_future, require_status, required};
use crate::complaint::command::{HearingForm, HearingOutcome, HearingRecordInput, SettlementParty};
use crate::complaint::deadlines::{DeadlineChanges, DeadlineOutcome, open_terms};
use crate::complaint::event::{
    Closed, Event, HearingDeclined, HearingOfferLapsed, HearingOffered, HearingRecorded,
    HearingScheduled, SettlementConfirmed,
};
use crate::complaint::refusal::Refusal;
use crate::complaint::state::{Complaint, Status};
use crate::complaint::types::Text;
use crate::procedure::{DeadlineKind, Moment};
use crate::time::civil_date;

/// Step 5. Closes the hearing-offer term; opens the complainant's response window.
pub(super) fn offer(
    c: &Complaint,
    forms: Vec<HearingForm>,
    proposed_moments: Vec<Timestamp>,
    employee_invited: bool,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    require_status(
        c,
        "Mondelinge toelichting aanbieden",
        &[Status::ObjectionReceived],
    )?;
    let mut missing = Vec::new();
    if forms.is_empty() {
        missing.push("de vorm (telefonisch of op kantoor)");
    }
    if proposed_moments.is_empty() {
        missing.push("een of meer voorgestelde momenten");
    }
    if !missing.is_empty() {
        return Err(Refusal::Incomplete { missing });
    }
    let today = ctx.today();
    for m in &proposed_moments {
        not_before("een voorgesteld moment", civil_date(*m), "vandaag", today)?;
    }
    let closed = c
        .deadline(DeadlineKind::HearingOffer)
        .map(|d| d.close(today, d.outcome_on(today)));
    let opened = open_terms(
        ctx.procedure,
        ctx.calendar,
        &[(Moment::HearingOffered, today)],
        &[],
    )?;
    let mut forms = forms;
    forms.dedup();
    Ok(vec![Event::HearingOffered(HearingOffered {
        forms,
        proposed_moments,
        employee_invited,
        deadlines: DeadlineChanges {
            closed: closed.into_iter().collect(),
            opened,
        },
    })])
}

/// The complainant chooses a form and a moment. The employee concerned attends only where the
/// offer invited them (hoor en wederhoor only where both parties see value in it).
pub(super) fn choose(
    c: &Complaint,
    form: HearingForm,
    moment: Timestamp,
    employee_present: bool,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    require_status(c, "Gesprek plannen", &[Status::HearingOffered])?;
    let Some(offer) = c.hearing_offer() else {
        return Err(Refusal::NotInThisState {
            action: "Gesprek plannen",
            status: c.status(),
        });
    };
    if !offer.forms.contains(&form) {
        return Err(Refusal::FormNotOffered);
    }
    if employee_present && !offer.employee_invited {
        return Err(Refusal::EmployeeNotInvited);
    }
    let today = ctx.today();
    let closed = c
        .deadline(DeadlineKind::HearingResponse)
        .map(|d| d.close(today, d.outcome_on(today)));
    Ok(vec![Event::HearingScheduled(HearingScheduled {
        form,
        moment,
        employee_present,
        deadlines: DeadlineChanges {
            closed: closed.into_iter().collect(),
            opened: Vec::new(),
        },
    })])
}

/// The complainant does not use the oral option: the final-decision term starts today.
pub(super) fn decline(
    c: &Complaint,
    reason: Option<Text>,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let allowed = [Status::HearingOffered, Status::HearingScheduled];
    require_status(c, "Afzien van mondelinge toelichting", &allowed)?;
    let today = ctx.today();
    let closed = c
        .deadline(DeadlineKind::HearingResponse)
        .map(|d| d.close(today, d.outcome_on(today)));
    let opened = open_terms(
        ctx.procedure,
        ctx.calendar,
        &[(Moment::HearingDeclined, today)],
        &[],
    )?;
    Ok(vec![Event::HearingDeclined(HearingDeclined {
        reason,
        deadlines: DeadlineChanges {
            closed: closed.into_iter().collect(),
            opened,
        },
    })])
}

/// The deadline worker lets an unanswered offer lapse once the response window has passed; the
/// final-decision term counts from the window's last day.
pub(super) fn lapse(c: &Complaint, ctx: &Context<'_>) -> Result<Vec<Event>, Refusal> {
    require_status(c, "Uitnodiging laten verlopen", &[Status::HearingOffered])?;
    let Some(window) = c.deadline(DeadlineKind::HearingResponse) else {
        return Err(Refusal::DeadlineNotOpen {
            kind: DeadlineKind::HearingResponse,
        });
    };
    let (today, end) = (ctx.today(), window.end());
    if today <= end {
        return Err(Refusal::WindowStillOpen {
            window: DeadlineKind::HearingResponse,
            end,
        });
    }
    let closed = vec![window.close(today, DeadlineOutcome::Expired)];
    let opened = open_terms(
        ctx.procedure,
        ctx.calendar,
        &[(Moment::HearingOfferLapsed, end)],
        &[],
    )?;
    Ok(vec![Event::HearingOfferLapsed(HearingOfferLapsed {
        response_window_end: end,
        deadlines: DeadlineChanges { closed, opened },
    })])
}

/// Steps 7 and 8: it is recorded that the hearing took place, in what form, who attended, the
/// accounts, the proposal and the reaction. Not settled: the final-decision term starts from
/// the hearing (or, where the procedure says so, the complaint closes after it).
pub(super) fn record(
    c: &Complaint,
    r: HearingRecordInput,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let allowed = [Status::HearingOffered, Status::HearingScheduled];
    require_status(c, "Gesprek vastleggen", &allowed)?;
    let account = required(&r.complainant_account);
    let reaction = required(&r.complainant_reaction);
    let settlement = match &r.outcome {
        HearingOutcome::Settled { settlement } => Some(required(settlement)),
        HearingOutcome::NotSettled => None,
    };
    let mut missing = Vec::new();
    if r.attendees.is_empty() {
        missing.push("wie aanwezig waren");
    }
    if account.is_none() {
        missing.push("de toelichting van de klager");
    }
    if reaction.is_none() {
        missing.push("de reactie van de klager");
    }
    if settlement == Some(None) {
        missing.push("de tekst van de afhandeling");
    }
    let (Some(account), Some(reaction)) = (account, reaction) else {
        return Err(Refusal::Incomplete { missing });
    };
    if !missing.is_empty() {
        return Err(Refusal::Incomplete { missing });
    }
    not_in_future("de datum van het gesprek", r.held_on, ctx)?;
    if let Some(o) = c.objection() {
        not_before(
            "de datum van het gesprek",
            r.held_on,
            "de ontvangst van het bezwaar",
            o.received_on,
        )?;
    }
    let settlement = settlement.flatten();
    let mut changes = DeadlineChanges::default();
    let held = r.held_on;
    changes.closed.extend(
        c.deadline(DeadlineKind::HearingResponse)
            .map(|d| d.close(held, d.outcome_on(held))),
    );
    let decision_follows = ctx
        .procedure
        .interpretations()
        .final_decision_after_unsettled_hearing;
    if settlement.is_none() && decision_follows {
        let moments = [(Moment::HearingHeldUnsettled, held)];
        changes.opened = open_terms(ctx.procedure, ctx.calendar, &moments, &[])?;
    }
    let unsettled = settlement.is_none();
    let mut events = vec![Event::HearingRecorded(HearingRecorded {
        held_on: held,
        form: r.form,
        attendees: r.attendees,
        complainant_account: account,
        employee_account: r.employee_account.as_deref().and_then(required),
        proposal: r.proposal.as_deref().and_then(required),
        complainant_reaction: reaction,
        settlement,
        deadlines: changes,
    })];
    if unsettled && !decision_follows {
        let rest = cancel_all(c, held)
            .into_iter()
            .filter(|d| d.kind != DeadlineKind::HearingResponse);
        let deadlines = DeadlineChanges {
            closed: rest.collect(),
            opened: Vec::new(),
        };
        events.push(Event::ClosedAfterHearing(Closed {
            reason: None,
            deadlines,
        }));
    }
    Ok(events)
}

/// Step 8: "schriftelijk vastgelegd door beide partijen". Each party confirms once; the second
/// confirmation closes the complaint as settled.
pub(super) fn confirm(
    c: &Complaint,
    party: SettlementParty,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    require_status(c, "Afhandeling bevestigen", &[Status::SettlementPending])?;
    let (organisation, complainant) = c.settlement_confirmations();
    let (already, other) = match party {
        SettlementParty::Organisation => (organisation, complainant),
        SettlementParty::Complainant { .. } => (complainant, organisation),
    };
    if already {
        let by = match party {
            SettlementParty::Organisation => "de organisatie",
            SettlementParty::Complainant { .. } => "de klager",
        };
        return Err(Refusal::AlreadyConfirmed { by });
    }
    let mut events = vec![Event::SettlementConfirmed(SettlementConfirmed { party })];
    if other {
        let deadlines = DeadlineChanges {
            closed: cancel_all(c, ctx.today()),
            opened: Vec::new(),
        };
        events.push(Event::ComplaintSettled(Closed {
            reason: None,
            deadlines,
        }));
    }
    Ok(events)
}
