//! SQL text shared by both backends, the row structs that decode it, and the mapping from rows to
//! the public records. Each query is written once; see the crate docs for why that works.

use domain::reference::Reference;

use crate::error::StoreError;
use crate::exec::{Arg, args, date, json, ts, uuid};
use crate::types::*;

/// The projection columns, in the order [`projection_args`] binds them ($1..$16).
macro_rules! projection_columns {
    () => {
        "state, closed, region, category, channel, assignee, received_at, complainant_name, \
         complainant_email, next_deadline, next_deadline_kind, overdue_since, deadlines, \
         search_text, procedure_version, hidden_from"
    };
}

/// Inserts complaints: this head, then per row 22 values (`$1..$16` the projection as
/// [`projection_args`], then id, ref_year, ref_number, idempotency_key, seq, created_at; and
/// `updated_at` repeats `created_at`), built by `ops::sql_text::values`.
pub(crate) const INSERT_COMPLAINTS_HEAD: &str = concat!(
    "INSERT INTO complaints (",
    projection_columns!(),
    ", id, ref_year, ref_number, idempotency_key, seq, created_at, updated_at) VALUES"
);

/// Replaces the projection only if nobody appended since `expected_seq` ($20).
pub(crate) const UPDATE_COMPLAINT: &str = "UPDATE complaints SET state = $1, closed = $2, \
     region = $3, category = $4, channel = $5, assignee = $6, received_at = $7, \
     complainant_name = $8, complainant_email = $9, next_deadline = $10, \
     next_deadline_kind = $11, overdue_since = $12, deadlines = $13, search_text = $14, \
     procedure_version = $15, hidden_from = $16, seq = $17, updated_at = $18 \
     WHERE id = $19 AND seq = $20";

pub(crate) const COMPLAINT_SEQ: &str = "SELECT seq FROM complaints WHERE id = $1";

/// Reserves `$2` numbers for year `$1`; returns the last one reserved. Takes the counter's row
/// lock until commit on PostgreSQL; SQLite's single writer serialises it anyway.
pub(crate) const RESERVE_REFERENCES: &str = "INSERT INTO reference_counters (year, last) \
     VALUES ($1, $2) ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + $2 \
     RETURNING last";

pub(crate) const COMPLAINT_BY_ID: &str = concat!(
    "SELECT id, ref_year, ref_number, seq, created_at, updated_at, ",
    projection_columns!(),
    " FROM complaints WHERE id = $1"
);
pub(crate) const COMPLAINT_BY_REFERENCE: &str = concat!(
    "SELECT id, ref_year, ref_number, seq, created_at, updated_at, ",
    projection_columns!(),
    " FROM complaints WHERE ref_year = $1 AND ref_number = $2"
);

/// Inserts events, rows of 8 values.
pub(crate) const INSERT_EVENTS_HEAD: &str = "INSERT INTO events \
     (complaint_id, seq, kind, actor, at, payload, prev_hash, hash) VALUES";
pub(crate) const EVENT_HASH: &str = "SELECT hash FROM events WHERE complaint_id = $1 AND seq = $2";
pub(crate) const EVENTS_OF: &str = "SELECT complaint_id, seq, kind, actor, at, payload, \
     prev_hash, hash FROM events WHERE complaint_id = $1 ORDER BY seq";

/// Queues a job unless its dedupe key was queued before.
pub(crate) const INSERT_JOB: &str = "INSERT INTO jobs \
     (kind, payload, run_at, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (dedupe_key) DO NOTHING";

/// [`INSERT_JOB`] for several rows of 5 values; a row whose dedupe key is known (also from an
/// earlier row of the same statement) is skipped.
pub(crate) const INSERT_JOBS_HEAD: &str = "INSERT INTO jobs \
     (kind, payload, run_at, dedupe_key, created_at) VALUES";
pub(crate) const INSERT_JOBS_TAIL: &str = " ON CONFLICT (dedupe_key) DO NOTHING";

