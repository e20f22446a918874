//! The written answer's prefilled further-procedure paragraph (the last day to object, computed
//! with the calendar from the dagtekening and the procedure's objection term, and the address of
//! the region's management) and the preview of the answer as the letter states it.
//!
//! Seam for the PDF letter: [`preview`] builds the letter's parts from the draft. When the
//! letters crate is wired in, the preview can render `letters::LetterKind::Antwoord` from the
//! same draft instead (or link to a PDF preview route); the form and its fields stay.

use domain::complaint::{AnswerDraft, date_nl};
use domain::procedure::DeadlineKind;
use domain::terms;
use jiff::civil::Date;

use crate::AppState;
use crate::lang::Lang;
use crate::office::labels::date_long;

/// The last day to object to an answer dated `dagtekening` (None when the term cannot be
/// computed, e.g. a date outside the calendar's range).
pub(crate) fn last_day_to_object(state: &AppState, dagtekening: Date) -> Option<Date> {
    let procedure = state.app.current_procedure();
    let term = procedure.term(DeadlineKind::Objection);
    terms::deadline(
        dagtekening,
        term.term,
        procedure.policy(),
        &state.app.calendar(),
    )
    .ok()
    .map(|d| d.end)
}

/// The paragraph the answer must contain about the further procedure (part c of step 3).
pub(crate) fn further_procedure(
    state: &AppState,
    dagtekening: Date,
    region: Option<&store::Region>,
) -> String {
    let term = state
        .app
        .current_procedure()
        .term(DeadlineKind::Objection)
        .term;
    let last = last_day_to_object(state, dagtekening).map_or_else(String::new, |d| {
        format!(", dus uiterlijk op {}", date_nl(d))
    });
    let to = match region {
        Some(r) => format!(
            "{} van regio {}, {}",
            r.management_name,
            r.name,
            r.management_address.replace('\n', ", ")
        ),
        None => "de directie van uw regio".to_owned(),
    };
    format!(
        "Bent u het niet eens met deze reactie? Dan kunt u binnen {term} na de dagtekening van \
         deze brief{last} schriftelijk bezwaar maken bij {to}. U kunt ook bezwaar maken via de \
         persoonlijke pagina over uw klacht. Na ontvangst van uw bezwaar wordt u binnen een week \
         in de gelegenheid gesteld om uw bezwaar mondeling toe te lichten."
    )
}

/// The answer as the letter will state it.
#[derive(Debug)]
pub(crate) struct LetterPreview {
    /// "Dagtekening: vrijdag 1 mei 2026".
    pub dated: String,
    pub paragraphs: Vec<(&'static str, String)>,
    /// The last day to object for this dagtekening, to compare with the paragraph's text.
    pub last_day: Option<String>,
}

/// The letter itself is Dutch, so its headings and text stay Dutch; the dates around it are
/// in the page's language.
pub(crate) fn preview(state: &AppState, draft: &AnswerDraft, lang: Lang) -> LetterPreview {
    let dagtekening = draft.dagtekening;
    LetterPreview {
        dated: dagtekening.map_or_else(
            || lang.t("(geen dagtekening)", "(no date)").into(),
            |d| date_long(d, lang),
        ),
        paragraphs: vec![
            (
                "De klacht zoals wij die begrijpen",
                draft.complaint_as_understood.clone(),
            ),
            (
                "Onze oplossing of maatregelen",
                draft.proposed_solution.clone(),
            ),
            (
                "Als u het er niet mee eens bent",
                draft.further_procedure.clone(),
            ),
        ],
        last_day: dagtekening
            .and_then(|d| last_day_to_object(state, d))
            .map(|d| date_long(d, lang)),
    }
}
