//! The deadline watch's staff mail: a reminder that an organisation's term ends soon, or an
//! escalation that it was missed. Queued (`mail.deadline_alert`) in the transaction that records
//! the alert event, so every mail has its line in the timeline and the other way round.
//!
//! The mail names the reference, the complainant's name, the term, its last day and a link to the
//! complaint in the back office: nothing more of the complaint (no description, no contact
//! details), since staff mail is forwarded and kept in places Wederhoor does not control.
//! Recipients are the ones the event recorded; someone disabled since then is left out, and so is
//! the employee the complaint is about when their account was linked since then (the complaint
//! is hidden from them: `Complaint::hidden_from`).

use std::future::Future;
use std::pin::Pin;

use app::App;
use app::worker::{JobError, JobHandler};
use askama::Template;
use domain::complaint::{AlertAudience, Event, date_nl};
use mail::{Mailbox, OutgoingMail};
use store::Job;

use super::Mailer;

/// The job kind; its payload is `{"complaint_id": "<uuid>", "seq": <alert event seq>}`.
pub const DEADLINE_ALERT_JOB: &str = app::deadline_watch::ALERT_MAIL_JOB;

/// Sends deadline alerts to staff.
#[derive(Debug, Clone)]
pub struct DeadlineAlertMail {
    pub mailer: Mailer,
}

#[derive(Template)]
#[template(path = "mail/deadline_alert.txt")]
struct AlertText<'a> {
    escalation: bool,
    what: &'a str,
    reference: &'a str,
    complainant: &'a str,
    end: &'a str,
    audience: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/deadline_alert.html")]
struct AlertHtml<'a> {
    subject: &'a str,
    escalation: bool,
    what: &'a str,
    reference: &'a str,
    complainant: &'a str,
    end: &'a str,
    audience: &'a str,
    link: &'a str,
}

/// "de klachtbehandelaar", said to the recipient ("U ontvangt dit bericht als …").
fn audience_nl(audience: AlertAudience) -> &'static str {
    match audience {
        AlertAudience::Assignee => "behandelaar van deze klacht",
        AlertAudience::RegionHandlers => {
            "klachtbehandelaar van de regio (de klacht is nog niet toegewezen)"
        }
        AlertAudience::RegionalManagement => "directie van de regio",
        AlertAudience::Administrators => {
            "beheerder: de regio heeft niemand anders die dit kan ontvangen"
        }
    }
}

impl JobHandler for DeadlineAlertMail {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(self.send_alert(app, job))
    }
}

impl DeadlineAlertMail {
    async fn send_alert(&self, app: &App, job: &Job) -> Result<(), JobError> {
        let seq = job.payload["seq"]
            .as_i64()
            .ok_or_else(|| JobError::Permanent("payload has no seq".into()))?;
        let (id, loaded) = super::job_complaint(app, job).await?;
        let transient = |e: &dyn std::fmt::Display| JobError::Transient(e.to_string());
        let stored = loaded
            .events
            .iter()
            .find(|e| e.seq == seq)
            .ok_or_else(|| JobError::Permanent(format!("complaint {id} has no event {seq}")))?;
        let event: Event = serde_json::from_value(stored.payload.clone())
            .map_err(|e| JobError::Permanent(format!("event {seq}: {e}")))?;
        let (alert, escalation) = match event {
            Event::DeadlineReminderSent(a) => (a, false),
            Event::DeadlineEscalated(a) => (a, true),
            other => {
                return Err(JobError::Permanent(format!(
                    "event {seq} is {}, not a deadline alert",
                    other.kind()
                )));
            }
        };
        let users = app.store().users().await.map_err(|e| transient(&e))?;
        let hidden = loaded.complaint.hidden_from();
        let to: Vec<Mailbox> = alert
            .to
            .iter()
            .filter(|u| Some(*u) != hidden)
            .filter_map(|u| users.iter().find(|r| r.id.to_string() == u.as_ref()))
            .filter(|u| u.active)
            .map(|u| Mailbox::named(u.name.clone(), u.email.clone()))
            .collect();
        if to.is_empty() {
            tracing::warn!(complaint.id = %id, seq, "deadline alert: none of its recipients is active; no mail");
            return Ok(());
        }
        let reference = loaded.reference.to_string();
        let complainant = loaded.complaint.registration().complainant.name.to_string();
        let what = alert.kind.label_nl();
        let end = date_nl(alert.end);
        let link = format!(
            "{}/kantoor/klachten/{reference}",
            self.mailer.settings.base_url.trim_end_matches('/')
        );
        let subject = if escalation {
            format!("Termijn gemist bij klacht {reference}: {what} (uiterlijk {end})")
        } else {
            format!("Herinnering klacht {reference}: {what} uiterlijk {end}")
        };
        let audience = audience_nl(alert.audience);
        let template = |e: askama::Error| JobError::Permanent(format!("template: {e}"));
        let text = AlertText {
            escalation,
            what,
            reference: &reference,
            complainant: &complainant,
            end: &end,
            audience,
            link: &link,
        }
        .render()
        .map_err(template)?;
        let html = AlertHtml {
            subject: &subject,
            escalation,
            what,
            reference: &reference,
            complainant: &complainant,
            end: &end,
            audience,
            link: &link,
        }
        .render()
        .map_err(template)?;
        let mail = OutgoingMail {
            from: self.mailer.settings.from.clone(),
            to,
            reply_to: None,
            subject,
            text,
            html,
            message_id: self
                .mailer
                .settings
                .message_id(&format!("deadline-alert.{seq}"), id)?,
            in_reply_to: None,
            references: Vec::new(),
            attachments: Vec::new(),
            auto_submitted: true,
        };
        self.mailer.send(&mail).await
    }
}
