//! Passwords: a policy with Dutch reasons, and argon2id hashing.
//!
//! Hashes are PHC strings with argon2's defaults (argon2id v19, m = 19 MiB, t = 2, p = 1, the
//! OWASP minimum), so parameters can be raised later without invalidating stored hashes:
//! verification reads them from the string. Hashing costs tens of milliseconds of CPU, so the
//! async callers run it on the blocking pool ([`hash_blocking`], [`verify_blocking`]).
//! Verification compares in constant time (argon2's `verify_password`). An unknown e-mail
//! address is checked against [`dummy_hash`], so it costs the same as a wrong password.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::token::random_bytes;

/// Minimum length in characters (NIST SP 800-63B recommends at least 8; we ask 12).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer input is refused (hashing megabytes would be a cheap denial of service).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why a password is not accepted; the message is for the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("het wachtwoord moet minstens {MIN_PASSWORD_CHARS} tekens lang zijn")]
    TooShort,
    #[error("het wachtwoord mag hoogstens {MAX_PASSWORD_CHARS} tekens lang zijn")]
    TooLong,
    #[error("het wachtwoord mag niet uit één herhaald teken bestaan")]
    OneCharacter,
    #[error("het wachtwoord is te voorspelbaar (een reeks zoals 123456789012 of abcdefghijkl)")]
    Sequence,
    #[error("het wachtwoord mag uw e-mailadres niet bevatten")]
    ContainsEmail,
    #[error("de wachtwoorden komen niet overeen")]
    Mismatch,
}

/// Checks the policy: 12 to 256 characters, not one repeated character, not a run of
/// consecutive characters, not containing the user's e-mail address (or its local part).
pub fn check_password_policy(password: &str, email: &str) -> Result<(), PasswordError> {
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars.len() > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    if chars.iter().all(|&c| c == chars[0]) {
        return Err(PasswordError::OneCharacter);
    }
    let steps: Vec<i64> = chars.windows(2).map(|w| step(w[0], w[1])).collect();
    if steps.iter().all(|&d| d == steps[0]) && steps[0].abs() == 1 {
        return Err(PasswordError::Sequence);
    }
    let lower = password.to_lowercase();
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if !email.is_empty() && (lower.contains(&email) || (local.len() >= 4 && lower.contains(local)))
    {
        return Err(PasswordError::ContainsEmail);
    }
    Ok(())
}

/// The distance from `a` to `b`; digits wrap around (9 → 0 is a step of 1, as in 890123).
fn step(a: char, b: char) -> i64 {
    let d = i64::from(u32::from(b)) - i64::from(u32::from(a));
    if a.is_ascii_digit() && b.is_ascii_digit() {
        match d.rem_euclid(10) {
            1 => 1,
            9 => -1,
            _ => d,
        }
    } else {
        d
    }
}

/// An argon2id PHC string for `password`, with a fresh 128-bit salt.
pub fn hash_password(password: &str) -> String {
    let salt = random_bytes::<16>();
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .expect("argon2 with default parameters and a 16-byte salt cannot fail")
        .to_string()
}

/// Whether `password` matches the PHC string `hash` (constant-time). A malformed hash never
/// matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A hash of a random password with the same parameters as real ones: verifying against it
/// costs what a real verification costs, and nothing matches it.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&hex::encode(random_bytes::<32>())))
}

/// [`hash_password`] on the blocking pool.
pub(crate) async fn hash_blocking(password: String) -> String {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .expect("password hashing does not panic")
}

/// [`verify_password`] on the blocking pool.
pub(crate) async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .expect("password verification does not panic")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct paard batterij");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct paard batterij", &hash));
        assert!(!verify_password("correct paard batterij!", &hash));
        assert!(!verify_password("correct paard batterij", "not a hash"));
        assert_ne!(hash, hash_password("correct paard batterij"), "salted");
        assert!(!verify_password("anything", dummy_hash()));
    }

    #[test]
    fn the_policy_refuses_weak_passwords_with_a_dutch_reason() {
        let email = "anna.deboer@example.nl";
        let refuse = |p: &str| check_password_policy(p, email).unwrap_err();
        assert_eq!(refuse("kort"), PasswordError::TooShort);
        assert_eq!(refuse("aaaaaaaaaaaaaaaa"), PasswordError::OneCharacter);
        assert_eq!(refuse("123456789012"), PasswordError::Sequence);
        assert_eq!(refuse("lkjihgfedcba"), PasswordError::Sequence);
        assert_eq!(refuse("Anna.DeBoer-2026!"), PasswordError::ContainsEmail);
        assert_eq!(refuse(&"x1".repeat(200)), PasswordError::TooLong);
        assert!(refuse("kort").to_string().contains("minstens 12 tekens"));
        assert_eq!(
            check_password_policy("correct paard batterij", email),
            Ok(())
        );
        // Twelve characters, not ASCII: counted as characters, not bytes.
        assert_eq!(check_password_policy("ëëëëëëëëëëëé", email), Ok(()));
    }
}
