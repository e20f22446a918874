//! Browser tests: Debian's Chromium, driven through chromedriver (WebDriver), against the real
//! server of a `TestApp`. Every page a test visits is checked with axe-core for WCAG 2.1 A and AA
//! violations; there must be none.
//!
//! Needs `chromium` and `chromium-driver` (Debian) and `npm ci` (axe-core in `node_modules`).
//! Outside CI a missing piece skips these tests with one line; with `CI=true` it fails them.

mod admin;
mod dashboard;
mod office;
mod procedure;
mod public;

mod driver;

pub use driver::Browser;
