//! Which steps the page offers, asked of the domain: for each step a representative command
//! (plausible content) is decided on the loaded state with this staff member's actor, now.
//! A step is offered when the decision succeeds, or when it is refused only for its content
//! (which the real form supplies). Refusals about who may act, the status, closure or the
//! procedure keep it off the page. The match over [`Refusal`] has no wildcard, so a new kind of
//! refusal must be classified here.
//!
//! The steps only the system takes (closing when no objection came, letting an offer lapse)
//! have no form and are never candidates; the domain refuses them to staff anyway.

use domain::complaint::{
    Actor, AnswerDraft, Command, Complaint, ConfirmationVia, ContactMethod, Context, ExtendTo,
    HearingForm, HearingOutcome, HearingRecordInput, ObjectionVia, PersonName, Refusal,
    SettlementParty, UserId, decide,
};
use domain::procedure::DeadlineKind;
use jiff::{SignedDuration, Timestamp};

use super::forms::Step;
use crate::AppState;
use crate::lang::Lang;
use crate::office::labels;

/// What the page may offer now.
#[derive(Debug, Default)]
pub(crate) struct Offered {
    pub steps: Vec<Step>,
    /// The parties whose confirmation of the settlement can still be recorded:
    /// (form value, label).
    pub confirmations: Vec<(&'static str, &'static str)>,
    /// The deadlines that can be extended: (kind code, label).
    pub extendable: Vec<(&'static str, &'static str)>,
}

/// The steps `actor` can take on `complaint` now. When the complaint is decided under another
/// procedure definition than the current one (not the case yet: one definition ships), nothing
/// is offered; the POST routes still decide under the right definition.
pub(crate) fn offered(
    state: &AppState,
    complaint: &Complaint,
    actor: &Actor,
    lang: Lang,
) -> Offered {
    let app = &state.app;
    let procedure = app.current_procedure();
    if complaint.procedure_key() != procedure.key() {
        return Offered::default();
    }
    let now = app.clock().now();
    let calendar = app.calendar();
    let ctx = Context {
        now,
        actor: actor.clone(),
        calendar: &calendar,
        procedure,
    };
    let allows = |command: Command| match decide(Some(complaint), command, &ctx) {
        Ok(_) => true,
        Err(refusal) => about_content(&refusal),
    };
    let mut offered = Offered::default();
    for step in Step::ALL {
        let ok = match step {
            Step::Settlement => {
                for (value, label, party) in [
                    (
                        "organisatie",
                        lang.t("de organisatie", "the organisation"),
                        SettlementParty::Organisation,
                    ),
                    (
                        "klager",
                        lang.t(
                            "de klager (ondertekend papieren exemplaar)",
                            "the complainant (signed paper copy)",
                        ),
                        SettlementParty::Complainant {
                            via: ConfirmationVia::PaperCopy,
                        },
                    ),
                ] {
                    if allows(Command::ConfirmSettlement(party)) {
                        offered.confirmations.push((value, label));
                    }
                }
                !offered.confirmations.is_empty()
            }
            Step::Extend => {
                for d in complaint.open_deadlines() {
                    let command = Command::ExtendDeadline {
                        kind: d.kind,
                        to: ExtendTo::Date(
                            d.end().saturating_add(SignedDuration::from_hours(24 * 30)),
                        ),
                        reason: "reden".into(),
                    };
                    if allows(command) {
                        offered
                            .extendable
                            .push((d.kind.as_str(), labels::deadline_kind(d.kind, lang)));
                    }
                }
                !offered.extendable.is_empty()
            }
            _ => allows(representative(step, complaint, now)),
        };
        if ok {
            offered.steps.push(step);
        }
    }
    offered
}

