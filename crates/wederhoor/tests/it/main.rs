//! Black-box tests of the binary: one test binary for the crate.

mod audit;
mod calendar;
mod db;
mod dovecot;
mod durability;
mod mail;
mod org;
mod portal;
mod serve;
mod users;
