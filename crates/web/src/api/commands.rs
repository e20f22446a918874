//! Each step's JSON body becomes the domain's command here, once (parse, don't validate), as the
//! office's `forms` does for its forms: types, dates, moments, choices and names are checked
//! with a message per field (422). What the procedure itself requires of the content (the three
//! parts of the answer, a reason, a referral) is left to the domain, whose refusal (409) names
//! everything missing at once.

use domain::complaint::{
    AnswerDraft, Command, Complaint, ConfirmationVia, ContactMethod, ExtendTo, HearingForm,
    HearingOutcome, HearingRecordInput, ObjectionVia, PersonName, SettlementParty, Text, UserId,
};
use domain::procedure::DeadlineKind;
use domain::terms::Term;

use super::error::ApiError;
use super::input::Input;
use crate::office::complaint::forms::{Assignable, Step};

/// A step of the procedure as the API names it: `POST /api/v1/complaints/{reference}/{path}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApiStep {
    Contact,
    Answer,
    Objection,
    LateObjection,
    HearingOffer,
    HearingChoice,
    Hearing,
    Settlement,
    Decision,
    Withdrawal,
    Extension,
    NotAComplaint,
    Reassign,
    Employee,
}

impl ApiStep {
    pub(crate) const ALL: [ApiStep; 14] = [
        ApiStep::Contact,
        ApiStep::Answer,
        ApiStep::Objection,
        ApiStep::LateObjection,
        ApiStep::HearingOffer,
        ApiStep::HearingChoice,
        ApiStep::Hearing,
        ApiStep::Settlement,
        ApiStep::Decision,
        ApiStep::Withdrawal,
        ApiStep::Extension,
        ApiStep::NotAComplaint,
        ApiStep::Reassign,
        ApiStep::Employee,
    ];

    pub(crate) fn path(self) -> &'static str {
        match self {
            ApiStep::Contact => "contact",
            ApiStep::Answer => "answer",
            ApiStep::Objection => "objection",
            ApiStep::LateObjection => "late-objection",
            ApiStep::HearingOffer => "hearing-offer",
            ApiStep::HearingChoice => "hearing-choice",
            ApiStep::Hearing => "hearing",
            ApiStep::Settlement => "settlement",
            ApiStep::Decision => "decision",
            ApiStep::Withdrawal => "withdrawal",
            ApiStep::Extension => "extension",
            ApiStep::NotAComplaint => "not-a-complaint",
            ApiStep::Reassign => "reassign",
            ApiStep::Employee => "employee",
        }
    }

    /// The API step of an office step (the office's two hearing answers are one step here).
    pub(crate) fn of(step: Step) -> ApiStep {
        match step {
            Step::Contact => ApiStep::Contact,
            Step::Answer => ApiStep::Answer,
            Step::Objection => ApiStep::Objection,
            Step::LateObjection => ApiStep::LateObjection,
            Step::HearingOffer => ApiStep::HearingOffer,
            Step::HearingChoice | Step::HearingDecline => ApiStep::HearingChoice,
            Step::HearingRecord => ApiStep::Hearing,
            Step::Settlement => ApiStep::Settlement,
            Step::FinalDecision => ApiStep::Decision,
            Step::Withdraw => ApiStep::Withdrawal,
            Step::Extend => ApiStep::Extension,
            Step::NotAComplaint => ApiStep::NotAComplaint,
            Step::Reassign => ApiStep::Reassign,
            Step::LinkEmployee => ApiStep::Employee,
        }
    }
}

/// What parsing may look up besides the body.
pub(crate) struct Known<'a> {
    pub complaint: &'a Complaint,
    pub assignable: &'a [Assignable],
    /// Whose account can be linked as the employee concerned.
    pub linkable: &'a [Assignable],
}

const CONTACT_VIA: [(&str, ContactMethod); 2] = [
    ("phone", ContactMethod::Phone),
    ("email", ContactMethod::Email),
];
const OBJECTION_VIA: [(&str, ObjectionVia); 3] = [
    ("letter", ObjectionVia::Letter),
    ("email", ObjectionVia::Email),
    ("phone", ObjectionVia::Phone),
];
const HEARING_FORMS: [(&str, HearingForm); 2] = [
    ("phone", HearingForm::Phone),
    ("office", HearingForm::Office),
];

