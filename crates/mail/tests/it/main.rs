//! Integration tests of the mail crate against real servers: an in-process SMTP sink, the file
//! system, and a Dovecot IMAP server started for the test (Debian's `dovecot-imapd`).

mod dovecot;
mod imap;
mod outbox;
mod parsing;
mod smtp;
mod smtp_sink;

use mail::{Attachment, Mailbox, MessageId, OutgoingMail};

/// Bytes that look like the start of a letter in PDF.
pub const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

/// An acknowledgement as the app would send it: both parts, a letter attached, threaded under
/// the complainant's original message.
pub fn acknowledgement() -> OutgoingMail {
    OutgoingMail {
        from: Mailbox::named("Gemeente Voorbeeld", "klachten@voorbeeld.nl"),
        to: vec![Mailbox::named("Jan Jansen", "jan@example.nl")],
        reply_to: Some(Mailbox::new("intake@voorbeeld.nl")),
        subject: "Ontvangstbevestiging van uw klacht K-2026-000123".into(),
        text: "Geachte heer Jansen,\n\nWij hebben uw klacht ontvangen.".into(),
        html: "<p>Geachte heer Jansen,</p><p>Wij hebben uw klacht ontvangen.</p>".into(),
        message_id: MessageId::generate("voorbeeld.nl").unwrap(),
        in_reply_to: Some("origineel@example.nl".parse().unwrap()),
        references: vec!["origineel@example.nl".parse().unwrap()],
        attachments: vec![Attachment {
            filename: "ontvangstbevestiging.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: PDF.to_vec(),
        }],
        auto_submitted: true,
    }
}
