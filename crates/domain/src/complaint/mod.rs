//! A complaint: state, commands, events and decisions (owned by the procedure work).
