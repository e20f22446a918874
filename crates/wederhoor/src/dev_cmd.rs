//! `wederhoor dev …`: tools for developers and demonstrations, never needed in production.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Fill the database with realistic complaints in every state (plus regions and categories).
    Seed {
        /// How many complaints.
        #[arg(long, default_value_t = 1000)]
        complaints: u64,
        /// Random seed: the same seed on the same day gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Spread the complaints over this many years before today.
        #[arg(long, default_value_t = 3)]
        years: u16,
        /// Complaints per transaction.
        #[arg(long, default_value_t = 500)]
        batch: usize,
    },
}

pub async fn run(settings: &Settings, command: DevCommand) -> anyhow::Result<ExitCode> {
    let DevCommand::Seed {
        complaints,
        seed,
        years,
        batch,
    } = command;
    let store = settings.connect().await?;
    store.migrate().await?;
    let app = app::App::start(store, Arc::new(app::SystemClock)).await?;
    let bar = ProgressBar::new(complaints);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} klachten ({per_sec}, nog {eta})")
            .expect("the template is valid"),
    );
    let options = app::seed::SeedOptions {
        complaints,
        seed,
        years,
        batch,
        event_log: true,
    };
    app.seed(options, |done| bar.set_position(done)).await?;
    bar.finish();
    let open = app.store().count_open().await?;
    println!("{complaints} klachten aangemaakt; {open} open klachten in de database");
    Ok(ExitCode::SUCCESS)
}
