//! Runtime settings: defaults, overridden by environment variables, overridden by flags.
//!
//! Only what an operator sets per installation lives here (where the database is, where to
//! listen, how to log). Organisation data (regions, terms, letters, contact details) lives in the
//! database and is managed in the application (STYLE habit 7).

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Args, ValueEnum};
use store::Store;

/// Settings shared by every subcommand.
#[derive(Clone, Args)]
pub struct Settings {
    /// Database URL: `sqlite://path` (default: an embedded file in the data folder) or
    /// `postgres://user:password@host/db`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,

    /// Folder for the embedded database and other files.
    #[arg(
        long,
        env = "WEDERHOOR_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Log format.
    #[arg(long, env = "WEDERHOOR_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Settings {
    /// The database URL, defaulting to `sqlite://<data_dir>/wederhoor.db`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("wederhoor.db").display()),
        }
    }

    /// Connects to the configured store.
    pub async fn connect(&self) -> anyhow::Result<Arc<dyn Store>> {
        let url = self.database_url();
        store::connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))
    }
}

impl fmt::Debug for Settings {
    /// Never prints a database password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact(&self.database_url()))
            .field("data_dir", &self.data_dir)
            .field("log_format", &self.log_format)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// Structured logs to stderr, text or JSON; `RUST_LOG` filters (default `info`).
pub fn init_tracing(settings: &Settings) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/w"),
            "postgres://app:***@db:5432/w"
        );
        assert_eq!(redact("postgres://app@db/w"), "postgres://app@db/w");
        assert_eq!(
            redact("sqlite://./data/wederhoor.db"),
            "sqlite://./data/wederhoor.db"
        );
    }
}
