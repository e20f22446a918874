//! Exhaustive properties: every start date from 1966-01-01 to 2200-12-31, checked against a
//! naive oracle that knows only the calendar's `non_working` answers (a code path separate from
//! the engine's `is_working_day`) and the TERMS.md rules written as plainly as possible.

use domain::calendar::Calendar;
use domain::terms::{Deadline, Term, TermPolicy, deadline};
use jiff::civil::Date;

use super::{every_day, term};

/// Every supported day with its working-day status, indexed from 1966-01-01.
struct Table {
    days: Vec<Date>,
    working: Vec<bool>,
}

impl Table {
    fn new(calendar: &Calendar, closures: bool) -> Table {
        let days: Vec<Date> = every_day(Calendar::FIRST_DAY, Calendar::LAST_DAY).collect();
        let working = days
            .iter()
            .map(|day| calendar.non_working(*day, closures).is_none())
            .collect();
        Table { days, working }
    }

    /// Working days in (from, to], by index.
    fn working_between(&self, from: usize, to: usize) -> usize {
        self.working[from + 1..=to].iter().filter(|w| **w).count()
    }

    /// Atw art. 1 and 2 as one search: the first day on or after the raw end that is a working
    /// day and (for terms of 3 days or more) closes a term with at least 2 working days.
    fn atw_end(&self, start: usize, days: usize) -> Option<usize> {
        (start + days..self.days.len())
            .find(|j| self.working[*j] && (days < 3 || self.working_between(start, *j) >= 2))
    }

    /// The n-th working day strictly after (or, with `back`, before) `start`.
    fn nth_working(&self, start: usize, n: usize, back: bool) -> Option<usize> {
        if back {
            (0..start).rev().filter(|j| self.working[*j]).nth(n - 1)
        } else {
            (start + 1..self.days.len())
                .filter(|j| self.working[*j])
                .nth(n - 1)
        }
    }
}

fn run(calendar: &Calendar, policy: TermPolicy, start: Date, term: Term) -> Option<Deadline> {
    deadline(start, term, policy, calendar).ok()
}

/// Days/weeks terms with the Atw: equal to the oracle, never on a non-working day, every day from
/// the raw end up to the end is a step, art. 2 holds, monotonic in the start date.
fn check_atw_terms(
    terms: &[(&str, usize)],
    calendar: &Calendar,
    policy: TermPolicy,
    table: &Table,
) {
    for (text, days) in terms {
        let parsed = term(text);
        let mut previous_end: Option<Date> = None;
        for (i, start) in table.days.iter().enumerate() {
            let Some(expected) = table.atw_end(i, *days) else {
                assert!(
                    run(calendar, policy, *start, parsed).is_none(),
                    "{start} {text}: past 2200 must be refused"
                );
                continue;
            };
            let dl =
                run(calendar, policy, *start, parsed).unwrap_or_else(|| panic!("{start} {text}"));
            assert_eq!(
                dl.raw_end,
                table.days[i + days],
                "{start} {text}: raw end is X + N"
            );
            assert_eq!(dl.end, table.days[expected], "{start} {text}");
            assert!(
                table.working[expected],
                "{start} {text}: deadline on a non-working day"
            );
            let passed: Vec<Date> = dl.steps.iter().map(|s| s.date).collect();
            assert_eq!(
                passed,
                table.days[i + days..expected],
                "{start} {text}: steps are the days passed over"
            );
            if *days >= 3 {
                assert!(
                    table.working_between(i, expected) >= 2,
                    "{start} {text}: Atw art. 2"
                );
            }
            assert!(
                previous_end.is_none_or(|p| p <= dl.end),
                "{start} {text}: monotonic"
            );
            previous_end = Some(dl.end);
        }
    }
}

#[test]
fn every_start_date_short_day_terms_follow_atw_articles_1_and_2() {
    let calendar = Calendar::dutch();
    let table = Table::new(&calendar, false);
    check_atw_terms(
        &[("1 dag", 1), ("2 dagen", 2), ("3 dagen", 3), ("4 dagen", 4)],
        &calendar,
        TermPolicy::default(),
        &table,
    );
}

#[test]
fn every_start_date_longer_day_terms_follow_atw_articles_1_and_2() {
    let calendar = Calendar::dutch();
    let table = Table::new(&calendar, false);
    check_atw_terms(
        &[("5 dagen", 5), ("15 dagen", 15), ("90 dagen", 90)],
        &calendar,
        TermPolicy::default(),
        &table,
    );
}

#[test]
fn every_start_date_week_terms_follow_atw_articles_1_and_2() {
    let calendar = Calendar::dutch();
    let table = Table::new(&calendar, false);
    check_atw_terms(
        &[("1 week", 7), ("2 weken", 14), ("12 weken", 84)],
        &calendar,
        TermPolicy::default(),
        &table,
    );
}

