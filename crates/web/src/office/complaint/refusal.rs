//! The domain's refusals and input errors in the page's language. The domain words them in
//! Dutch (`Display`); English is rendered here from the refusal's code and fields. Some
//! refusals carry Dutch phrases chosen inside the domain (what was missing, which date); the
//! known ones are translated from a table, and a refusal with a phrase not in the table stays
//! in the domain's Dutch rather than showing a half-English sentence.

use domain::complaint::{AnswerPart, InvalidInput, Refusal};
use domain::terms::TermError;

use super::fields::capitalised;
use crate::lang::Lang;
use crate::office::labels::{date_long, deadline_kind, status_label};

/// A refusal as shown above the forms.
pub(crate) fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    match lang {
        Lang::Nl => refusal.to_string(),
        Lang::En => english(refusal).unwrap_or_else(|| refusal.to_string()),
    }
}

/// An input error of the domain's value types, as a sentence beside the field.
pub(crate) fn input_text(error: &InvalidInput, lang: Lang) -> String {
    if lang == Lang::Nl {
        return capitalised(&error.to_string());
    }
    let field = |f: &str| phrase(f).unwrap_or("this field").to_owned();
    capitalised(&match error {
        InvalidInput::Empty(f) => format!("{} is not filled in", field(f)),
        InvalidInput::TooLong { field: f, max } => {
            format!("{} is too long (at most {max} characters)", field(f))
        }
        InvalidInput::Email(v) => format!("{v:?} is not a valid e-mail address"),
        InvalidInput::Phone(v) => format!("{v:?} is not a valid phone number"),
        InvalidInput::Region(v) => {
            format!("{v:?} is not a valid region code (letters, digits and '-')")
        }
        InvalidInput::UserId(v) => format!("{v:?} is not a valid user name"),
        InvalidInput::NoContactRoute => {
            "enter an e-mail address or a phone number, so we can get in touch".to_owned()
        }
    })
}

/// A term that could not be read or computed.
pub(crate) fn term_text(error: &TermError, lang: Lang) -> String {
    if lang == Lang::Nl {
        return capitalised(&error.to_string());
    }
    capitalised(&match error {
        TermError::OutOfRange(d) => format!("date outside the supported range (1966–2200): {d}"),
        TermError::Unparseable(t) => format!(
            "unknown term {t:?}: write it in Dutch, for example \"2 weken\", \"15 dagen\" or \"2 werkdagen\""
        ),
        TermError::AmountOutOfRange(t) => {
            format!("term {t:?}: the number must be between 1 and 999")
        }
    })
}

fn english(refusal: &Refusal) -> Option<String> {
    let d = |date| date_long(date, Lang::En);
    Some(match refusal {
        Refusal::NotRegistered => "This complaint has not been registered yet.".into(),
        Refusal::AlreadyRegistered => "This complaint has already been registered.".into(),
        Refusal::WrongProcedure { complaint, given } => format!(
            "This complaint falls under procedure {complaint}, not {given}; a complaint keeps \
             the procedure under which it was submitted."
        ),
        // Turned into a 403 page before it is shown; kept for completeness.
        Refusal::ActorNotAllowed { .. } => "You may not take this step.".into(),
        Refusal::NotInThisState { status, .. } => format!(
            "This step is not possible now: the complaint has the state \u{201c}{}\u{201d}.",
            status_label(*status, Lang::En)
        ),
        Refusal::Closed { status } => format!(
            "The complaint is already closed (\u{201c}{}\u{201d}); nothing more can be added to it.",
            status_label(*status, Lang::En)
        ),
        Refusal::ReceivedInFuture { received_at } => {
            format!("The moment of receipt ({received_at}) lies in the future.")
        }
        Refusal::DateInFuture { what, date, today } => format!(
            "{} ({}) lies in the future; today is {}.",
            capitalised_phrase(what)?,
            d(*date),
            d(*today)
        ),
        Refusal::DateTooEarly {
            what,
            date,
            earliest_what,
            earliest,
        } => format!(
            "{} ({}) lies before {} ({}).",
            capitalised_phrase(what)?,
            d(*date),
            phrase(earliest_what)?,
            d(*earliest)
        ),
        Refusal::AlreadyContacted => {
            "The first contact with the complainant has already been recorded.".into()
        }
        Refusal::AnswerIncomplete { missing } => {
            let parts: Vec<&str> = missing.iter().map(|p| answer_part(*p)).collect();
            format!("The answer is not complete. Missing: {}.", parts.join("; "))
        }
        Refusal::Incomplete { missing } => {
            let parts = missing
                .iter()
                .map(|m| phrase(m))
                .collect::<Option<Vec<_>>>()?;
            format!("Not completely filled in. Missing: {}.", parts.join("; "))
        }
        Refusal::ReasonRequired => "Give a reason.".into(),
        Refusal::ReferralRequired => {
            "State where the complainant can go with this matter (referral).".into()
        }
        Refusal::FormNotOffered => "That form of oral explanation was not offered.".into(),
        Refusal::EmployeeNotInvited => "The employee the complaint concerns was not invited to \
             the conversation; both sides are heard only when both parties find that useful."
            .into(),
        Refusal::WindowStillOpen { window, end } => format!(
            "The term for {} runs until and including {}.",
            deadline_kind(*window, Lang::En),
            d(*end)
        ),
        Refusal::AlreadyConfirmed { by } => {
            format!(
                "The settlement has already been confirmed by {}.",
                phrase(by)?
            )
        }
        Refusal::DeadlineNotOpen { kind } => {
            format!("No term is running for {}.", deadline_kind(*kind, Lang::En))
        }
        Refusal::ExtensionNotLater {
            current_end,
            new_end,
        } => format!(
            "The new end date ({}) is not after the current one ({}).",
            d(*new_end),
            d(*current_end)
        ),
        Refusal::SameAssignee => "The complaint is already assigned to this handler.".into(),
        Refusal::AssigneeIsEmployeeConcerned => "The complaint is about this employee; choose \
             another handler (or first unlink the employee)."
            .into(),
        Refusal::EmployeeIsAssignee => "This employee handles the complaint; first assign it to \
             another handler, then link the employee."
            .into(),
        Refusal::SameEmployeeAccount => "This employee is already linked to the complaint.".into(),
        Refusal::NoEmployeeAccount => "No employee is linked to the complaint.".into(),
        Refusal::ActorIsEmployeeConcerned => {
            "The complaint is about you; you cannot take steps in it yourself.".into()
        }
        Refusal::DisabledByProcedure { what } => format!(
            "The procedure of this complaint does not allow this: {}.",
            phrase(what)?
        ),
        Refusal::DuplicateMessage { message_id } => {
            format!("This message ({message_id}) is already recorded with this complaint.")
        }
        Refusal::NotAnOrganisationDeadline { kind } => format!(
            "The term for {} is the complainant's, not the organisation's.",
            deadline_kind(*kind, Lang::En)
        ),
        Refusal::DeadlineEndChanged {
            kind,
            end,
            current_end,
        } => format!(
            "The term for {} no longer ends on {} but on {}.",
            deadline_kind(*kind, Lang::En),
            d(*end),
            d(*current_end)
        ),
        Refusal::DeadlinePassed { kind, end } => format!(
            "The term for {} already ended on {}.",
            deadline_kind(*kind, Lang::En),
            d(*end)
        ),
        Refusal::AlreadyAlerted { kind, end } => format!(
            "This has already been reported for the term for {} until {}.",
            deadline_kind(*kind, Lang::En),
            d(*end)
        ),
        Refusal::Term(e) => format!("The term cannot be computed: {}", term_text(e, Lang::En)),
    })
}

