//! Incoming mail: from raw bytes (IMAP or an MTA pipe) to what the intake needs.
//!
//! mail-parser does the MIME work (transfer encodings, charsets such as ISO-8859-1 and
//! windows-1252, RFC 2047 encoded words). On top of it this module picks the plain-text body
//! (reducing HTML-only mail to safe text), finds a complaint reference in the subject, and
//! recognises mail from machines ([`Automatic`]). The raw bytes stay with the result: the record
//! keeps the message exactly as received.

mod automatic;
mod entities;
mod html;

use domain::reference::Reference;
use mail_parser::{HeaderValue, MessageParser, MimeHeaders, PartType};

pub use automatic::Automatic;

use crate::outgoing::safe_filename;
use crate::{Attachment, Mailbox, MessageId};

/// At most this many ids are carried forward in `References`, oldest dropped first, so a long
/// thread cannot grow the header without bound.
const MAX_REFERENCES: usize = 20;

/// A parsed incoming message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundMessage {
    /// The sender's id for this message: the key to deduplicate on.
    pub message_id: Option<MessageId>,
    /// The message this one answers, if the client said so.
    pub in_reply_to: Option<MessageId>,
    /// The thread, oldest first.
    pub references: Vec<MessageId>,
    pub from: Option<Mailbox>,
    pub reply_to: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// Decoded, on one line; empty when missing.
    pub subject: String,
    /// The `Date` header: when the sender says it was written.
    pub date: Option<jiff::Timestamp>,
    /// The body as plain text (see [`parse`]).
    pub text: String,
    /// Files in the message. Parts without a file name are called `bijlage-N`.
    pub attachments: Vec<Attachment>,
    /// The first complaint reference (`K-2026-000123`) in the subject.
    pub reference_in_subject: Option<Reference>,
    /// Set when a machine sent this: record it, never answer it.
    pub automatic: Option<Automatic>,
    /// The message exactly as received.
    pub raw: Vec<u8>,
}

/// Why bytes are not a mail message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the message is empty")]
    Empty,
    #[error("the data is not a mail message (no header fields)")]
    NotAMessage,
}

impl InboundMessage {
    /// The `References` for an answer to this message: its own references plus its id.
    pub fn reply_references(&self) -> Vec<MessageId> {
        let mut refs = self.references.clone();
        refs.extend(self.message_id.clone());
        let excess = refs.len().saturating_sub(MAX_REFERENCES);
        refs.drain(..excess);
        refs
    }
}

/// Parses a raw RFC 5322 message.
///
/// The text is the message's text parts joined; when there is only HTML it is converted to plain
/// text with scripts and styles dropped, entities decoded and link targets shown. Control
/// characters other than line breaks and tabs are removed from everything that is text.
pub fn parse(raw: &[u8]) -> Result<InboundMessage, ParseError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let msg = MessageParser::default()
        .parse(raw)
        .ok_or(ParseError::NotAMessage)?;
    if msg.root_part().headers().is_empty() {
        return Err(ParseError::NotAMessage);
    }
    let from = msg
        .from()
        .and_then(|a| mailboxes(a.iter()).into_iter().next());
    let subject = one_line(msg.subject().unwrap_or_default());
    Ok(InboundMessage {
        message_id: msg.message_id().and_then(|id| id.parse().ok()),
        in_reply_to: ids(msg.in_reply_to()).into_iter().next(),
        references: ids(msg.references()),
        reply_to: msg
            .reply_to()
            .and_then(|a| mailboxes(a.iter()).into_iter().next()),
        to: msg.to().map(|a| mailboxes(a.iter())).unwrap_or_default(),
        cc: msg.cc().map(|a| mailboxes(a.iter())).unwrap_or_default(),
        date: msg
            .date()
            .and_then(|d| jiff::Timestamp::from_second(d.to_timestamp()).ok()),
        text: body_text(&msg),
        attachments: attachments(&msg),
        reference_in_subject: reference_in(&subject),
        automatic: automatic::classify(&msg, from.as_ref().map(Mailbox::local_part)),
        from,
        subject,
        raw: raw.to_vec(),
    })
}

