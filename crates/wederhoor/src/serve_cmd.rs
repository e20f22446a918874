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
    /// Public form submissions per client address: `N/seconds`, or `off` (load tests).
    #[arg(long, env = "WEDERHOOR_FORM_RATE_LIMIT", default_value = "10/600")]
    form_rate_limit: web::FormRateLimitSetting,
    /// Seconds the public form must be open before a submission counts (spam protection).
    #[arg(long, env = "WEDERHOOR_FORM_MIN_FILL_SECONDS", default_value_t = 3)]
    form_min_fill_seconds: u32,
    /// Public form submissions committed together at most (group commit; 1 is a commit each).
    #[arg(long, env = "WEDERHOOR_INTAKE_MAX_BATCH", default_value_t = 256)]
    intake_max_batch: usize,
    /// Require `Authorization: Bearer <token>` on `/metrics` (open when unset: it holds no
    /// personal data).
    #[arg(long, env = "WEDERHOOR_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    #[command(flatten)]
    mail: MailArgs,
    /// The intake mailbox, polled by the in-process worker when `WEDERHOOR_IMAP_HOST` is set.
    #[command(flatten)]
    imap: crate::imap_poll::ImapArgs,
    #[command(flatten)]
    intake: crate::mail_cmd::IntakeArgs,
    #[command(flatten)]
    watch: crate::watch_args::WatchArgs,
}

pub async fn run(settings: &Settings, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    if !args.no_migrate {
        store.migrate().await.context("migrations failed")?;
    }
    args.mail.org.seed(store.as_ref()).await;
    let app = Arc::new(
        args.watch.apply(
            app::App::start(store, args.watch.clock())
                .await
                .context("cannot load the organisation's calendar")?,
        ),
    );
    app.spawn_calendar_refresh(app::CALENDAR_REFRESH);
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let shutdown = Shutdown::on_signal();
    let (worker, poller) = if args.no_worker {
        (None, None)
    } else {
        let worker = worker_cmd::build(Arc::clone(&app), settings, &args.mail)?;
        let poller =
            crate::imap_poll::spawn(Arc::clone(&app), &args.imap, &args.intake, shutdown.clone())
                .await?;
        let stop = shutdown.clone();
        (
            Some(tokio::spawn(
                async move { worker.run(stop.requested()).await },
            )),
            poller,
        )
    };
    let accounts = app::accounts::Accounts::new(Arc::clone(app.store()), Arc::clone(app.clock()));
    let state = web::AppState {
        app,
        accounts: Arc::new(accounts),
        secure_cookies: args.mail.base_url.starts_with("https://"),
        office: web::OfficeSettings::default(),
        public_form: web::PublicFormSettings {
            rate_limit: args.form_rate_limit.0,
            min_fill: jiff::SignedDuration::from_secs(args.form_min_fill_seconds.into()),
            group_commit: app::GroupCommitOptions {
                max_batch: args.intake_max_batch.max(1),
                ..app::GroupCommitOptions::default()
            },
        },
        outgoing: web::OutgoingSettings {
            organisation: args.mail.org.details(),
            outbox: args.mail.outbox_dir(&settings.data_dir),
        },
        metrics: web::MetricsSettings {
            token: args.metrics_token.filter(|t| !t.is_empty()),
        },
    };
    web::serve(listener, state, shutdown.requested()).await?;
    if let Some(worker) = worker {
        worker.await.context("the worker task failed")?;
    }
    if let Some(poller) = poller {
        poller.await.context("the mailbox poller failed")?;
    }
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}
