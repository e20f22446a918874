//! The web crate's black-box tests: a real server on port 0 per test, driven over HTTP
//! (STYLE habit 16). One integration-test binary for the crate; add a module per area.

mod browser;
mod dashboard;
mod dead_jobs;
mod helpers;
mod letters;
mod metrics;

mod public_form;

mod office_access;
mod office_complaint;
mod office_complaint_access;
mod office_complaint_fixtures;
mod office_fixtures;
mod office_login;
mod office_queue;
mod portal_fixtures;
mod portal_message;
mod portal_page;
mod portal_relink;
mod portal_steps;