fn body_text(msg: &mail_parser::Message<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in msg.text_bodies() {
        match &part.body {
            PartType::Text(t) => parts.push(t.to_string()),
            PartType::Html(h) => parts.push(html::html_to_text(h)),
            _ => {}
        }
    }
    if parts.is_empty() {
        parts.extend(msg.html_bodies().filter_map(|p| match &p.body {
            PartType::Html(h) => Some(html::html_to_text(h)),
            _ => None,
        }));
    }
    let joined = parts.join("\n\n").replace("\r\n", "\n");
    joined
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .to_string()
}

fn attachments(msg: &mail_parser::Message<'_>) -> Vec<Attachment> {
    msg.attachments()
        .enumerate()
        .map(|(i, part)| {
            let content_type = match part.content_type() {
                Some(ct) => match ct.subtype() {
                    Some(sub) => format!("{}/{sub}", ct.c_type).to_ascii_lowercase(),
                    None => ct.c_type.to_ascii_lowercase(),
                },
                None if part.is_message() => "message/rfc822".to_string(),
                None => "application/octet-stream".to_string(),
            };
            let filename = match part.attachment_name() {
                Some(name) => safe_filename(name),
                None if part.is_message() => format!("bijlage-{}.eml", i + 1),
                None => format!("bijlage-{}", i + 1),
            };
            Attachment {
                filename,
                content_type,
                bytes: part.contents().to_vec(),
            }
        })
        .collect()
}

fn mailboxes<'a>(addrs: impl Iterator<Item = &'a mail_parser::Addr<'a>>) -> Vec<Mailbox> {
    addrs
        .filter_map(|a| {
            let address = a.address()?.trim();
            let name = a
                .name()
                .map(one_line)
                .filter(|n| !n.is_empty() && n != address);
            (!address.is_empty()).then(|| Mailbox {
                name,
                address: address.to_string(),
            })
        })
        .collect()
}

fn ids(value: &HeaderValue<'_>) -> Vec<MessageId> {
    match value {
        HeaderValue::Text(t) => t.parse().ok().into_iter().collect(),
        HeaderValue::TextList(list) => list.iter().filter_map(|t| t.parse().ok()).collect(),
        _ => Vec::new(),
    }
}

fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `K-YYYY-NNNNNN` in `subject`, as a whole word: `[K-2026-000123]` and
/// `K-2026-000123:` match, `XK-2026-000123` does not.
fn reference_in(subject: &str) -> Option<Reference> {
    subject
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .find_map(|word| word.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_reference_as_a_whole_word_only() {
        let r = Reference::new(2026, 123).unwrap();
        assert_eq!(reference_in("Re: Uw klacht K-2026-000123"), Some(r));
        assert_eq!(reference_in("RE: [k-2026-000123] vraag"), Some(r));
        assert_eq!(reference_in("Antw: kenmerk K-2026-000123."), Some(r));
        assert_eq!(reference_in("XK-2026-000123"), None);
        assert_eq!(reference_in("K-2026-000123-2"), None);
        assert_eq!(reference_in("Geen kenmerk"), None);
    }

    #[test]
    fn reply_references_end_with_the_parent_and_stay_bounded() {
        let mut m = parse(b"Message-ID: <p@x.nl>\r\nReferences: <a@x.nl>\r\n\r\nhoi").unwrap();
        let strs = |v: Vec<MessageId>| v.iter().map(|i| i.as_str().to_string()).collect::<Vec<_>>();
        assert_eq!(strs(m.reply_references()), ["a@x.nl", "p@x.nl"]);
        m.references = (0..30)
            .map(|i| format!("r{i}@x.nl").parse().unwrap())
            .collect();
        let refs = m.reply_references();
        assert_eq!(refs.len(), MAX_REFERENCES);
        assert_eq!(refs.last().unwrap().as_str(), "p@x.nl");
    }

    #[test]
    fn empty_input_is_refused() {
        assert_eq!(parse(b"").unwrap_err(), ParseError::Empty);
        assert_eq!(parse(b" \r\n").unwrap_err(), ParseError::Empty);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            let _ = parse(&raw);
        }

        #[test]
        fn header_like_input_never_panics(raw in "([A-Za-z-]{1,12}: [^\r\n]{0,40}\r\n){0,8}\r\n(.|\r\n){0,200}") {
            let _ = parse(raw.as_bytes());
        }
    }
}
