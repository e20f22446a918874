//! What the fetcher is given and gives back: its configuration (password redacted in `Debug`),
//! the fetched messages and the errors.

use std::fmt;
use std::time::Duration;

/// Where the intake mailbox is and which folders to use.
#[derive(Clone, PartialEq, Eq)]
pub struct ImapConfig {
    pub host: String,
    pub port: u16,
    /// TLS from the first byte (IMAPS, usually port 993). Without it the password would travel
    /// in clear text, so plain IMAP is refused for any host but the local machine.
    pub tls: bool,
    pub user: String,
    /// Read from a file by the caller, so it never sits in a configuration file or environment.
    pub password: String,
    /// The folder to poll, usually `INBOX`.
    pub folder: String,
    /// Where handled messages go; created when missing.
    pub processed_folder: String,
    /// An extra trusted root certificate (PEM) for a server with a certificate from the
    /// organisation's own CA. Mozilla's roots stay trusted as well.
    pub extra_root_pem: Option<String>,
}

impl fmt::Debug for ImapConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("folder", &self.folder)
            .field("processed_folder", &self.processed_folder)
            .field("extra_root_pem", &self.extra_root_pem.is_some())
            .finish()
    }
}

/// A message still waiting in the polled folder.
#[derive(Clone, PartialEq, Eq)]
pub struct FetchedMessage {
    /// The IMAP UID in the polled folder; pass it to [`ImapFetcher::mark_processed`].
    pub uid: u32,
    /// The message as stored on the server; give it to [`crate::parse`].
    pub raw: Vec<u8>,
}

impl fmt::Debug for FetchedMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchedMessage")
            .field("uid", &self.uid)
            .field("len", &self.raw.len())
            .finish()
    }
}

/// Why polling failed. Except for a refused plain-text host, all are worth another try at the
/// next poll.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("IMAP without TLS is only allowed to the local machine, not to {0:?}")]
    PlaintextToRemoteHost(String),
    #[error("cannot connect to IMAP server {host}:{port}: {detail}")]
    Connect {
        host: String,
        port: u16,
        detail: String,
    },
    #[error("TLS with the IMAP server failed: {0}")]
    Tls(String),
    #[error("IMAP login as {user:?} refused: {detail}")]
    Login { user: String, detail: String },
    #[error("IMAP server closed the connection before greeting")]
    NoGreeting,
    #[error("IMAP server did not answer within {0:?}")]
    Timeout(Duration),
    #[error("IMAP: {0}")]
    Protocol(#[from] async_imap::error::Error),
}
