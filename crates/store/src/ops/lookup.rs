//! Lookups for the complainant's "send me my link again" page, and jobs queued outside a
//! complaint's own transaction.
//!
//! Complaints are found by the complainant's e-mail address, compared trimmed and lower-cased
//! (ASCII only: SQLite's `LOWER` folds nothing else, so both backends agree), through the
//! expression index `complaints_email` on `LOWER(complainant_email)` (migration 0011).

use jiff::Timestamp;

use crate::error::StoreError;
use crate::exec::{Conn, args};
use crate::sql::{self, ComplaintRow};
use crate::types::{ComplaintRecord, NewJob};

/// The most complaints one address returns: enough for any person, a bound for a typo that
/// matches a shared mailbox.
pub(crate) const BY_EMAIL_LIMIT: i64 = 100;

/// The same columns as `sql::COMPLAINT_BY_ID` (decoded by name into [`ComplaintRow`]).
const BY_EMAIL: &str = "SELECT id, ref_year, ref_number, seq, created_at, updated_at, \
     state, closed, region, category, channel, assignee, received_at, complainant_name, \
     complainant_email, next_deadline, next_deadline_kind, overdue_since, deadlines, \
     search_text, procedure_version, hidden_from \
     FROM complaints WHERE LOWER(complainant_email) = $1 \
     ORDER BY received_at DESC, id LIMIT $2";

/// The complaints whose complainant gave `email`, newest first.
pub(crate) async fn by_email<C: Conn>(
    c: &mut C,
    email: &str,
) -> Result<Vec<ComplaintRecord>, StoreError> {
    let email = email.trim().to_ascii_lowercase();
    if email.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ComplaintRow> = c.all(BY_EMAIL, args![email, BY_EMAIL_LIMIT]).await?;
    rows.into_iter().map(ComplaintRow::decode).collect()
}

/// Queues jobs in the caller's transaction; a dedupe key queued before makes its job a no-op.
/// Returns how many were queued.
pub(crate) async fn enqueue<C: Conn>(
    c: &mut C,
    jobs: &[NewJob],
    now: Timestamp,
) -> Result<u64, StoreError> {
    let mut queued = 0;
    for j in jobs {
        let a = args![
            j.kind.as_str(),
            j.payload.to_string(),
            j.run_at,
            &j.dedupe_key,
            now
        ];
        queued += c.exec(sql::INSERT_JOB, a).await?;
    }
    Ok(queued)
}
