//! Full holiday listings, and decree-data coverage with its warnings.

use domain::calendar::{Calendar, DayKind};
use domain::terms::{TermPolicy, deadline};

use super::{atw, d, term};

fn listing(year: i16) -> Vec<(String, String, DayKind)> {
    Calendar::dutch()
        .year(year)
        .days
        .into_iter()
        .map(|h| (h.date.to_string(), h.name, h.kind))
        .collect()
}

fn expected(days: &[(&str, &str, DayKind)]) -> Vec<(String, String, DayKind)> {
    days.iter()
        .map(|(a, b, k)| ((*a).to_owned(), (*b).to_owned(), *k))
        .collect()
}

use DayKind::{Atw, Gelijkgesteld};

#[test]
fn listing_2025_in_full() {
    let days = [
        ("2025-01-01", "Nieuwjaarsdag", Atw),
        ("2025-04-18", "Goede Vrijdag", Atw),
        ("2025-04-20", "Eerste Paasdag", Atw),
        ("2025-04-21", "Tweede Paasdag", Atw),
        ("2025-04-26", "Koningsdag", Atw),
        ("2025-05-05", "Bevrijdingsdag", Atw),
        ("2025-05-29", "Hemelvaartsdag", Atw),
        (
            "2025-05-30",
            "Gelijkgestelde dag (besluit 2023–2025)",
            Gelijkgesteld,
        ),
        ("2025-06-08", "Eerste Pinksterdag", Atw),
        ("2025-06-09", "Tweede Pinksterdag", Atw),
        ("2025-12-25", "Eerste Kerstdag", Atw),
        ("2025-12-26", "Tweede Kerstdag", Atw),
    ];
    assert_eq!(listing(2025), expected(&days));
    assert!(Calendar::dutch().year(2025).warnings.is_empty());
}

#[test]
fn listing_2026_in_full_with_its_decree_days() {
    let days = [
        ("2026-01-01", "Nieuwjaarsdag", Atw),
        (
            "2026-01-02",
            "Gelijkgestelde dag (besluit 2026–2028)",
            Gelijkgesteld,
        ),
        ("2026-04-03", "Goede Vrijdag", Atw),
        ("2026-04-05", "Eerste Paasdag", Atw),
        ("2026-04-06", "Tweede Paasdag", Atw),
        ("2026-04-27", "Koningsdag", Atw),
        ("2026-05-05", "Bevrijdingsdag", Atw),
        ("2026-05-14", "Hemelvaartsdag", Atw),
        (
            "2026-05-15",
            "Gelijkgestelde dag (besluit 2026–2028)",
            Gelijkgesteld,
        ),
        ("2026-05-24", "Eerste Pinksterdag", Atw),
        ("2026-05-25", "Tweede Pinksterdag", Atw),
        ("2026-12-25", "Eerste Kerstdag", Atw),
        ("2026-12-26", "Tweede Kerstdag", Atw),
    ];
    assert_eq!(listing(2026), expected(&days));
    assert!(Calendar::dutch().year(2026).warnings.is_empty());
}

#[test]
fn listing_1978_has_koninginnedag_on_monday_1_may_and_unknown_decrees() {
    let days = [
        ("1978-01-01", "Nieuwjaarsdag", Atw),
        ("1978-03-24", "Goede Vrijdag", Atw),
        ("1978-03-26", "Eerste Paasdag", Atw),
        ("1978-03-27", "Tweede Paasdag", Atw),
        ("1978-05-01", "Koninginnedag", Atw),
        ("1978-05-04", "Hemelvaartsdag", Atw),
        ("1978-05-05", "Bevrijdingsdag", Atw),
        ("1978-05-14", "Eerste Pinksterdag", Atw),
        ("1978-05-15", "Tweede Pinksterdag", Atw),
        ("1978-12-25", "Eerste Kerstdag", Atw),
        ("1978-12-26", "Tweede Kerstdag", Atw),
    ];
    assert_eq!(listing(1978), expected(&days));
    let warning = "Geen gegevens over gelijkgestelde dagen (koninklijk besluit) voor 1978: zulke dagen zijn onbekend.";
    assert_eq!(Calendar::dutch().year(1978).warnings, [warning]);
}

#[test]
fn listing_2014_has_koningsdag_on_saturday_26_april() {
    let days = [
        ("2014-01-01", "Nieuwjaarsdag", Atw),
        ("2014-04-18", "Goede Vrijdag", Atw),
        ("2014-04-20", "Eerste Paasdag", Atw),
        ("2014-04-21", "Tweede Paasdag", Atw),
        ("2014-04-26", "Koningsdag", Atw),
        ("2014-05-05", "Bevrijdingsdag", Atw),
        ("2014-05-29", "Hemelvaartsdag", Atw),
        ("2014-06-08", "Eerste Pinksterdag", Atw),
        ("2014-06-09", "Tweede Pinksterdag", Atw),
        ("2014-12-25", "Eerste Kerstdag", Atw),
        ("2014-12-26", "Tweede Kerstdag", Atw),
    ];
    assert_eq!(listing(2014), expected(&days));
}

