//! Incoming mail: record first (insert-or-nothing on the message key), act, then mark.
//!
//! `record` is one `INSERT … ON CONFLICT DO NOTHING` followed by a read of the row, inside one
//! transaction, so of two deliveries of one message racing each other exactly one sees `New`.

use jiff::Timestamp;

use crate::error::StoreError;
use crate::exec::{Conn, args, ts, uuid};
use crate::inbound::*;
use crate::types::ComplaintId;

const INSERT: &str = "INSERT INTO inbound_messages \
     (message_key, received_at, source, raw, state) VALUES ($1, $2, $3, $4, 'received') \
     ON CONFLICT (message_key) DO NOTHING";

const STATE: &str =
    "SELECT state, complaint_id, received_at FROM inbound_messages WHERE message_key = $1";

const MARK: &str = "UPDATE inbound_messages \
     SET state = $2, complaint_id = $3, outcome = $4, processed_at = $5 WHERE message_key = $1";

const BY_KEY: &str = "SELECT message_key, received_at, source, raw, state, complaint_id, \
     outcome, processed_at FROM inbound_messages WHERE message_key = $1";

#[derive(sqlx::FromRow)]
struct StateRow {
    state: String,
    complaint_id: Option<String>,
    received_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    message_key: String,
    received_at: i64,
    source: String,
    raw: Vec<u8>,
    state: String,
    complaint_id: Option<String>,
    outcome: Option<String>,
    processed_at: Option<i64>,
}

fn state(s: &str) -> Result<InboundState, StoreError> {
    InboundState::parse(s).ok_or_else(|| StoreError::invalid(format!("inbound state {s:?}")))
}

fn complaint(id: Option<&str>) -> Result<Option<ComplaintId>, StoreError> {
    id.map(uuid).transpose()
}

/// Records a message unless its key is known; says which.
pub(crate) async fn record<C: Conn>(
    c: &mut C,
    m: &NewInbound,
) -> Result<InboundStatus, StoreError> {
    let a = args![
        m.key.as_str(),
        m.received_at,
        m.source.as_str(),
        m.raw.clone()
    ];
    if c.exec(INSERT, a).await? == 1 {
        return Ok(InboundStatus::New);
    }
    let row: StateRow = c.one(STATE, args![m.key.as_str()]).await?;
    Ok(InboundStatus::AlreadyReceived {
        state: state(&row.state)?,
        complaint_id: complaint(row.complaint_id.as_deref())?,
        received_at: ts(row.received_at)?,
    })
}

/// Sets how a recorded message ended; [`StoreError::NotFound`] for an unknown key.
pub(crate) async fn mark<C: Conn>(
    c: &mut C,
    key: &str,
    to: InboundState,
    complaint_id: Option<ComplaintId>,
    outcome: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    let processed_at = to.is_final().then_some(at);
    let a = args![
        key,
        to.as_str(),
        complaint_id.map(|id| id.hyphenated().to_string()),
        outcome,
        processed_at
    ];
    if c.exec(MARK, a).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub(crate) async fn by_key<C: Conn>(
    c: &mut C,
    key: &str,
) -> Result<Option<InboundRecord>, StoreError> {
    let row: Option<Row> = c.opt(BY_KEY, args![key]).await?;
    row.map(|r| {
        Ok(InboundRecord {
            source: InboundSource::parse(&r.source)
                .ok_or_else(|| StoreError::invalid(format!("inbound source {:?}", r.source)))?,
            state: state(&r.state)?,
            complaint_id: complaint(r.complaint_id.as_deref())?,
            received_at: ts(r.received_at)?,
            processed_at: r.processed_at.map(ts).transpose()?,
            key: r.message_key,
            raw: r.raw,
            outcome: r.outcome,
        })
    })
    .transpose()
}
