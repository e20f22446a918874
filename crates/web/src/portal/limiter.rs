//! A sliding-window count of requests per key, in memory (per instance). Keys are strings so
//! one limiter type serves client addresses and e-mail addresses alike.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

/// Above this many tracked keys, stale entries are swept on the next hit.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug)]
pub(super) struct Limiter {
    max: usize,
    window: SignedDuration,
    hits: Mutex<HashMap<String, VecDeque<Timestamp>>>,
}

impl Limiter {
    pub(super) fn new(max: usize, window: SignedDuration) -> Limiter {
        Limiter {
            max,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request under `key` at `now`; refuses it (uncounted) when the key already made
    /// `max` in the window, with the wait until the oldest of those leaves it.
    pub(super) fn hit(&self, key: &str, now: Timestamp) -> Result<(), SignedDuration> {
        let since = now - self.window;
        let mut hits = self.hits.lock().expect("limiter lock");
        if hits.len() > SWEEP_ABOVE {
            hits.retain(|_, times| times.back().is_some_and(|t| *t > since));
        }
        let times = hits.entry(key.to_owned()).or_default();
        while times.front().is_some_and(|t| *t <= since) {
            times.pop_front();
        }
        if times.len() >= self.max {
            let oldest = *times.front().expect("max >= 1 hits");
            return Err((oldest + self.window).duration_since(now));
        }
        times.push_back(now);
        Ok(())
    }
}

/// The key of a client address: IPv6 per /64, the block one subscriber usually holds.
pub(super) fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_max_requests_per_sliding_window() {
        let limiter = Limiter::new(2, SignedDuration::from_mins(60));
        let now: Timestamp = "2026-05-01T08:00:00Z".parse().unwrap();
        let min = SignedDuration::from_mins;
        assert!(limiter.hit("a", now).is_ok());
        assert!(limiter.hit("a", now + min(10)).is_ok());
        assert_eq!(limiter.hit("a", now + min(20)), Err(min(40)));
        assert!(limiter.hit("b", now + min(20)).is_ok(), "another key");
        assert!(limiter.hit("a", now + min(60)).is_ok(), "the window moved");
    }

    #[test]
    fn ipv6_clients_share_their_64_block() {
        let a = address_key("2001:db8:1:2::1".parse().unwrap());
        let b = address_key("2001:db8:1:2::ffff".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, address_key("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(
            address_key("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1"
        );
    }
}
