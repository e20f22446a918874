//! The closure days are organisation data that a beheerder changes while the application runs:
//! the instance that made the change reloads its calendar at once, every other instance within
//! its refresh interval, and a snapshot taken before a reload keeps counting as it did.

use std::sync::Arc;
use std::time::Duration;

use app::App;
use jiff::civil::date;

use crate::helpers::{TestApp, app_test};

app_test!(a_closure_day_reaches_this_instance_at_once_and_another_on_its_next_refresh);
async fn a_closure_day_reaches_this_instance_at_once_and_another_on_its_next_refresh(t: &TestApp) {
    let other = Arc::new(
        App::start(Arc::clone(&t.store), t.clock.clone())
            .await
            .unwrap(),
    );
    let day = date(2026, 5, 4);
    let before = t.app.calendar();
    assert!(before.is_working_day(day, true));

    t.store.add_closure_day(day, "Brugdag").await.unwrap();
    t.app.reload_calendar().await.unwrap();
    assert!(!t.app.calendar().is_working_day(day, true), "reloaded here");
    assert!(
        before.is_working_day(day, true),
        "a snapshot does not change"
    );
    assert!(other.calendar().is_working_day(day, true), "not yet there");

    other.spawn_calendar_refresh(Duration::from_millis(20));
    let mut waited = Duration::ZERO;
    while other.calendar().is_working_day(day, true) {
        assert!(
            waited < Duration::from_secs(5),
            "the other instance never refreshed"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
        waited += Duration::from_millis(10);
    }

    t.store.remove_closure_day(day).await.unwrap();
    t.app.reload_calendar().await.unwrap();
    assert!(t.app.calendar().is_working_day(day, true), "removed again");
}
