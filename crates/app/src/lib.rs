//! Use cases: each step of the procedure as one transaction.
//!
//! Data flows one way: a request (web, mail, worker, CLI) becomes a domain command; the domain
//! decides on the complaint's current state, with `now` from the [`Clock`] and the calendar;
//! the resulting events, the new projection and the follow-up jobs are written by the store in
//! one transaction. Nothing else reads the event log to decide.

pub mod accounts;
mod clock;
pub mod deadline_watch;
pub mod deadlines;
mod error;
pub mod follow_ups;
pub mod group_commit;
mod intake;
pub mod invitation_jobs;
pub mod letter_jobs;
pub mod mail_intake;
pub mod outcomes;
pub mod record;
pub mod seed;
mod steps;
pub mod worker;

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use domain::calendar::Calendar;
use domain::procedure::{ProcedureCatalog, ProcedureDefinition};
use store::Store;

pub use clock::{Clock, FixedClock, OffsetClock, SystemClock};
pub use error::AppError;
pub use group_commit::{GroupCommitOptions, IntakeCommitter};
pub use intake::{Intake, IntakeRequest, RECEIPT_JOB, Registered};
pub use letter_jobs::LETTER_JOB;
pub use steps::Loaded;

/// How often [`App::spawn_calendar_refresh`] rereads the closure days in `serve` and `worker`:
/// a closure day added on one instance counts on the others within this time.
pub const CALENDAR_REFRESH: Duration = Duration::from_secs(60);

/// The application: the store, the calendar, the procedure definitions and the clock, shared by
/// every interface.
pub struct App {
    /// The complaint record.
    store: Arc<dyn Store>,
    /// Where "now" comes from.
    clock: Arc<dyn Clock>,
    /// The legal calendar with the organisation's closure days. Replaced whole when the closure
    /// days change ([`App::reload_calendar`]); readers take a snapshot ([`App::calendar`]).
    calendar: RwLock<Arc<Calendar>>,
    /// Every known procedure definition: a complaint is decided under the one it started with.
    procedures: ProcedureCatalog,
    /// The definition new complaints are registered under.
    current_procedure: Arc<ProcedureDefinition>,
    /// The deadline watch reminds this many working days before an organisation's term ends.
    remind_working_days: u16,
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
        let calendar = load_calendar(store.as_ref()).await?;
        let current = ProcedureDefinition::focus_default();
        let mut procedures = ProcedureCatalog::new();
        procedures
            .insert(current.clone())
            .expect("an empty catalog accepts the shipped definition");
        Ok(App {
            store,
            clock,
            calendar: RwLock::new(Arc::new(calendar)),
            procedures,
            current_procedure: Arc::new(current),
            remind_working_days: follow_ups::DEFAULT_REMIND_WORKING_DAYS,
        })
    }

    /// Sets how many working days before an organisation's term ends its reminder is due
    /// (default [`follow_ups::DEFAULT_REMIND_WORKING_DAYS`]).
    pub fn with_remind_working_days(mut self, days: u16) -> App {
        self.remind_working_days = days;
        self
    }

    /// What the deadline watch needs to queue its jobs, counting on `calendar` (a snapshot from
    /// [`App::calendar`], so one decision uses one calendar throughout).
    pub fn watch<'a>(&self, calendar: &'a Calendar) -> follow_ups::Watch<'a> {
        follow_ups::Watch {
            calendar,
            remind_working_days: self.remind_working_days,
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The calendar as it is now: a snapshot that a later reload does not change, so one
    /// decision counts with one calendar throughout.
    pub fn calendar(&self) -> Arc<Calendar> {
        let guard = self.calendar.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&guard)
    }

    /// Reads the closure days again and replaces the calendar: after an administrator changed
    /// them on this instance, and every minute on every instance
    /// ([`App::spawn_calendar_refresh`]), so other instances follow. Deadlines already recorded
    /// keep their dates; only deadlines computed afterwards count with the new days.
    pub async fn reload_calendar(&self) -> Result<(), AppError> {
        let calendar = Arc::new(load_calendar(self.store.as_ref()).await?);
        let mut guard = self.calendar.write().unwrap_or_else(|e| e.into_inner());
        *guard = calendar;
        Ok(())
    }

    /// Reloads the calendar every `every` until the application is dropped, so a closure day
    /// added on another instance counts here within that time. Needs a Tokio runtime.
    pub fn spawn_calendar_refresh(self: &Arc<Self>, every: Duration) {
        let app = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let Some(app) = app.upgrade() else { break };
                if let Err(error) = app.reload_calendar().await {
                    tracing::warn!(%error, "reloading the closure days failed; keeping the old calendar");
                }
            }
        });
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

/// The legal calendar with the organisation's closure days as the store has them now.
async fn load_calendar(store: &dyn Store) -> Result<Calendar, AppError> {
    let closures = store.closure_days().await?;
    Ok(Calendar::dutch().with_closure_days(closures))
}
