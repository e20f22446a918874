//! The work queue: open complaints by nearest deadline, keyset-paged on `(next_deadline, id)`.
//!
//! Each filter combination has its own SQL text (rather than `$1 IS NULL OR region = $1`, which
//! no planner can serve from an index), and each is answered by a partial index on
//! `(…, next_deadline, id) WHERE closed = false` in index order, so there is no sort step and
//! the cost of a page does not grow with the table. The first page starts after the smallest
//! possible key, so paged and unpaged queries are one text.

use crate::error::StoreError;
use crate::exec::{Arg, Conn, args, ts, uuid};
use crate::sql;
use crate::types::*;

macro_rules! queue_sql {
    ($filter:literal) => {
        concat!(
            "SELECT id, ref_year, ref_number, state, region, category, channel, \
             complainant_name, received_at, next_deadline, next_deadline_kind, assignee \
             FROM complaints WHERE closed = false",
            $filter,
            " AND (next_deadline, id) > ($1, $2) ORDER BY next_deadline, id LIMIT $3"
        )
    };
}

const ALL: &str = queue_sql!("");
const BY_REGION: &str = queue_sql!(" AND region = $4");
const BY_STATE: &str = queue_sql!(" AND state = $4");
const BY_REGION_STATE: &str = queue_sql!(" AND region = $4 AND state = $5");

pub(crate) const COUNT_OPEN: &str = "SELECT COUNT(*) FROM complaints WHERE closed = false";

/// The SQL text and arguments of `queue(q)`.
pub(crate) fn query(q: &QueueQuery) -> (&'static str, Vec<Arg>) {
    let (after_date, after_id) = match q.after {
        Some((d, id)) => (d.to_string(), id.hyphenated().to_string()),
        None => (String::new(), String::new()),
    };
    let mut a = args![after_date, after_id, i64::from(q.limit)];
    let text = match (&q.region, &q.state) {
        (None, None) => ALL,
        (Some(r), None) => {
            a.extend(args![r]);
            BY_REGION
        }
        (None, Some(s)) => {
            a.extend(args![s]);
            BY_STATE
        }
        (Some(r), Some(s)) => {
            a.extend(args![r, s]);
            BY_REGION_STATE
        }
    };
    (text, a)
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    id: String,
    ref_year: i64,
    ref_number: i64,
    state: String,
    region: String,
    category: String,
    channel: String,
    complainant_name: String,
    received_at: i64,
    next_deadline: String,
    next_deadline_kind: Option<String>,
    assignee: Option<String>,
}

pub(crate) async fn fetch<C: Conn>(c: &mut C, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
    let (text, a) = query(q);
    let rows: Vec<Row> = c.all(text, a).await?;
    rows.into_iter()
        .map(|r| {
            Ok(QueueRow {
                id: uuid(&r.id)?,
                reference: sql::reference(r.ref_year, r.ref_number)?,
                state: r.state,
                region: r.region,
                category: r.category,
                channel: r.channel,
                complainant_name: r.complainant_name,
                received_at: ts(r.received_at)?,
                next_deadline: sql::deadline(&r.next_deadline)?,
                next_deadline_kind: r.next_deadline_kind,
                assignee: r.assignee,
            })
        })
        .collect()
}
