//! "What comes next": each open deadline as a sentence with its date, and how that date was
//! computed (the rule, the raw end, every day passed over and why, every extension), so the
//! complainant can check it. Also the date and time formats the portal uses.

use domain::complaint::{OpenDeadline, Status, date_nl};
use domain::procedure::{DeadlineKind, Moment};
use domain::terms::{Term, TermUnit};
use domain::time::amsterdam;
use jiff::Timestamp;
use jiff::civil::Date;

use crate::lang::Lang;

/// One open deadline, ready to show.
#[derive(Debug)]
pub(crate) struct Next {
    /// What happens, e.g. "U ontvangt onze schriftelijke reactie".
    pub what: &'static str,
    /// The last day, e.g. "dinsdag 28 april 2026".
    pub date: String,
    /// The same as `YYYY-MM-DD`, for `<time datetime>`.
    pub iso: String,
    /// True once the last day has passed.
    pub passed: bool,
    /// "2 weken na ontvangst van de klacht op maandag 13 april 2026".
    pub rule: String,
    /// The end the term itself gives, when days were passed over to reach the date.
    pub raw_end: Option<String>,
    /// "maandag 27 april 2026: Koningsdag", one per day passed over.
    pub passed_over: Vec<String>,
    /// "Verlengd op …: … (reden)", oldest first.
    pub extensions: Vec<String>,
}

pub(crate) fn next(d: &OpenDeadline, today: Date, lang: Lang) -> Next {
    let end = d.end();
    let dl = &d.deadline;
    let passed_over = dl
        .steps
        .iter()
        .map(|s| {
            let day = date_in(s.date, lang);
            // A weekend day is its own reason ("zaterdag"); a holiday's name is added.
            if date_nl(s.date).starts_with(&s.reason) {
                day
            } else {
                format!("{day}: {}", s.reason)
            }
        })
        .collect();
    let extensions = d
        .extensions
        .iter()
        .map(|e| {
            let reason = e.reason.as_deref().unwrap_or("");
            match lang {
                Lang::Nl => format!(
                    "Verlengd op {} van {} tot {}{}{}",
                    date_nl(e.on),
                    date_nl(e.previous_end),
                    date_nl(e.new_end),
                    if reason.is_empty() { "" } else { ". Reden: " },
                    reason
                ),
                Lang::En => format!(
                    "Extended on {} from {} to {}{}{}",
                    date_en(e.on),
                    date_en(e.previous_end),
                    date_en(e.new_end),
                    if reason.is_empty() { "" } else { ". Reason: " },
                    reason
                ),
            }
        })
        .collect();
    Next {
        what: what(d.kind, lang),
        date: date_in(end, lang),
        iso: end.to_string(),
        passed: today > end,
        rule: rule(d, lang),
        raw_end: (dl.raw_end != dl.end).then(|| date_in(dl.raw_end, lang)),
        passed_over,
        extensions,
    }
}

fn what(kind: DeadlineKind, lang: Lang) -> &'static str {
    match kind {
        DeadlineKind::Contact => lang.t(
            "Wij nemen telefonisch of per e-mail contact met u op",
            "We contact you by phone or e-mail",
        ),
        DeadlineKind::Answer => lang.t(
            "U ontvangt onze schriftelijke reactie",
            "You receive our written answer",
        ),
        DeadlineKind::Objection => lang.t(
            "U kunt bezwaar maken tegen onze reactie",
            "You can object to our answer",
        ),
        DeadlineKind::HearingOffer => lang.t(
            "De directie van de regio nodigt u uit om uw bezwaar mondeling toe te lichten",
            "The region's management invites you to explain your objection orally",
        ),
        DeadlineKind::HearingResponse => lang.t(
            "U laat weten of en hoe u uw bezwaar mondeling wilt toelichten",
            "You let us know whether and how you want to explain your objection orally",
        ),
        DeadlineKind::FinalDecision => lang.t(
            "De directie van de regio neemt een definitieve beslissing",
            "The region's management takes a final decision",
        ),
    }
}

