//! Graceful shutdown: a worker asked to stop finishes the job in hand (and completes it in the
//! store) before it returns, and claims nothing after.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use app::App;
use app::worker::{JobError, JobHandler, Worker};
use store::{Job, JobCounts, NewJob};
use tokio::sync::{Notify, oneshot};

use crate::helpers::{TestApp, app_test};

/// Says when it started, then waits to be released.
#[derive(Debug, Default)]
struct Slow {
    started: Notify,
    release: Notify,
}

impl JobHandler for Slow {
    fn run<'a>(
        &'a self,
        _app: &'a App,
        _job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(async move {
            self.started.notify_one();
            self.release.notified().await;
            Ok(())
        })
    }
}

fn slow_job(t: &TestApp, key: &str) -> NewJob {
    NewJob {
        kind: "slow".into(),
        payload: serde_json::json!({}),
        run_at: app::Clock::now(&*t.clock),
        dedupe_key: Some(key.into()),
    }
}

app_test!(a_worker_asked_to_stop_finishes_the_job_in_hand_first);
async fn a_worker_asked_to_stop_finishes_the_job_in_hand_first(t: &TestApp) {
    t.store
        .enqueue_jobs(vec![slow_job(t, "one")])
        .await
        .unwrap();
    let slow = Arc::new(Slow::default());
    let worker = Worker::new(Arc::clone(&t.app), "w1")
        .handle("slow", slow.clone())
        .idle_wait(Duration::from_millis(20));
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(async move {
        worker
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    tokio::time::timeout(Duration::from_secs(10), slow.started.notified())
        .await
        .expect("the job started");
    stop.send(()).unwrap();
    // Another job becomes due while the first one runs: it must wait for the next worker.
    t.store
        .enqueue_jobs(vec![slow_job(t, "two")])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !running.is_finished(),
        "the worker waits for the job in hand"
    );
    slow.release.notify_one();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the worker stops once the job is done")
        .unwrap();
    assert_eq!(
        t.store.job_counts().await.unwrap(),
        JobCounts {
            pending: 1,
            running: 0,
            dead: 0
        },
        "the first job completed, the second was left for later"
    );
}
