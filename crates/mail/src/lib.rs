//! Mail for Wederhoor: what goes out, what comes in, and where it is fetched from.
//!
//! - **Outbound** ([`OutgoingMail`], [`Transport`]): every message has a text and an HTML part
//!   (rendered from templates by the caller), a generated [`MessageId`] and `In-Reply-To` /
//!   `References` headers so replies thread back to the complaint. It is handed to the
//!   [`SmtpTransport`] or, when no SMTP server is configured, to the [`FileOutbox`], which writes
//!   `.eml` files that an administrator can read. Failures say whether a retry can help
//!   ([`SendError::Transient`]) or not ([`SendError::Permanent`]), so the job queue can back off or
//!   dead-letter; the queue owns retries and backoff, this crate only tries once.
//! - **Inbound** ([`parse`]): a raw RFC 5322 message becomes an [`InboundMessage`] with a plain-text
//!   body (HTML-only mail is reduced to safe text), its attachments, the complaint reference found
//!   in the subject, and whether it was sent by a machine ([`Automatic`]) and must not be answered.
//! - **IMAP** ([`ImapFetcher`]): polls a mailbox and moves handled messages to a "processed" folder.
//!
//! The TLS stack is rustls with the ring provider and Mozilla's roots (webpki-roots) for both SMTP
//! and IMAP, plus an optional extra root for an organisation's own CA (`extra_root_pem`); OpenSSL,
//! native-tls and aws-lc stay out of the dependency graph. Plain-text SMTP and IMAP are refused
//! for any host but the local machine, so credentials never cross a network unencrypted.

mod imap;
mod inbound;
mod mailbox;
mod message_id;
mod outgoing;
mod transport;

pub use imap::{FETCH_BATCH, FETCH_BYTES, FetchedMessage, ImapConfig, ImapError, ImapFetcher};
pub use inbound::{Automatic, InboundMessage, ParseError, parse};
pub use mailbox::Mailbox;
pub use message_id::{InvalidMessageId, MessageId};
pub use outgoing::{Attachment, BuildError, OutgoingMail};
pub use transport::outbox::{FileOutbox, OutboxEntry, OutboxError};
pub use transport::smtp::{Security, SmtpConfig, SmtpConfigError, SmtpCredentials, SmtpTransport};
pub use transport::{Delivery, SendError, Transport};
