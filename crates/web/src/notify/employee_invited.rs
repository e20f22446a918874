//! The staff mail to the employee a complaint is about, when a hearing offer invites them: the
//! complaint is no longer hidden from them (`Complaint::hidden_from`). Queued
//! (`mail.employee_invited`, `app::invitation_jobs`) in the transaction that records the offer.
//!
//! Like the deadline alerts it names only the reference and a link: the employee reads the rest
//! in the back office. Nothing is sent when the account is disabled or no longer the linked one.

use std::future::Future;
use std::pin::Pin;

use app::App;
use app::worker::{JobError, JobHandler};
use askama::Template;
use mail::{Mailbox, OutgoingMail};
use store::Job;

use super::Mailer;

/// The job kind (see `app::invitation_jobs`).
pub const EMPLOYEE_INVITED_JOB: &str = app::invitation_jobs::EMPLOYEE_INVITED_JOB;

/// Tells the linked employee of their invitation.
#[derive(Debug, Clone)]
pub struct EmployeeInvitedMail {
    pub mailer: Mailer,
}

#[derive(Template)]
#[template(path = "mail/employee_invited.txt")]
struct InvitedText<'a> {
    reference: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/employee_invited.html")]
struct InvitedHtml<'a> {
    subject: &'a str,
    reference: &'a str,
    link: &'a str,
}

impl JobHandler for EmployeeInvitedMail {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(self.send(app, job))
    }
}

impl EmployeeInvitedMail {
    async fn send(&self, app: &App, job: &Job) -> Result<(), JobError> {
        let field = |name: &str| {
            job.payload[name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| JobError::Permanent(format!("payload has no {name}")))
        };
        let seq = job.payload["seq"]
            .as_i64()
            .ok_or_else(|| JobError::Permanent("payload has no seq".into()))?;
        let user = field("user")?;
        let (id, loaded) = super::job_complaint(app, job).await?;
        let transient = |e: &dyn std::fmt::Display| JobError::Transient(e.to_string());
        if loaded.complaint.employee_account().map(AsRef::as_ref) != Some(user.as_str()) {
            tracing::info!(complaint.id = %id, "employee invited: no longer the linked account; no mail");
            return Ok(());
        }
        let users = app.store().users().await.map_err(|e| transient(&e))?;
        let Some(to) = users.iter().find(|u| u.active && u.id.to_string() == user) else {
            tracing::warn!(complaint.id = %id, "employee invited: the linked account is not active; no mail");
            return Ok(());
        };
        let reference = loaded.reference.to_string();
        let link = format!(
            "{}/kantoor/klachten/{reference}",
            self.mailer.settings.base_url.trim_end_matches('/')
        );
        let subject = format!("Uitnodiging mondelinge toelichting bij klacht {reference}");
        let template = |e: askama::Error| JobError::Permanent(format!("template: {e}"));
        let text = InvitedText {
            reference: &reference,
            link: &link,
        }
        .render()
        .map_err(template)?;
        let html = InvitedHtml {
            subject: &subject,
            reference: &reference,
            link: &link,
        }
        .render()
        .map_err(template)?;
        let mail = OutgoingMail {
            from: self.mailer.settings.from.clone(),
            to: vec![Mailbox::named(to.name.clone(), to.email.clone())],
            reply_to: None,
            subject,
            text,
            html,
            message_id: self
                .mailer
                .settings
                .message_id(&format!("employee-invited.{seq}"), id)?,
            in_reply_to: None,
            references: Vec::new(),
            attachments: Vec::new(),
            auto_submitted: true,
        };
        self.mailer.send(&mail).await
    }
}
