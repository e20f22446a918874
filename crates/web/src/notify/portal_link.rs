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

use super::mail_templates::{MailKind, Wording, apply};
use super::{Addressee, Mailer, addressee};

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

/// The built-in mail for these values.
fn wording(name: &str, reference: &str, link: &str) -> Result<Wording, askama::Error> {
    Ok(Wording {
        subject: format!("Uw persoonlijke link voor klacht {reference}"),
        text: LinkText {
            name,
            reference,
            link,
        }
        .render()?,
        html: LinkHtml {
            name,
            reference,
            link,
        }
        .render()?,
    })
}

/// The built-in mail as the beheerder's editor starts from it: each value its placeholder.
pub(crate) fn builtin_template() -> Result<Wording, askama::Error> {
    let t = super::mail_templates::placeholder;
    wording(&t("naam"), &t("kenmerk"), &t("link"))
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
        let Addressee {
            id,
            loaded,
            address,
            link,
        } = addressee(app, &self.accounts, &self.mailer.settings, job).await?;
        let registration = loaded.complaint.registration();
        let record_reference = loaded.reference;
        let name = registration.complainant.name.to_string();
        let reference = record_reference.to_string();
        let builtin = wording(&name, &reference, &link)
            .map_err(|e| JobError::Permanent(format!("template: {e}")))?;
        // The beheerder's own wording, where there is one (see `mail_templates`).
        let values = [
            ("naam", name.clone()),
            ("kenmerk", reference.clone()),
            ("link", link.clone()),
        ];
        let wording = apply(app.store().as_ref(), MailKind::PortalLink, &values, builtin).await?;
        let mail = OutgoingMail {
            from: self.mailer.settings.from.clone(),
            to: vec![Mailbox::named(name.clone(), address)],
            reply_to: None,
            subject: wording.subject,
            text: wording.text,
            html: wording.html,
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
