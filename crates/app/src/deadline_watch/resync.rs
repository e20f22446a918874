//! Queueing the follow-up jobs of complaints from before a kind of job existed.

use store::QueueQuery;

use crate::follow_ups::follow_ups;
use crate::{App, AppError};

/// What [`resync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resynced {
    /// Open complaints looked at.
    pub complaints: u64,
    /// Jobs newly queued (jobs queued before are not counted: their dedupe key is known).
    pub queued: u64,
}

/// Queues the follow-up jobs (lapses, reminders, escalations) of every open complaint, `page`
/// complaints at a time, for databases that were filled before a kind of job existed. Idempotent:
/// every job has a dedupe key, so a second run queues nothing. `progress` sees the running total.
pub async fn resync(
    app: &App,
    page: u32,
    mut progress: impl FnMut(Resynced),
) -> Result<Resynced, AppError> {
    let mut done = Resynced::default();
    let mut after = None;
    loop {
        let rows = app
            .store()
            .queue(&QueueQuery {
                region: None,
                state: None,
                after,
                limit: page.max(1),
                ..QueueQuery::default()
            })
            .await?;
        let Some(last) = rows.last() else {
            return Ok(done);
        };
        after = Some(last.cursor());
        let mut jobs = Vec::new();
        let calendar = app.calendar();
        for row in &rows {
            let loaded = app.load(row.reference).await?;
            let key = loaded.complaint.procedure_key().to_string();
            let procedure = app.procedure(&key).ok_or(AppError::UnknownProcedure(key))?;
            jobs.extend(follow_ups(
                loaded.id,
                &loaded.complaint,
                procedure,
                app.watch(&calendar),
            ));
        }
        done.complaints += rows.len() as u64;
        done.queued += app.store().enqueue_jobs(jobs).await?;
        progress(done);
    }
}
