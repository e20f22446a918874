//! Why a step is refused: in Dutch for the person who tried it, with a stable code for the API.
//!
//! A refusal is an answer, not a crash: the web layer shows `Display` next to the form, the JSON
//! API returns `code()`, and nothing is recorded.

use jiff::{Timestamp, civil::Date};

use super::deadlines::date_nl;
use super::state::Status;
use crate::procedure::DeadlineKind;
use crate::terms::TermError;

/// The three parts the written answer must contain (procedure step 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerPart {
    ComplaintAsUnderstood,
    ProposedSolution,
    FurtherProcedure,
}

impl AnswerPart {
    pub fn label_nl(self) -> &'static str {
        match self {
            AnswerPart::ComplaintAsUnderstood => "de klacht zoals wij die begrijpen",
            AnswerPart::ProposedSolution => "de voorgestelde oplossing of te nemen maatregelen",
            AnswerPart::FurtherProcedure => {
                "de verdere procedure als de klager het er niet mee eens is"
            }
        }
    }
}

fn list(items: &[&str]) -> String {
    items.join("; ")
}

/// A command that cannot be carried out, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Deze klacht is nog niet geregistreerd.")]
    NotRegistered,
    #[error("Deze klacht is al geregistreerd.")]
    AlreadyRegistered,
    #[error(
        "Deze klacht valt onder procedure {complaint}, niet onder {given}; \
         een klacht houdt de procedure waaronder zij is ingediend."
    )]
    WrongProcedure { complaint: String, given: String },
    #[error("{actor} mag de stap \u{201c}{step}\u{201d} niet uitvoeren; dat doet {who}.")]
    ActorNotAllowed {
        step: String,
        actor: String,
        who: String,
    },
    #[error("{action} kan nu niet: de klacht heeft de status \u{201c}{}\u{201d}.", status.label_nl())]
    NotInThisState {
        action: &'static str,
        status: Status,
    },
    #[error("De klacht is al afgesloten (\u{201c}{}\u{201d}); er kan niets meer aan worden toegevoegd.", status.label_nl())]
    Closed { status: Status },
    #[error("Het tijdstip van ontvangst ({received_at}) ligt in de toekomst.")]
    ReceivedInFuture { received_at: Timestamp },
    #[error("{what} ({}) ligt in de toekomst; vandaag is het {}.", date_nl(*date), date_nl(*today))]
    DateInFuture {
        what: &'static str,
        date: Date,
        today: Date,
    },
    #[error("{what} ({}) ligt vóór {earliest_what} ({}).", date_nl(*date), date_nl(*earliest))]
    DateTooEarly {
        what: &'static str,
        date: Date,
        earliest_what: &'static str,
        earliest: Date,
    },
    #[error("Het eerste contact met de klager is al vastgelegd.")]
    AlreadyContacted,
    #[error(
        "De reactie is niet volledig. Het ontbreekt aan: {}.",
        list(&missing.iter().map(|p| p.label_nl()).collect::<Vec<_>>())
    )]
    AnswerIncomplete { missing: Vec<AnswerPart> },
    #[error("Niet volledig ingevuld. Het ontbreekt aan: {}.", list(missing))]
    Incomplete { missing: Vec<&'static str> },
    #[error("Geef een reden op.")]
    ReasonRequired,
    #[error("Geef aan waar de klager met deze kwestie terecht kan (verwijzing).")]
    ReferralRequired,
    #[error("Die vorm van mondelinge toelichting is niet aangeboden.")]
    FormNotOffered,
    #[error(
        "De medewerker op wie de klacht zich toespitst was niet voor het gesprek uitgenodigd; \
         hoor en wederhoor vindt alleen plaats als beide partijen dat zinvol vinden."
    )]
    EmployeeNotInvited,
    #[error("De termijn voor {} loopt nog tot en met {}.", window.label_nl(), date_nl(*end))]
    WindowStillOpen { window: DeadlineKind, end: Date },
    #[error("De afhandeling is door {by} al bevestigd.")]
    AlreadyConfirmed { by: &'static str },
    #[error("Er loopt geen termijn voor {}.", kind.label_nl())]
    DeadlineNotOpen { kind: DeadlineKind },
    #[error(
        "De nieuwe einddatum ({}) ligt niet na de huidige ({}).",
        date_nl(*new_end), date_nl(*current_end)
    )]
    ExtensionNotLater { current_end: Date, new_end: Date },
    #[error("De klacht is al aan deze behandelaar toegewezen.")]
    SameAssignee,
    #[error(
        "De klacht gaat over deze medewerker; kies een andere behandelaar \
         (of ontkoppel eerst de medewerker)."
    )]
    AssigneeIsEmployeeConcerned,
    #[error(
        "Deze medewerker behandelt de klacht zelf; wijs de klacht eerst aan een andere \
         behandelaar toe en koppel dan de medewerker."
    )]
    EmployeeIsAssignee,
    #[error("Deze medewerker is al aan de klacht gekoppeld.")]
    SameEmployeeAccount,
    #[error("Er is geen medewerker aan de klacht gekoppeld.")]
    NoEmployeeAccount,
    #[error("De klacht gaat over u; u kunt er zelf geen stappen in zetten.")]
    ActorIsEmployeeConcerned,
    #[error("De procedure van deze klacht staat dit niet toe: {what}.")]
    DisabledByProcedure { what: &'static str },
    #[error("Dit bericht ({message_id}) is al bij deze klacht vastgelegd.")]
    DuplicateMessage { message_id: String },
    #[error("De termijn voor {} is een termijn van de klager, niet van de organisatie.", kind.label_nl())]
    NotAnOrganisationDeadline { kind: DeadlineKind },
    #[error(
        "De termijn voor {} eindigt niet meer op {} maar op {}.",
        kind.label_nl(), date_nl(*end), date_nl(*current_end)
    )]
    DeadlineEndChanged {
        kind: DeadlineKind,
        end: Date,
        current_end: Date,
    },
    #[error("De termijn voor {} is op {} al verstreken.", kind.label_nl(), date_nl(*end))]
    DeadlinePassed { kind: DeadlineKind, end: Date },
    #[error("Voor de termijn voor {} tot en met {} is dit al gemeld.", kind.label_nl(), date_nl(*end))]
    AlreadyAlerted { kind: DeadlineKind, end: Date },
    #[error("De termijn kan niet worden berekend: {0}")]
    Term(#[from] TermError),
}

