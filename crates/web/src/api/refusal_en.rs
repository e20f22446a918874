//! The domain's refusals in English, for the API's `message_en` (the domain speaks Dutch; the
//! Dutch sentence is `Display`). The match has no wildcard: a new refusal does not compile until
//! it has an English sentence here. Labels the domain only has in Dutch (step names, field
//! labels) are left out rather than mixed in; dates are ISO.

use domain::complaint::{AnswerPart, Refusal};
use domain::procedure::DeadlineKind;

/// `refusal` as an English sentence. Dates are ISO (`2026-05-06`).
pub(crate) fn message_en(refusal: &Refusal) -> String {
    match refusal {
        Refusal::NotRegistered => "This complaint has not been registered.".into(),
        Refusal::AlreadyRegistered => "This complaint is already registered.".into(),
        Refusal::WrongProcedure { complaint, given } => format!(
            "This complaint falls under procedure {complaint}, not {given}; a complaint keeps the procedure it was filed under."
        ),
        Refusal::ActorNotAllowed { .. } => {
            "Your role may not take this step; it is another party's.".into()
        }
        Refusal::NotInThisState { status, .. } => format!(
            "This step is not possible now: the complaint's status is {}.",
            status.code()
        ),
        Refusal::Closed { status } => format!(
            "The complaint is closed ({}); nothing can be added to it.",
            status.code()
        ),
        Refusal::ReceivedInFuture { received_at } => {
            format!("The moment of receipt ({received_at}) lies in the future.")
        }
        Refusal::DateInFuture { date, today, .. } => {
            format!("The date {date} lies in the future; today is {today}.")
        }
        Refusal::DateTooEarly { date, earliest, .. } => {
            format!("The date {date} lies before the earliest possible date, {earliest}.")
        }
        Refusal::AlreadyContacted => {
            "The first contact with the complainant has already been recorded.".into()
        }
        Refusal::AnswerIncomplete { missing } => format!(
            "The answer is incomplete. Missing: {}.",
            missing
                .iter()
                .map(|p| answer_part(*p))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Refusal::Incomplete { missing } => {
            format!("Not complete. Missing (in Dutch): {}.", missing.join("; "))
        }
        Refusal::ReasonRequired => "Give a reason.".into(),
        Refusal::ReferralRequired => {
            "Say where the complainant can take this matter (referral).".into()
        }
        Refusal::FormNotOffered => "That form of oral explanation was not offered.".into(),
        Refusal::EmployeeNotInvited => {
            "The employee concerned was not invited to the hearing.".into()
        }
        Refusal::WindowStillOpen { window, end } => format!(
            "The term for {} runs until {end} inclusive.",
            deadline(*window)
        ),
        Refusal::AlreadyConfirmed { .. } => {
            "This party has already confirmed the settlement.".into()
        }
        Refusal::DeadlineNotOpen { kind } => {
            format!("No term is running for {}.", deadline(*kind))
        }
        Refusal::ExtensionNotLater {
            current_end,
            new_end,
        } => format!("The new end ({new_end}) is not after the current one ({current_end})."),
        Refusal::SameAssignee => "The complaint is already assigned to this person.".into(),
        Refusal::DisabledByProcedure { .. } => {
            "This complaint's procedure does not allow this step.".into()
        }
        Refusal::DuplicateMessage { message_id } => {
            format!("This message ({message_id}) is already recorded with this complaint.")
        }
        Refusal::Term(e) => format!("The term cannot be computed: {e}"),
    }
}

fn answer_part(part: AnswerPart) -> &'static str {
    match part {
        AnswerPart::ComplaintAsUnderstood => "the complaint as understood",
        AnswerPart::ProposedSolution => "the proposed solution or measures",
        AnswerPart::FurtherProcedure => "the further procedure if the complainant disagrees",
    }
}

/// The deadline kind by its API code (`objection`, `final_decision`, …).
fn deadline(kind: DeadlineKind) -> &'static str {
    kind.as_str()
}
