//! `wederhoor dashboard rebuild`: recompute the deadline outcomes behind the dashboard's
//! compliance figures from the event log (for databases with events from before migration
//! 0007). One transaction per complaint; running it again changes nothing.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;

use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum DashboardCommand {
    /// Recompute the deadline outcomes from every complaint's events.
    Rebuild,
}

pub async fn run(settings: &Settings, command: DashboardCommand) -> anyhow::Result<ExitCode> {
    let DashboardCommand::Rebuild = command;
    let store = settings.connect().await?;
    store.migrate().await?;
    let app = app::App::start(store, Arc::new(app::SystemClock)).await?;
    let report = app.rebuild_deadline_outcomes().await?;
    println!(
        "termijnuitkomsten herberekend: {} klachten, {} uitkomsten",
        report.complaints, report.outcomes
    );
    Ok(ExitCode::SUCCESS)
}
