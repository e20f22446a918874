//! The store's conformance suite: every test runs the same story against SQLite and PostgreSQL
//! (`<test>::sqlite`, `<test>::postgres`). One integration-test binary for the crate.

mod helpers;

mod audit;
mod catalog;
mod complaints;
mod concurrency;
mod jobs;
mod plans;
mod queue;
