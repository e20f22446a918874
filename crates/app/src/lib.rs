//! Use cases: each step of the procedure as one transaction.
//!
//! Data flows one way: a request (web, mail, worker, CLI) becomes a domain command; the domain
//! decides on the complaint's current state, with `now` from the [`Clock`] and the calendar;
//! the resulting events, the new projection and the follow-up jobs are written by the store in
//! one transaction. Nothing else reads the event log to decide.

pub mod accounts;
mod clock;
pub mod deadlines;
mod error;
pub mod follow_ups;
pub mod group_commit;
mod intake;
pub mod letter_jobs;
pub mod mail_intake;
pub mod outcomes;
pub mod record;
pub mod seed;
mod steps;
pub mod worker;

use std::fmt;
use std::sync::Arc;

use domain::calendar::Calendar;
use domain::procedure::{ProcedureCatalog, ProcedureDefinition};
use store::Store;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
pub use group_commit::{GroupCommitOptions, IntakeCommitter};
pub use intake::{Intake, IntakeRequest, RECEIPT_JOB, Registered};
pub use letter_jobs::LETTER_JOB;
pub use steps::Loaded;

/// The application: the store, the calendar, the procedure definitions and the clock, shared by
/// every interface.
pub struct App {
    /// The complaint record.
    store: Arc<dyn Store>,
    /// Where "now" comes from.
    clock: Arc<dyn Clock>,
    /// The legal calendar with the organisation's closure days.
    calendar: Arc<Calendar>,
    /// Every known procedure definition: a complaint is decided under the one it started with.
    procedures: ProcedureCatalog,
    /// The definition new complaints are registered under.
    current_procedure: Arc<ProcedureDefinition>,
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("store", &self.store)
            .field("clock", &self.clock)
            .field("current_procedure", &self.current_procedure.key())
            .finish_non_exhaustive()
    }
}

impl App {
    /// Loads the organisation's calendar data and returns a ready application running the
    /// shipped procedure definition.
    pub async fn start(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Result<App, AppError> {
        let closures = store.closure_days().await?;
        let calendar = Calendar::dutch().with_closure_days(closures);
        let current = ProcedureDefinition::focus_default();
        let mut procedures = ProcedureCatalog::new();
        procedures
            .insert(current.clone())
            .expect("an empty catalog accepts the shipped definition");
        Ok(App {
            store,
            clock,
            calendar: Arc::new(calendar),
            procedures,
            current_procedure: Arc::new(current),
        })
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

    /// The definition new complaints are registered under.
    pub fn current_procedure(&self) -> &ProcedureDefinition {
        &self.current_procedure
    }

    /// The definition with key `"{id}@{version}"`, as a complaint records it.
    pub fn procedure(&self, key: &str) -> Option<&ProcedureDefinition> {
        self.procedures.get(key)
    }
}
