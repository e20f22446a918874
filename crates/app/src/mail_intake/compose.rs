//! From a parsed message to the values the intake records: the dedupe key, the complaint a
//! reply belongs to, the complainant's name, the texts and the attachments within their limits.

use domain::complaint::{Complainant, PersonName, Text};
use mail::{InboundMessage, Mailbox};
use sha2::{Digest, Sha256};
use store::NewAttachment;

/// At most this many files of one message are stored with the complaint (the rest stay in the
/// raw message, which is always kept).
pub const MAX_ATTACHMENTS: usize = 10;
/// Files larger than this stay in the raw message only (the web form's limit).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// A description or reply text longer than this is cut (the domain's limit for a text).
const MAX_TEXT: usize = 20_000;

/// Types kept as the sender named them; anything else is stored as `application/octet-stream`,
/// so a file is never handed to a browser as something active (HTML, SVG, scripts).
const INERT_TYPES: &[&str] = &[
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/heic",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "message/rfc822",
];

/// The dedupe key of a message without a Message-ID.
pub(super) fn hash_key(raw: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(raw)))
}

/// Complaint ids named by Wederhoor's own Message-IDs (`<kind.<uuid>@domain>`) that this
/// message answers, the direct parent first.
pub(super) fn own_complaint_ids(m: &InboundMessage) -> Vec<uuid::Uuid> {
    let thread = m.in_reply_to.iter().chain(m.references.iter().rev());
    let mut ids = Vec::new();
    for id in thread {
        let Some((local, _domain)) = id.as_str().rsplit_once('@') else {
            continue;
        };
        let Some((kind, rest)) = local.split_once('.') else {
            continue;
        };
        let kind_ok = !kind.is_empty()
            && kind
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if let (true, Ok(uuid)) = (kind_ok, uuid::Uuid::try_parse(rest))
            && !ids.contains(&uuid)
        {
            ids.push(uuid);
        }
    }
    ids
}

/// Whether the sender is the complainant or their representative (addresses compared
/// case-insensitively).
pub(super) fn is_from_complainant(m: &InboundMessage, c: &Complainant) -> bool {
    let Some(from) = &m.from else {
        return false;
    };
    let known = [
        c.contact.email(),
        c.representative.as_ref().and_then(|r| r.contact.email()),
    ];
    known
        .into_iter()
        .flatten()
        .any(|e| e.as_ref().eq_ignore_ascii_case(from.address.trim()))
}

/// The display name, else the address's local part.
pub(super) fn sender_name(from: &Mailbox) -> Option<PersonName> {
    let name = from
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| from.local_part());
    PersonName::try_from(name.chars().take(200).collect::<String>()).ok()
}

/// A new complaint's description: the subject, the text (or "(geen tekst)") and notes.
pub(super) fn description(m: &InboundMessage, notes: &[String]) -> Text {
    let subject = (!m.subject.is_empty()).then(|| format!("Onderwerp: {}", m.subject));
    text(subject, m, notes)
}

/// A reply's text (the subject is kept beside it).
pub(super) fn reply_text(m: &InboundMessage, notes: &[String]) -> Text {
    text(None, m, notes)
}

fn text(head: Option<String>, m: &InboundMessage, notes: &[String]) -> Text {
    let body = if m.text.trim().is_empty() {
        "(geen tekst)"
    } else {
        m.text.as_str()
    };
    let mut parts: Vec<&str> = head.as_deref().into_iter().collect();
    parts.push(body);
    parts.extend(notes.iter().map(String::as_str));
    let full = parts.join("\n\n");
    let cut = "\n\n[Ingekort; het volledige bericht is bewaard.]";
    let full = if full.chars().count() > MAX_TEXT {
        let keep = MAX_TEXT - cut.chars().count();
        format!("{}{cut}", full.chars().take(keep).collect::<String>())
    } else {
        full
    };
    Text::try_from(full).unwrap_or_else(|_| {
        Text::try_from("(geen leesbare tekst; het volledige bericht is bewaard)")
            .expect("a fixed text is valid")
    })
}

/// What of a message's files is stored, and notes on what is not.
#[derive(Debug, Clone, Default)]
pub(super) struct Files {
    pub stored: Vec<NewAttachment>,
    pub notes: Vec<String>,
}