/// A command for `step` with content the domain accepts when the step itself is allowed.
fn representative(step: Step, complaint: &Complaint, now: Timestamp) -> Command {
    let text = || "tekst".to_owned();
    let today = domain::time::civil_date(now);
    match step {
        Step::Contact => Command::LogFirstContact {
            via: ContactMethod::Phone,
            contacted_at: now,
            note: None,
        },
        Step::Answer => Command::IssueAnswer(AnswerDraft {
            dagtekening: None,
            complaint_as_understood: text(),
            proposed_solution: text(),
            further_procedure: text(),
        }),
        Step::Objection => Command::RegisterObjection {
            received_at: now,
            via: ObjectionVia::Letter,
            text: text(),
        },
        Step::LateObjection => Command::DecideLateObjection {
            take_up: true,
            reason: text(),
        },
        Step::HearingOffer => Command::OfferHearing {
            forms: vec![HearingForm::Phone],
            proposed_moments: vec![now + SignedDuration::from_hours(24)],
            employee_invited: false,
        },
        Step::HearingChoice => {
            let offer = complaint.hearing_offer();
            Command::ChooseHearing {
                form: offer
                    .and_then(|o| o.forms.first().copied())
                    .unwrap_or(HearingForm::Phone),
                moment: offer
                    .and_then(|o| o.proposed_moments.first().copied())
                    .unwrap_or(now),
                employee_present: false,
            }
        }
        Step::HearingDecline => Command::DeclineHearing { reason: None },
        Step::HearingRecord => Command::RecordHearing(HearingRecordInput {
            held_on: today,
            form: HearingForm::Phone,
            attendees: vec![PersonName::try_from("aanwezige").expect("a valid name")],
            complainant_account: text(),
            employee_account: None,
            proposal: None,
            complainant_reaction: text(),
            outcome: HearingOutcome::NotSettled,
        }),
        Step::FinalDecision => Command::IssueFinalDecision {
            dagtekening: today,
            text: text(),
        },
        Step::Withdraw => Command::Withdraw { reason: None },
        Step::NotAComplaint => Command::CloseAsNotAComplaint {
            reason: text(),
            referral: text(),
        },
        Step::Reassign => Command::Reassign {
            to: UserId::try_from("iemand-anders").expect("a valid user id"),
        },
        Step::LinkEmployee => Command::LinkEmployeeAccount {
            user: Some(UserId::try_from("iemand-anders").expect("a valid user id")),
        },
        // Decided per party and per deadline in `offered`.
        Step::Settlement => Command::ConfirmSettlement(SettlementParty::Organisation),
        Step::Extend => Command::ExtendDeadline {
            kind: DeadlineKind::Answer,
            to: ExtendTo::Date(today),
            reason: text(),
        },
    }
}

/// Whether a refusal is about what was typed (the real form supplies it), not about whether
/// the step can be taken at all.
fn about_content(refusal: &Refusal) -> bool {
    match refusal {
        Refusal::AnswerIncomplete { .. }
        | Refusal::Incomplete { .. }
        | Refusal::ReasonRequired
        | Refusal::ReferralRequired
        | Refusal::FormNotOffered
        | Refusal::EmployeeNotInvited
        | Refusal::ReceivedInFuture { .. }
        | Refusal::DateInFuture { .. }
        | Refusal::DateTooEarly { .. }
        | Refusal::ExtensionNotLater { .. }
        | Refusal::SameAssignee
        | Refusal::AssigneeIsEmployeeConcerned
        | Refusal::EmployeeIsAssignee
        | Refusal::SameEmployeeAccount
        | Refusal::NoEmployeeAccount
        | Refusal::DuplicateMessage { .. }
        | Refusal::Term(_) => true,
        Refusal::NotRegistered
        | Refusal::AlreadyRegistered
        | Refusal::WrongProcedure { .. }
        | Refusal::ActorNotAllowed { .. }
        | Refusal::NotInThisState { .. }
        | Refusal::Closed { .. }
        | Refusal::AlreadyContacted
        | Refusal::WindowStillOpen { .. }
        | Refusal::AlreadyConfirmed { .. }
        | Refusal::DeadlineNotOpen { .. }
        | Refusal::DisabledByProcedure { .. }
        | Refusal::NotAnOrganisationDeadline { .. }
        | Refusal::DeadlineEndChanged { .. }
        | Refusal::DeadlinePassed { .. }
        | Refusal::AlreadyAlerted { .. }
        | Refusal::ActorIsEmployeeConcerned => false,
    }
}
