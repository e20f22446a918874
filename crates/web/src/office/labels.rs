//! What the back office shows for the domain's codes, in the page's language (Dutch is the
//! domain's own `label_nl`; English is written here): states, deadline kinds, parties, roles,
//! channels, dates, and how near a deadline is, counted in working days with the
//! organisation's calendar.

use domain::calendar::Calendar;
use domain::complaint::{Channel, Closure, Role, Status};
use domain::procedure::{DeadlineKind, Party};
use jiff::civil::Date;

use crate::lang::Lang;

/// The states an open complaint can be in, in procedure order (the queue's state filter).
pub(crate) const OPEN_STATES: [Status; 8] = [
    Status::InProgress,
    Status::Answered,
    Status::LateObjectionPending,
    Status::ObjectionReceived,
    Status::HearingOffered,
    Status::HearingScheduled,
    Status::SettlementPending,
    Status::AwaitingFinalDecision,
];

/// The open state with this projection code.
pub(crate) fn open_state(code: &str) -> Option<Status> {
    OPEN_STATES.into_iter().find(|s| s.code() == code)
}

/// The label of a state code; the code itself when it is not an open state (never expected in
/// the queue, but a label is better than an error page).
pub(crate) fn state_label(code: &str, lang: Lang) -> String {
    open_state(code).map_or_else(|| code.to_owned(), |s| status_label(s, lang).to_owned())
}

/// A state as staff read it: "in behandeling", "in progress".
pub(crate) fn status_label(status: Status, lang: Lang) -> &'static str {
    let en = match status {
        Status::InProgress => "in progress",
        Status::Answered => "answered, objection period running",
        Status::LateObjectionPending => "late objection, management must decide",
        Status::ObjectionReceived => "objection received",
        Status::HearingOffered => "invited to explain orally",
        Status::HearingScheduled => "conversation planned",
        Status::SettlementPending => "settlement awaits confirmation by both parties",
        Status::AwaitingFinalDecision => "final decision follows",
        Status::Closed(Closure::Settled) => "closed: settled by agreement",
        Status::Closed(Closure::Decided) => "closed: final decision taken",
        Status::Closed(Closure::Handled) => "handled",
        Status::Closed(Closure::HandledAfterHearing) => "handled after the oral explanation",
        Status::Closed(Closure::Withdrawn) => "withdrawn",
        Status::Closed(Closure::NotAComplaint) => "closed: not a complaint, referred",
        Status::Closed(Closure::LateObjectionNotTakenUp) => "closed: late objection not taken up",
    };
    lang.t(status.label_nl(), en)
}

/// The label of a deadline kind code.
pub(crate) fn deadline_kind_label(code: Option<&str>, lang: Lang) -> String {
    match code.and_then(DeadlineKind::parse) {
        Some(kind) => deadline_kind(kind, lang).to_owned(),
        None => code.unwrap_or_default().to_owned(),
    }
}

/// A deadline kind: "schriftelijke reactie op de klacht", "written answer to the complaint".
pub(crate) fn deadline_kind(kind: DeadlineKind, lang: Lang) -> &'static str {
    let en = match kind {
        DeadlineKind::Contact => "contacting the complainant",
        DeadlineKind::Answer => "written answer to the complaint",
        DeadlineKind::Objection => "objecting",
        DeadlineKind::HearingOffer => "invitation to explain orally",
        DeadlineKind::HearingResponse => "response to the invitation",
        DeadlineKind::FinalDecision => "final decision",
    };
    lang.t(kind.label_nl(), en)
}

/// Who must act: "de klager", "the complainant".
pub(crate) fn party(party: Party, lang: Lang) -> &'static str {
    let en = match party {
        Party::Complainant => "the complainant",
        Party::Handler => "the complaint handler",
        Party::RegionalManagement => "the region's management",
        Party::Administrator => "the administrator",
        Party::System => "the system",
    };
    lang.t(party.label_nl(), en)
}

/// A staff role: "klachtbehandelaar", "complaint handler".
pub(crate) fn role(role: Role, lang: Lang) -> &'static str {
    let en = match role {
        Role::Klachtbehandelaar => "complaint handler",
        Role::Regiodirecteur => "regional director",
        Role::Beheerder => "administrator",
        Role::Lezer => "reader",
    };
    lang.t(role.label_nl(), en)
}

/// How a complaint came in: "telefoon", "phone".
pub(crate) fn channel(channel: Channel, lang: Lang) -> &'static str {
    let en = match channel {
        Channel::Web => "the online complaint form",
        Channel::Email => "e-mail",
        Channel::Phone => "phone",
        Channel::Letter => "letter",
        Channel::InPerson => "in person at the office",
    };
    lang.t(channel.label_nl(), en)
}

/// A date in words: "vrijdag 1 mei 2026", "Friday 1 May 2026".
pub(crate) fn date_long(date: Date, lang: Lang) -> String {
    crate::portal::explain::date_in(date, lang)
}

