//! The dashboard (`/kantoor/dashboard`) and its CSV export (`/kantoor/dashboard.csv`): open
//! complaints per region and state, due this week and overdue, and per kind of deadline the
//! share met and the median days taken over a period. Every staff member may look; what they
//! see is their scope (see [`figures::Scope`]), filtered in the store's queries. The exact
//! definitions of the figures are in [`figures`] and `docs/dashboard.md`.

mod csv;
mod figures;
mod page;

use axum::Router;
use axum::routing::get;
use domain::procedure::DeadlineKind;

use crate::AppState;
use crate::lang::Lang;
use crate::office::staff::percent_encode;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/kantoor/dashboard", get(page::dashboard_get))
        .route("/kantoor/dashboard.csv", get(csv::dashboard_csv_get))
}

/// A deadline kind for people, short enough for a chart label.
fn kind_label(kind: DeadlineKind, lang: Lang) -> String {
    let (nl, en) = match kind {
        DeadlineKind::Contact => ("Contact met de klager", "Contact with the complainant"),
        DeadlineKind::Answer => ("Schriftelijke reactie", "Written answer"),
        DeadlineKind::Objection => ("Bezwaar (door de klager)", "Objection (by the complainant)"),
        DeadlineKind::HearingOffer => ("Uitnodiging mondelinge toelichting", "Hearing offer"),
        DeadlineKind::HearingResponse => (
            "Reactie op de uitnodiging (door de klager)",
            "Reply to the offer (by the complainant)",
        ),
        DeadlineKind::FinalDecision => ("Definitieve beslissing", "Final decision"),
    };
    lang.t(nl, en).to_owned()
}

/// `?regio=…&van=…&tot=…` for links that keep the current selection.
fn query_string(region: &str, period: &figures::Period) -> String {
    let mut pairs = Vec::new();
    if !region.is_empty() {
        pairs.push(format!("regio={}", percent_encode(region)));
    }
    pairs.push(format!("van={}", period.from));
    pairs.push(format!("tot={}", period.to));
    format!("?{}", pairs.join("&"))
}
