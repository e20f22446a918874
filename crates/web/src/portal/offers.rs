//! Which of the complainant's own steps the page offers now, decided by the complaint's
//! status (the domain decides again when the step is taken), and the confirmations shown after
//! one succeeded.

use domain::complaint::{Complaint, HearingForm, Status};
use jiff::civil::Date;

use super::explain::{date_in, moment_in};
use super::page::late_objection_possible;
use super::timeline::form_label;
use crate::lang::Lang;

/// A radio button.
#[derive(Debug)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
}

/// Which steps the page offers now.
#[derive(Debug, Default)]
pub(super) struct Actions {
    pub objection: Option<ObjectionOffer>,
    pub hearing: Option<HearingOffer>,
    /// Declining is possible (offered, or planned but not yet held).
    pub decline: bool,
    pub settlement: Option<SettlementOffer>,
}

#[derive(Debug)]
pub(super) struct ObjectionOffer {
    /// The last day to object, e.g. "woensdag 6 mei 2026".
    pub last_day: Option<String>,
    /// Today is after that day: the objection will be registered as late.
    pub late: bool,
}

#[derive(Debug)]
pub(super) struct HearingOffer {
    pub forms: Vec<Choice>,
    pub moments: Vec<Choice>,
    pub employee_invited: bool,
}

#[derive(Debug)]
pub(super) struct SettlementOffer {
    pub text: String,
    /// The complainant confirmed; the organisation has not yet.
    pub confirmed_by_you: bool,
}

pub(super) fn available(c: &Complaint, today: Date, lang: Lang) -> Actions {
    let status = c.status();
    let mut actions = Actions::default();
    if status == Status::Answered || late_objection_possible(status) {
        let end = c.objection_window_end();
        actions.objection = Some(ObjectionOffer {
            last_day: end.map(|d| date_in(d, lang)),
            late: end.is_some_and(|end| today > end),
        });
    }
    if status == Status::HearingOffered
        && let Some(offer) = c.hearing_offer()
    {
        actions.hearing = Some(HearingOffer {
            forms: offer
                .forms
                .iter()
                .map(|f| Choice {
                    value: form_value(*f).into(),
                    label: form_label(*f, lang).into(),
                })
                .collect(),
            moments: offer
                .proposed_moments
                .iter()
                .map(|m| Choice {
                    value: m.to_string(),
                    label: moment_in(*m, lang),
                })
                .collect(),
            employee_invited: offer.employee_invited,
        });
    }
    actions.decline = matches!(status, Status::HearingOffered | Status::HearingScheduled);
    if status == Status::SettlementPending
        && let Some(settlement) = c.hearing_record().and_then(|r| r.settlement.as_ref())
    {
        let (_, by_complainant) = c.settlement_confirmations();
        actions.settlement = Some(SettlementOffer {
            text: settlement.to_string(),
            confirmed_by_you: by_complainant,
        });
    }
    actions
}

fn form_value(form: HearingForm) -> &'static str {
    match form {
        HearingForm::Phone => "telefonisch",
        HearingForm::Office => "kantoor",
    }
}

/// The confirmation shown after a step (`?gedaan=…`): fixed texts, never echoed input.
pub(super) fn notice(done: &str, lang: Lang) -> Option<&'static str> {
    Some(match done {
        "bezwaar" => lang.t(
            "Uw bezwaar is ontvangen. U ziet het hieronder in het overzicht.",
            "Your objection has been received. You can see it in the overview below.",
        ),
        "gesprek" => lang.t(
            "Uw keuze is ontvangen: het gesprek is gepland.",
            "Your choice has been received: the conversation is planned.",
        ),
        "afgezien" => lang.t(
            "U heeft afgezien van een mondelinge toelichting. De directie van de regio neemt een definitieve beslissing.",
            "You declined the oral explanation. The region's management takes a final decision.",
        ),
        "bericht" => lang.t(
            "Uw bericht is ontvangen. U ziet het hieronder in het overzicht.",
            "Your message has been received. You can see it in the overview below.",
        ),
        "bevestigd" => lang.t(
            "U heeft de afspraak bevestigd.",
            "You confirmed the settlement.",
        ),
        _ => return None,
    })
}
