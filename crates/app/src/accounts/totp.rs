//! Optional two-factor login: TOTP (RFC 6238) with HMAC-SHA1, 30-second steps, 6 digits, as
//! every authenticator app expects.
//!
//! Implemented here (about 100 lines over `hmac` and `sha1`, which the workspace already builds
//! for other crates) rather than with `totp-rs`, whose defaults pull URL parsing and more for
//! what is one HMAC and a base32 codec. A code is accepted one step early or late (clock drift).
//! Not done: refusing the replay of a code within its 90-second window (that would need the
//! last used step per user stored); the password and the login throttle guard it meanwhile.

use hmac::{Hmac, KeyInit, Mac};
use jiff::Timestamp;
use sha1::Sha1;

use super::token::random_bytes;

const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
/// Steps accepted either side of now.
const DRIFT_STEPS: i64 = 1;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh 160-bit secret, base32 (what `users.totp_secret` stores and apps are given).
pub fn new_totp_secret() -> String {
    base32_encode(&random_bytes::<20>())
}

/// The `otpauth://` URI an authenticator app reads (usually from a QR code).
pub fn totp_uri(secret: &str, email: &str) -> String {
    let label = percent_encode(&format!("Wederhoor:{email}"));
    format!("otpauth://totp/{label}?secret={secret}&issuer=Wederhoor&digits=6&period=30")
}

/// The current code for `secret` (base32); None for a malformed secret. For tests and
/// diagnostics: the login checks codes with [`verify_totp`].
pub fn totp_code(secret: &str, now: Timestamp) -> Option<String> {
    let key = base32_decode(secret)?;
    let step = now.as_second().div_euclid(STEP_SECONDS);
    Some(format!("{:06}", hotp(&key, step as u64)))
}

/// Whether `code` is the TOTP of `secret` (base32) now, or one step before or after.
pub fn verify_totp(secret: &str, code: &str, now: Timestamp) -> bool {
    let code = code.trim();
    let Some(key) = base32_decode(secret) else {
        return false;
    };
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let step = now.as_second().div_euclid(STEP_SECONDS);
    let mut ok = false;
    for s in step - DRIFT_STEPS..=step + DRIFT_STEPS {
        let expected = format!("{:06}", hotp(&key, s as u64));
        // Compare every candidate fully: no early exit on a match.
        ok |= constant_time_eq(expected.as_bytes(), code.as_bytes());
    }
    ok
}

/// RFC 4226 HOTP truncated to 6 digits.
fn hotp(key: &[u8], counter: u64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bin = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    bin % 10u32.pow(DIGITS)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes base32 (case-insensitive, spaces and padding ignored); None for other characters.
fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| !matches!(c, b' ' | b'=')) {
        let c = c.to_ascii_uppercase();
        let v = BASE32.iter().position(|&x| x == c)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' | b'@' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 key, truncated to 6 digits.
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let key = b"12345678901234567890";
        let secret = base32_encode(key);
        assert_eq!(base32_decode(&secret).unwrap(), key);
        for (t, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (2_000_000_000, "279037"),
        ] {
            let now = Timestamp::from_second(t).unwrap();
            assert!(verify_totp(&secret, code, now), "{t}");
            let later = Timestamp::from_second(t + 120).unwrap();
            assert!(!verify_totp(&secret, code, later), "{t} two steps later");
        }
        assert!(!verify_totp(
            &secret,
            "28708",
            Timestamp::from_second(59).unwrap()
        ));
    }

    #[test]
    fn a_new_secret_is_base32_and_yields_an_authenticator_uri() {
        let s = new_totp_secret();
        assert_eq!(s.len(), 32);
        assert_eq!(base32_decode(&s).unwrap().len(), 20);
        let uri = totp_uri(&s, "anna de@example.nl");
        assert!(uri.starts_with("otpauth://totp/Wederhoor:anna%20de@example.nl?secret="));
    }
}
