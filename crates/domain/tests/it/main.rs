//! Domain integration tests: one test binary for the crate.

mod complaint;
mod procedure;
mod terms;
