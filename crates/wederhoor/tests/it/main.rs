//! Black-box tests of the binary: one test binary for the crate.

mod audit;
mod calendar;
mod dashboard;
mod db;
mod deadline_watch;
// The mail crate's Dovecot helper, shared rather than copied; not every helper is used here.
#[allow(dead_code)]
#[path = "../../../mail/tests/it/dovecot.rs"]
mod dovecot;
mod durability;
mod mail;
mod org;
mod portal;
mod serve;
mod users;
