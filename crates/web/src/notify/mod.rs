//! Messages to the complainant (and the deadline watch's alerts to staff), sent by the job
//! worker.
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

mod deadline_alert;
mod employee_invited;
mod letter;
pub mod mail_templates;
pub mod overrides;
mod portal_link;
mod receipt;

use std::sync::Arc;

use app::worker::JobError;
use mail::{Mailbox, MessageId, SendError, Transport};

pub use deadline_alert::{DEADLINE_ALERT_JOB, DeadlineAlertMail};
pub use employee_invited::{EMPLOYEE_INVITED_JOB, EmployeeInvitedMail};
pub use letter::{
    AnswerPreview, LETTER_JOB, LetterMail, OrganisationDetails, answer_preview, parse_address,
    staff_signatory, title, title_nl,
};
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

/// The complaint a mail job is about, the complainant's address and a fresh personal link.
pub(crate) struct Addressee {
    pub id: uuid::Uuid,
    pub loaded: app::Loaded,
    pub address: String,
    pub link: String,
}

/// The complaint a job's payload names (`{"complaint_id": …}`), loaded with its events. A
/// missing or malformed id and an unknown complaint are permanent; store trouble is transient.
pub(crate) async fn job_complaint(
    app: &app::App,
    job: &store::Job,
) -> Result<(uuid::Uuid, app::Loaded), JobError> {
    let id: uuid::Uuid = job.payload["complaint_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| JobError::Permanent("payload has no complaint_id".into()))?;
    let transient = |e: &dyn std::fmt::Display| JobError::Transient(e.to_string());
    let record = app.store().complaint(id).await.map_err(|e| transient(&e))?;
    let record =
        record.ok_or_else(|| JobError::Permanent(format!("complaint {id} does not exist")))?;
    let loaded = app
        .load(record.reference)
        .await
        .map_err(|e| transient(&e))?;
    Ok((id, loaded))
}

/// Reads `{"complaint_id": …}` from the job, loads the complaint and makes a new portal link.
/// A missing complaint or e-mail address is permanent; store trouble is transient.
pub(crate) async fn addressee(
    app: &app::App,
    accounts: &app::accounts::Accounts,
    settings: &MailSettings,
    job: &store::Job,
) -> Result<Addressee, JobError> {
    let (id, loaded) = job_complaint(app, job).await?;
    let transient = |e: &dyn std::fmt::Display| JobError::Transient(e.to_string());
    let Some(address) = loaded.complaint.registration().complainant.contact.email() else {
        return Err(JobError::Permanent(
            "the complainant has no e-mail address".into(),
        ));
    };
    let address = address.to_string();
    let token = accounts
        .create_portal_link(id)
        .await
        .map_err(|e| transient(&e))?;
    let link = settings.portal_url(token.expose());
    Ok(Addressee {
        id,
        loaded,
        address,
        link,
    })
}
