//! Message-IDs: how replies find their way back to the complaint they answer.
//!
//! Every outgoing mail gets a fresh `<uuid@domain>` id; a reply names it in `In-Reply-To` and
//! `References`, and the intake matches those against the ids it sent. Inbound ids are also the
//! key the app deduplicates on, so they are held without angle brackets ([`MessageId::as_str`])
//! and written with them ([`Display`](std::fmt::Display)).

use std::fmt;
use std::str::FromStr;

/// The longest id accepted; RFC 5322 lines are at most 998 characters and an id must fit in a
/// header line together with its name.
const MAX_LEN: usize = 900;

/// A Message-ID (RFC 5322 `msg-id`), stored without the surrounding angle brackets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MessageId(String);

/// Why a text is not a usable Message-ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Message-ID {0:?}: expected visible ASCII such as <id@example.org>")]
pub struct InvalidMessageId(String);

impl MessageId {
    /// A new, globally unique id `<random-uuid@domain>`. `domain` should be a domain the
    /// organisation controls (usually the domain of the sender address).
    pub fn generate(domain: &str) -> Result<MessageId, InvalidMessageId> {
        if domain.is_empty() || domain.contains('@') {
            return Err(InvalidMessageId(domain.to_string()));
        }
        format!("{}@{domain}", uuid::Uuid::new_v4()).parse()
    }

    /// The id without angle brackets: the form to store and compare.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain part (after the last `@`), if there is one.
    pub fn domain(&self) -> Option<&str> {
        self.0.rsplit_once('@').map(|(_, d)| d)
    }
}

impl fmt::Display for MessageId {
    /// The header form, with angle brackets: `<id@example.org>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

impl FromStr for MessageId {
    type Err = InvalidMessageId;

    /// Accepts `id@host` or `<id@host>`, with surrounding whitespace. Anything outside visible
    /// ASCII, and angle brackets inside, is refused: such an id could not be written back into a
    /// header safely.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let inner = t
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or(t);
        let valid = !inner.is_empty()
            && inner.len() <= MAX_LEN
            && inner
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>');
        if valid {
            Ok(MessageId(inner.to_string()))
        } else {
            Err(InvalidMessageId(s.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_unique_and_carry_the_domain() {
        let a = MessageId::generate("klachten.example.nl").unwrap();
        let b = MessageId::generate("klachten.example.nl").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.domain(), Some("klachten.example.nl"));
        assert!(a.to_string().starts_with('<') && a.to_string().ends_with("@klachten.example.nl>"));
    }

    #[test]
    fn parses_with_and_without_brackets() {
        let a: MessageId = "<abc@x.nl>".parse().unwrap();
        let b: MessageId = " abc@x.nl ".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "abc@x.nl");
    }

    #[test]
    fn refuses_ids_that_cannot_be_written_back() {
        for s in ["", "<>", "a b@x", "a<b@x", "ä@x.nl", "a@x\r\nBcc: evil@x"] {
            assert!(s.parse::<MessageId>().is_err(), "{s:?} should be refused");
        }
        assert!(MessageId::generate("").is_err());
        assert!(MessageId::generate("a@b").is_err());
    }
}
