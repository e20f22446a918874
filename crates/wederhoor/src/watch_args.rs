//! The deadline watch's operator settings, shared by `serve`, `worker` and `deadlines resync`:
//! how many working days ahead reminders come, and a clock offset for drills and tests.

use std::sync::Arc;

use app::{App, Clock};
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// Remind the people who must act this many working days before an organisation's term
    /// ends (reminders already queued keep their time).
    #[arg(long, env = "WEDERHOOR_REMIND_WORKING_DAYS", default_value_t = app::follow_ups::DEFAULT_REMIND_WORKING_DAYS)]
    pub remind_working_days: u16,
    /// FOR DRILLS AND TESTS ONLY: seconds (may be negative) added to the system clock, so that
    /// deadlines, reminders and escalations fall due as they would at that time. Logged as a
    /// warning at start.
    #[arg(
        long,
        env = "WEDERHOOR_CLOCK_OFFSET_SECONDS",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    pub clock_offset_seconds: i64,
}

impl WatchArgs {
    /// The system clock, moved by the offset when one is set (with a warning).
    pub fn clock(&self) -> Arc<dyn Clock> {
        if self.clock_offset_seconds == 0 {
            return Arc::new(app::SystemClock);
        }
        let offset = jiff::SignedDuration::from_secs(self.clock_offset_seconds);
        let clock = app::OffsetClock { offset };
        tracing::warn!(
            offset_seconds = self.clock_offset_seconds,
            now = %clock.now(),
            "the clock is moved (WEDERHOOR_CLOCK_OFFSET_SECONDS): for drills and tests only"
        );
        Arc::new(clock)
    }

    /// The app with these settings applied.
    pub fn apply(&self, app: App) -> App {
        app.with_remind_working_days(self.remind_working_days)
    }
}
