//! The receipt after a submission, and the public form's own message pages (429, unreadable
//! body).
//!
//! The receipt is reached only through the signed, short-lived link the form redirects to, and
//! shows no personal data: the reference, what happens next and the dates, each with how it
//! was computed.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::{OpenDeadline, date_nl};
use domain::procedure::DeadlineKind;
use domain::reference::Reference;
use domain::terms::{Term, TermUnit};
use jiff::civil::Date;
use serde::Deserialize;

use super::Public;
use super::spam::{self, RetryAfter};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

/// One promised date on the receipt.
#[derive(Debug)]
struct Promise {
    /// E.g. "woensdag 6 mei 2026".
    date: String,
    /// How it was computed: the term and its start.
    rule: String,
    /// The days passed over, each with its reason unless it is a weekend day.
    passed_over: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/received.html")]
struct ReceivedPage {
    lang: Lang,
    reference: String,
    contact: Option<Promise>,
    answer: Option<Promise>,
    /// The objection term, e.g. "15 dagen".
    objection_term: String,
}

#[derive(Deserialize)]
pub(crate) struct ReceiptQuery {
    #[serde(default)]
    t: String,
}

pub(crate) async fn complaint_received_get(
    State(state): State<AppState>,
    Extension(public): Extension<Arc<Public>>,
    Path(reference): Path<String>,
    Query(q): Query<ReceiptQuery>,
    lang: Lang,
) -> Response {
    received(&state, &public, &reference, &q.t, lang)
        .await
        .unwrap_or_else(|e| e.page(lang))
}

async fn received(
    state: &AppState,
    public: &Public,
    reference: &str,
    token: &str,
    lang: Lang,
) -> Result<Response, WebError> {
    let reference: Reference = reference.parse().map_err(|_| WebError::NotFound)?;
    let signer = public.signer(state).await?;
    let now = state.app.clock().now();
    if !spam::receipt_valid(signer, reference, token, now) {
        return Err(WebError::NotFound);
    }
    let loaded = state.app.load(reference).await?;
    let deadlines = loaded.complaint.open_deadlines();
    let promise = |kind| {
        deadlines
            .iter()
            .find(|d| d.kind == kind)
            .map(|d| promise(d, lang))
    };
    let objection = state
        .app
        .current_procedure()
        .term(DeadlineKind::Objection)
        .term;
    let page = ReceivedPage {
        lang,
        reference: reference.to_string(),
        contact: promise(DeadlineKind::Contact),
        answer: promise(DeadlineKind::Answer),
        objection_term: term_text(objection, lang),
    };
    Ok((StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], page).into_response())
}

fn promise(d: &OpenDeadline, lang: Lang) -> Promise {
    let start = d.deadline.start;
    let rule = match (lang, d.term.parse::<Term>()) {
        (Lang::En, Ok(term)) => format!(
            "{} after receipt of your complaint on {}",
            term_text(term, lang),
            date_en(start)
        ),
        _ => format!("{} na {}", d.term, d.start_description),
    };
    let passed_over = d
        .deadline
        .steps
        .iter()
        .map(|s| {
            let day = date_in(s.date, lang);
            // A weekend day needs no reason; a holiday's name is given as the calendar has it.
            if date_nl(s.date).starts_with(&s.reason) {
                day
            } else {
                format!("{day}: {}", s.reason)
            }
        })
        .collect();
    Promise {
        date: date_in(d.end(), lang),
        rule,
        passed_over,
    }
}

/// A term for people: "2 werkdagen" / "2 working days".
pub(crate) fn term_text(term: Term, lang: Lang) -> String {
    if lang == Lang::Nl {
        return term.quantity();
    }
    let one = term.amount == 1;
    let unit = match (term.unit, one) {
        (TermUnit::Days, true) => "day",
        (TermUnit::Days, false) => "days",
        (TermUnit::Weeks, true) => "week",
        (TermUnit::Weeks, false) => "weeks",
        (TermUnit::WorkingDays, true) => "working day",
        (TermUnit::WorkingDays, false) => "working days",
    };
    format!("{} {unit}", term.amount)
}

fn date_in(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Nl => date_nl(date),
        Lang::En => date_en(date),
    }
}

/// A date in English for people: "Wednesday 6 May 2026".
fn date_en(date: Date) -> String {
    date.strftime("%A %-d %B %Y").to_string()
}

#[derive(Template, WebTemplate)]
#[template(path = "public/message.html")]
struct MessagePage<'a> {
    lang: Lang,
    title: &'a str,
    message: &'a str,
}

/// A plain page with a title and a message.
pub(crate) fn message_page(lang: Lang, status: StatusCode, title: &str, message: &str) -> Response {
    let page = MessagePage {
        lang,
        title,
        message,
    };
    (status, [(header::CACHE_CONTROL, "no-store")], page).into_response()
}

/// 429 with `Retry-After`, in the page's language.
pub(crate) fn too_many(lang: Lang, retry: RetryAfter) -> Response {
    let minutes = (retry.0.as_secs() + 59) / 60;
    let message = match lang {
        Lang::Nl => format!(
            "Er zijn vanaf uw internetadres veel klachtformulieren verstuurd. Probeer het over {minutes} minuten opnieuw, of bel ons."
        ),
        Lang::En => format!(
            "Many complaint forms were sent from your internet address. Try again in {minutes} minutes, or call us."
        ),
    };
    let title = lang.t("Even wachten", "Please wait");
    let mut response = message_page(lang, StatusCode::TOO_MANY_REQUESTS, title, &message);
    let seconds = HeaderValue::from(retry.0.as_secs().max(1));
    response.headers_mut().insert(header::RETRY_AFTER, seconds);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_and_terms_read_naturally() {
        assert_eq!(
            date_en(jiff::civil::date(2026, 5, 6)),
            "Wednesday 6 May 2026"
        );
        let term: Term = "2 werkdagen".parse().unwrap();
        assert_eq!(term_text(term, Lang::En), "2 working days");
        assert_eq!(term_text(term, Lang::Nl), "2 werkdagen");
    }
}
