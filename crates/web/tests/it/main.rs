//! The web crate's black-box tests: a real server on port 0 per test, driven over HTTP
//! (STYLE habit 16). One integration-test binary for the crate; add a module per area.

mod admin_access;
mod admin_closure_days;
mod admin_fixtures;
mod admin_pages;
mod admin_postcodes;
mod admin_templates;
mod api_access;
mod api_fixtures;
mod api_procedure;
mod api_queue;
mod api_steps;
mod authz_matrix;
mod browser;
mod dashboard;
mod dead_jobs;
mod deadline_alerts;
mod employee_concerned;
mod helpers;
mod letters;
mod metrics;

mod public_form;

mod office_access;
mod office_answer_pdf;
mod office_complaint;
mod office_complaint_access;
mod office_complaint_fixtures;
mod office_english;
mod office_fixtures;
mod office_login;
mod office_queue;
mod portal_fixtures;
mod portal_message;
mod portal_page;
mod portal_relink;
mod portal_steps;
