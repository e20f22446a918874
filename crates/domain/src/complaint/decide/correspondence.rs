//! Correspondence: a message about a complaint that is not a step of the procedure (a reply to
//! the receipt, a question, a document sent later).
//!
//! It is decided outside the procedure's step table on purpose. The published procedure says
//! nothing about messages between the steps, yet they must never be lost: a reply can come in
//! any status, also after closure, and it joins the timeline without reopening the complaint or
//! touching a deadline. So there is no `StepId` for it (a procedure definition cannot forbid
//! it), and who may record it is fixed here: the complainant (portal), staff who handle
//! complaints (letter, phone, e-mail by hand) and the system (the mail intake).
//!
//! A complaint records each Message-ID once, so an e-mail processed again after a crash is
//! refused as [`Refusal::DuplicateMessage`], which the intake treats as already done.

use super::{Context, required};
use crate::complaint::command::Correspondence;
use crate::complaint::event::{CorrespondenceReceived, Event};
use crate::complaint::refusal::Refusal;
use crate::complaint::state::Complaint;
use crate::procedure::Party;

/// The action's name in refusals.
const ACTION: &str = "Bericht vastleggen";

/// Anyone but a reader or an administrator may record correspondence.
pub(super) fn authorize(ctx: &Context<'_>) -> Result<(), Refusal> {
    if ctx
        .actor
        .may_act_as(&[Party::Complainant, Party::Handler, Party::System])
    {
        return Ok(());
    }
    Err(Refusal::ActorNotAllowed {
        step: ACTION.to_string(),
        actor: ctx.actor.label_nl(),
        who: "de klager, een klachtbehandelaar of het systeem".to_string(),
    })
}

/// Records a message on the timeline, in any status; the same Message-ID twice is refused.
pub(super) fn record(
    c: &Complaint,
    input: Correspondence,
    ctx: &Context<'_>,
) -> Result<Vec<Event>, Refusal> {
    let received_on = ctx.received_at_checked(input.received_at)?;
    let message_id = input
        .message_id
        .map(|m| {
            let t = m.trim();
            t.strip_prefix('<')
                .and_then(|r| r.strip_suffix('>'))
                .unwrap_or(t)
                .to_string()
        })
        .filter(|m| !m.is_empty());
    if let Some(id) = &message_id
        && c.has_message(id)
    {
        return Err(Refusal::DuplicateMessage {
            message_id: id.clone(),
        });
    }
    let attachments = input
        .attachments
        .iter()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    Ok(vec![Event::CorrespondenceReceived(
        CorrespondenceReceived {
            channel: input.channel,
            received_at: input.received_at,
            received_on,
            from_complainant: input.from_complainant,
            subject: input.subject.as_deref().and_then(required),
            text: input.text,
            message_id,
            attachments,
        },
    )])
}
