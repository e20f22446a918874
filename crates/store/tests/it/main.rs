//! The store's conformance suite: every test runs the same story against SQLite and PostgreSQL
//! (`<test>::sqlite`, `<test>::postgres`). One integration-test binary for the crate.

mod helpers;
mod scratch_db;

mod accounts;
mod attachments;
mod audit;
mod batch_write;
mod catalog;
mod complaints;
mod concurrency;
mod credentials;
mod dashboard;
mod documents;
mod hidden_from;
mod inbound;
mod jobs;
mod lookup;
mod plans;
mod queue;
mod queue_search;
mod templates;
