//! The store's operations, written once over [`Conn`](crate::exec::Conn) and run on either
//! backend. Each function runs inside the transaction (or on the connection) its caller gives it;
//! `engine` decides where transactions begin and end.

pub(crate) mod admin;
pub(crate) mod attachments;
pub(crate) mod audit;
pub(crate) mod catalog;
pub(crate) mod complaints;
pub(crate) mod dashboard;
pub(crate) mod documents;
pub(crate) mod guards;
pub(crate) mod inbound;
pub(crate) mod job_admin;
pub(crate) mod jobs;
pub(crate) mod lookup;
pub(crate) mod queue;
pub(crate) mod queue_search;
pub(crate) mod sessions;
pub(crate) mod sql_text;
pub(crate) mod templates;
pub(crate) mod tokens;
pub(crate) mod users;
