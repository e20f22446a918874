//! `wederhoor serve`: migrate, then serve HTTP and run the job worker until SIGTERM or Ctrl-C,
//! then finish the requests and jobs in flight.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::mail_settings::MailArgs;
use crate::settings::Settings;
use crate::shutdown::Shutdown;
use crate::worker_cmd;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "WEDERHOOR_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Do not apply pending migrations at start (run `wederhoor migrate` separately).
    #[arg(long)]
    no_migrate: bool,
    /// Do not run the job worker in this process (run `wederhoor worker` separately).
    #[arg(long, env = "WEDERHOOR_NO_WORKER")]
    no_worker: bool,
    #[command(flatten)]
    mail: MailArgs,
}

pub async fn run(settings: &Settings, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    if !args.no_migrate {
        store.migrate().await.context("migrations failed")?;
    }
    let app = Arc::new(
        app::App::start(store, Arc::new(app::SystemClock))
            .await
            .context("cannot load the organisation's calendar")?,
    );
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let shutdown = Shutdown::on_signal();
    let worker = if args.no_worker {
        None
    } else {
        let worker = worker_cmd::build(Arc::clone(&app), settings, &args.mail)?;
        let stop = shutdown.clone();
        Some(tokio::spawn(
            async move { worker.run(stop.requested()).await },
        ))
    };
    let accounts = app::accounts::Accounts::new(Arc::clone(app.store()), Arc::clone(app.clock()));
    let state = web::AppState {
        app,
        accounts: Arc::new(accounts),
        secure_cookies: args.mail.base_url.starts_with("https://"),
        office: web::OfficeSettings::default(),
    };
    web::serve(listener, state, shutdown.requested()).await?;
    if let Some(worker) = worker {
        worker.await.context("the worker task failed")?;
    }
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}
