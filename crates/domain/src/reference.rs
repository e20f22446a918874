//! The complaint reference shown to complainants and staff: `K-2026-000123`.
//!
//! References are numbered per year of receipt, without gaps (the store allocates the number in
//! the same transaction that records the complaint).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A complaint reference: the year of receipt and a sequence number within that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    year: i16,
    number: u32,
}

/// Why a text is not a reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ongeldig kenmerk {0:?}: verwacht bijvoorbeeld K-2026-000123")]
pub struct InvalidReference(String);

impl Reference {
    /// A reference for `number` (1-based) in `year`. Numbers above 999 999 widen the field.
    pub fn new(year: i16, number: u32) -> Result<Reference, InvalidReference> {
        if !(1000..=9999).contains(&year) || number == 0 {
            return Err(InvalidReference(format!("K-{year}-{number}")));
        }
        Ok(Reference { year, number })
    }

    pub fn year(&self) -> i16 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "K-{}-{:06}", self.year, self.number)
    }
}

impl FromStr for Reference {
    type Err = InvalidReference;

    /// Accepts `K-2026-000123`, case-insensitively and with surrounding spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || InvalidReference(s.to_string());
        let t = s.trim();
        let mut parts = t.split('-');
        let (Some(k), Some(y), Some(n), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if !k.eq_ignore_ascii_case("K")
            || y.len() != 4
            || n.len() < 6
            || !n.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let year: i16 = y.parse().map_err(|_| bad())?;
        let number: u32 = n.parse().map_err(|_| bad())?;
        Reference::new(year, number).map_err(|_| bad())
    }
}

impl Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_six_digits() {
        assert_eq!(
            Reference::new(2026, 123).unwrap().to_string(),
            "K-2026-000123"
        );
        assert_eq!(
            Reference::new(2026, 1_234_567).unwrap().to_string(),
            "K-2026-1234567"
        );
    }

    #[test]
    fn parses_what_it_formats_and_tolerates_case_and_spaces() {
        let r = Reference::new(2026, 42).unwrap();
        assert_eq!(r.to_string().parse::<Reference>().unwrap(), r);
        assert_eq!(" k-2026-000042 ".parse::<Reference>().unwrap(), r);
    }

    #[test]
    fn rejects_malformed_references() {
        for s in [
            "",
            "K-2026",
            "K-26-000001",
            "X-2026-000001",
            "K-2026-12",
            "K-2026-000000",
            "K-2026-00001a",
            "K-2026-000001-1",
        ] {
            assert!(s.parse::<Reference>().is_err(), "{s} should be rejected");
        }
    }
}
