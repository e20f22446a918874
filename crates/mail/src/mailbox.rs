//! A mailbox: an address with an optional display name, as in `Gemeente Voorbeeld
//! <klachten@voorbeeld.nl>`.
//!
//! Outgoing addresses come from settings and complainants' input, so they are checked when the
//! message is built ([`crate::BuildError::InvalidAddress`], a permanent failure), not here: a
//! queued job keeps the text it was given and fails once, clearly, instead of failing to load.

use std::fmt;

/// An e-mail address with an optional display name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mailbox {
    /// Shown by mail clients instead of the address, when present.
    pub name: Option<String>,
    /// The address itself, `local@domain`.
    pub address: String,
}

impl Mailbox {
    /// A bare address without a display name.
    pub fn new(address: impl Into<String>) -> Mailbox {
        Mailbox {
            name: None,
            address: address.into(),
        }
    }

    /// An address shown as `name`.
    pub fn named(name: impl Into<String>, address: impl Into<String>) -> Mailbox {
        Mailbox {
            name: Some(name.into()),
            address: address.into(),
        }
    }

    /// The part before the last `@`, or the whole address when there is none.
    pub fn local_part(&self) -> &str {
        self.address
            .rsplit_once('@')
            .map_or(self.address.as_str(), |(local, _)| local)
    }
}

impl fmt::Display for Mailbox {
    /// For people and logs, not for headers (the builder encodes names itself).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.address),
            None => f.write_str(&self.address),
        }
    }
}