#[test]
fn hemelvaartsdag_on_5_mei_2016_is_one_day_with_both_names() {
    let on_5_mei: Vec<_> = listing(2016)
        .into_iter()
        .filter(|(date, _, _)| date == "2016-05-05")
        .collect();
    assert_eq!(
        on_5_mei,
        expected(&[("2016-05-05", "Bevrijdingsdag en Hemelvaartsdag", Atw)])
    );
}

#[test]
fn every_supported_year_lists_at_least_the_eleven_atw_days_in_order() {
    let calendar = Calendar::dutch();
    for year in Calendar::FIRST_YEAR..=Calendar::LAST_YEAR {
        let days = calendar.year(year).days;
        let atw_days = days.iter().filter(|h| h.kind == Atw).count();
        // 11 names; 10 dates when Hemelvaartsdag falls on 5 mei.
        assert!(atw_days == 11 || atw_days == 10, "{year}: {atw_days}");
        assert!(
            days.windows(2).all(|w| w[0].date < w[1].date),
            "{year} sorted, one entry per date"
        );
        assert!(days.iter().all(|h| h.date.year() == year));
    }
}

#[test]
fn decree_years_known_are_exactly_2017_to_2019_and_2023_to_2028() {
    let calendar = Calendar::dutch();
    let known: Vec<i16> = (1900..=2300)
        .filter(|y| calendar.decrees_known(*y))
        .collect();
    assert_eq!(
        known,
        [2017, 2018, 2019, 2023, 2024, 2025, 2026, 2027, 2028]
    );
}

#[test]
fn unknown_decree_years_are_reported_never_assumed_empty() {
    let calendar = Calendar::dutch();
    for year in [1966, 2016, 2020, 2021, 2022, 2029, 2030, 2200] {
        let text = format!(
            "Geen gegevens over gelijkgestelde dagen (koninklijk besluit) voor {year}: zulke dagen zijn onbekend."
        );
        assert_eq!(calendar.year(year).warnings, [text], "{year}");
    }
    assert_eq!(
        calendar.year(1965).warnings,
        ["Jaar 1965 valt buiten het ondersteunde bereik (1966–2200)."]
    );
    assert!(calendar.year(2201).days.is_empty());
}

#[test]
fn mon_26_april_2027_is_not_a_decree_day_but_friday_7_may_2027_is() {
    let calendar = Calendar::dutch();
    assert_eq!(calendar.legal_holiday(d("2027-04-26")), None);
    assert_eq!(
        calendar.legal_holiday(d("2027-04-27")).map(|h| h.name),
        Some("Koningsdag".to_owned())
    );
    let friday = calendar.legal_holiday(d("2027-05-07")).unwrap();
    assert_eq!(friday.kind, Gelijkgesteld);
    let why = calendar.non_working(d("2027-05-07"), false).unwrap();
    assert_eq!(why.reason(), "gelijkgesteld (besluit 2026–2028)");
}

#[test]
fn all_seventeen_decree_days_are_legal_holidays() {
    let calendar = Calendar::dutch();
    let days = "2017-04-28 2017-05-26 2018-05-11 2018-12-24 2018-12-31 2019-05-31 2019-12-27 2023-04-28 \
                2023-05-19 2024-05-10 2024-12-27 2025-05-30 2026-01-02 2026-05-15 2027-05-07 2028-04-28 2028-05-26";
    for day in days.split_whitespace() {
        assert_eq!(
            calendar.legal_holiday(d(day)).map(|h| h.kind),
            Some(Gelijkgesteld),
            "{day}"
        );
    }
    let listed: usize = (2017..=2028)
        .map(|y| {
            calendar
                .year(y)
                .days
                .iter()
                .filter(|h| h.kind == Gelijkgesteld)
                .count()
        })
        .sum();
    assert_eq!(listed, 17);
}

#[test]
fn a_deadline_counting_into_2029_warns_about_2029_only() {
    let dl = atw("2028-12-20", "2 weken");
    assert_eq!(dl.end, d("2029-01-03"));
    assert_eq!(
        dl.warnings,
        [
            "Geen gegevens over gelijkgestelde dagen (koninklijk besluit) voor 2029: zulke dagen zijn onbekend."
        ]
    );
    assert!(atw("2028-12-01", "2 weken").warnings.is_empty());
    assert_eq!(
        atw("2019-12-20", "2 weken").warnings.len(),
        1,
        "2020 is unknown"
    );
    assert_eq!(atw("2021-06-01", "2 werkdagen").warnings.len(), 1);
}

#[test]
fn a_deadline_that_never_consults_the_calendar_carries_no_decree_warning() {
    let calendar = Calendar::dutch();
    let raw = TermPolicy {
        atw: false,
        ..TermPolicy::default()
    };
    assert!(
        deadline(d("2030-03-01"), term("2 weken"), raw, &calendar)
            .unwrap()
            .warnings
            .is_empty()
    );
    assert!(atw("2030-03-01", "10 dagen vóór").warnings.is_empty());
    assert!(atw("2030-03-01", "13 weken").warnings.is_empty());
    assert_eq!(atw("2030-03-01", "2 werkdagen vóór").warnings.len(), 1);
}
