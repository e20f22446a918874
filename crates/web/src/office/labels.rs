//! What the queue shows for the codes the projection stores: Dutch state labels (the domain's
//! own [`Status::label_nl`]), deadline kinds, dates, and how near a deadline is, counted in
//! working days with the organisation's calendar.

use domain::calendar::Calendar;
use domain::complaint::Status;
use domain::procedure::DeadlineKind;
use jiff::civil::Date;

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

/// The Dutch label of a state code; the code itself when it is not an open state (never
/// expected in the queue, but a label is better than an error page).
pub(crate) fn state_label(code: &str) -> String {
    open_state(code).map_or_else(|| code.to_owned(), |s| s.label_nl().to_owned())
}

/// The Dutch label of a deadline kind code.
pub(crate) fn deadline_kind_label(code: Option<&str>) -> String {
    match code.and_then(DeadlineKind::parse) {
        Some(kind) => kind.label_nl().to_owned(),
        None => code.unwrap_or_default().to_owned(),
    }
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

    /// Dutch text.
    pub(crate) fn label(self) -> String {
        match self {
            Nearness::Overdue => "verlopen".into(),
            Nearness::Today => "vandaag".into(),
            Nearness::Within(1) => "binnen 1 werkdag".into(),
            Nearness::Within(n) => format!("binnen {n} werkdagen"),
            Nearness::OnSchedule => "op schema".into(),
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
        assert_eq!(state_label("in_progress"), "in behandeling");
        assert_eq!(state_label("hearing_scheduled"), "gesprek gepland");
        assert_eq!(open_state("closed_settled"), None);
        for s in OPEN_STATES {
            assert_eq!(open_state(s.code()), Some(s));
        }
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
        assert_eq!(Nearness::Within(2).label(), "binnen 2 werkdagen");
        assert_eq!(Nearness::Overdue.label(), "verlopen");
    }
}
