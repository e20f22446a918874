//! A clock that makes two steps race for real. `App::execute` loads the complaint, then reads
//! the clock, decides and appends; this clock holds its first two readers until both have
//! arrived, so both steps are decided on the same state and then race to append. (Were the
//! clock read before loading, the race would merely be likely; the tests' assertions hold
//! either way.) Implemented on the clock, not as a store wrapper, so it does not have to follow
//! every method the `Store` trait gains.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use app::Clock;
use jiff::Timestamp;

/// How long the first reader waits for the second before going on alone.
const PATIENCE: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// This many readers are waiting.
    Waiting(usize),
    /// Two readers met; the gate stays open.
    Met,
    /// A reader waited in vain; the gate stays open.
    GaveUp,
}

#[derive(Debug)]
pub struct GateClock {
    at: Timestamp,
    gate: Mutex<Gate>,
    changed: Condvar,
}

impl GateClock {
    pub fn new(at: Timestamp) -> GateClock {
        GateClock {
            at,
            gate: Mutex::new(Gate::Waiting(0)),
            changed: Condvar::new(),
        }
    }

    /// Whether two readers met at the gate.
    pub fn met(&self) -> bool {
        *self.gate.lock().expect("gate") == Gate::Met
    }
}

impl Clock for GateClock {
    fn now(&self) -> Timestamp {
        // `now` is not async: wait with the worker's other tasks handed to another thread (a
        // plainly blocked worker can strand a task the database pool needs to return a
        // connection, and the second reader never comes). Needs the multi-thread runtime.
        tokio::task::block_in_place(|| self.pass());
        self.at
    }
}

impl GateClock {
    fn pass(&self) {
        let mut gate = self.gate.lock().expect("gate");
        match *gate {
            Gate::Waiting(0) => {
                *gate = Gate::Waiting(1);
                let waiting = |g: &mut Gate| *g == Gate::Waiting(1);
                let (mut gate, _) = self
                    .changed
                    .wait_timeout_while(gate, PATIENCE, waiting)
                    .expect("gate");
                if *gate == Gate::Waiting(1) {
                    *gate = Gate::GaveUp;
                }
            }
            Gate::Waiting(_) => {
                *gate = Gate::Met;
                self.changed.notify_all();
            }
            Gate::Met | Gate::GaveUp => {}
        }
    }
}
