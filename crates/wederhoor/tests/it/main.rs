//! Black-box tests of the binary: one test binary for the crate.

mod calendar;
