//! Incoming mail as the store keeps it (table in `migrations/*/0004_inbound_mail.sql`).
//!
//! The mail intake records a message durably before acting on it, keyed by its Message-ID (or a
//! hash of the bytes when it has none). Recording the same key again writes nothing and tells the
//! caller how far the first attempt got, which makes a re-delivered or re-fetched message
//! harmless: a finished one is a duplicate, an unfinished one is finished now.

use std::fmt;

use jiff::Timestamp;

use crate::types::ComplaintId;

/// Where a message came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InboundSource {
    /// Piped in by the MTA (`wederhoor mail ingest`).
    Stdin,
    /// Fetched from the IMAP mailbox.
    Imap,
}

impl InboundSource {
    pub fn as_str(self) -> &'static str {
        match self {
            InboundSource::Stdin => "stdin",
            InboundSource::Imap => "imap",
        }
    }

    pub fn parse(s: &str) -> Option<InboundSource> {
        [InboundSource::Stdin, InboundSource::Imap]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// How far the intake got with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InboundState {
    /// Recorded, not yet acted on: a crash or a failure left it; the next delivery finishes it.
    Received,
    /// A complaint was registered from it, or it joined one.
    Processed,
    /// Kept only: sent by a machine, unreadable, or without a sender to answer.
    Ignored,
}

impl InboundState {
    pub fn as_str(self) -> &'static str {
        match self {
            InboundState::Received => "received",
            InboundState::Processed => "processed",
            InboundState::Ignored => "ignored",
        }
    }

    pub fn parse(s: &str) -> Option<InboundState> {
        [
            InboundState::Received,
            InboundState::Processed,
            InboundState::Ignored,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// Processed or ignored: nothing is left to do.
    pub fn is_final(self) -> bool {
        !matches!(self, InboundState::Received)
    }
}

/// A message to record.
#[derive(Clone, PartialEq, Eq)]
pub struct NewInbound {
    /// The Message-ID without angle brackets, or `sha256:<hex of raw>`.
    pub key: String,
    pub received_at: Timestamp,
    pub source: InboundSource,
    /// The message exactly as received.
    pub raw: Vec<u8>,
}

impl fmt::Debug for NewInbound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewInbound")
            .field("key", &self.key)
            .field("received_at", &self.received_at)
            .field("source", &self.source)
            .field("raw", &self.raw.len())
            .finish()
    }
}

/// What recording a message found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboundStatus {
    /// The key was new; the message is recorded as [`InboundState::Received`].
    New,
    /// The key was known; nothing was written.
    AlreadyReceived {
        state: InboundState,
        complaint_id: Option<ComplaintId>,
        /// When it first arrived: the moment of receipt, also when it is finished only now.
        received_at: Timestamp,
    },
}

/// A recorded message.
#[derive(Clone, PartialEq, Eq)]
pub struct InboundRecord {
    pub key: String,
    pub received_at: Timestamp,
    pub source: InboundSource,
    pub raw: Vec<u8>,
    pub state: InboundState,
    pub complaint_id: Option<ComplaintId>,
    pub outcome: Option<String>,
    pub processed_at: Option<Timestamp>,
}

impl fmt::Debug for InboundRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InboundRecord")
            .field("key", &self.key)
            .field("received_at", &self.received_at)
            .field("source", &self.source)
            .field("raw", &self.raw.len())
            .field("state", &self.state)
            .field("complaint_id", &self.complaint_id)
            .field("outcome", &self.outcome)
            .field("processed_at", &self.processed_at)
            .finish()
    }
}
