//! Group commit for intake: registrations that arrive together share one transaction, and so one
//! synced commit, while each is still answered only after its own data is durable.
//!
//! Why: a synced commit costs the disk's flush time (a few milliseconds; this kind of machine
//! does about 300 a second), so one commit per complaint caps intake far below what the rest of
//! the path can do. The [`IntakeCommitter`] is one task that owns a bounded queue: it takes the
//! first waiting request, drains whatever else is already queued (up to
//! [`GroupCommitOptions::max_batch`]), registers the batch in ONE store transaction
//! ([`App::register_all`](crate::App), references allocated gap-free inside it) and only then
//! answers each request. While one batch commits, the next one gathers in the queue, so the
//! batch size follows the load by itself: one request alone is committed at once, without a
//! waiting window.
//!
//! - A request the procedure refuses (or with an unknown region or category) gets its own error;
//!   the others in its batch are registered.
//! - A store error fails every request of the batch; none is acknowledged, so none was shown a
//!   reference that is not on disk.
//! - Back-pressure: when the queue is full, a caller waits up to
//!   [`GroupCommitOptions::enqueue_timeout`] and then gets [`AppError::Overloaded`].

use std::sync::Arc;
use std::time::Duration;

use store::NewAttachment;
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::intake::{IntakeRequest, Registered};
use crate::{App, AppError};

/// How the committer batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupCommitOptions {
    /// Requests waiting at most; beyond it callers wait (back-pressure).
    pub queue: usize,
    /// Requests in one transaction at most.
    pub max_batch: usize,
    /// How long a caller waits for room in a full queue before [`AppError::Overloaded`].
    pub enqueue_timeout: Duration,
    /// Batches in flight at once: while one holds the writer, the next reads the catalog and
    /// runs the domain's decisions, then waits for the writer (its transaction is still one).
    pub pipeline: usize,
}

impl Default for GroupCommitOptions {
    fn default() -> GroupCommitOptions {
        GroupCommitOptions {
            queue: 4096,
            max_batch: 256,
            enqueue_timeout: Duration::from_secs(5),
            pipeline: 2,
        }
    }
}

type Reply = oneshot::Sender<Result<Registered, AppError>>;

/// One registration waiting for its batch.
struct Waiting {
    request: IntakeRequest,
    attachments: Vec<NewAttachment>,
    reply: Reply,
}

/// A handle to the committer task; cheap to clone. The task ends when the last handle is
/// dropped, after answering every request already queued.
#[derive(Debug, Clone)]
pub struct IntakeCommitter {
    queue: mpsc::Sender<Waiting>,
    enqueue_timeout: Duration,
}

impl IntakeCommitter {
    /// Starts the committer task on the current tokio runtime.
    pub fn start(app: Arc<App>, options: GroupCommitOptions) -> IntakeCommitter {
        let (queue, rx) = mpsc::channel(options.queue.max(1));
        tokio::spawn(run(
            app,
            rx,
            options.max_batch.max(1),
            options.pipeline.max(1),
        ));
        IntakeCommitter {
            queue,
            enqueue_timeout: options.enqueue_timeout,
        }
    }

    /// Registers one complaint (with its files) in the next batch; returns after the batch's
    /// transaction committed (or failed).
    pub async fn register(
        &self,
        request: IntakeRequest,
        attachments: Vec<NewAttachment>,
    ) -> Result<Registered, AppError> {
        let (reply, answer) = oneshot::channel();
        let waiting = Waiting {
            request,
            attachments,
            reply,
        };
        self.queue
            .send_timeout(waiting, self.enqueue_timeout)
            .await
            .map_err(|e| match e {
                mpsc::error::SendTimeoutError::Timeout(_) => AppError::Overloaded,
                mpsc::error::SendTimeoutError::Closed(_) => {
                    AppError::CommitFailed("the intake committer has stopped".into())
                }
            })?;
        answer.await.unwrap_or_else(|_| {
            Err(AppError::CommitFailed(
                "the intake committer stopped before answering".into(),
            ))
        })
    }
}

/// The committer loop: takes what is waiting (up to `max_batch`) as one batch, with at most
/// `pipeline` batches in flight.
async fn run(app: Arc<App>, mut rx: mpsc::Receiver<Waiting>, max_batch: usize, pipeline: usize) {
    let in_flight = Arc::new(Semaphore::new(pipeline));
    loop {
        let Ok(permit) = Arc::clone(&in_flight).acquire_owned().await else {
            return;
        };
        let mut waiting = Vec::with_capacity(max_batch);
        if rx.recv_many(&mut waiting, max_batch).await == 0 {
            break;
        }
        let app = Arc::clone(&app);
        tokio::spawn(async move {
            commit(&app, waiting).await;
            drop(permit);
        });
    }
    // Every handle is gone: wait for the batches still in flight before stopping.
    let _ = in_flight.acquire_many(pipeline as u32).await;
}

/// Registers one batch in one transaction and answers each of its requests.
async fn commit(app: &App, waiting: Vec<Waiting>) {
    let mut replies = Vec::with_capacity(waiting.len());
    let mut batch = Vec::with_capacity(waiting.len());
    for w in waiting {
        replies.push(w.reply);
        batch.push((w.request, w.attachments));
    }
    let size = batch.len();
    match app.register_all(batch).await {
        Ok(results) => {
            for (reply, result) in replies.into_iter().zip(results) {
                // A caller that went away (client disconnected) finds its complaint by
                // idempotency key when it submits again.
                let _ = reply.send(result);
            }
        }
        Err(e) => {
            tracing::error!(error = %e, batch.size = size, "intake batch not committed");
            let detail = e.to_string();
            for reply in replies {
                let _ = reply.send(Err(AppError::CommitFailed(detail.clone())));
            }
        }
    }
}
