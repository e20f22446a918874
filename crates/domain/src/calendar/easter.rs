//! Easter Sunday by the Gregorian computus.
//!
//! Five of the Atw holidays hang off Easter (Goede Vrijdag, both Paasdagen, Hemelvaartsdag,
//! both Pinksterdagen), so an error here moves five deadlines a year. The algorithm is the
//! anonymous Gregorian one (Meeus/Jones/Butcher): pure integer arithmetic, valid for every
//! Gregorian year, and checked below against an independently generated table for 1966–2200.

/// Easter Sunday of `year` as (month, day): March 22 at the earliest, April 25 at the latest.
pub(crate) fn easter_month_day(year: i16) -> (i8, i8) {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is at most 31: both fit in an i8.
    ((n / 31) as i8, (n % 31 + 1) as i8)
}

/// Easter Sunday of `year` as a day of the year (1 = January 1).
pub(crate) fn easter_day_of_year(year: i16) -> i16 {
    let (month, day) = easter_month_day(year);
    let leap = i16::from(is_leap(year));
    // January (31) + February (28 or 29), plus March (31) when Easter is in April.
    let before_month = if month == 3 { 59 + leap } else { 90 + leap };
    before_month + i16::from(day)
}

fn is_leap(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_easter_sundays() {
        assert_eq!(easter_month_day(1966), (4, 10));
        assert_eq!(easter_month_day(2000), (4, 23));
        assert_eq!(easter_month_day(2024), (3, 31));
        assert_eq!(easter_month_day(2025), (4, 20));
        assert_eq!(easter_month_day(2026), (4, 5));
        assert_eq!(easter_month_day(2038), (4, 25));
        assert_eq!(easter_month_day(2200), (4, 6));
    }

    #[test]
    fn extremes_of_the_easter_window() {
        // March 22 (earliest possible) and April 25 (latest possible).
        assert_eq!(easter_month_day(1818), (3, 22));
        assert_eq!(easter_month_day(2285), (3, 22));
        assert_eq!(easter_month_day(1943), (4, 25));
        assert_eq!(easter_month_day(2038), (4, 25));
    }

    /// Easter 1966–2200 (MMDD per year), generated independently with Python's
    /// `dateutil.easter.easter` (EASTER_WESTERN).
    const REFERENCE: [&str; 20] = [
        "0410 0326 0414 0406 0329 0411 0402 0422 0414 0330 0418 0410",
        "0326 0415 0406 0419 0411 0403 0422 0407 0330 0419 0403 0326",
        "0415 0331 0419 0411 0403 0416 0407 0330 0412 0404 0423 0415",
        "0331 0420 0411 0327 0416 0408 0323 0412 0404 0424 0408 0331",
        "0420 0405 0327 0416 0401 0421 0412 0404 0417 0409 0331 0420",
        "0405 0328 0416 0401 0421 0413 0328 0417 0409 0325 0413 0405",
        "0425 0410 0401 0421 0406 0329 0417 0409 0325 0414 0405 0418",
        "0410 0402 0421 0406 0329 0418 0402 0422 0414 0330 0418 0410",
        "0326 0415 0406 0329 0411 0403 0422 0414 0330 0419 0410 0326",
        "0415 0407 0419 0411 0403 0423 0407 0330 0419 0404 0326 0415",
        "0331 0420 0411 0403 0416 0408 0330 0412 0404 0424 0415 0331",
        "0420 0412 0328 0417 0409 0325 0413 0405 0418 0410 0401 0421",
        "0406 0329 0417 0402 0422 0414 0329 0418 0410 0326 0414 0406",
        "0329 0411 0402 0422 0414 0330 0418 0410 0326 0415 0406 0419",
        "0411 0403 0422 0407 0330 0419 0403 0326 0415 0331 0419 0411",
        "0403 0416 0407 0330 0412 0404 0423 0415 0331 0420 0411 0327",
        "0416 0408 0323 0412 0404 0424 0408 0331 0420 0405 0327 0416",
        "0401 0421 0412 0404 0417 0409 0331 0420 0405 0328 0416 0401",
        "0421 0413 0328 0417 0409 0325 0413 0405 0425 0410 0401 0421",
        "0406 0329 0417 0409 0325 0414 0406",
    ];

    #[test]
    fn every_year_1966_to_2200_matches_an_independent_table() {
        let reference: Vec<&str> = REFERENCE.iter().flat_map(|row| row.split(' ')).collect();
        assert_eq!(reference.len(), 235);
        for (year, mmdd) in (1966..=2200).zip(reference) {
            let (month, day) = easter_month_day(year);
            assert_eq!(format!("{month:02}{day:02}"), mmdd, "Easter {year}");
        }
    }

    #[test]
    fn easter_is_always_a_sunday_and_day_of_year_agrees_with_jiff() {
        for year in 1966..=2200 {
            let (month, day) = easter_month_day(year);
            let date = jiff::civil::date(year, month, day);
            assert_eq!(date.weekday(), jiff::civil::Weekday::Sunday, "{date}");
            assert_eq!(easter_day_of_year(year), date.day_of_year(), "{date}");
        }
    }
}
