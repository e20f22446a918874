//! Full-text search in the work queue: the one queue condition whose SQL text differs per
//! database (like the job claim in `ops::jobs`). Everything backend-specific about search is in
//! [`condition`]; the input is parsed once by [`Search::parse`].
//!
//! Both databases index the projection's `search_text` of **open** complaints only (migration
//! 0006): the queue never shows closed ones, and the index stays as small as the open set
//! instead of growing with the archive.
//!
//! - **SQLite**: a contentless FTS5 table `complaints_fts` (tokenizer `unicode61
//!   remove_diacritics 2`), kept in sync by triggers on `complaints`. Its rowid is the reference
//!   key `ref_year * 10^10 + ref_number`, stable across `VACUUM` (a plain rowid is not). Every
//!   word is matched as a *prefix*, case- and accent-insensitively: `vri` finds "Vries",
//!   `klacht` finds "klachten", but `klachten` does not find "klacht" (no stemming).
//! - **PostgreSQL**: a partial GIN index on `to_tsvector('dutch', search_text)`; the input goes
//!   through `plainto_tsquery('dutch', …)`, so words are *stemmed* with the Dutch snowball
//!   stemmer (`klachten` finds "klacht" and the other way round) and Dutch stop words are
//!   ignored, but a word's beginning alone does not match.
//!
//! In both, all words must occur (AND), and any input is safe: it is bound as a parameter, and
//! for FTS5 every word is written as a quoted string (`"…"` with `"` doubled) followed by `*`,
//! so quotes, `-`, `AND`, `NEAR`, `(`, `:` and the like are text, never syntax.
//! `plainto_tsquery` has no operators at all. An exact reference is not a word search: it is
//! looked up on the `(ref_year, ref_number)` key on both databases.

use domain::reference::Reference;

use crate::Backend;
use crate::exec::Arg;

/// The reference key: the FTS5 rowid of a complaint.
pub(crate) const REFERENCE_KEY: &str = "(ref_year * 10000000000 + ref_number)";

/// What a search input asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Search {
    /// One complaint by its reference.
    Reference(Reference),
    /// Complaints whose search text has all these words (each has a letter or digit).
    Words(Vec<String>),
}

impl Search {
    /// `None` when the input has no word to look for (empty, or only punctuation).
    pub(crate) fn parse(input: &str) -> Option<Search> {
        let t = input.trim();
        let with_prefix = format!("K-{t}");
        if let Ok(r) = t.parse::<Reference>().or_else(|_| with_prefix.parse()) {
            return Some(Search::Reference(r));
        }
        // Control characters go (PostgreSQL refuses NUL in text); at most 16 words.
        let words: Vec<String> = t
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(16)
            .map(str::to_owned)
            .collect();
        (!words.is_empty()).then_some(Search::Words(words))
    }
}

/// The condition for a word search (placeholder `$n`) and its one argument.
pub(crate) fn condition(backend: Backend, words: &[String], n: usize) -> (String, Arg) {
    match backend {
        Backend::Sqlite => (
            format!(
                "{REFERENCE_KEY} IN (SELECT rowid FROM complaints_fts \
                 WHERE complaints_fts MATCH ${n})"
            ),
            Arg::Text(Some(fts5_query(words))),
        ),
        Backend::Postgres => (
            format!("to_tsvector('dutch', search_text) @@ plainto_tsquery('dutch', ${n})"),
            Arg::Text(Some(words.join(" "))),
        ),
    }
}

/// An FTS5 query that matches every word as a prefix: `"w1"* "w2"*` (implicit AND).
fn fts5_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        match Search::parse(s) {
            Some(Search::Words(w)) => w,
            other => panic!("{s:?}: {other:?}"),
        }
    }

    #[test]
    fn a_reference_with_or_without_its_letter_is_a_reference() {
        let r: Reference = "K-2026-000123".parse().unwrap();
        for s in ["K-2026-000123", " k-2026-000123 ", "2026-000123"] {
            assert_eq!(Search::parse(s), Some(Search::Reference(r)), "{s}");
        }
        assert_eq!(words("2026-123"), ["2026-123"]);
    }

    #[test]
    fn punctuation_only_input_is_no_search() {
        for s in ["", "   ", "-", "\" ' * ( ) :", "--", "\u{0}"] {
            assert_eq!(Search::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn every_word_is_a_quoted_prefix_whatever_it_contains() {
        assert_eq!(
            fts5_query(&words(r#"de "Vries -gedrag AND NEAR(x) a""b"#)),
            r#""de"* """Vries"* "-gedrag"* "AND"* "NEAR(x)"* "a""""b"*"#
        );
    }
}
