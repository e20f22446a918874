//! The job worker: inside `serve` by default, or alone with `wederhoor worker` (several may run
//! against one PostgreSQL database; leases keep them from taking the same job).

use std::process::ExitCode;
use std::sync::Arc;

use app::App;
use app::accounts::Accounts;
use app::worker::Worker;
use clap::Args;

use crate::mail_settings::MailArgs;
use crate::settings::Settings;
use crate::shutdown;

#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub mail: MailArgs,
    /// Run the jobs that are due now, then exit.
    #[arg(long)]
    pub drain: bool,
    /// The intake mailbox, polled beside the jobs when `WEDERHOOR_IMAP_HOST` is set.
    #[command(flatten)]
    pub imap: crate::imap_poll::ImapArgs,
    #[command(flatten)]
    pub intake: crate::mail_cmd::IntakeArgs,
    #[command(flatten)]
    pub watch: crate::watch_args::WatchArgs,
}

/// A worker with a handler for every job kind, named after this host and process.
pub fn build(app: Arc<App>, settings: &Settings, mail: &MailArgs) -> anyhow::Result<Worker> {
    let transport = mail.transport(&settings.data_dir)?;
    let mailer = web::notify::Mailer {
        transport,
        settings: mail.settings()?,
    };
    let accounts = Arc::new(Accounts::new(
        Arc::clone(app.store()),
        Arc::clone(app.clock()),
    ));
    let portal_link = web::notify::PortalLinkMail {
        mailer: mailer.clone(),
        accounts: Arc::clone(&accounts),
    };
    let letter = web::notify::LetterMail {
        mailer: mailer.clone(),
        organisation: mail.org.details(),
        letters: Arc::new(letters::Letters::new()),
    };
    let alert = web::notify::DeadlineAlertMail {
        mailer: mailer.clone(),
    };
    let invited = web::notify::EmployeeInvitedMail {
        mailer: mailer.clone(),
    };
    let receipt = web::notify::ReceiptMail { mailer, accounts };
    let name = format!("{}:{}", hostname(), std::process::id());
    Ok(Worker::new(app, name)
        .handle(web::notify::RECEIPT_JOB, Arc::new(receipt))
        .handle(web::notify::PORTAL_LINK_JOB, Arc::new(portal_link))
        .handle(web::notify::LETTER_JOB, Arc::new(letter))
        .handle(
            app::deadlines::LAPSE_JOB,
            Arc::new(app::deadlines::LapseHandler),
        )
        .handle(
            app::deadline_watch::REMIND_JOB,
            Arc::new(app::deadline_watch::AlertHandler::reminders()),
        )
        .handle(
            app::deadline_watch::ESCALATE_JOB,
            Arc::new(app::deadline_watch::AlertHandler::escalations()),
        )
        .handle(web::notify::DEADLINE_ALERT_JOB, Arc::new(alert))
        .handle(web::notify::EMPLOYEE_INVITED_JOB, Arc::new(invited)))
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "wederhoor".into())
}

pub async fn run(settings: &Settings, args: WorkerArgs) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    store.migrate().await?;
    args.mail.org.seed(store.as_ref()).await;
    let app = Arc::new(
        args.watch
            .apply(App::start(store, args.watch.clock()).await?),
    );
    app.spawn_calendar_refresh(app::CALENDAR_REFRESH);
    let worker = build(Arc::clone(&app), settings, &args.mail)?;
    if args.drain {
        let n = worker.drain().await?;
        println!("{n} jobs run");
    } else {
        let stop = shutdown::Shutdown::on_signal();
        let poller = crate::imap_poll::spawn(app, &args.imap, &args.intake, stop.clone()).await?;
        worker.run(stop.requested()).await;
        if let Some(poller) = poller {
            poller.await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
