//! The worked examples E1–E12 and the calendar facts of TERMS.md, one named test each.

use domain::calendar::{Calendar, NonWorking};
use domain::terms::{TermPolicy, deadline};
use jiff::civil::Weekday;

use super::{atw, d, pairs, steps, term};

#[test]
fn e1_two_weeks_from_monday_2_march_2026_is_monday_16_march() {
    let dl = atw("2026-03-02", "2 weken");
    assert_eq!((dl.raw_end, dl.end), (d("2026-03-16"), d("2026-03-16")));
    assert!(dl.steps.is_empty());
    assert_eq!(dl.rule, "2 weken na 2026-03-02");
    assert_eq!(dl.start, d("2026-03-02"));
    assert!(dl.warnings.is_empty());
    assert_eq!(dl.calendar_version, Calendar::dutch().data_version());
}

#[test]
fn e2_two_weeks_from_13_april_2026_skips_koningsdag() {
    let dl = atw("2026-04-13", "2 weken");
    assert_eq!((dl.raw_end, dl.end), (d("2026-04-27"), d("2026-04-28")));
    assert_eq!(steps(&dl), pairs(&[("2026-04-27", "Koningsdag")]));
}

#[test]
fn e3_two_weeks_from_20_march_2026_skips_easter() {
    let dl = atw("2026-03-20", "2 weken");
    assert_eq!((dl.raw_end, dl.end), (d("2026-04-03"), d("2026-04-07")));
    let expected = [
        ("2026-04-03", "Goede Vrijdag"),
        ("2026-04-04", "zaterdag"),
        ("2026-04-05", "Eerste Paasdag"),
        ("2026-04-06", "Tweede Paasdag"),
    ];
    assert_eq!(steps(&dl), pairs(&expected));
}

#[test]
fn e4_fifteen_days_from_9_january_2026_skips_the_weekend() {
    let dl = atw("2026-01-09", "15 dagen");
    assert_eq!((dl.raw_end, dl.end), (d("2026-01-24"), d("2026-01-26")));
    assert_eq!(
        steps(&dl),
        pairs(&[("2026-01-24", "zaterdag"), ("2026-01-25", "zondag")])
    );
}

#[test]
fn e5_fifteen_days_from_20_april_2026_skips_5_mei() {
    let dl = atw("2026-04-20", "15 dagen");
    assert_eq!((dl.raw_end, dl.end), (d("2026-05-05"), d("2026-05-06")));
    assert_eq!(steps(&dl), pairs(&[("2026-05-05", "Bevrijdingsdag")]));
}

#[test]
fn e6_two_weeks_from_12_december_2025_skips_christmas_and_weekend() {
    let dl = atw("2025-12-12", "2 weken");
    assert_eq!((dl.raw_end, dl.end), (d("2025-12-26"), d("2025-12-29")));
    let expected = [
        ("2025-12-26", "Tweede Kerstdag"),
        ("2025-12-27", "zaterdag"),
        ("2025-12-28", "zondag"),
    ];
    assert_eq!(steps(&dl), pairs(&expected));
}

#[test]
fn e7_two_working_days_from_friday_1_may_2026_is_wednesday_6_may() {
    let dl = atw("2026-05-01", "2 werkdagen");
    assert_eq!((dl.raw_end, dl.end), (d("2026-05-06"), d("2026-05-06")));
    let expected = [
        ("2026-05-02", "zaterdag"),
        ("2026-05-03", "zondag"),
        ("2026-05-05", "Bevrijdingsdag"),
    ];
    assert_eq!(steps(&dl), pairs(&expected));
}

#[test]
fn e8_two_working_days_from_thursday_2_april_2026_is_wednesday_8_april() {
    let dl = atw("2026-04-02", "2 werkdagen");
    assert_eq!(dl.end, d("2026-04-08"));
    let expected = [
        ("2026-04-03", "Goede Vrijdag"),
        ("2026-04-04", "zaterdag"),
        ("2026-04-05", "Eerste Paasdag"),
        ("2026-04-06", "Tweede Paasdag"),
    ];
    assert_eq!(steps(&dl), pairs(&expected));
}

