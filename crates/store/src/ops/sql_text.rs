//! SQL texts built at run time: multi-row `VALUES` lists and `IN (…)` lists for batch writes,
//! and the work queue's filter combinations.
//!
//! sqlx runs `&'static str` queries, so each distinct text is leaked once and reused
//! ([`intern`]); the statement caches then see the same text again. Every builder here has a
//! small, fixed number of possible texts (row counts up to a chunk size, filter combinations),
//! so the leak is bounded (a few hundred short strings per process).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The `&'static` copy of `text`, leaked on first use.
pub(crate) fn intern(text: String) -> &'static str {
    static TEXTS: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut texts = TEXTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(t) = texts.get(&text) {
        return t;
    }
    let leaked: &'static str = Box::leak(text.clone().into_boxed_str());
    texts.insert(text, leaked);
    leaked
}

/// `head` followed by `rows` value tuples of `width` placeholders each, numbered on from `$1`,
/// then `tail`: `INSERT … VALUES ($1, $2), ($3, $4) ON CONFLICT …`. `extra` lists, per row,
/// placeholders repeated from earlier in the same row (0-based positions), appended after the
/// `width` fresh ones.
pub(crate) fn values(
    head: &str,
    width: usize,
    extra: &[usize],
    rows: usize,
    tail: &str,
) -> &'static str {
    let mut s = String::from(head);
    for r in 0..rows {
        s.push_str(if r == 0 { " (" } else { ", (" });
        let base = r * width;
        let mut cols: Vec<String> = (1..=width).map(|i| format!("${}", base + i)).collect();
        cols.extend(extra.iter().map(|&i| format!("${}", base + i + 1)));
        s.push_str(&cols.join(", "));
        s.push(')');
    }
    s.push_str(tail);
    intern(s)
}

/// `head ($1, …, $n) tail`.
pub(crate) fn in_list(head: &str, n: usize, tail: &str) -> &'static str {
    let list: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    intern(format!("{head} ({}){tail}", list.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_numbers_rows_on_and_repeats_extra_columns() {
        assert_eq!(
            values("INSERT INTO t (a, b, c) VALUES", 2, &[1], 2, " RETURNING a"),
            "INSERT INTO t (a, b, c) VALUES ($1, $2, $2), ($3, $4, $4) RETURNING a"
        );
        assert_eq!(
            in_list("SELECT 1 WHERE x IN", 3, ""),
            "SELECT 1 WHERE x IN ($1, $2, $3)"
        );
        let a = values("X", 1, &[], 3, "");
        assert!(std::ptr::eq(a, values("X", 1, &[], 3, "")), "interned");
    }
}