#[test]
fn every_start_date_with_closure_days_extending() {
    let closures = (Calendar::FIRST_YEAR..=Calendar::LAST_YEAR).flat_map(|y| {
        [
            (jiff::civil::date(y, 12, 24), "Kerstavond".to_owned()),
            (jiff::civil::date(y, 7, 1), "Teamdag".to_owned()),
        ]
    });
    let calendar = Calendar::dutch().with_closure_days(closures);
    let extend = TermPolicy {
        closure_days_extend: true,
        ..TermPolicy::default()
    };
    let table = Table::new(&calendar, true);
    check_atw_terms(
        &[("2 weken", 14), ("3 dagen", 3)],
        &calendar,
        extend,
        &table,
    );
    check_working_day_terms(&[1, 2], &calendar, extend, &table);
    // Ignored closure days change nothing.
    let plain = Calendar::dutch();
    for start in every_day(
        jiff::civil::date(2000, 1, 1),
        jiff::civil::date(2030, 12, 31),
    ) {
        let ignored = run(&calendar, TermPolicy::default(), start, term("2 weken")).unwrap();
        assert_eq!(
            ignored.end,
            run(&plain, TermPolicy::default(), start, term("2 weken"))
                .unwrap()
                .end,
            "{start}"
        );
    }
}

fn check_working_day_terms(
    amounts: &[usize],
    calendar: &Calendar,
    policy: TermPolicy,
    table: &Table,
) {
    for n in amounts {
        for back in [false, true] {
            let text = format!("{n} werkdagen{}", if back { " vóór" } else { "" });
            let parsed = term(&text);
            let mut previous_end: Option<Date> = None;
            for (i, start) in table.days.iter().enumerate() {
                let Some(expected) = table.nth_working(i, *n, back) else {
                    assert!(
                        run(calendar, policy, *start, parsed).is_none(),
                        "{start} {text}"
                    );
                    continue;
                };
                let dl = run(calendar, policy, *start, parsed)
                    .unwrap_or_else(|| panic!("{start} {text}"));
                assert_eq!(dl.end, table.days[expected], "{start} {text}");
                assert_eq!(
                    dl.raw_end, dl.end,
                    "{start} {text}: a working-day term has no extension"
                );
                assert!(table.working[expected], "{start} {text}");
                // The counted days: (start, end] forward, [end, start) backward.
                let counted = if back {
                    expected..i
                } else {
                    i + 1..expected + 1
                };
                let working = counted.clone().filter(|j| table.working[*j]).count();
                assert_eq!(working, *n, "{start} {text}: exactly N working days");
                let mut skipped: Vec<Date> = counted
                    .filter(|j| !table.working[*j])
                    .map(|j| table.days[j])
                    .collect();
                if back {
                    skipped.reverse(); // passed over in counting order
                }
                assert_eq!(
                    dl.steps.iter().map(|s| s.date).collect::<Vec<_>>(),
                    skipped,
                    "{start} {text}"
                );
                assert!(
                    previous_end.is_none_or(|p| p <= dl.end),
                    "{start} {text}: monotonic"
                );
                previous_end = Some(dl.end);
            }
        }
    }
}

#[test]
fn every_start_date_working_day_terms_count_exactly_n_working_days() {
    let calendar = Calendar::dutch();
    let table = Table::new(&calendar, false);
    check_working_day_terms(&[1, 2, 3, 10], &calendar, TermPolicy::default(), &table);
    // Raw mode does not change what a working day is.
    let raw = TermPolicy {
        atw: false,
        ..TermPolicy::default()
    };
    check_working_day_terms(&[2], &calendar, raw, &table);
}

#[test]
fn every_start_date_raw_mode_backward_terms_and_atw_article_4_are_exactly_x_plus_n() {
    let calendar = Calendar::dutch();
    let days: Vec<Date> = every_day(Calendar::FIRST_DAY, Calendar::LAST_DAY).collect();
    let raw = TermPolicy {
        atw: false,
        ..TermPolicy::default()
    };
    let cases: [(&str, TermPolicy, i64); 8] = [
        ("1 dag", raw, 1),
        ("3 dagen", raw, 3),
        ("2 weken", raw, 14),
        ("91 dagen", TermPolicy::default(), 91),
        ("13 weken", TermPolicy::default(), 91),
        ("1 dag vóór", TermPolicy::default(), -1),
        ("10 dagen vóór", TermPolicy::default(), -10),
        ("2 weken vóór", TermPolicy::default(), -14),
    ];
    for (text, policy, offset) in cases {
        let parsed = term(text);
        for (i, start) in days.iter().enumerate() {
            let Some(expected) = i
                .checked_add_signed(offset as isize)
                .and_then(|j| days.get(j))
            else {
                assert!(
                    run(&calendar, policy, *start, parsed).is_none(),
                    "{start} {text}"
                );
                continue;
            };
            let dl =
                run(&calendar, policy, *start, parsed).unwrap_or_else(|| panic!("{start} {text}"));
            assert_eq!(
                (dl.raw_end, dl.end),
                (*expected, *expected),
                "{start} {text}"
            );
            assert!(
                dl.steps.is_empty() && dl.warnings.is_empty(),
                "{start} {text}"
            );
        }
    }
}

#[test]
fn is_working_day_agrees_with_non_working_every_day() {
    let calendar = Calendar::dutch()
        .with_closure_days([(jiff::civil::date(2026, 7, 1), "Teamdag".to_owned())]);
    for day in every_day(
        jiff::civil::date(1965, 12, 1),
        jiff::civil::date(2201, 1, 31),
    ) {
        for closures in [false, true] {
            assert_eq!(
                calendar.is_working_day(day, closures),
                calendar.non_working(day, closures).is_none(),
                "{day}"
            );
        }
    }
}
