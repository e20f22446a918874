//! `wederhoor mail ingest` (one message on standard input, for an MTA pipe) and
//! `wederhoor mail poll` (one pass over the IMAP mailbox, for cron).
//!
//! Exit codes are the ones mail transfer agents understand (sysexits.h): 0 when the message is
//! recorded (a new complaint, a reply, ignored machine mail or a duplicate), 75 (EX_TEMPFAIL)
//! when it could not be recorded now (the database is away; the MTA keeps it and tries again),
//! 78 (EX_CONFIG) when the installation is misconfigured (no or an unknown intake region), and
//! 65 (EX_DATAERR) for a message larger than [`MAX_MESSAGE_BYTES`], which the MTA returns to
//! the sender. Each run writes one line: the outcome on stdout, or the reason on stderr. (Set
//! `RUST_LOG=warn` in the pipe to keep the informational log lines out of the MTA's log.)

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

use app::App;
use app::mail_intake::{Ignored, IngestOutcome, MailIntakeSettings};
use clap::{Args, Subcommand};
use domain::complaint::{Category, RegionCode};
use store::{InboundSource, Store};

use crate::imap_poll::{self, ImapArgs};
use crate::settings::Settings;

/// The largest message taken from standard input.
pub const MAX_MESSAGE_BYTES: u64 = 64 * 1024 * 1024;

/// How long to wait for the database before asking the MTA to try again.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

const EX_DATAERR: u8 = 65;
const EX_TEMPFAIL: u8 = 75;
const EX_CONFIG: u8 = 78;

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Take one RFC 5322 message from standard input (for an MTA pipe).
    Ingest(IntakeArgs),
    /// Poll the IMAP mailbox once: register, file replies, move handled mail (for cron).
    Poll {
        #[command(flatten)]
        intake: IntakeArgs,
        #[command(flatten)]
        imap: ImapArgs,
    },
}

/// Where complaints that arrive by e-mail are registered.
#[derive(Debug, Clone, Args)]
pub struct IntakeArgs {
    /// The region (code) new e-mail complaints start in; e-mail names none. Required.
    #[arg(long, env = "WEDERHOOR_MAIL_INTAKE_REGION")]
    intake_region: Option<String>,
    /// The category (code) of new e-mail complaints.
    #[arg(long, env = "WEDERHOOR_MAIL_INTAKE_CATEGORY", default_value = "anders")]
    intake_category: String,
}

/// Why a run did not record the message, and the exit code that says so.
#[derive(Debug)]
pub enum Failure {
    /// Fix the installation; retrying will not help (78).
    Config(String),
    /// Try again later (75).
    Temporary(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Config(why) => write!(f, "configuratiefout: {why}"),
            Failure::Temporary(why) => write!(f, "tijdelijk niet verwerkt: {why}"),
        }
    }
}

impl Failure {
    fn exit(self) -> ExitCode {
        eprintln!("{self}");
        ExitCode::from(match self {
            Failure::Config(_) => EX_CONFIG,
            Failure::Temporary(_) => EX_TEMPFAIL,
        })
    }
}

impl IntakeArgs {
    /// The region and category as domain values; a missing region is a configuration error
    /// found before the database is touched.
    fn parse(&self) -> Result<(RegionCode, Category), Failure> {
        let code = self.intake_region.as_deref().unwrap_or("").trim();
        if code.is_empty() {
            return Err(Failure::Config(
                "geef de regio voor e-mailklachten op (WEDERHOOR_MAIL_INTAKE_REGION of \
                 --intake-region)"
                    .into(),
            ));
        }
        let region = RegionCode::try_from(code).map_err(|e| Failure::Config(e.to_string()))?;
        let category = Category::try_from(self.intake_category.as_str())
            .map_err(|e| Failure::Config(e.to_string()))?;
        Ok((region, category))
    }

    /// The settings, checked against the organisation's active regions and categories.
    pub async fn resolve(&self, store: &dyn Store) -> Result<MailIntakeSettings, Failure> {
        let (region, category) = self.parse()?;
        let temporary = |e: store::StoreError| Failure::Temporary(e.to_string());
        let regions = store.regions().await.map_err(temporary)?;
        if !regions
            .iter()
            .any(|r| r.active && r.code == region.as_ref())
        {
            return Err(Failure::Config(format!(
                "onbekende of inactieve regio {:?} voor e-mailklachten",
                region.as_ref()
            )));
        }
        let categories = store.categories().await.map_err(temporary)?;
        if !categories
            .iter()
            .any(|c| c.active && c.code == category.as_ref())
        {
            return Err(Failure::Config(format!(
                "onbekende of inactieve categorie {:?} voor e-mailklachten",
                category.as_ref()
            )));
        }
        Ok(MailIntakeSettings { region, category })
    }
}

