//! `wederhoor`: the one binary. Each subcommand is a thin shell over the library crates.

mod audit_cmd;
mod calendar_cmd;
mod dashboard_cmd;
mod deadlines_cmd;
mod dev_cmd;
mod imap_poll;
mod mail_cmd;
mod mail_settings;
mod org_cmd;
mod portal_cmd;
mod postcode_cmd;
mod serve_cmd;
mod settings;
mod shutdown;
mod token_cmd;
mod user_cmd;
mod watch_args;
mod worker_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::settings::Settings;

/// Wederhoor: complaint handling by the published procedure.
#[derive(Debug, Parser)]
#[command(name = "wederhoor", version, about)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (and apply pending migrations first).
    Serve(serve_cmd::ServeArgs),
    /// Run the job worker alone (mail, letters, reminders).
    Worker(worker_cmd::WorkerArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// The legal calendar and the deadline engine.
    Calendar {
        #[command(subcommand)]
        command: calendar_cmd::CalendarCommand,
    },
    /// The deadline watch (queue the jobs of complaints from before it existed).
    Deadlines {
        #[command(subcommand)]
        command: deadlines_cmd::DeadlinesCommand,
    },
    /// Developer tools (seed data).
    Dev {
        #[command(subcommand)]
        command: dev_cmd::DevCommand,
    },
    /// The tamper-evident audit trail.
    Audit {
        #[command(subcommand)]
        command: audit_cmd::AuditCommand,
    },
    /// Staff accounts (the first administrator is made here).
    User {
        #[command(subcommand)]
        command: user_cmd::UserCommand,
    },
    /// E-mail intake: a message from an MTA pipe, or a pass over the IMAP mailbox.
    Mail {
        #[command(subcommand)]
        command: mail_cmd::MailCommand,
    },
    /// The organisation's regions (and who receives objections there).
    Region {
        #[command(subcommand)]
        command: org_cmd::RegionCommand,
    },
    /// The complaint categories.
    Category {
        #[command(subcommand)]
        command: org_cmd::CategoryCommand,
    },
    /// API tokens for the JSON API.
    Token {
        #[command(subcommand)]
        command: token_cmd::TokenCommand,
    },
    /// The complainants' personal portal links (revoke them).
    Portal {
        #[command(subcommand)]
        command: portal_cmd::PortalCommand,
    },
    /// The dashboard's deadline outcomes (rebuild them from the event log).
    Dashboard {
        #[command(subcommand)]
        command: dashboard_cmd::DashboardCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    settings::init_tracing(&cli.settings);
    match cli.command {
        Command::Calendar { command } => {
            calendar_cmd::run(command, &domain::calendar::Calendar::dutch())
        }
        command => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("fout: kan de runtime niet starten: {error}");
                    return ExitCode::FAILURE;
                }
            };
            runtime.block_on(run_async(cli.settings, command))
        }
    }
}

async fn run_async(settings: Settings, command: Command) -> ExitCode {
    let result = match command {
        Command::Serve(args) => serve_cmd::run(&settings, args).await,
        Command::Migrate => migrate(&settings).await,
        Command::Worker(args) => worker_cmd::run(&settings, args).await,
        Command::Audit { command } => audit_cmd::run(&settings, command).await,
        Command::Dev { command } => dev_cmd::run(&settings, command).await,
        Command::Deadlines { command } => deadlines_cmd::run(&settings, command).await,
        Command::User { command } => user_cmd::run(&settings, command).await,
        Command::Token { command } => token_cmd::run(&settings, command).await,
        Command::Region { command } => org_cmd::region(&settings, command).await,
        Command::Category { command } => org_cmd::category(&settings, command).await,
        Command::Portal { command } => portal_cmd::run(&settings, command).await,
        Command::Mail { command } => mail_cmd::run(&settings, command).await,
        Command::Dashboard { command } => dashboard_cmd::run(&settings, command).await,
        Command::Calendar { .. } => unreachable!("handled without a runtime"),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "command failed");
            eprintln!("fout: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(settings: &Settings) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    store.migrate().await?;
    println!("migrations applied ({:?})", store.backend());
    Ok(ExitCode::SUCCESS)
}