impl Refusal {
    /// A stable machine name (API, logs, tests).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotRegistered => "not_registered",
            Refusal::AlreadyRegistered => "already_registered",
            Refusal::WrongProcedure { .. } => "wrong_procedure",
            Refusal::ActorNotAllowed { .. } => "actor_not_allowed",
            Refusal::NotInThisState { .. } => "not_allowed_in_status",
            Refusal::Closed { .. } => "complaint_closed",
            Refusal::ReceivedInFuture { .. } => "received_in_future",
            Refusal::DateInFuture { .. } => "date_in_future",
            Refusal::DateTooEarly { .. } => "date_too_early",
            Refusal::AlreadyContacted => "already_contacted",
            Refusal::AnswerIncomplete { .. } => "answer_incomplete",
            Refusal::Incomplete { .. } => "incomplete",
            Refusal::ReasonRequired => "reason_required",
            Refusal::ReferralRequired => "referral_required",
            Refusal::FormNotOffered => "form_not_offered",
            Refusal::EmployeeNotInvited => "employee_not_invited",
            Refusal::WindowStillOpen { .. } => "window_still_open",
            Refusal::AlreadyConfirmed { .. } => "already_confirmed",
            Refusal::DeadlineNotOpen { .. } => "deadline_not_open",
            Refusal::ExtensionNotLater { .. } => "extension_not_later",
            Refusal::SameAssignee => "same_assignee",
            Refusal::AssigneeIsEmployeeConcerned => "assignee_is_employee_concerned",
            Refusal::EmployeeIsAssignee => "employee_is_assignee",
            Refusal::SameEmployeeAccount => "same_employee_account",
            Refusal::NoEmployeeAccount => "no_employee_account",
            Refusal::ActorIsEmployeeConcerned => "actor_is_employee_concerned",
            Refusal::DisabledByProcedure { .. } => "disabled_by_procedure",
            Refusal::DuplicateMessage { .. } => "duplicate_message",
            Refusal::NotAnOrganisationDeadline { .. } => "not_an_organisation_deadline",
            Refusal::DeadlineEndChanged { .. } => "deadline_end_changed",
            Refusal::DeadlinePassed { .. } => "deadline_passed",
            Refusal::AlreadyAlerted { .. } => "already_alerted",
            Refusal::Term(_) => "term_error",
        }
    }
}
