//! The receipt: sent when a complaint with an e-mail address is registered, on any channel. It
//! states the reference, what happens next and by when, and carries the personal portal link.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use app::App;
use app::accounts::Accounts;
use app::worker::{JobError, JobHandler};
use askama::Template;
use domain::complaint::date_nl;
use mail::{Mailbox, OutgoingMail};
use store::Job;

use super::mail_templates::{MailKind, Wording, apply};
use super::{Addressee, Mailer, addressee};

/// The job kind; its payload is `{"complaint_id": "<uuid>"}`.
pub const RECEIPT_JOB: &str = app::RECEIPT_JOB;

/// Sends receipts.
#[derive(Debug, Clone)]
pub struct ReceiptMail {
    pub mailer: Mailer,
    pub accounts: Arc<Accounts>,
}

/// One line of "what happens next".
struct Next {
    what: &'static str,
    by: String,
    rule: String,
}

#[derive(Template)]
#[template(path = "mail/receipt.txt")]
struct ReceiptText<'a> {
    name: &'a str,
    reference: &'a str,
    received: &'a str,
    next: &'a [Next],
    /// Instead of `next`: the lines as one value (the built-in wording as a template).
    vervolg: Option<&'a str>,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/receipt.html")]
struct ReceiptHtml<'a> {
    name: &'a str,
    reference: &'a str,
    received: &'a str,
    next: &'a [Next],
    /// Instead of `next`: the lines as one value (the built-in wording as a template).
    vervolg: Option<&'a str>,
    link: &'a str,
}

/// The built-in receipt for these values; with `vervolg`, its lines replace `next`.
fn wording(
    name: &str,
    reference: &str,
    received: &str,
    next: &[Next],
    vervolg: Option<&str>,
    link: &str,
) -> Result<Wording, askama::Error> {
    let text = ReceiptText {
        name,
        reference,
        received,
        next,
        vervolg,
        link,
    }
    .render()?;
    let html = ReceiptHtml {
        name,
        reference,
        received,
        next,
        vervolg,
        link,
    }
    .render()?;
    Ok(Wording {
        subject: format!("Ontvangstbevestiging van uw klacht {reference}"),
        text,
        html,
    })
}

/// The built-in receipt as the beheerder's editor starts from it: each value its placeholder.
/// The HTML lists the deadlines as lines (`{{ vervolg }}`) rather than a styled list.
pub(crate) fn builtin_template() -> Result<Wording, askama::Error> {
    let t = super::mail_templates::placeholder;
    wording(
        &t("naam"),
        &t("kenmerk"),
        &t("ontvangen"),
        &[],
        Some(&t("vervolg")),
        &t("link"),
    )
}

impl JobHandler for ReceiptMail {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(self.send_receipt(app, job))
    }
}

impl ReceiptMail {
    async fn send_receipt(&self, app: &App, job: &Job) -> Result<(), JobError> {
        let Addressee {
            id,
            loaded,
            address,
            link,
        } = addressee(app, &self.accounts, &self.mailer.settings, job).await?;
        let registration = loaded.complaint.registration();
        let record_reference = loaded.reference;
        let next: Vec<Next> = loaded
            .complaint
            .open_deadlines()
            .into_iter()
            .map(|d| Next {
                what: d.kind.label_nl(),
                by: date_nl(d.end()),
                rule: d.deadline.rule.clone(),
            })
            .collect();
        let name = registration.complainant.name.to_string();
        let reference = record_reference.to_string();
        let received = date_nl(domain::time::civil_date(registration.received_at));
        let builtin = wording(&name, &reference, &received, &next, None, &link)
            .map_err(|e| JobError::Permanent(format!("template: {e}")))?;
        // The beheerder's own wording, where there is one (see `mail_templates`).
        let vervolg: Vec<String> = next
            .iter()
            .map(|n| format!("- {}: uiterlijk {} ({})", n.what, n.by, n.rule))
            .collect();
        let values = [
            ("naam", name.clone()),
            ("kenmerk", reference.clone()),
            ("ontvangen", received),
            ("vervolg", vervolg.join("\n")),
            ("link", link.clone()),
        ];
        let wording = apply(app.store().as_ref(), MailKind::Receipt, &values, builtin).await?;
        let mail = OutgoingMail {
            from: self.mailer.settings.from.clone(),
            to: vec![Mailbox::named(name.clone(), address)],
            reply_to: None,
            subject: wording.subject,
            text: wording.text,
            html: wording.html,
            message_id: self.mailer.settings.message_id("receipt", id)?,
            in_reply_to: None,
            references: Vec::new(),
            attachments: Vec::new(),
            auto_submitted: true,
        };
        self.mailer.send(&mail).await
    }
}
