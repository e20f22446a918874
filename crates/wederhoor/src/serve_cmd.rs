//! `wederhoor serve`: migrate, then serve HTTP until SIGTERM or Ctrl-C, then finish the requests
//! in flight.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "WEDERHOOR_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Do not apply pending migrations at start (run `wederhoor migrate` separately).
    #[arg(long)]
    no_migrate: bool,
}

pub async fn run(settings: &Settings, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    if !args.no_migrate {
        store.migrate().await.context("migrations failed")?;
    }
    let app = app::App::start(store, Arc::new(app::SystemClock))
        .await
        .context("cannot load the organisation's calendar")?;
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let state = web::AppState { app: Arc::new(app) };
    web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Completes on SIGTERM (how orchestrators stop a process) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested: finishing requests in flight");
}
