//! An outgoing mail and how it becomes RFC 5322 bytes.
//!
//! Every mail has both a text and an HTML part (the templates render both), so the body is always
//! `multipart/alternative`, wrapped in `multipart/mixed` when letters are attached as PDF files.
//! Headers are built by lettre, which encodes non-ASCII subjects and names as RFC 2047 words.
//! Text that reaches a header (subject, display names, file names) is stripped of control
//! characters first, so a complainant's input can never start a header line of its own.

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as LettreAttachment, Mailbox as LettreMailbox, MultiPart};

use crate::{Mailbox, MessageId};

/// A file sent with or received in a mail.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name shown to the recipient (without any directory).
    pub filename: String,
    /// The MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    /// The bytes are summarised: a letter's PDF in a log line helps nobody.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A mail ready to be sent: all text already rendered from templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub from: Mailbox,
    /// At least one recipient.
    pub to: Vec<Mailbox>,
    /// Where replies should go, when that is not `from` (e.g. the intake mailbox).
    pub reply_to: Option<Mailbox>,
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part: the same content as `text`.
    pub html: String,
    /// This mail's own id; generate it once when the job is created, so a retried job sends the
    /// same id and the outbox recognises a duplicate.
    pub message_id: MessageId,
    /// The id of the message this one answers, if any.
    pub in_reply_to: Option<MessageId>,
    /// The thread so far, oldest first (the parent's `References` plus the parent's id).
    pub references: Vec<MessageId>,
    /// Files sent along, such as letters as PDF.
    pub attachments: Vec<Attachment>,
    /// Marks the mail `Auto-Submitted: auto-generated` (RFC 3834) so that vacation responders do
    /// not answer it. Set it for notifications sent by the system, not for a person's reply.
    pub auto_submitted: bool,
}

/// Why a mail cannot be built. Every case is permanent: sending it again cannot succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("invalid e-mail address {0:?}")]
    InvalidAddress(String),
    #[error("the mail has no recipient")]
    NoRecipient,
    #[error("invalid content type {0:?} for attachment")]
    InvalidContentType(String),
    #[error("the mail could not be built: {0}")]
    Message(String),
}

impl OutgoingMail {
    /// The complete message as RFC 5322 bytes (CRLF line ends), dated now.
    pub fn to_rfc5322(&self) -> Result<Vec<u8>, BuildError> {
        Ok(self.build()?.formatted())
    }

    /// The lettre message, which also carries the SMTP envelope.
    pub(crate) fn build(&self) -> Result<lettre::Message, BuildError> {
        let mut builder = lettre::Message::builder()
            .from(mailbox(&self.from)?)
            .subject(single_line(&self.subject))
            .message_id(Some(self.message_id.to_string()))
            .date_now();
        if self.to.is_empty() {
            return Err(BuildError::NoRecipient);
        }
        for to in &self.to {
            builder = builder.to(mailbox(to)?);
        }
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(mailbox(reply_to)?);
        }
        if let Some(parent) = &self.in_reply_to {
            builder = builder.in_reply_to(parent.to_string());
        }
        if !self.references.is_empty() {
            let ids: Vec<String> = self.references.iter().map(MessageId::to_string).collect();
            builder = builder.references(ids.join(" "));
        }
        if self.auto_submitted {
            let name = HeaderName::new_from_ascii_str("Auto-Submitted");
            builder = builder.raw_header(HeaderValue::new(name, "auto-generated".to_string()));
        }

        let alternative = MultiPart::alternative_plain_html(self.text.clone(), self.html.clone());
        let body = if self.attachments.is_empty() {
            alternative
        } else {
            let mut mixed = MultiPart::mixed().multipart(alternative);
            for a in &self.attachments {
                let content_type = ContentType::parse(&a.content_type)
                    .map_err(|_| BuildError::InvalidContentType(a.content_type.clone()))?;
                let part = LettreAttachment::new(safe_filename(&a.filename))
                    .body(a.bytes.clone(), content_type);
                mixed = mixed.singlepart(part);
            }
            mixed
        };
        builder
            .multipart(body)
            .map_err(|e| BuildError::Message(e.to_string()))
    }
}

fn mailbox(m: &Mailbox) -> Result<LettreMailbox, BuildError> {
    let address = m
        .address
        .trim()
        .parse()
        .map_err(|_| BuildError::InvalidAddress(m.address.clone()))?;
    let name = m.name.as_deref().map(single_line).filter(|n| !n.is_empty());
    Ok(LettreMailbox::new(name, address))
}

/// Control characters (CR and LF among them) become spaces.
fn single_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The last path segment, on one line; never empty.
pub(crate) fn safe_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean = single_line(last);
    let clean = clean.trim_start_matches('.').trim();
    if clean.is_empty() {
        "bijlage".to_string()
    } else {
        clean.chars().take(200).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> OutgoingMail {
        OutgoingMail {
            from: Mailbox::named("Gemeente Voorbeeld", "klachten@voorbeeld.nl"),
            to: vec![Mailbox::named("Jan Jansen", "jan@example.nl")],
            reply_to: None,
            subject: "Ontvangstbevestiging K-2026-000123".into(),
            text: "Geachte heer Jansen,".into(),
            html: "<p>Geachte heer Jansen,</p>".into(),
            message_id: MessageId::generate("voorbeeld.nl").unwrap(),
            in_reply_to: None,
            references: vec![],
            attachments: vec![],
            auto_submitted: true,
        }
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn a_subject_with_a_line_break_cannot_add_a_header() {
        let mut m = mail();
        m.subject = "Klacht\r\nBcc: iedereen@example.nl".into();
        let raw = text(&m.to_rfc5322().unwrap());
        assert!(!raw.contains("\r\nBcc:"), "{raw}");
    }

    #[test]
    fn invalid_addresses_and_missing_recipients_are_build_errors() {
        let mut m = mail();
        m.to = vec![Mailbox::new("geen-adres")];
        assert_eq!(
            m.to_rfc5322().unwrap_err(),
            BuildError::InvalidAddress("geen-adres".into())
        );
        m.to.clear();
        assert_eq!(m.to_rfc5322().unwrap_err(), BuildError::NoRecipient);
    }

    #[test]
    fn threads_with_in_reply_to_references_and_marks_automatic_mail() {
        let mut m = mail();
        let parent: MessageId = "ouder@example.nl".parse().unwrap();
        m.in_reply_to = Some(parent.clone());
        m.references = vec!["begin@example.nl".parse().unwrap(), parent];
        let raw = text(&m.to_rfc5322().unwrap());
        assert!(raw.contains("In-Reply-To: <ouder@example.nl>\r\n"), "{raw}");
        assert!(
            raw.contains("References: <begin@example.nl> <ouder@example.nl>\r\n"),
            "{raw}"
        );
        assert!(raw.contains("Auto-Submitted: auto-generated\r\n"), "{raw}");
        assert!(
            raw.contains(&format!("Message-ID: {}\r\n", m.message_id)),
            "{raw}"
        );
    }

    #[test]
    fn file_names_lose_their_directories() {
        assert_eq!(safe_filename("C:\\Users\\jan\\brief.pdf"), "brief.pdf");
        assert_eq!(safe_filename("../../etc/passwd"), "passwd");
        assert_eq!(safe_filename("..\r\n"), "bijlage");
    }
}
