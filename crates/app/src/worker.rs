//! The job worker: follow-up work (e-mails, letters, reminders, lapses) is written as rows in the
//! same transaction as the step that causes it; the worker claims due jobs with a lease, runs
//! their handler, and completes them, retries them with exponential backoff, or dead-letters
//! them after the job's maximum attempts (the store decides when a job is dead).
//!
//! Handlers must be idempotent: a worker that dies after doing the work but before completing
//! the job leaves a lease that expires, and the job runs again.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use jiff::SignedDuration;
use store::Job;

use crate::{App, AppError};

/// Why a job did not finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth another try later (a mail server that is down, a lock).
    #[error("transient: {0}")]
    Transient(String),
    /// Will never succeed (an invalid address, a complaint that no longer exists).
    #[error("permanent: {0}")]
    Permanent(String),
}

/// Runs jobs of one kind.
pub trait JobHandler: Send + Sync + fmt::Debug {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> std::pin::Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>>;
}

/// Claims and runs jobs.
pub struct Worker {
    app: Arc<App>,
    handlers: HashMap<String, Arc<dyn JobHandler>>,
    name: String,
    lease: SignedDuration,
    batch: u32,
    idle: Duration,
}

impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("name", &self.name)
            .field("kinds", &self.handlers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// The wait before attempt `n + 1` after `n` failed attempts: 30 s, 1 min, 2 min, … capped at 1 h.
pub fn backoff(attempts: i32) -> SignedDuration {
    let exp = attempts.clamp(1, 8) - 1;
    let secs = (30_i64 << exp).min(3600);
    SignedDuration::from_secs(secs)
}

impl Worker {
    /// A worker named `name` (unique per process: host and pid, for example).
    pub fn new(app: Arc<App>, name: impl Into<String>) -> Worker {
        Worker {
            app,
            handlers: HashMap::new(),
            name: name.into(),
            lease: SignedDuration::from_mins(5),
            batch: 20,
            idle: Duration::from_secs(2),
        }
    }

    /// Registers the handler for jobs of `kind`.
    pub fn handle(mut self, kind: &str, handler: Arc<dyn JobHandler>) -> Worker {
        self.handlers.insert(kind.to_string(), handler);
        self
    }

    /// How long to wait when no job is due.
    pub fn idle_wait(mut self, idle: Duration) -> Worker {
        self.idle = idle;
        self
    }

    /// Claims one batch of due jobs and runs them; returns how many were claimed.
    pub async fn run_once(&self) -> Result<usize, AppError> {
        let now = self.app.clock().now();
        let jobs = self
            .app
            .store()
            .claim_jobs(&self.name, now, self.lease, self.batch)
            .await?;
        for job in &jobs {
            self.run_job(job).await?;
        }
        Ok(jobs.len())
    }

    /// Runs batches until no job is due (for tests and for `worker --drain`).
    pub async fn drain(&self) -> Result<usize, AppError> {
        let mut total = 0;
        loop {
            let n = self.run_once().await?;
            if n == 0 {
                return Ok(total);
            }
            total += n;
        }
    }

    /// Runs until `shutdown` completes; the batch in hand is finished first.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            let claimed = match self.run_once().await {
                Ok(n) => n,
                Err(error) => {
                    tracing::error!(%error, worker = %self.name, "claiming jobs failed");
                    0
                }
            };
            if claimed == 0 {
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(self.idle) => {}
                }
            } else if futures_ready(&mut shutdown).await {
                break;
            }
        }
        tracing::info!(worker = %self.name, "worker stopped");
    }

    async fn run_job(&self, job: &Job) -> Result<(), AppError> {
        let store = self.app.store();
        let Some(handler) = self.handlers.get(&job.kind) else {
            tracing::error!(job.id = job.id, job.kind = %job.kind, "no handler for job kind");
            store
                .fail_job(job.id, &self.name, "no handler for this kind of job", None)
                .await?;
            return Ok(());
        };
        match handler.run(&self.app, job).await {
            Ok(()) => {
                store.complete_job(job.id, &self.name).await?;
                tracing::info!(job.id = job.id, job.kind = %job.kind, "job done");
            }
            Err(JobError::Transient(error)) => {
                let retry_at = self.app.clock().now() + backoff(job.attempts);
                tracing::warn!(job.id = job.id, job.kind = %job.kind, attempts = job.attempts, %error, "job failed; will retry");
                store
                    .fail_job(job.id, &self.name, &error, Some(retry_at))
                    .await?;
            }
            Err(JobError::Permanent(error)) => {
                tracing::error!(job.id = job.id, job.kind = %job.kind, %error, "job failed permanently");
                store.fail_job(job.id, &self.name, &error, None).await?;
            }
        }
        Ok(())
    }
}

/// Whether `shutdown` has completed, without waiting for it.
async fn futures_ready(shutdown: &mut std::pin::Pin<&mut impl Future<Output = ()>>) -> bool {
    tokio::select! {
        biased;
        () = shutdown.as_mut() => true,
        () = std::future::ready(()) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use jiff::SignedDuration;

    #[test]
    fn backoff_doubles_from_thirty_seconds_and_stops_at_an_hour() {
        assert_eq!(backoff(1), SignedDuration::from_secs(30));
        assert_eq!(backoff(2), SignedDuration::from_secs(60));
        assert_eq!(backoff(5), SignedDuration::from_secs(480));
        assert_eq!(backoff(20), SignedDuration::from_secs(3600));
    }
}
