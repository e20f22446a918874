//! A fresh personal link, sent when the complainant asks for it ("stuur mij mijn link
//! opnieuw", queued by the portal). The mail names the complaint by reference only and
//! carries the new link; earlier links keep working until they expire or are revoked.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use app::App;
use app::accounts::Accounts;
use app::worker::{JobError, JobHandler};
use askama::Template;
use mail::{Mailbox, OutgoingMail};
use store::Job;

use super::Mailer;

/// The job kind; its payload is `{"complaint_id": "<uuid>"}`.
pub const PORTAL_LINK_JOB: &str = crate::portal::PORTAL_LINK_JOB;

/// Sends requested portal links.
#[derive(Debug, Clone)]
pub struct PortalLinkMail {
    pub mailer: Mailer,
    pub accounts: Arc<Accounts>,
}

#[derive(Template)]
#[template(path = "mail/portal_link.txt")]
struct LinkText<'a> {
    name: &'a str,
    reference: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/portal_link.html")]
struct LinkHtml<'a> {
    name: &'a str,
    reference: &'a str,
    link: &'a str,
}

impl JobHandler for PortalLinkMail {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(self.send_link(app, job))
    }
}

impl PortalLinkMail {
    async fn send_link(&self, app: &App, job: &Job) -> Result<(), JobError> {
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
        let registration = loaded.complaint.registration();
        let Some(address) = registration.complainant.contact.email() else {
            return Err(JobError::Permanent(
                "the complainant has no e-mail address".into(),
            ));
        };
        let token = self
            .accounts
            .create_portal_link(id)
            .await
            .map_err(|e| transient(&e))?;
        let link = self.mailer.settings.portal_url(token.expose());
        let name = registration.complainant.name.to_string();
        let reference = record.reference.to_string();
        let render = |r: Result<String, askama::Error>| {
            r.map_err(|e| JobError::Permanent(format!("template: {e}")))
        };
        let text = render(
            LinkText {
                name: &name,
                reference: &reference,
                link: &link,
            }
            .render(),
        )?;
        let html = render(
            LinkHtml {
                name: &name,
                reference: &reference,
                link: &link,
            }
            .render(),
        )?;
        let mail = OutgoingMail {
            from: self.mailer.settings.from.clone(),
            to: vec![Mailbox::named(name.clone(), address.to_string())],
            reply_to: None,
            subject: format!("Uw persoonlijke link voor klacht {reference}"),
            text,
            html,
            // One message per job: a retry of this job is the same message.
            message_id: self
                .mailer
                .settings
                .message_id(&format!("portal-link.{}", job.id), id)?,
            in_reply_to: None,
            references: Vec::new(),
            attachments: Vec::new(),
            auto_submitted: true,
        };
        self.mailer.send(&mail).await
    }
}
