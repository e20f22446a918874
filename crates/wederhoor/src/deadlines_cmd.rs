//! `wederhoor deadlines resync`: queue the follow-up jobs (lapses, reminders, escalations) of
//! every open complaint. For databases filled before a kind of job existed; every job has a
//! dedupe key, so running it again queues nothing new.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;

use crate::settings::Settings;
use crate::watch_args::WatchArgs;

#[derive(Debug, Subcommand)]
pub enum DeadlinesCommand {
    /// Queue the deadline jobs of every open complaint (idempotent).
    Resync {
        /// Complaints per page (one read and one write transaction per page).
        #[arg(long, default_value_t = 500)]
        page: u32,
        #[command(flatten)]
        watch: WatchArgs,
    },
}

pub async fn run(settings: &Settings, command: DeadlinesCommand) -> anyhow::Result<ExitCode> {
    match command {
        DeadlinesCommand::Resync { page, watch } => {
            let store = settings.connect().await?;
            store.migrate().await?;
            let app = watch.apply(app::App::start(store, watch.clock()).await?);
            let app = Arc::new(app);
            let done = app::deadline_watch::resync(&app, page, |so_far| {
                tracing::info!(
                    complaints = so_far.complaints,
                    queued = so_far.queued,
                    "resync: page done"
                );
            })
            .await?;
            println!(
                "{} open complaints, {} jobs queued",
                done.complaints, done.queued
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
