//! Store (owned by the store work).
