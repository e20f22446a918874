use super::*;

#[test]
fn a_rate_limit_setting_is_n_per_seconds_or_off() {
    let limit: FormRateLimitSetting = "10/600".parse().unwrap();
    assert_eq!(
        limit.0,
        Some(FormRateLimit {
            max: 10,
            window: SignedDuration::from_mins(10)
        })
    );
    assert_eq!(limit.to_string(), "10/600");
    assert_eq!("off".parse::<FormRateLimitSetting>().unwrap().0, None);
    for wrong in ["", "10", "0/600", "10/0", "ten/600", "10/-1"] {
        assert!(wrong.parse::<FormRateLimitSetting>().is_err(), "{wrong:?}");
    }
}

#[test]
fn the_defaults_are_ten_per_ten_minutes_and_three_seconds() {
    let d = PublicFormSettings::default();
    assert_eq!(d.rate_limit.map(|l| l.max), Some(RATE_MAX));
    assert_eq!(d.min_fill, SignedDuration::from_secs(3));
}
