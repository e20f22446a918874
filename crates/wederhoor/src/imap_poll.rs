//! Polling the intake mailbox over IMAP: `wederhoor mail poll` (one pass, for cron) and the
//! periodic poll inside `wederhoor worker` when `WEDERHOOR_IMAP_HOST` is set.
//!
//! Each fetched message is handed to the app's intake, and moved to the processed folder only
//! after the intake returned `Ok` (the contract of `mail::ImapFetcher`): a crash in between
//! leaves it in the folder, the next poll fetches it again and the intake's deduplication on the
//! Message-ID absorbs it. A pass ends at the first failure (the database or the server is away;
//! the intake itself never fails on a message's content), and the next pass starts over.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use app::App;
use app::mail_intake::{IngestOutcome, MailIntakeSettings};
use clap::Args;
use clap::builder::BoolishValueParser;
use mail::{ImapConfig, ImapFetcher};
use store::InboundSource;

/// At most this many batches (of `mail::FETCH_BATCH` messages) per pass; the rest waits for the
/// next pass, so one pass always ends.
const MAX_BATCHES: usize = 20;

/// Where the intake mailbox is.
#[derive(Debug, Clone, Args)]
pub struct ImapArgs {
    /// IMAP server of the intake mailbox; without it nothing is polled.
    #[arg(long, env = "WEDERHOOR_IMAP_HOST")]
    imap_host: Option<String>,
    /// IMAP port (default: 993 with TLS, 143 without).
    #[arg(long, env = "WEDERHOOR_IMAP_PORT")]
    imap_port: Option<u16>,
    /// TLS from the first byte (IMAPS). Without TLS only a server on this machine is allowed.
    #[arg(long, env = "WEDERHOOR_IMAP_TLS", default_value = "true", value_parser = BoolishValueParser::new())]
    imap_tls: bool,
    #[arg(long, env = "WEDERHOOR_IMAP_USER")]
    imap_user: Option<String>,
    /// A file holding the IMAP password (kept out of the environment and the process list).
    #[arg(long, env = "WEDERHOOR_IMAP_PASSWORD_FILE")]
    imap_password_file: Option<PathBuf>,
    /// An extra trusted root certificate (PEM file) for a server with the organisation's own CA.
    #[arg(long, env = "WEDERHOOR_IMAP_CA_FILE")]
    imap_ca_file: Option<PathBuf>,
    /// The folder to poll.
    #[arg(long, env = "WEDERHOOR_IMAP_FOLDER", default_value = "INBOX")]
    imap_folder: String,
    /// Where handled messages are moved (created when missing).
    #[arg(
        long,
        env = "WEDERHOOR_IMAP_PROCESSED_FOLDER",
        default_value = "Verwerkt"
    )]
    imap_processed_folder: String,
    /// Seconds between polls inside the worker.
    #[arg(long, env = "WEDERHOOR_IMAP_POLL_SECONDS", default_value_t = 60)]
    imap_poll_seconds: u64,
}

impl ImapArgs {
    /// The fetcher's configuration, `None` without a host; `Err` names what is missing.
    pub fn config(&self) -> Result<Option<ImapConfig>, String> {
        let Some(host) = &self.imap_host else {
            return Ok(None);
        };
        let user = self
            .imap_user
            .clone()
            .ok_or("WEDERHOOR_IMAP_HOST is set, WEDERHOOR_IMAP_USER is not")?;
        let file = self
            .imap_password_file
            .as_ref()
            .ok_or("WEDERHOOR_IMAP_HOST is set, WEDERHOOR_IMAP_PASSWORD_FILE is not")?;
        let password = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read the IMAP password file {}: {e}", file.display()))?;
        let extra_root_pem = match &self.imap_ca_file {
            Some(f) => Some(
                std::fs::read_to_string(f)
                    .map_err(|e| format!("cannot read the IMAP CA file {}: {e}", f.display()))?,
            ),
            None => None,
        };
        if self.imap_folder == self.imap_processed_folder {
            return Err("the IMAP folder and the processed folder must differ".into());
        }
        Ok(Some(ImapConfig {
            host: host.clone(),
            port: self
                .imap_port
                .unwrap_or(if self.imap_tls { 993 } else { 143 }),
            tls: self.imap_tls,
            user,
            password: password.trim_end_matches(['\r', '\n']).to_string(),
            folder: self.imap_folder.clone(),
            processed_folder: self.imap_processed_folder.clone(),
            extra_root_pem,
        }))
    }