/// The complaints of a batch's idempotency keys: this head, then an `IN (…)` list.
pub(crate) const COMPLAINTS_BY_KEYS_HEAD: &str =
    "SELECT idempotency_key, id, ref_year, ref_number FROM complaints WHERE idempotency_key IN";

/// One stored complaint row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ComplaintRow {
    id: String,
    ref_year: i64,
    ref_number: i64,
    seq: i64,
    created_at: i64,
    updated_at: i64,
    #[sqlx(flatten)]
    projection: ProjectionRow,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ProjectionRow {
    state: String,
    closed: bool,
    region: String,
    category: String,
    channel: String,
    assignee: Option<String>,
    received_at: i64,
    complainant_name: String,
    complainant_email: Option<String>,
    next_deadline: String,
    next_deadline_kind: Option<String>,
    overdue_since: Option<String>,
    deadlines: String,
    search_text: String,
    procedure_version: String,
    hidden_from: Option<String>,
}

/// The projection as $1..$16 of [`INSERT_COMPLAINTS_HEAD`] rows and [`UPDATE_COMPLAINT`].
pub(crate) fn projection_args(p: &Projection) -> Vec<Arg> {
    args![
        p.state.as_str(),
        p.closed,
        p.region.as_str(),
        p.category.as_str(),
        p.channel.as_str(),
        &p.assignee,
        p.received_at,
        p.complainant_name.as_str(),
        &p.complainant_email,
        p.next_deadline.unwrap_or(NO_DEADLINE),
        &p.next_deadline_kind,
        p.overdue_since,
        p.deadlines.to_string(),
        p.search_text.as_str(),
        p.procedure_version.as_str(),
        &p.hidden_from,
    ]
}

pub(crate) fn reference(year: i64, number: i64) -> Result<Reference, StoreError> {
    let (y, n) = (i16::try_from(year), u32::try_from(number));
    match (y, n) {
        (Ok(y), Ok(n)) => Reference::new(y, n).map_err(StoreError::invalid),
        _ => Err(StoreError::invalid(format!("reference {year}/{number}"))),
    }
}

/// `None` for the stored sentinel.
pub(crate) fn deadline(text: &str) -> Result<Option<jiff::civil::Date>, StoreError> {
    let d = date(text)?;
    Ok((d != NO_DEADLINE).then_some(d))
}

impl ProjectionRow {
    fn decode(self) -> Result<Projection, StoreError> {
        Ok(Projection {
            state: self.state,
            closed: self.closed,
            region: self.region,
            category: self.category,
            channel: self.channel,
            assignee: self.assignee,
            received_at: ts(self.received_at)?,
            complainant_name: self.complainant_name,
            complainant_email: self.complainant_email,
            next_deadline: deadline(&self.next_deadline)?,
            next_deadline_kind: self.next_deadline_kind,
            overdue_since: self.overdue_since.as_deref().map(date).transpose()?,
            deadlines: json(&self.deadlines)?,
            search_text: self.search_text,
            procedure_version: self.procedure_version,
            hidden_from: self.hidden_from,
        })
    }
}

impl ComplaintRow {
    pub(crate) fn decode(self) -> Result<ComplaintRecord, StoreError> {
        Ok(ComplaintRecord {
            id: uuid(&self.id)?,
            reference: reference(self.ref_year, self.ref_number)?,
            seq: self.seq,
            created_at: ts(self.created_at)?,
            updated_at: ts(self.updated_at)?,
            projection: self.projection.decode()?,
        })
    }
}

/// The id and reference of a complaint found by idempotency key.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct KeyRow {
    pub id: String,
    pub ref_year: i64,
    pub ref_number: i64,
}

/// One stored event.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EventRow {
    pub complaint_id: String,
    pub seq: i64,
    pub kind: String,
    pub actor: String,
    pub at: i64,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

impl EventRow {
    pub(crate) fn decode(self) -> Result<StoredEvent, StoreError> {
        Ok(StoredEvent {
            complaint_id: uuid(&self.complaint_id)?,
            seq: self.seq,
            kind: self.kind,
            payload: json(&self.payload)?,
            actor: self.actor,
            at: ts(self.at)?,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}
