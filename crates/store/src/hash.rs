//! The per-complaint hash chain that lets `audit verify` detect any edit of the event log.
//!
//! `hash = hex(sha256(frame(prev_hash) ‖ frame(complaint_id) ‖ frame(seq) ‖ frame(kind) ‖
//! frame(actor) ‖ frame(at_micros) ‖ frame(payload_text)))`, where `frame(x)` is the byte length
//! of `x` as a big-endian u64 followed by the bytes. Length prefixes make the framing
//! unambiguous whatever the fields contain. Numbers are hashed as decimal text. The payload is
//! hashed as the exact JSON text stored, which is why payloads are TEXT and not JSONB.

use sha2::{Digest, Sha256};

/// The `prev_hash` of every complaint's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of one event that the hash covers.
#[derive(Debug, Clone, Copy)]
pub struct ChainLink<'a> {
    pub prev_hash: &'a str,
    pub complaint_id: &'a str,
    pub seq: i64,
    pub kind: &'a str,
    pub actor: &'a str,
    pub at_micros: i64,
    pub payload: &'a str,
}

impl ChainLink<'_> {
    /// The lowercase hex SHA-256 of the framed fields.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let seq = self.seq.to_string();
        let at = self.at_micros.to_string();
        for field in [
            self.prev_hash,
            self.complaint_id,
            &seq,
            self.kind,
            self.actor,
            &at,
            self.payload,
        ] {
            h.update((field.len() as u64).to_be_bytes());
            h.update(field.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link<'a>(kind: &'a str, actor: &'a str) -> ChainLink<'a> {
        ChainLink {
            prev_hash: GENESIS,
            complaint_id: "c",
            seq: 1,
            kind,
            actor,
            at_micros: 0,
            payload: "{}",
        }
    }

    #[test]
    fn moving_bytes_between_fields_changes_the_hash() {
        assert_ne!(link("ab", "c").hash(), link("a", "bc").hash());
    }

    #[test]
    fn the_hash_is_stable_hex() {
        let h = link("k", "a").hash();
        assert_eq!(h.len(), 64);
        assert_eq!(h, link("k", "a").hash());
    }
}
