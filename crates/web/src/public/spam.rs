//! Spam protection without a third-party captcha, and the signatures that make the form safe to
//! submit twice.
//!
//! - A **signed form token** is issued when the form is first shown: the time it was issued and
//!   a random idempotency key, signed with HMAC-SHA256 under a server secret (stored once in the
//!   database, so every instance signs alike). It gives the **minimum fill time** (a submission
//!   within the minimum fill time ([`MIN_FILL`] by default) of the token is re-shown, not registered) and the **idempotency key**
//!   (submitting twice, or reloading, finds the first complaint).
//! - A **honeypot** field that people never see or reach (checked in the form handler).
//! - A **rate limit per client address** ([`RateLimiter`]): in memory, per instance.
//! - **Receipt links** (`/klacht/ontvangen/<ref>?t=…`) are signed and expire, so guessing a
//!   reference shows nothing.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

use domain::reference::Reference;
use hmac::{Hmac, Mac};
use jiff::{SignedDuration, Timestamp};
use sha2::Sha256;

/// A submission sooner than this after the form was shown is too fast for a person (the
/// default of [`super::PublicFormSettings::min_fill`]).
pub(crate) const MIN_FILL: SignedDuration = SignedDuration::from_secs(3);
/// A form token older than this is refused (the form is shown again with a fresh one).
pub(crate) const TOKEN_MAX_AGE: SignedDuration = SignedDuration::from_hours(24);
/// How long the receipt link made after a submission stays valid.
pub(crate) const RECEIPT_MAX_AGE: SignedDuration = SignedDuration::from_hours(2);

/// The name of the form secret in the store's `app_secrets`.
pub(crate) const SECRET_NAME: &str = "public_form_hmac_v1";

/// HMAC-SHA256 under the server secret, with a label per purpose (domain separation).
#[derive(Clone)]
pub(crate) struct Signer {
    key: [u8; 32],
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(..)")
    }
}

impl Signer {
    pub(crate) fn new(key: [u8; 32]) -> Signer {
        Signer { key }
    }

    fn mac(&self, label: &str, message: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(label.as_bytes());
        mac.update(&[0]);
        mac.update(message.as_bytes());
        mac
    }

    fn sign(&self, label: &str, message: &str) -> String {
        hex::encode(self.mac(label, message).finalize().into_bytes())
    }

    /// Constant-time check of a hex tag.
    fn verify(&self, label: &str, message: &str, tag_hex: &str) -> bool {
        let Ok(tag) = hex::decode(tag_hex) else {
            return false;
        };
        self.mac(label, message).verify_slice(&tag).is_ok()
    }
}

/// The form's token: when it was issued and the submission's idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormToken {
    /// Whole seconds.
    issued_at: Timestamp,
    key: [u8; 16],
}

/// Why a form token was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenProblem {
    /// Older than [`TOKEN_MAX_AGE`].
    Expired,
    /// Younger than the minimum fill time.
    TooFast,
}

const FORM_LABEL: &str = "form-token";
const RECEIPT_LABEL: &str = "receipt";

impl FormToken {
    /// A fresh token with a random key.
    pub(crate) fn issue(now: Timestamp) -> FormToken {
        let mut key = [0u8; 16];
        getrandom::fill(&mut key).expect("the operating system's random source");
        let issued_at = Timestamp::from_second(now.as_second()).expect("a whole second of now");
        FormToken { issued_at, key }
    }

    /// `issued.key.tag`, all ASCII, safe in a hidden field.
    pub(crate) fn encode(&self, signer: &Signer) -> String {
        let message = format!("{}.{}", self.issued_at.as_second(), hex::encode(self.key));
        let tag = signer.sign(FORM_LABEL, &message);
        format!("{message}.{tag}")
    }

    /// The token if we signed it; the signature is checked before anything else is trusted.
    pub(crate) fn decode(signer: &Signer, text: &str) -> Option<FormToken> {
        let (message, tag) = text.trim().rsplit_once('.')?;
        if !signer.verify(FORM_LABEL, message, tag) {
            return None;
        }
        let (secs, key_hex) = message.split_once('.')?;
        let issued_at = Timestamp::from_second(secs.parse().ok()?).ok()?;
        let key: [u8; 16] = hex::decode(key_hex).ok()?.try_into().ok()?;
        Some(FormToken { issued_at, key })
    }

    /// Checks the timing at `now`: not sooner than `min_fill` after issue, not too old.
    pub(crate) fn check_timing(
        &self,
        now: Timestamp,
        min_fill: SignedDuration,
    ) -> Result<(), TokenProblem> {
        let age = now.duration_since(self.issued_at);
        if age > TOKEN_MAX_AGE {
            Err(TokenProblem::Expired)
        } else if age < min_fill {
            Err(TokenProblem::TooFast)
        } else {
            Ok(())
        }
    }

    /// The idempotency key the store deduplicates on.
    pub(crate) fn idempotency_key(&self) -> String {
        format!("web-form:{}", hex::encode(self.key))
    }
}

/// A receipt link's query value for `reference`, valid until `now + RECEIPT_MAX_AGE`.
pub(crate) fn receipt_token(signer: &Signer, reference: Reference, now: Timestamp) -> String {
    let until = (now + RECEIPT_MAX_AGE).as_second();
    let tag = signer.sign(RECEIPT_LABEL, &format!("{reference}.{until}"));
    format!("{until}.{tag}")
}

