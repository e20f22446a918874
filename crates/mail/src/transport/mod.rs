//! Where outgoing mail goes: an SMTP server, or `.eml` files in the data folder.
//!
//! A transport tries once. The job queue decides about retries from the error: a
//! [`SendError::Transient`] failure (no connection, a timeout, a 4xx reply, a full disk) is retried
//! with backoff; a [`SendError::Permanent`] one (a 5xx reply, an address that cannot be valid) goes
//! to the dead letters at once, because sending the same mail again cannot succeed.

pub mod outbox;
pub mod smtp;

use async_trait::async_trait;

use crate::{BuildError, OutgoingMail};

/// Sends one mail.
#[async_trait]
pub trait Transport: Send + Sync + std::fmt::Debug {
    /// Delivers `mail`, or says why not and whether trying again can help.
    async fn send(&self, mail: &OutgoingMail) -> Result<Delivery, SendError>;
}

/// Where a mail went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The SMTP server accepted the mail; its reply, e.g. `250 2.0.0 Ok: queued as 4F2A`.
    Smtp { reply: String },
    /// Written to the outbox under this name (an earlier copy of the same Message-ID counts).
    Outbox { name: String },
}

/// Why a mail was not delivered, classified for the job queue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Retry later: the server or the disk may be back.
    #[error("mail not delivered, retry later: {detail}")]
    Transient {
        /// The SMTP reply code, when the server answered.
        code: Option<u16>,
        detail: String,
    },
    /// Do not retry: the same mail will be refused again.
    #[error("mail refused, retrying will not help: {detail}")]
    Permanent {
        /// The SMTP reply code, when the server answered.
        code: Option<u16>,
        detail: String,
    },
}

impl SendError {
    /// Whether a retry can help.
    pub fn is_transient(&self) -> bool {
        matches!(self, SendError::Transient { .. })
    }

    /// The SMTP reply code (e.g. 451, 550), when the failure was the server's answer.
    pub fn smtp_code(&self) -> Option<u16> {
        match self {
            SendError::Transient { code, .. } | SendError::Permanent { code, .. } => *code,
        }
    }
}

impl From<BuildError> for SendError {
    fn from(e: BuildError) -> Self {
        SendError::Permanent {
            code: None,
            detail: e.to_string(),
        }
    }
}
