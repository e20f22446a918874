//! Random credentials: session ids, CSRF tokens, setup links, API and portal tokens.
//!
//! Each is 256 bits from the operating system's CSPRNG, written as 64 lowercase hex characters
//! (URL- and cookie-safe, no new encoding dependency). Only the SHA-256 of a credential is
//! stored, so a copy of the database lets nobody in; the plain value exists only in the
//! response that hands it out, and its `Debug` is redacted so it never reaches a log.

use std::fmt;

use sha2::{Digest, Sha256};

/// A credential in the clear: give it to its owner once, never log it.
#[derive(Clone, PartialEq, Eq)]
pub struct PlainToken(String);

impl PlainToken {
    /// The value to put in the cookie, link or response.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The hash under which the store keeps this token.
    pub fn hash(&self) -> String {
        token_hash(&self.0)
    }
}

impl fmt::Debug for PlainToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PlainToken(<redacted>)")
    }
}

/// A fresh 256-bit token and the hash to store.
pub fn new_token() -> (PlainToken, String) {
    let plain = PlainToken(hex::encode(random_bytes::<32>()));
    let hash = plain.hash();
    (plain, hash)
}

/// SHA-256 of a presented token, as lowercase hex: what lookups take. Tokens are 256-bit
/// random values, so a plain (unsalted, fast) hash is enough: there is nothing to brute-force.
pub fn token_hash(presented: &str) -> String {
    hex::encode(Sha256::digest(presented.as_bytes()))
}

/// Bytes from the operating system's CSPRNG. Panics only if the OS has no randomness, where no
/// credential could be made safely anyway.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("the operating system provides randomness");
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_hex_and_only_their_hash_matches() {
        let (a, hash) = new_token();
        let (b, _) = new_token();
        assert_eq!(a.expose().len(), 64);
        assert!(a.expose().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(token_hash(a.expose()), hash);
        assert_ne!(hash, a.expose());
        assert_eq!(format!("{a:?}"), "PlainToken(<redacted>)");
    }
}