/// The command for `step`, or a 422 naming every field that is not right.
pub(crate) fn command(step: ApiStep, mut i: Input, k: &Known<'_>) -> Result<Command, ApiError> {
    let command = match step {
        ApiStep::Contact => {
            let via = i.choice("via", &CONTACT_VIA);
            let at = i.timestamp("contacted_at");
            let note = optional_text(&mut i, "note");
            match (via, at, note) {
                (Some(via), Some(contacted_at), Some(note)) => Some(Command::LogFirstContact {
                    via,
                    contacted_at,
                    note,
                }),
                _ => None,
            }
        }
        ApiStep::Answer => i.date("letter_date").map(|d| {
            Command::IssueAnswer(AnswerDraft {
                dagtekening: Some(d),
                complaint_as_understood: i.text("complaint_as_understood"),
                proposed_solution: i.text("proposed_solution"),
                further_procedure: i.text("further_procedure"),
            })
        }),
        ApiStep::Objection => {
            let via = i.choice("via", &OBJECTION_VIA);
            let at = i.timestamp("received_at");
            let text = i.text("text");
            via.zip(at)
                .map(|(via, received_at)| Command::RegisterObjection {
                    received_at,
                    via,
                    text,
                })
        }
        ApiStep::LateObjection => i
            .bool("take_up")
            .map(|take_up| Command::DecideLateObjection {
                take_up,
                reason: i.text("reason"),
            }),
        ApiStep::HearingOffer => {
            let forms = i.strings("forms").map(|names| {
                let forms: Option<Vec<HearingForm>> = names
                    .iter()
                    .map(|n| HEARING_FORMS.iter().find(|(v, _)| v == n).map(|(_, f)| *f))
                    .collect();
                forms.filter(|f| !f.is_empty())
            });
            let forms = match forms {
                Some(Some(forms)) => Some(forms),
                Some(None) => {
                    i.add("forms", "must list at least one of: phone, office");
                    None
                }
                None => None,
            };
            let moments = i.strings("proposed_moments").and_then(|list| {
                let parsed: Result<Vec<_>, String> = list
                    .iter()
                    .map(|m| super::input::parse_timestamp(m))
                    .collect();
                match parsed {
                    Ok(m) if m.is_empty() => {
                        i.add("proposed_moments", "must list at least one moment");
                        None
                    }
                    other => i.check("proposed_moments", other),
                }
            });
            let employee_invited = i.bool_or("employee_invited", false);
            forms
                .zip(moments)
                .map(|(forms, proposed_moments)| Command::OfferHearing {
                    forms,
                    proposed_moments,
                    employee_invited,
                })
        }
        ApiStep::HearingChoice => hearing_choice(&mut i, k),
        ApiStep::Hearing => hearing_record(&mut i).map(Command::RecordHearing),
        ApiStep::Settlement => i
            .choice(
                "party",
                &[
                    ("organisation", SettlementParty::Organisation),
                    (
                        "complainant",
                        SettlementParty::Complainant {
                            via: ConfirmationVia::PaperCopy,
                        },
                    ),
                ],
            )
            .map(Command::ConfirmSettlement),
        ApiStep::Decision => i
            .date("letter_date")
            .map(|dagtekening| Command::IssueFinalDecision {
                dagtekening,
                text: i.text("text"),
            }),
        ApiStep::Withdrawal => {
            optional_text(&mut i, "reason").map(|reason| Command::Withdraw { reason })
        }
        ApiStep::Extension => extension(&mut i),
        ApiStep::NotAComplaint => Some(Command::CloseAsNotAComplaint {
            reason: i.text("reason"),
            referral: i.text("referral"),
        }),
        ApiStep::Reassign => {
            let chosen = i.str("assignee");
            let known = chosen
                .as_deref()
                .is_some_and(|c| k.assignable.iter().any(|a| a.id == c));
            match chosen.map(UserId::try_from) {
                Some(Ok(to)) if known => Some(Command::Reassign { to }),
                Some(_) => {
                    i.add(
                        "assignee",
                        "must be the id of an active handler or regional director of the complaint's region",
                    );
                    None
                }
                None => None,
            }
        }
        ApiStep::Employee => employee(&mut i, k),
    };
    i.finish(command)
}