fn answer_part(part: AnswerPart) -> &'static str {
    match part {
        AnswerPart::ComplaintAsUnderstood => "the complaint as we understand it",
        AnswerPart::ProposedSolution => "the proposed solution or measures to be taken",
        AnswerPart::FurtherProcedure => "the further procedure if the complainant does not agree",
    }
}

fn capitalised_phrase(dutch: &str) -> Option<String> {
    let en = phrase(dutch)?;
    let mut chars = en.chars();
    Some(
        chars
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
            + chars.as_str(),
    )
}

/// The Dutch phrases the domain puts into refusals and input errors, in English.
fn phrase(dutch: &str) -> Option<&'static str> {
    Some(match dutch {
        "de tekst" => "the text",
        "de naam" => "the name",
        "het adres" => "the address",
        "de categorie" => "the category",
        "de dagtekening" => "the date of the letter",
        "de datum van het contact" => "the date of the contact",
        "de datum van het gesprek" => "the date of the conversation",
        "een voorgesteld moment" => "a proposed moment",
        "vandaag" => "today",
        "de ontvangst van de klacht" => "the receipt of the complaint",
        "de ontvangst van het bezwaar" => "the receipt of the objection",
        "de inhoud van het bezwaar" => "the content of the objection",
        "de reactie van de klager" => "the complainant's reaction",
        "de tekst van de afhandeling" => "the text of the settlement",
        "de tekst van de beslissing" => "the text of the decision",
        "de toelichting van de klager" => "the complainant's explanation",
        "de vorm (telefonisch of op kantoor)" => "the form (by phone or at the office)",
        "een of meer voorgestelde momenten" => "one or more proposed moments",
        "wie aanwezig waren" => "who attended",
        "de organisatie" => "the organisation",
        "de klager" => "the complainant",
        "afsluiten als geen klacht" => "closing as not a complaint",
        "afsluiten zonder bezwaar" => "closing without objection",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn refusals_are_dutch_by_default_and_english_when_asked() {
        let r = Refusal::Incomplete {
            missing: vec!["de tekst van de beslissing"],
        };
        assert_eq!(refusal_text(&r, Lang::Nl), r.to_string());
        assert_eq!(
            refusal_text(&r, Lang::En),
            "Not completely filled in. Missing: the text of the decision."
        );
        let r = Refusal::ExtensionNotLater {
            current_end: date(2026, 5, 1),
            new_end: date(2026, 4, 30),
        };
        assert_eq!(
            refusal_text(&r, Lang::En),
            "The new end date (Thursday 30 April 2026) is not after the current one (Friday 1 May 2026)."
        );
    }

    #[test]
    fn a_refusal_with_an_unknown_dutch_phrase_stays_dutch() {
        let r = Refusal::Incomplete {
            missing: vec!["iets nieuws"],
        };
        assert_eq!(refusal_text(&r, Lang::En), r.to_string());
    }
}