impl Files {
    pub fn names(&self) -> Vec<String> {
        self.stored.iter().map(|f| f.filename.clone()).collect()
    }
}

/// The message's files within the limits. Their ids derive from the message key and position,
/// so storing them again after an interrupted attempt is recognised.
pub(super) fn attachments(key: &str, m: &InboundMessage) -> Files {
    let mut files = Files::default();
    for (i, a) in m.attachments.iter().enumerate() {
        if a.bytes.len() > MAX_ATTACHMENT_BYTES {
            files.notes.push(format!(
                "[Bijlage \u{201c}{}\u{201d} is groter dan 10 MB en niet apart opgeslagen; \
                 het volledige bericht is bewaard.]",
                a.filename
            ));
            continue;
        }
        if files.stored.len() == MAX_ATTACHMENTS {
            files.notes.push(format!(
                "[Bijlage \u{201c}{}\u{201d} niet apart opgeslagen (meer dan {MAX_ATTACHMENTS} \
                 bijlagen); het volledige bericht is bewaard.]",
                a.filename
            ));
            continue;
        }
        let content_type = if INERT_TYPES.contains(&a.content_type.as_str()) {
            a.content_type.clone()
        } else {
            "application/octet-stream".to_string()
        };
        files.stored.push(NewAttachment {
            id: attachment_id(key, i),
            filename: a.filename.clone(),
            content_type,
            bytes: a.bytes.clone(),
        });
    }
    files
}

/// A UUID (version 8, "custom") from the SHA-256 of the message key and the file's position.
fn attachment_id(key: &str, position: usize) -> uuid::Uuid {
    let digest = Sha256::digest(format!("wederhoor-mail-attachment\n{key}\n{position}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(raw: &str) -> InboundMessage {
        mail::parse(raw.as_bytes()).unwrap()
    }

    #[test]
    fn our_own_ids_name_the_complaint_parent_first() {
        let a = "0190a000-0000-7000-8000-000000000001";
        let b = "0190a000-0000-7000-8000-000000000002";
        let m = parsed(&format!(
            "In-Reply-To: <receipt.{a}@example.nl>\r\nReferences: <x@y.nl> <answer.{b}@example.nl> \
             <receipt.{a}@example.nl>\r\n\r\nhoi"
        ));
        let ids: Vec<String> = own_complaint_ids(&m)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(ids, [a, b]);
        let none = parsed("In-Reply-To: <abc.def@example.nl>\r\nReferences: <.x@y>\r\n\r\nhoi");
        assert!(own_complaint_ids(&none).is_empty());
    }

    #[test]
    fn the_name_falls_back_to_the_local_part() {
        assert_eq!(
            sender_name(&Mailbox::named("Anna de Vries", "a@x.nl"))
                .unwrap()
                .as_ref(),
            "Anna de Vries"
        );
        assert_eq!(
            sender_name(&Mailbox::new("a.jansen@x.nl"))
                .unwrap()
                .as_ref(),
            "a.jansen"
        );
    }

    #[test]
    fn long_texts_are_cut_to_the_domain_limit_with_a_note() {
        let m = parsed(&format!("Subject: lang\r\n\r\n{}", "x".repeat(30_000)));
        let d = description(&m, &[]);
        assert_eq!(d.as_ref().chars().count(), MAX_TEXT);
        assert!(d.as_ref().starts_with("Onderwerp: lang\n\nxxx"));
        assert!(d.as_ref().ends_with("het volledige bericht is bewaard.]"));
        let empty = parsed("Subject: leeg\r\n\r\n");
        assert_eq!(
            description(&empty, &[]).as_ref(),
            "Onderwerp: leeg\n\n(geen tekst)"
        );
    }

    #[test]
    fn attachment_ids_are_stable_and_active_types_are_neutralised() {
        assert_eq!(attachment_id("k", 0), attachment_id("k", 0));
        assert_ne!(attachment_id("k", 0), attachment_id("k", 1));
        let m = parsed(
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nzie bijlage\r\n\
             --b\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=x.html\r\n\r\n<script>x</script>\r\n\
             --b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=brief.pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n",
        );
        let files = attachments("k", &m);
        let kinds: Vec<_> = files
            .stored
            .iter()
            .map(|f| (f.filename.as_str(), f.content_type.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("x.html", "application/octet-stream"),
                ("brief.pdf", "application/pdf")
            ]
        );
    }
}