/// `{"user": "<id>"}` links that staff account, `{"user": null}` unlinks; the field is required
/// so that forgetting it never unlinks.
fn employee(i: &mut Input, k: &Known<'_>) -> Option<Command> {
    if !i.has("user") {
        i.add("user", "is required (null unlinks)");
        return None;
    }
    let Some(chosen) = i.optional_str("user") else {
        return Some(Command::LinkEmployeeAccount { user: None });
    };
    let known = k.linkable.iter().any(|a| a.id == chosen);
    match UserId::try_from(chosen) {
        Ok(user) if known => Some(Command::LinkEmployeeAccount { user: Some(user) }),
        _ => {
            i.add("user", "must be the id of an active staff user, or null");
            None
        }
    }
}

fn hearing_choice(i: &mut Input, k: &Known<'_>) -> Option<Command> {
    match i.choice("choice", &[("accept", true), ("decline", false)])? {
        false => optional_text(i, "reason").map(|reason| Command::DeclineHearing { reason }),
        true => {
            let form = i.choice("form", &HEARING_FORMS);
            let offered = k
                .complaint
                .hearing_offer()
                .map(|o| o.proposed_moments.clone())
                .unwrap_or_default();
            let moment = i.timestamp("moment");
            let moment = match moment {
                Some(m) if offered.contains(&m) => Some(m),
                Some(_) => {
                    i.add("moment", "must be one of the proposed moments");
                    None
                }
                None => None,
            };
            let employee_present = i.bool_or("employee_present", false);
            form.zip(moment)
                .map(|(form, moment)| Command::ChooseHearing {
                    form,
                    moment,
                    employee_present,
                })
        }
    }
}

fn hearing_record(i: &mut Input) -> Option<HearingRecordInput> {
    let held_on = i.date("held_on");
    let form = i.choice("form", &HEARING_FORMS);
    let mut attendees = Vec::new();
    for name in i.strings("attendees").unwrap_or_default() {
        match PersonName::try_from(name.as_str()) {
            Ok(n) => attendees.push(n),
            Err(_) => i.add("attendees", format!("{name:?} is not a valid name")),
        }
    }
    let outcome = match i.choice("outcome", &[("settled", true), ("not_settled", false)]) {
        Some(true) => Some(HearingOutcome::Settled {
            settlement: i.text("settlement"),
        }),
        Some(false) => Some(HearingOutcome::NotSettled),
        None => None,
    };
    let employee_account = i.optional_str("employee_account");
    let proposal = i.optional_str("proposal");
    Some(HearingRecordInput {
        held_on: held_on?,
        form: form?,
        attendees,
        complainant_account: i.text("complainant_account"),
        employee_account,
        proposal,
        complainant_reaction: i.text("complainant_reaction"),
        outcome: outcome?,
    })
}

fn extension(i: &mut Input) -> Option<Command> {
    let kind = i.str("deadline").and_then(|d| {
        let kind = DeadlineKind::parse(&d);
        if kind.is_none() {
            let names: Vec<&str> = DeadlineKind::ALL.iter().map(|k| k.as_str()).collect();
            i.add("deadline", format!("must be one of: {}", names.join(", ")));
        }
        kind
    });
    let to = match (i.optional_str("new_end"), i.optional_str("new_term")) {
        (Some(date), None) => i
            .check("new_end", super::input::parse_date(&date))
            .map(ExtendTo::Date),
        (None, Some(term)) => i
            .check(
                "new_term",
                term.parse::<Term>()
                    .map_err(|e| format!("is not a term such as \"4 weken\": {e}")),
            )
            .map(ExtendTo::Term),
        _ => {
            i.add(
                "new_end",
                "give either new_end (a date) or new_term, not both",
            );
            None
        }
    };
    Some(Command::ExtendDeadline {
        kind: kind?,
        to: to?,
        reason: i.text("reason"),
    })
}

/// An optional free text (blank is none); Some(None) when absent, None when invalid.
fn optional_text(i: &mut Input, name: &str) -> Option<Option<Text>> {
    match i.optional_str(name) {
        None => Some(None),
        Some(v) => i.check(
            name,
            Text::try_from(v)
                .map(Some)
                .map_err(|_| "must be a text of at most 20000 characters".to_owned()),
        ),
    }
}
