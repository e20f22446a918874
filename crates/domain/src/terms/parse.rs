//! Terms as text: "2 weken" in, "2 weken" out.
//!
//! The procedure definition and the CLI write terms as Dutch strings (`term = "2 weken"`), so the
//! string *is* the serialised form. Parsing is forgiving about case, spacing, singular/plural and
//! English; display is one canonical Dutch form, so parse(display(t)) == t for every valid term.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Direction, Term, TermError, TermUnit};

/// Words for each unit, compared after lowercasing and collapsing spaces.
const UNIT_WORDS: [(&str, TermUnit); 15] = [
    ("dag", TermUnit::Days),
    ("dagen", TermUnit::Days),
    ("kalenderdag", TermUnit::Days),
    ("kalenderdagen", TermUnit::Days),
    ("day", TermUnit::Days),
    ("days", TermUnit::Days),
    ("week", TermUnit::Weeks),
    ("weken", TermUnit::Weeks),
    ("weeks", TermUnit::Weeks),
    ("werkdag", TermUnit::WorkingDays),
    ("werkdagen", TermUnit::WorkingDays),
    ("working day", TermUnit::WorkingDays),
    ("working days", TermUnit::WorkingDays),
    ("workday", TermUnit::WorkingDays),
    ("workdays", TermUnit::WorkingDays),
];

/// Trailing words that set the direction ("na"/"after" are accepted and change nothing).
const DIRECTION_WORDS: [(&str, Direction); 5] = [
    ("na", Direction::After),
    ("after", Direction::After),
    ("voor", Direction::Before),
    ("vóór", Direction::Before),
    ("before", Direction::Before),
];

impl Term {
    /// The largest amount accepted for any unit: longer terms are typos, not procedure terms.
    pub const MAX_AMOUNT: u16 = 999;

    /// A validated term: the amount must lie in 1..=[`Term::MAX_AMOUNT`].
    pub fn new(amount: u16, unit: TermUnit, direction: Direction) -> Result<Term, TermError> {
        let term = Term {
            amount,
            unit,
            direction,
        };
        if (1..=Term::MAX_AMOUNT).contains(&amount) {
            Ok(term)
        } else {
            Err(TermError::AmountOutOfRange(term.to_string()))
        }
    }

    /// The amount and unit in canonical Dutch, without direction: "2 weken", "1 werkdag".
    pub fn quantity(&self) -> String {
        let one = self.amount == 1;
        let unit = match (self.unit, one) {
            (TermUnit::Days, true) => "dag",
            (TermUnit::Days, false) => "dagen",
            (TermUnit::Weeks, true) => "week",
            (TermUnit::Weeks, false) => "weken",
            (TermUnit::WorkingDays, true) => "werkdag",
            (TermUnit::WorkingDays, false) => "werkdagen",
        };
        format!("{} {unit}", self.amount)
    }
}

impl FromStr for Term {
    type Err = TermError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unparseable = || TermError::Unparseable(s.to_owned());
        let lower = s.trim().to_lowercase();
        let (mut direction, rest) = match lower.strip_prefix('-') {
            Some(rest) => (Direction::Before, rest),
            None => (Direction::After, lower.as_str()),
        };
        let mut words: Vec<&str> = rest.split_whitespace().collect();
        if let Some((_, dir)) = DIRECTION_WORDS
            .iter()
            .find(|(w, _)| words.last() == Some(w))
        {
            if direction == Direction::Before && *dir == Direction::Before {
                return Err(unparseable()); // "-2 dagen voor": doubly backward is a typo.
            }
            direction = if *dir == Direction::Before {
                Direction::Before
            } else {
                direction
            };
            words.pop();
        }
        let (amount, unit_words) = words.split_first().ok_or_else(unparseable)?;
        if amount.is_empty() || !amount.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unparseable());
        }
        let unit_text = unit_words.join(" ");
        let unit = UNIT_WORDS
            .iter()
            .find(|(w, _)| *w == unit_text)
            .map(|(_, u)| *u)
            .ok_or_else(unparseable)?;
        // Anything that does not fit a u16 is out of range too, not "unparseable".
        let amount: u16 = amount.parse().unwrap_or(u16::MAX);
        if amount == 0 || amount > Term::MAX_AMOUNT {
            return Err(TermError::AmountOutOfRange(s.trim().to_owned()));
        }
        Ok(Term {
            amount,
            unit,
            direction,
        })
    }
}