    pub fn interval(&self) -> Duration {
        Duration::from_secs(self.imap_poll_seconds.max(1))
    }
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub new: usize,
    pub replies: usize,
    pub ignored: usize,
    pub duplicates: usize,
}

impl Tally {
    fn count(&mut self, outcome: &IngestOutcome) {
        match outcome {
            IngestOutcome::NewComplaint(_) => self.new += 1,
            IngestOutcome::Reply(_) => self.replies += 1,
            IngestOutcome::Ignored(_) => self.ignored += 1,
            IngestOutcome::Duplicate => self.duplicates += 1,
        }
    }
}

/// One pass: fetch, ingest, move, until the folder is empty (or [`MAX_BATCHES`] were done).
/// Every error is worth another try at the next pass.
pub async fn poll_once(
    app: &App,
    config: &ImapConfig,
    intake: &MailIntakeSettings,
) -> anyhow::Result<Tally> {
    let mut fetcher = ImapFetcher::connect(config).await?;
    let mut tally = Tally::default();
    for _ in 0..MAX_BATCHES {
        let batch = fetcher.fetch_unprocessed().await?;
        if batch.is_empty() {
            break;
        }
        for message in batch {
            let outcome = app
                .ingest_mail(&message.raw, InboundSource::Imap, intake)
                .await?;
            fetcher.mark_processed(message.uid).await?;
            tally.count(&outcome);
        }
    }
    if let Err(error) = fetcher.logout().await {
        tracing::debug!(%error, "IMAP logout failed");
    }
    Ok(tally)
}

/// Polls every `interval` until `shutdown` completes (a pass in progress is finished first).
pub async fn run(
    app: Arc<App>,
    config: ImapConfig,
    intake: MailIntakeSettings,
    interval: Duration,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    tracing::info!(imap.host = %config.host, imap.folder = %config.folder, "polling the intake mailbox");
    loop {
        match poll_once(&app, &config, &intake).await {
            Ok(t) if t == Tally::default() => {}
            Ok(t) => tracing::info!(
                new = t.new,
                replies = t.replies,
                ignored = t.ignored,
                duplicates = t.duplicates,
                "intake mailbox polled"
            ),
            Err(error) => tracing::warn!(
                error = format!("{error:#}"),
                "polling the intake mailbox failed; next poll retries"
            ),
        }
        tokio::select! {
            () = &mut shutdown => break,
            () = tokio::time::sleep(interval) => {}
        }
    }
    tracing::info!("mail poller stopped");
}

/// Starts [`run`] on its own task when IMAP is configured (for `worker`, and `serve` with its
/// in-process worker); `None` without `WEDERHOOR_IMAP_HOST`. A configuration error (no
/// password file, an unknown intake region) fails the start instead of being logged forever.
pub async fn spawn(
    app: Arc<App>,
    imap: &ImapArgs,
    intake: &crate::mail_cmd::IntakeArgs,
    stop: crate::shutdown::Shutdown,
) -> anyhow::Result<Option<tokio::task::JoinHandle<()>>> {
    let Some(config) = imap.config().map_err(anyhow::Error::msg)? else {
        return Ok(None);
    };
    let intake = intake
        .resolve(app.store().as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let interval = imap.interval();
    let shutdown = stop.requested();
    Ok(Some(tokio::spawn(run(
        app, config, intake, interval, shutdown,
    ))))
}
