//! Black-box tests of the binary: one test binary for the crate.

mod audit;
// The web crate's browser driver (Chromium + axe-core), shared rather than copied.
#[path = "../../../web/tests/it/browser/driver.rs"]
mod browser;
mod calendar;
mod dashboard;
mod db;
mod deadline_watch;
// The mail crate's Dovecot helper, shared rather than copied; not every helper is used here.
#[allow(dead_code)]
#[path = "../../../mail/tests/it/dovecot.rs"]
mod dovecot;
mod durability;
mod first_day;
mod mail;
mod org;
// The letters crate's PDF reader (`pdftotext`); its rendering helpers are not used here.
#[allow(dead_code)]
#[path = "../../../letters/tests/it/support.rs"]
mod pdf;
mod portal;
mod serve;
mod users;