/// True when `token` was made by [`receipt_token`] for `reference` and has not expired.
pub(crate) fn receipt_valid(
    signer: &Signer,
    reference: Reference,
    token: &str,
    now: Timestamp,
) -> bool {
    let Some((until, tag)) = token.split_once('.') else {
        return false;
    };
    let Ok(until_secs) = until.parse::<i64>() else {
        return false;
    };
    signer.verify(RECEIPT_LABEL, &format!("{reference}.{until}"), tag)
        && now.as_second() <= until_secs
}

/// Submissions per client address in a sliding window, in memory (per instance: with several
/// instances behind a load balancer, each allows `max`; that is acceptable for spam control).
/// IPv6 clients are counted per /64, the block one subscriber usually holds.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    max: usize,
    window: SignedDuration,
    hits: Mutex<HashMap<IpAddr, VecDeque<Timestamp>>>,
}

/// When a limited client may submit again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryAfter(pub SignedDuration);

/// Above this many tracked addresses, stale entries are swept on the next hit.
const SWEEP_ABOVE: usize = 10_000;

impl RateLimiter {
    pub(crate) fn new(max: usize, window: SignedDuration) -> RateLimiter {
        RateLimiter {
            max,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a submission from `ip` at `now`, or refuses it (uncounted) when the address
    /// already made `max` in the window.
    pub(crate) fn hit(&self, ip: IpAddr, now: Timestamp) -> Result<(), RetryAfter> {
        let key = bucket(ip);
        let since = now - self.window;
        let mut hits = self.hits.lock().expect("rate limiter lock");
        if hits.len() > SWEEP_ABOVE {
            hits.retain(|_, times| times.back().is_some_and(|t| *t > since));
        }
        let times = hits.entry(key).or_default();
        while times.front().is_some_and(|t| *t <= since) {
            times.pop_front();
        }
        if times.len() >= self.max {
            let oldest = *times.front().expect("max >= 1 hits");
            return Err(RetryAfter((oldest + self.window).duration_since(now)));
        }
        times.push_back(now);
        Ok(())
    }
}

fn bucket(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6([s[0], s[1], s[2], s[3], 0, 0, 0, 0].into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_form_token_round_trips_and_rejects_any_change() {
        let signer = Signer::new([7; 32]);
        let token = FormToken::issue(t("2026-05-01T08:00:00.5Z"));
        let text = token.encode(&signer);
        assert_eq!(FormToken::decode(&signer, &text), Some(token.clone()));
        assert_eq!(
            FormToken::decode(&Signer::new([8; 32]), &text),
            None,
            "other secret"
        );
        let later = text.replacen("17776", "17777", 1);
        assert_eq!(FormToken::decode(&signer, &later), None, "edited time");
        assert_eq!(FormToken::decode(&signer, "garbage"), None);
        assert!(token.idempotency_key().starts_with("web-form:"));
    }

    #[test]
    fn a_token_is_too_fast_under_three_seconds_and_expired_after_a_day() {
        let token = FormToken::issue(t("2026-05-01T08:00:00Z"));
        let check = |at| token.check_timing(t(at), MIN_FILL);
        assert_eq!(check("2026-05-01T08:00:02Z"), Err(TokenProblem::TooFast));
        assert_eq!(check("2026-05-01T08:00:03Z"), Ok(()));
        assert_eq!(check("2026-05-02T08:00:00Z"), Ok(()));
        assert_eq!(check("2026-05-02T08:00:01Z"), Err(TokenProblem::Expired));
    }

    #[test]
    fn a_receipt_link_is_bound_to_its_reference_and_expires() {
        let signer = Signer::new([1; 32]);
        let r1 = Reference::new(2026, 1).unwrap();
        let r2 = Reference::new(2026, 2).unwrap();
        let now = t("2026-05-01T08:00:00Z");
        let token = receipt_token(&signer, r1, now);
        assert!(receipt_valid(&signer, r1, &token, now));
        assert!(
            !receipt_valid(&signer, r2, &token, now),
            "another reference"
        );
        assert!(!receipt_valid(
            &signer,
            r1,
            &token,
            now + SignedDuration::from_hours(3)
        ));
        assert!(!receipt_valid(&signer, r1, "1.00", now));
    }

    #[test]
    fn the_rate_limit_counts_per_address_in_a_sliding_window() {
        let limiter = RateLimiter::new(2, SignedDuration::from_mins(10));
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let now = t("2026-05-01T08:00:00Z");
        assert!(limiter.hit(a, now).is_ok());
        assert!(limiter.hit(a, now + SignedDuration::from_mins(1)).is_ok());
        let refused = limiter.hit(a, now + SignedDuration::from_mins(2));
        assert_eq!(refused, Err(RetryAfter(SignedDuration::from_mins(8))));
        assert!(limiter.hit(b, now).is_ok(), "another address");
        assert!(
            limiter.hit(a, now + SignedDuration::from_mins(10)).is_ok(),
            "window moved"
        );
    }

    #[test]
    fn ipv6_addresses_are_limited_per_64_block() {
        let limiter = RateLimiter::new(1, SignedDuration::from_mins(10));
        let now = t("2026-05-01T08:00:00Z");
        assert!(limiter.hit("2001:db8:1:2::1".parse().unwrap(), now).is_ok());
        assert!(
            limiter
                .hit("2001:db8:1:2::ffff".parse().unwrap(), now)
                .is_err()
        );
        assert!(limiter.hit("2001:db8:1:3::1".parse().unwrap(), now).is_ok());
    }
}