#[test]
fn e9_two_working_days_from_saturday_7_march_2026_is_tuesday_10_march() {
    let dl = atw("2026-03-07", "2 werkdagen");
    assert_eq!(dl.end, d("2026-03-10"));
    assert_eq!(steps(&dl), pairs(&[("2026-03-08", "zondag")]));
}

#[test]
fn e10_one_week_from_20_april_2026_skips_koningsdag() {
    let dl = atw("2026-04-20", "1 week");
    assert_eq!((dl.raw_end, dl.end), (d("2026-04-27"), d("2026-04-28")));
    assert_eq!(steps(&dl), pairs(&[("2026-04-27", "Koningsdag")]));
}

#[test]
fn e11_three_days_from_2_april_2026_needs_atw_article_2() {
    let dl = atw("2026-04-02", "3 dagen");
    assert_eq!((dl.raw_end, dl.end), (d("2026-04-05"), d("2026-04-08")));
    let expected = [
        ("2026-04-05", "Eerste Paasdag"),
        ("2026-04-06", "Tweede Paasdag"),
        (
            "2026-04-07",
            "Atw art. 2: termijn bevat minder dan 2 werkdagen",
        ),
    ];
    assert_eq!(steps(&dl), pairs(&expected));
}

#[test]
fn e12_two_weeks_from_saturday_14_november_2026_is_monday_30_november() {
    let dl = atw("2026-11-14", "2 weken");
    assert_eq!((dl.raw_end, dl.end), (d("2026-11-28"), d("2026-11-30")));
    assert_eq!(
        steps(&dl),
        pairs(&[("2026-11-28", "zaterdag"), ("2026-11-29", "zondag")])
    );
}

#[test]
fn raw_mode_leaves_e2_on_koningsdag() {
    let raw = TermPolicy {
        atw: false,
        ..TermPolicy::default()
    };
    let dl = deadline(d("2026-04-13"), term("2 weken"), raw, &Calendar::dutch()).unwrap();
    assert_eq!((dl.raw_end, dl.end), (d("2026-04-27"), d("2026-04-27")));
    assert!(dl.steps.is_empty());
    assert_eq!(
        dl.rule,
        "2 weken na 2026-04-13 (zonder Algemene termijnenwet)"
    );
}

#[test]
fn fact_monday_28_april_2025_is_a_working_day() {
    let calendar = Calendar::dutch();
    assert!(calendar.is_working_day(d("2025-04-28"), true));
    assert_eq!(calendar.non_working(d("2025-04-28"), true), None);
}

#[test]
fn fact_tuesday_5_may_2026_is_not_a_working_day() {
    let calendar = Calendar::dutch();
    let why = calendar.non_working(d("2026-05-05"), false).unwrap();
    assert_eq!(why.reason(), "Bevrijdingsdag");
    assert!(!calendar.is_working_day(d("2026-05-05"), false));
}

#[test]
fn fact_monday_4_may_2026_is_a_working_day() {
    assert_eq!(Calendar::dutch().non_working(d("2026-05-04"), true), None);
}

#[test]
fn fact_koningsdag_fell_on_saturday_in_2014_and_2025() {
    let calendar = Calendar::dutch();
    for day in ["2014-04-26", "2025-04-26"] {
        let holiday = calendar.legal_holiday(d(day)).unwrap();
        assert_eq!(holiday.name, "Koningsdag");
        assert_eq!(d(day).weekday(), Weekday::Saturday);
        assert!(matches!(
            calendar.non_working(d(day), false),
            Some(NonWorking::Holiday(_))
        ));
    }
    assert_eq!(calendar.legal_holiday(d("2014-04-27")), None);
    assert_eq!(calendar.legal_holiday(d("2025-04-27")), None);
}

#[test]
fn fact_koninginnedag_was_monday_1_may_in_1967_1972_and_1978() {
    let calendar = Calendar::dutch();
    for year in [1967, 1972, 1978] {
        let first_of_may = jiff::civil::date(year, 5, 1);
        assert_eq!(first_of_may.weekday(), Weekday::Monday);
        assert_eq!(
            calendar.legal_holiday(first_of_may).unwrap().name,
            "Koninginnedag"
        );
        assert_eq!(calendar.legal_holiday(jiff::civil::date(year, 4, 30)), None);
    }
}