pub async fn run(settings: &Settings, command: MailCommand) -> anyhow::Result<ExitCode> {
    let code = match command {
        MailCommand::Ingest(intake) => ingest(settings, &intake).await,
        MailCommand::Poll { intake, imap } => poll(settings, &intake, &imap).await,
    };
    Ok(code.unwrap_or_else(Failure::exit))
}

/// Connects, resolves the intake settings and starts the app.
async fn start(
    settings: &Settings,
    intake: &IntakeArgs,
) -> Result<(App, MailIntakeSettings), Failure> {
    intake.parse()?;
    // The pool keeps retrying a refused connection until its acquire timeout (30 s); an MTA
    // waiting on the pipe is better served by a quick "try again later".
    let store = tokio::time::timeout(CONNECT_TIMEOUT, settings.connect())
        .await
        .map_err(|_| Failure::Temporary("the database does not answer".into()))?
        .map_err(|e| Failure::Temporary(format!("{e:#}")))?;
    let resolved = intake.resolve(store.as_ref()).await?;
    let app = App::start(store, Arc::new(app::SystemClock))
        .await
        .map_err(|e| Failure::Temporary(e.to_string()))?;
    Ok((app, resolved))
}

async fn ingest(settings: &Settings, intake: &IntakeArgs) -> Result<ExitCode, Failure> {
    let mut raw = Vec::new();
    std::io::stdin()
        .take(MAX_MESSAGE_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|e| Failure::Temporary(format!("cannot read standard input: {e}")))?;
    if raw.len() as u64 > MAX_MESSAGE_BYTES {
        eprintln!(
            "bericht te groot (meer dan {} MB)",
            MAX_MESSAGE_BYTES / (1024 * 1024)
        );
        return Ok(ExitCode::from(EX_DATAERR));
    }
    let (app, resolved) = start(settings, intake).await?;
    let outcome = app
        .ingest_mail(&raw, InboundSource::Stdin, &resolved)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "mail intake failed");
            Failure::Temporary(e.to_string())
        })?;
    println!("{}", describe(&outcome));
    Ok(ExitCode::SUCCESS)
}

async fn poll(
    settings: &Settings,
    intake: &IntakeArgs,
    imap: &ImapArgs,
) -> Result<ExitCode, Failure> {
    let config = match imap.config() {
        Ok(Some(config)) => config,
        Ok(None) => return Err(Failure::Config("WEDERHOOR_IMAP_HOST is not set".into())),
        Err(why) => return Err(Failure::Config(why)),
    };
    let (app, resolved) = start(settings, intake).await?;
    let t = imap_poll::poll_once(&app, &config, &resolved)
        .await
        .map_err(|e| Failure::Temporary(format!("{e:#}")))?;
    println!(
        "{} nieuwe klachten, {} reacties, {} genegeerd, {} al verwerkt",
        t.new, t.replies, t.ignored, t.duplicates
    );
    Ok(ExitCode::SUCCESS)
}

/// One line for the MTA's log.
fn describe(outcome: &IngestOutcome) -> String {
    match outcome {
        IngestOutcome::NewComplaint(r) if r.existed => {
            format!("al geregistreerd als {}", r.reference)
        }
        IngestOutcome::NewComplaint(r) => format!("nieuwe klacht {}", r.reference),
        IngestOutcome::Reply(reference) => format!("reactie bij klacht {reference}"),
        IngestOutcome::Ignored(Ignored::Automatic(kind)) => {
            format!("bewaard, niet beantwoord (automatisch bericht: {kind:?})")
        }
        IngestOutcome::Ignored(Ignored::Unreadable(why)) => format!("bewaard, onleesbaar ({why})"),
        IngestOutcome::Ignored(Ignored::NoSender) => "bewaard, geen afzender".into(),
        IngestOutcome::Duplicate => "al verwerkt".into(),
    }
}
