//! Proptest over random terms, policies and start dates: the invariants that must hold for any
//! term, including the explanation (steps) being consistent with the result.

use domain::calendar::Calendar;
use domain::terms::{Direction, Term, TermPolicy, TermUnit, deadline};
use jiff::civil::Date;
use jiff::{Span, ToSpan};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn any_term() -> impl Strategy<Value = Term> {
    let unit = prop_oneof![
        Just(TermUnit::Days),
        Just(TermUnit::Weeks),
        Just(TermUnit::WorkingDays)
    ];
    let direction = prop_oneof![Just(Direction::After), Just(Direction::Before)];
    (1u16..=120, unit, direction).prop_map(|(amount, unit, direction)| Term {
        amount,
        unit,
        direction,
    })
}

fn any_start() -> impl Strategy<Value = Date> {
    // 1968 to 2195: room for 120 weeks or 120 working days either way inside 1966–2200.
    (1_000i64..84_000).prop_map(|offset| Calendar::FIRST_DAY.checked_add(offset.days()).unwrap())
}

fn calendar_days(term: Term) -> i64 {
    let n = i64::from(term.amount);
    match (term.unit, term.direction) {
        (TermUnit::Weeks, Direction::After) => 7 * n,
        (TermUnit::Weeks, Direction::Before) => -7 * n,
        (_, Direction::After) => n,
        (_, Direction::Before) => -n,
    }
}

/// The invariants every deadline keeps, whatever the term and policy.
fn check_invariants(start: Date, term: Term, policy: TermPolicy) -> Result<(), TestCaseError> {
    let teamdag = start.checked_add(3.days()).unwrap();
    let calendar = Calendar::dutch().with_closure_days([(teamdag, "Teamdag".to_owned())]);
    let closures = policy.closure_days_extend;
    let dl = deadline(start, term, policy, &calendar).unwrap();
    let raw = start
        .checked_add(Span::new().days(calendar_days(term)))
        .unwrap();
    match (term.unit, term.direction) {
        (TermUnit::WorkingDays, direction) => {
            prop_assert!(calendar.is_working_day(dl.end, closures));
            prop_assert_eq!(dl.raw_end, dl.end);
            let (from, to) = match direction {
                Direction::After => (start, dl.end),
                Direction::Before => (dl.end, start),
            };
            prop_assert!(from < to);
            for step in &dl.steps {
                prop_assert!(from < step.date && step.date < to);
                prop_assert!(!calendar.is_working_day(step.date, closures));
            }
        }
        (_, Direction::Before) => {
            prop_assert_eq!((dl.raw_end, dl.end), (raw, raw));
            prop_assert!(dl.steps.is_empty());
        }
        (_, Direction::After) => {
            prop_assert_eq!(dl.raw_end, raw);
            prop_assert!(dl.end >= dl.raw_end);
            if policy.atw && calendar_days(term) <= 90 {
                prop_assert!(calendar.is_working_day(dl.end, closures));
                // Every day from the raw end up to the end was passed over, in order.
                let passed: Vec<Date> = dl.steps.iter().map(|s| s.date).collect();
                let expected: Vec<Date> = dl
                    .raw_end
                    .series(1.day())
                    .take_while(|d| *d < dl.end)
                    .collect();
                prop_assert_eq!(passed, expected);
            } else {
                prop_assert_eq!(dl.end, raw);
                prop_assert!(dl.steps.is_empty());
            }
        }
    }
    prop_assert!(dl.steps.iter().all(|s| !s.reason.is_empty()));
    prop_assert_eq!(dl.calendar_version, calendar.data_version());
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 4000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_term_keeps_the_counting_invariants(
        start in any_start(),
        term in any_term(),
        atw in any::<bool>(),
        closure_days_extend in any::<bool>(),
    ) {
        check_invariants(start, term, TermPolicy { atw, closure_days_extend })?;
    }

    #[test]
    fn a_later_start_never_gives_an_earlier_deadline(
        start in any_start(),
        later in 1i64..400,
        term in any_term(),
    ) {
        let calendar = Calendar::dutch();
        let policy = TermPolicy::default();
        let second = start.checked_add(later.days()).unwrap();
        let first = deadline(start, term, policy, &calendar).unwrap();
        let second = deadline(second, term, policy, &calendar).unwrap();
        prop_assert!(first.end <= second.end, "{} then {}", first.end, second.end);
    }

    #[test]
    fn display_then_parse_is_the_identity(term in any_term()) {
        prop_assert_eq!(term.to_string().parse::<Term>(), Ok(term));
        let json = serde_json::to_string(&term).unwrap();
        prop_assert_eq!(serde_json::from_str::<Term>(&json).unwrap(), term);
    }
}