/// A date as staff read it in a table: 05-05-2026.
pub(crate) fn date_short(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

/// How near a deadline is, seen on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nearness {
    /// The last day has passed.
    Overdue,
    /// The last day is today.
    Today,
    /// This many working days after today, at most the "near" threshold.
    Within(u32),
    /// Further away.
    OnSchedule,
}

impl Nearness {
    /// On `today`, for a deadline whose last day is `end`; near means at most `near` working
    /// days after today (closure days count as non-working).
    pub(crate) fn of(end: Date, today: Date, near: u32, calendar: &Calendar) -> Nearness {
        if end < today {
            return Nearness::Overdue;
        }
        if end == today {
            return Nearness::Today;
        }
        let mut working = 0;
        let mut day = today;
        while day < end {
            day = day
                .tomorrow()
                .expect("a deadline lies before the end of time");
            if calendar.is_working_day(day, true) {
                working += 1;
                if working > near {
                    return Nearness::OnSchedule;
                }
            }
        }
        // `end` itself may be a non-working day (an unusual term); it still counts as near.
        Nearness::Within(working.max(1))
    }

    /// The text in `lang`.
    pub(crate) fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (Nearness::Overdue, _) => lang.t("verlopen", "overdue").into(),
            (Nearness::Today, _) => lang.t("vandaag", "today").into(),
            (Nearness::Within(1), _) => lang.t("binnen 1 werkdag", "within 1 working day").into(),
            (Nearness::Within(n), Lang::Nl) => format!("binnen {n} werkdagen"),
            (Nearness::Within(n), Lang::En) => format!("within {n} working days"),
            (Nearness::OnSchedule, _) => lang.t("op schema", "on schedule").into(),
        }
    }

    /// The stylesheet's class for the label.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Nearness::Overdue => "status-overdue",
            Nearness::Today | Nearness::Within(_) => "status-due",
            Nearness::OnSchedule => "status-ok",
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn every_open_state_code_has_the_domains_dutch_label() {
        assert_eq!(state_label("in_progress", Lang::Nl), "in behandeling");
        assert_eq!(
            state_label("hearing_scheduled", Lang::Nl),
            "gesprek gepland"
        );
        assert_eq!(
            state_label("hearing_scheduled", Lang::En),
            "conversation planned"
        );
        assert_eq!(open_state("closed_settled"), None);
        for s in OPEN_STATES {
            assert_eq!(open_state(s.code()), Some(s));
        }
    }

    #[test]
    fn dates_are_written_out_in_the_pages_language() {
        assert_eq!(date_long(date(2026, 5, 1), Lang::Nl), "vrijdag 1 mei 2026");
        assert_eq!(date_long(date(2026, 5, 1), Lang::En), "Friday 1 May 2026");
        assert_eq!(channel(Channel::Phone, Lang::En), "phone");
        assert_eq!(
            deadline_kind(DeadlineKind::Answer, Lang::Nl),
            DeadlineKind::Answer.label_nl()
        );
    }

    #[test]
    fn a_deadline_after_the_weekend_is_near_in_working_days() {
        let cal = Calendar::dutch();
        // Friday 8 May 2026 → Tuesday 12 May: Monday and Tuesday are 2 working days.
        let friday = date(2026, 5, 8);
        assert_eq!(
            Nearness::of(date(2026, 5, 12), friday, 2, &cal),
            Nearness::Within(2)
        );
        assert_eq!(
            Nearness::of(date(2026, 5, 13), friday, 2, &cal),
            Nearness::OnSchedule
        );
        assert_eq!(
            Nearness::of(date(2026, 5, 11), friday, 2, &cal),
            Nearness::Within(1)
        );
        assert_eq!(Nearness::of(friday, friday, 2, &cal), Nearness::Today);
        assert_eq!(
            Nearness::of(date(2026, 5, 7), friday, 2, &cal),
            Nearness::Overdue
        );
    }

    #[test]
    fn holidays_and_decreed_days_are_not_working_days() {
        let cal = Calendar::dutch();
        // Wednesday 13 May 2026; Thursday 14 May is Ascension Day and Friday 15 May is equated
        // with a holiday by decree, so Monday 18 May is the first working day after.
        let wednesday = date(2026, 5, 13);
        assert_eq!(
            Nearness::of(date(2026, 5, 18), wednesday, 2, &cal),
            Nearness::Within(1)
        );
        assert_eq!(
            Nearness::of(date(2026, 5, 19), wednesday, 2, &cal),
            Nearness::Within(2)
        );
        assert_eq!(
            Nearness::of(date(2026, 5, 20), wednesday, 2, &cal),
            Nearness::OnSchedule
        );
        assert_eq!(Nearness::Within(2).label(Lang::Nl), "binnen 2 werkdagen");
        assert_eq!(Nearness::Overdue.label(Lang::Nl), "verlopen");
        assert_eq!(Nearness::Within(2).label(Lang::En), "within 2 working days");
    }
}
