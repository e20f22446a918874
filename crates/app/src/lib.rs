//! Use cases: each step of the procedure as one transaction.
//!
//! Data flows one way: a request (web, mail, worker, CLI) becomes a domain command; the domain
//! decides on the complaint's current state, with `now` from the [`Clock`] and the calendar;
//! the resulting events, the new projection and the follow-up jobs are written by the store in
//! one transaction. Nothing else reads the event log to decide.

mod clock;

use std::fmt;
use std::sync::Arc;

use domain::calendar::Calendar;
use store::Store;

pub use clock::{Clock, FixedClock, SystemClock};

/// The application: the store, the calendar and the clock, shared by every interface.
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    calendar: Calendar,
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App").field("store", &self.store).field("clock", &self.clock).finish_non_exhaustive()
    }
}

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

impl App {
    /// Loads the organisation's calendar data and returns a ready application.
    pub async fn start(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Result<App, AppError> {
        let closures = store.closure_days().await?;
        let calendar = Calendar::dutch().with_closure_days(closures);
        Ok(App { store, clock, calendar })
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }
}