impl fmt::Display for Term {
    /// Dutch: "2 weken", "1 week", "15 dagen", "2 werkdagen"; backward terms end in " vóór".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.direction {
            Direction::After => write!(f, "{}", self.quantity()),
            Direction::Before => write!(f, "{} vóór", self.quantity()),
        }
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(amount: u16, unit: TermUnit) -> Term {
        Term {
            amount,
            unit,
            direction: Direction::After,
        }
    }

    #[test]
    fn dutch_and_english_forms_parse() {
        let cases = [
            ("2 weken", term(2, TermUnit::Weeks)),
            ("1 week", term(1, TermUnit::Weeks)),
            ("15 dagen", term(15, TermUnit::Days)),
            ("1 dag", term(1, TermUnit::Days)),
            ("2 werkdagen", term(2, TermUnit::WorkingDays)),
            ("1 werkdag", term(1, TermUnit::WorkingDays)),
            ("2 weeks", term(2, TermUnit::Weeks)),
            ("15 days", term(15, TermUnit::Days)),
            ("2 working days", term(2, TermUnit::WorkingDays)),
            ("1 working day", term(1, TermUnit::WorkingDays)),
            ("  2   WEKEN ", term(2, TermUnit::Weeks)),
            ("2 Working   Days", term(2, TermUnit::WorkingDays)),
            ("15 dagen na", term(15, TermUnit::Days)),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Term>(), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn backward_forms_parse() {
        let back = Term {
            amount: 10,
            unit: TermUnit::Days,
            direction: Direction::Before,
        };
        for text in [
            "-10 dagen",
            "- 10 dagen",
            "10 dagen voor",
            "10 dagen vóór",
            "10 DAGEN VÓÓR",
            "10 days before",
        ] {
            assert_eq!(text.parse::<Term>(), Ok(back), "{text:?}");
        }
    }

    #[test]
    fn garbage_is_unparseable() {
        for text in [
            "",
            "  ",
            "weken",
            "2",
            "2 maanden",
            "2 jaar",
            "twee weken",
            "2.5 weken",
            "+2 weken",
            "2weken",
            "-2 dagen voor",
            "2 weken na na",
            "0x2 dagen",
            "2 werk dagen",
        ] {
            assert_eq!(
                text.parse::<Term>(),
                Err(TermError::Unparseable(text.to_owned())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn zero_and_absurd_amounts_are_out_of_range() {
        for text in [
            "0 dagen",
            "0 weken",
            "000 werkdagen",
            "1000 dagen",
            "99999999999999999999 dagen",
        ] {
            assert!(
                matches!(text.parse::<Term>(), Err(TermError::AmountOutOfRange(_))),
                "{text:?}"
            );
        }
        assert!("999 dagen".parse::<Term>().is_ok());
        assert!(Term::new(0, TermUnit::Days, Direction::After).is_err());
        assert!(Term::new(1, TermUnit::Days, Direction::After).is_ok());
    }

    #[test]
    fn display_is_canonical_dutch_and_round_trips() {
        assert_eq!(term(1, TermUnit::Weeks).to_string(), "1 week");
        assert_eq!(term(2, TermUnit::Weeks).to_string(), "2 weken");
        assert_eq!(term(1, TermUnit::Days).to_string(), "1 dag");
        assert_eq!(term(2, TermUnit::WorkingDays).to_string(), "2 werkdagen");
        let back = Term {
            amount: 10,
            unit: TermUnit::Days,
            direction: Direction::Before,
        };
        assert_eq!(back.to_string(), "10 dagen vóór");
        for unit in [TermUnit::Days, TermUnit::Weeks, TermUnit::WorkingDays] {
            for amount in 1..=Term::MAX_AMOUNT {
                for direction in [Direction::After, Direction::Before] {
                    let t = Term {
                        amount,
                        unit,
                        direction,
                    };
                    assert_eq!(t.to_string().parse::<Term>(), Ok(t));
                }
            }
        }
    }

    #[test]
    fn serde_uses_the_string_form() {
        #[derive(Debug, Deserialize, Serialize, PartialEq)]
        struct Step {
            term: Term,
        }
        let step: Step = toml::from_str("term = \"2 weken\"").unwrap();
        assert_eq!(step.term, term(2, TermUnit::Weeks));
        assert_eq!(
            serde_json::to_string(&step).unwrap(),
            r#"{"term":"2 weken"}"#
        );
        let err = toml::from_str::<Step>("term = \"2 maanden\"").unwrap_err();
        assert!(err.to_string().contains("onbekende termijn"), "{err}");
        assert!(serde_json::from_str::<Step>(r#"{"term": 2}"#).is_err());
    }
}
