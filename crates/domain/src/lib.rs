//! The pure core of Wederhoor: the complaints procedure, its terms, the Dutch legal calendar and
//! the decisions that move a complaint from one step to the next.
//!
//! Nothing in this crate does IO, reads a clock or touches a database. Time comes in as an
//! argument (`now`), the calendar and the procedure definition are values, and every step is a
//! plain function `state + command -> events | refusal`. That makes the part of the product that
//! must be exactly right also the part that is easiest to test exhaustively.

pub mod calendar;
pub mod complaint;
pub mod procedure;
pub mod reference;
pub mod terms;
pub mod time;
