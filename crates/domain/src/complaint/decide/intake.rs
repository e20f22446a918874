//! Steps 1 to 3: registration, first contact, the written answer.

use jiff::Timestamp;

use super::{Context, not_before, not_in_future, require_status};
use crate::complaint::command::{AnswerDraft, ContactMethod, Registration};
use crate::complaint::deadlines::{DeadlineChanges, open_terms};
use crate::complaint::event::{AnswerIssued, ComplaintRegistered, Event, FirstContactLogged};
use crate::complaint::refusal::{AnswerPart, Refusal};
use crate::complaint::state::{Complaint, Status};
use crate::complaint::types::Text;
use crate::procedure::{DeadlineKind, Moment};
use crate::time::civil_date;

/// Step 1. Opens the contact term (on the channels the procedure names) and the answer term,
/// both from the date of receipt in Europe/Amsterdam.
pub(super) fn register(r: Registration, ctx: &Context<'_>) -> Result<Vec<Event>, Refusal> {
    let received_on = ctx.received_at_checked(r.received_at)?;
    let procedure = ctx.procedure;
    let contact_applies = procedure
        .interpretations()
        .contact_term_channels
        .contains(&r.channel);
    let except: &[DeadlineKind] = if contact_applies {
        &[]
    } else {
        &[DeadlineKind::Contact]
    };
    let opened = open_terms(
        procedure,
        ctx.calendar,
        &[(Moment::Received, received_on)],
        except,
    )?;
    Ok(vec![Event::ComplaintRegistered(Box::new(
        ComplaintRegistered {
            reference: r.reference,
            procedure: procedure.key(),
            channel: r.channel,
            received_at: r.received_at,
            received_on,
            complainant: r.complainant,
            region: r.region,
            category: r.category,
            description: r.description,
            employee_concerned: r.employee_concerned,
            desired_outcome: r.desired_outcome,
            assignee: r.assignee,
            deadlines: DeadlineChanges {
                closed: Vec::new(),
                opened,
            },
        },
    ))])
}

/// Step 2. Records the contact once, and whether the contact term was met.
pub(super) fn first_contact(
    c: &Complaint,
    via: ContactMethod,
    contacted_at: Timestamp,
    note: Option<Text>,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    if c.contact().is_some() {
        return Err(Refusal::AlreadyContacted);
    }
    let on = civil_date(contacted_at);
    not_in_future("de datum van het contact", on, ctx)?;
    let received_on = c.registration().received_on;
    not_before(
        "de datum van het contact",
        on,
        "de ontvangst van de klacht",
        received_on,
    )?;
    let closed = c
        .deadline(DeadlineKind::Contact)
        .map(|d| d.close(on, d.outcome_on(on)))
        .into_iter()
        .collect();
    Ok(vec![Event::FirstContactLogged(FirstContactLogged {
        via,
        contacted_at,
        note,
        deadlines: DeadlineChanges {
            closed,
            opened: Vec::new(),
        },
    })])
}

/// Step 3. The answer must state the complaint, the proposed solution or measures, and the
/// further procedure; its dagtekening lies between receipt and today. It closes the answer term
/// (and a contact term still open: a written answer is contact too) and opens the complainant's
/// objection window.
pub(super) fn answer(
    c: &Complaint,
    draft: AnswerDraft,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    require_status(c, "Reactie versturen", &[Status::InProgress])?;
    let parts = [
        (
            AnswerPart::ComplaintAsUnderstood,
            Text::try_from(draft.complaint_as_understood),
        ),
        (
            AnswerPart::ProposedSolution,
            Text::try_from(draft.proposed_solution),
        ),
        (
            AnswerPart::FurtherProcedure,
            Text::try_from(draft.further_procedure),
        ),
    ];
    let missing: Vec<AnswerPart> = parts
        .iter()
        .filter(|(_, t)| t.is_err())
        .map(|(p, _)| *p)
        .collect();
    if !missing.is_empty() {
        return Err(Refusal::AnswerIncomplete { missing });
    }
    let [(_, Ok(understood)), (_, Ok(solution)), (_, Ok(further))] = parts else {
        return Err(Refusal::AnswerIncomplete { missing });
    };
    let dagtekening = draft.dagtekening.unwrap_or_else(|| ctx.today());
    let received_on = c.registration().received_on;
    not_before(
        "de dagtekening",
        dagtekening,
        "de ontvangst van de klacht",
        received_on,
    )?;
    not_in_future("de dagtekening", dagtekening, ctx)?;
    let closed = [DeadlineKind::Answer, DeadlineKind::Contact]
        .iter()
        .filter_map(|k| c.deadline(*k))
        .map(|d| d.close(dagtekening, d.outcome_on(dagtekening)))
        .collect();
    let opened = open_terms(
        ctx.procedure,
        ctx.calendar,
        &[(Moment::AnswerDated, dagtekening)],
        &[],
    )?;
    Ok(vec![Event::AnswerIssued(AnswerIssued {
        dagtekening,
        complaint_as_understood: understood,
        proposed_solution: solution,
        further_procedure: further,
        deadlines: DeadlineChanges { closed, opened },
    })])
}