/// How the date was computed: the term and what started it.
fn rule(d: &OpenDeadline, lang: Lang) -> String {
    match (lang, d.term.parse::<Term>()) {
        (Lang::En, Ok(term)) => format!(
            "{} after {} on {}",
            term_en(term),
            moment_en(d.starts),
            date_en(d.deadline.start)
        ),
        _ => format!("{} na {}", d.term, d.start_description),
    }
}

fn moment_en(m: Moment) -> &'static str {
    match m {
        Moment::Received => "receipt of the complaint",
        Moment::AnswerDated => "the date of the answer",
        Moment::ObjectionReceived => "receipt of the objection",
        Moment::LateObjectionTakenUp => "the decision to take up the late objection",
        Moment::HearingOffered => "the invitation to explain orally",
        Moment::HearingDeclined => "declining the oral explanation",
        Moment::HearingOfferLapsed => "the invitation lapsing without an answer",
        Moment::HearingHeldUnsettled => "the conversation that ended without a settlement",
    }
}

fn term_en(term: Term) -> String {
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

pub(crate) fn date_in(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Nl => date_nl(date),
        Lang::En => date_en(date),
    }
}

/// "Wednesday 6 May 2026".
fn date_en(date: Date) -> String {
    date.strftime("%A %-d %B %Y").to_string()
}

/// An instant as people in the Netherlands read it: "maandag 13 april 2026, 10:00".
pub(crate) fn moment_in(at: Timestamp, lang: Lang) -> String {
    let local = at.to_zoned_datetime(amsterdam());
    format!(
        "{}, {}",
        date_in(local.date(), lang),
        local.strftime("%H:%M")
    )
}

/// An instant for `<time datetime>`: local time with its offset.
pub(crate) fn moment_iso(at: Timestamp) -> String {
    at.to_zoned_datetime(amsterdam())
        .strftime("%Y-%m-%dT%H:%M%:z")
        .to_string()
}

/// The status in the page's language.
pub(super) fn status_text(status: Status, lang: Lang) -> &'static str {
    use domain::complaint::Closure;
    match (lang, status) {
        (Lang::Nl, s) => s.label_nl(),
        (Lang::En, Status::InProgress) => "in progress",
        (Lang::En, Status::Answered) => "answered; you can object",
        (Lang::En, Status::LateObjectionPending) => "late objection; management decides",
        (Lang::En, Status::ObjectionReceived) => "objection received",
        (Lang::En, Status::HearingOffered) => "invited to explain orally",
        (Lang::En, Status::HearingScheduled) => "conversation planned",
        (Lang::En, Status::SettlementPending) => "settlement awaits confirmation by both parties",
        (Lang::En, Status::AwaitingFinalDecision) => "final decision follows",
        (Lang::En, Status::Closed(Closure::Settled)) => "closed: settled",
        (Lang::En, Status::Closed(Closure::Decided)) => "closed: final decision taken",
        (Lang::En, Status::Closed(Closure::Handled)) => "handled",
        (Lang::En, Status::Closed(Closure::HandledAfterHearing)) => {
            "handled after the conversation"
        }
        (Lang::En, Status::Closed(Closure::Withdrawn)) => "withdrawn",
        (Lang::En, Status::Closed(Closure::NotAComplaint)) => "closed: not a complaint, referred",
        (Lang::En, Status::Closed(Closure::LateObjectionNotTakenUp)) => {
            "closed: late objection not taken up"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_shown_in_amsterdam_time() {
        let at: Timestamp = "2026-04-13T08:00:00Z".parse().unwrap();
        assert_eq!(moment_in(at, Lang::Nl), "maandag 13 april 2026, 10:00");
        assert_eq!(moment_in(at, Lang::En), "Monday 13 April 2026, 10:00");
        assert_eq!(moment_iso(at), "2026-04-13T10:00+02:00");
    }
}
