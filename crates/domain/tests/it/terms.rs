//! terms tests: the Dutch legal calendar and the deadline engine against TERMS.md.
//!
//! `examples` holds every worked example (E1–E12) and calendar fact of TERMS.md, `listings` full
//! holiday listings and the decree-data warnings, `office_and_limits` closure days, the data
//! version and the engine's limits, `properties` exhaustive checks over every start date
//! 1966–2200, and `random` proptest over random terms and policies.

mod examples;
mod listings;
mod office_and_limits;
mod properties;
mod random;

use domain::calendar::Calendar;
use domain::terms::{Deadline, Term, TermPolicy, deadline};
use jiff::civil::Date;

/// A date from "YYYY-MM-DD" (test literals only).
fn d(text: &str) -> Date {
    text.parse()
        .unwrap_or_else(|e| panic!("bad test date {text:?}: {e}"))
}

fn term(text: &str) -> Term {
    text.parse()
        .unwrap_or_else(|e| panic!("bad test term {text:?}: {e}"))
}

/// The deadline with the default policy (Atw on, closure days ignored) on the shipped calendar.
fn atw(from: &str, term_text: &str) -> Deadline {
    deadline(
        d(from),
        term(term_text),
        TermPolicy::default(),
        &Calendar::dutch(),
    )
    .unwrap()
}

/// The steps of a deadline as (date, reason) strings, for compact assertions.
fn steps(deadline: &Deadline) -> Vec<(String, String)> {
    deadline
        .steps
        .iter()
        .map(|s| (s.date.to_string(), s.reason.clone()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// Every day from `first` to `last` inclusive.
fn every_day(first: Date, last: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(first), move |day| {
        day.tomorrow().ok().filter(|next| *next <= last)
    })
}
