//! Dutch: month and weekday names are written in lower case, the day without a leading zero,
//! times with a full stop ("14.30 uur", as the Taalunie advises), and a count of one as a word.

use jiff::civil::{Date, Time, Weekday};

use crate::model::{Term, TermUnit};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// "24 november 2026".
#[must_use]
pub fn date(date: Date) -> String {
    let month = MONTHS[usize::try_from(date.month() - 1).unwrap_or(0)];
    format!("{} {month} {}", date.day(), date.year())
}

/// "dinsdag 24 november 2026".
#[must_use]
pub fn date_with_weekday(d: Date) -> String {
    format!("{} {}", weekday(d.weekday()), date(d))
}

/// "maandag" … "zondag".
#[must_use]
pub fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "maandag",
        Weekday::Tuesday => "dinsdag",
        Weekday::Wednesday => "woensdag",
        Weekday::Thursday => "donderdag",
        Weekday::Friday => "vrijdag",
        Weekday::Saturday => "zaterdag",
        Weekday::Sunday => "zondag",
    }
}

/// "9.00", "14.30".
#[must_use]
pub fn time(time: Time) -> String {
    format!("{}.{:02}", time.hour(), time.minute())
}

/// "een dag", "15 dagen", "een week", "2 weken", "een werkdag", "2 werkdagen".
#[must_use]
pub fn term(term: Term) -> String {
    let (one, many) = match term.unit {
        TermUnit::Days => ("dag", "dagen"),
        TermUnit::Weeks => ("week", "weken"),
        TermUnit::WorkingDays => ("werkdag", "werkdagen"),
    };
    if term.count == 1 {
        format!("een {one}")
    } else {
        format!("{} {many}", term.count)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil;

    use super::*;

    #[test]
    fn a_date_is_written_with_a_lower_case_month_and_no_leading_zero() {
        assert_eq!(date(civil::date(2026, 11, 24)), "24 november 2026");
        assert_eq!(date(civil::date(2027, 1, 1)), "1 januari 2027");
        assert_eq!(date(civil::date(2026, 3, 9)), "9 maart 2026");
    }

    #[test]
    fn every_month_has_its_dutch_name() {
        let names: Vec<String> = (1..=12).map(|m| date(civil::date(2026, m, 15))).collect();
        assert_eq!(names[4], "15 mei 2026");
        assert_eq!(names[7], "15 augustus 2026");
        assert!(names.iter().all(|n| n == &n.to_lowercase()));
    }

    #[test]
    fn a_deadline_names_its_weekday() {
        assert_eq!(
            date_with_weekday(civil::date(2026, 11, 24)),
            "dinsdag 24 november 2026"
        );
        assert_eq!(
            date_with_weekday(civil::date(2026, 12, 9)),
            "woensdag 9 december 2026"
        );
        assert_eq!(
            date_with_weekday(civil::date(2027, 1, 3)),
            "zondag 3 januari 2027"
        );
    }

    #[test]
    fn a_time_uses_a_full_stop_and_two_digit_minutes() {
        assert_eq!(time(civil::time(9, 0, 0, 0)), "9.00");
        assert_eq!(time(civil::time(14, 5, 0, 0)), "14.05");
    }

    #[test]
    fn a_term_of_one_is_written_as_a_word() {
        assert_eq!(term(Term::days(15)), "15 dagen");
        assert_eq!(term(Term::days(1)), "een dag");
        assert_eq!(term(Term::weeks(1)), "een week");
        assert_eq!(term(Term::weeks(2)), "2 weken");
        assert_eq!(term(Term::working_days(2)), "2 werkdagen");
        assert_eq!(term(Term::working_days(1)), "een werkdag");
    }
}
