//! Where "now" comes from. The domain takes time as an argument; the app asks a [`Clock`], which
//! production reads from the system and tests set by hand.

use std::fmt::Debug;
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

/// A source of the current instant.
pub trait Clock: Send + Sync + Debug {
    fn now(&self) -> Timestamp;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// The system clock moved by a fixed offset: for drills and tests that need "next week" now
/// (`WEDERHOOR_CLOCK_OFFSET_SECONDS`). Never for production use.
#[derive(Debug, Clone, Copy)]
pub struct OffsetClock {
    pub offset: SignedDuration,
}

impl Clock for OffsetClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
            .checked_add(self.offset)
            .unwrap_or_else(|_| Timestamp::now())
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    pub fn new(at: Timestamp) -> FixedClock {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: Timestamp) {
        *self.0.lock().expect("clock lock") = at;
    }

    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock().expect("clock lock");
        *now = now.checked_add(by).expect("clock stays in range");
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().expect("clock lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let start: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
        let clock = FixedClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(SignedDuration::from_hours(24));
        assert_eq!(clock.now(), "2026-03-03T09:00:00Z".parse().unwrap());
    }
}
