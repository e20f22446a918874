//! Closure days (office calendar), the calendar data version, replacement decree data, and the
//! limits of the engine: dates outside 1966–2200, zero and absurd amounts.

use domain::calendar::{Calendar, DayKind, Holiday, NonWorking};
use domain::terms::{Direction, Term, TermError, TermPolicy, TermUnit, deadline};

use super::{atw, d, pairs, steps, term};

#[test]
fn closure_days_stretch_terms_only_when_the_policy_says_so() {
    let calendar = Calendar::dutch().with_closure_days([(d("2026-03-16"), "Brugdag".to_owned())]);
    let ignore = TermPolicy::default();
    let extend = TermPolicy {
        closure_days_extend: true,
        ..TermPolicy::default()
    };
    let plain = deadline(d("2026-03-02"), term("2 weken"), ignore, &calendar).unwrap();
    assert_eq!(plain.end, d("2026-03-16"));
    let stretched = deadline(d("2026-03-02"), term("2 weken"), extend, &calendar).unwrap();
    assert_eq!(stretched.end, d("2026-03-17"));
    assert_eq!(
        steps(&stretched),
        pairs(&[("2026-03-16", "sluitingsdag: Brugdag")])
    );
    let working = deadline(d("2026-03-13"), term("1 werkdag"), extend, &calendar).unwrap();
    assert_eq!(working.end, d("2026-03-17"));
    assert_eq!(
        deadline(d("2026-03-13"), term("1 werkdag"), ignore, &calendar)
            .unwrap()
            .end,
        d("2026-03-16")
    );
}

#[test]
fn closure_days_are_listed_but_are_not_legal_holidays() {
    let calendar = Calendar::dutch().with_closure_days([
        (d("2026-12-24"), "Kerstavond".to_owned()),
        (d("2026-12-26"), " ".to_owned()),
    ]);
    let closures: Vec<Holiday> = calendar
        .year(2026)
        .days
        .into_iter()
        .filter(|h| h.kind == DayKind::Closure)
        .collect();
    assert_eq!(closures.len(), 2);
    assert_eq!(closures[1].name, "sluitingsdag");
    assert_eq!(calendar.legal_holiday(d("2026-12-24")), None);
    assert_eq!(calendar.non_working(d("2026-12-24"), false), None);
    let why = calendar.non_working(d("2026-12-24"), true).unwrap();
    assert_eq!(why.reason(), "sluitingsdag: Kerstavond");
    // A legal holiday wins over a closure day, a weekend day too.
    let on_christmas = calendar.non_working(d("2026-12-26"), true).unwrap();
    assert_eq!(on_christmas.reason(), "Tweede Kerstdag");
    let on_saturday = Calendar::dutch().with_closure_days([(d("2026-03-07"), "x".to_owned())]);
    assert_eq!(
        on_saturday.non_working(d("2026-03-07"), true),
        Some(NonWorking::Saturday)
    );
}

#[test]
fn data_version_names_the_decree_data_and_fingerprints_closure_days() {
    let plain = Calendar::dutch();
    assert_eq!(plain.data_version(), "atw-2026.1+closures:0");
    let one = Calendar::dutch().with_closure_days([(d("2026-12-24"), "Kerstavond".to_owned())]);
    let other = Calendar::dutch().with_closure_days([(d("2026-12-31"), "Oudjaar".to_owned())]);
    assert!(
        one.data_version().starts_with("atw-2026.1+closures:1-"),
        "{}",
        one.data_version()
    );
    assert_ne!(one.data_version(), other.data_version());
    assert_eq!(
        atw("2026-03-02", "2 weken").calendar_version,
        "atw-2026.1+closures:0"
    );
}

#[test]
fn replacement_decree_data_is_validated_and_versioned() {
    let toml = r#"
        version = "2029.1"
        [[decree]]
        id = "besluit 2029–2031"
        first_year = 2029
        last_year = 2031
        days = ["2029-05-11"]
    "#;
    let calendar = Calendar::dutch().with_decree_data(toml).unwrap();
    assert!(calendar.decrees_known(2029) && !calendar.decrees_known(2026));
    assert_eq!(calendar.data_version(), "atw-2029.1+closures:0");
    assert_eq!(
        calendar.legal_holiday(d("2029-05-11")).unwrap().name,
        "Gelijkgestelde dag (besluit 2029–2031)"
    );
    // Saturday 12 May 2029 cannot be put on a par: the data is refused, not half loaded.
    let saturday = toml.replace("2029-05-11", "2029-05-12");
    assert!(Calendar::dutch().with_decree_data(&saturday).is_err());
}

#[test]
fn dates_outside_1966_to_2200_are_refused() {
    let calendar = Calendar::dutch();
    let policy = TermPolicy::default();
    assert_eq!(
        deadline(d("1965-12-31"), term("1 dag"), policy, &calendar),
        Err(TermError::OutOfRange(d("1965-12-31")))
    );
    assert_eq!(
        deadline(d("2200-12-30"), term("2 dagen"), policy, &calendar),
        Err(TermError::OutOfRange(d("2201-01-01")))
    );
    assert_eq!(
        deadline(d("1966-01-02"), term("2 dagen vóór"), policy, &calendar),
        Err(TermError::OutOfRange(d("1965-12-31")))
    );
    assert!(deadline(d("2200-12-31"), term("1 werkdag"), policy, &calendar).is_err());
    assert_eq!(
        deadline(d("2200-12-30"), term("1 dag"), policy, &calendar)
            .unwrap()
            .end,
        d("2200-12-31")
    );
    assert_eq!(calendar.legal_holiday(d("2201-01-01")), None);
}

#[test]
fn a_zero_or_absurd_term_built_by_hand_is_refused() {
    let calendar = Calendar::dutch();
    for amount in [0, 1000, u16::MAX] {
        let bad = Term {
            amount,
            unit: TermUnit::Days,
            direction: Direction::After,
        };
        let err = deadline(d("2026-03-02"), bad, TermPolicy::default(), &calendar).unwrap_err();
        assert!(
            matches!(err, TermError::AmountOutOfRange(_)),
            "{amount}: {err}"
        );
    }
    let err = "0 werkdagen".parse::<Term>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "termijn \"0 werkdagen\": het aantal moet tussen 1 en 999 liggen"
    );
}
