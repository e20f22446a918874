//! Messages to the complainant, sent by the job worker.
//!
//! A step that must be reported (a registration, a letter, an extension) queues a job in the same
//! transaction that records it; the handlers here render the message from templates (a text and
//! an HTML part), send it through the configured transport (SMTP, or the `.eml` outbox when no
//! SMTP server is configured) and report failures as transient or permanent, so the queue retries
//! with backoff or dead-letters.
//!
//! Message-IDs are deterministic: `<receipt.<complaint id>@<domain>>`. A retried job therefore
//! produces the same message (the outbox keeps one copy), and a reply's `In-Reply-To` names the
//! complaint it belongs to without a lookup table.

mod letter;
mod portal_link;
mod receipt;

use std::sync::Arc;

use app::worker::JobError;
use mail::{Mailbox, MessageId, SendError, Transport};

pub use letter::{LETTER_JOB, LetterMail, OrganisationDetails, parse_address, title_nl};
pub use portal_link::{PORTAL_LINK_JOB, PortalLinkMail};
pub use receipt::{RECEIPT_JOB, ReceiptMail};

/// Where outgoing mail comes from and where links point.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The sender, e.g. `Klachten <klachten@example.nl>`.
    pub from: Mailbox,
    /// The public address of this installation, e.g. `https://klachten.example.nl` (no slash).
    pub base_url: String,
}

impl MailSettings {
    /// The domain for Message-IDs: the sender's domain.
    pub fn domain(&self) -> &str {
        self.from
            .address
            .rsplit_once('@')
            .map_or("localhost", |(_, d)| d)
    }

    /// The Message-ID of message `kind` about complaint `id`.
    pub fn message_id(&self, kind: &str, id: uuid::Uuid) -> Result<MessageId, JobError> {
        format!("<{kind}.{id}@{}>", self.domain())
            .parse()
            .map_err(|e| JobError::Permanent(format!("message id: {e}")))
    }

    /// The complainant's personal link.
    pub fn portal_url(&self, token: &str) -> String {
        format!(
            "{}/mijn-klacht/{token}",
            self.base_url.trim_end_matches('/')
        )
    }
}

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub transport: Arc<dyn Transport>,
    pub settings: MailSettings,
}

impl Mailer {
    pub(crate) async fn send(&self, mail: &mail::OutgoingMail) -> Result<(), JobError> {
        match self.transport.send(mail).await {
            Ok(delivery) => {
                tracing::info!(message_id = %mail.message_id, ?delivery, "mail sent");
                Ok(())
            }
            Err(e @ SendError::Transient { .. }) => Err(JobError::Transient(e.to_string())),
            Err(e @ SendError::Permanent { .. }) => Err(JobError::Permanent(e.to_string())),
        }
    }
}
