//! The procedure as data (owned by the procedure work).
