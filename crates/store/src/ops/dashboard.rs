//! The dashboard's figures and the deadline outcomes they are computed from.
//!
//! Every figure is a GROUP BY over the projection (`complaints`, open rows only) or over
//! `deadline_outcomes`, region-scoped in the query: each query has an all-regions text and a
//! one-region text (as the work queue does), and a user with several regions gets one query per
//! region, concatenated by the caller (the rows are per region anyway). The median is not
//! computed here: SQLite has no percentile function, so the outcome query returns a histogram
//! (kind, met, days taken, count) from which the caller computes share and median exactly.

use jiff::civil::Date;

use crate::dashboard::*;
use crate::error::StoreError;
use crate::exec::{Conn, args, uuid};
use crate::types::ComplaintId;

const INSERT_OUTCOME: &str = "INSERT INTO deadline_outcomes \
     (complaint_id, region, kind, started_on, due, closed_on, met, days_taken) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (complaint_id, kind, due) DO NOTHING";

const DELETE_OUTCOMES_OF: &str = "DELETE FROM deadline_outcomes WHERE complaint_id = $1";

const COMPLAINT_IDS_AFTER: &str = "SELECT id FROM complaints WHERE id > $1 ORDER BY id LIMIT $2";

macro_rules! open_sql {
    ($filter:literal) => {
        concat!(
            "SELECT region, state, COUNT(*) AS open, \
             COUNT(CASE WHEN next_deadline < $1 THEN 1 END) AS overdue, \
             COUNT(CASE WHEN next_deadline >= $1 AND next_deadline <= $2 THEN 1 END) \
               AS due_this_week \
             FROM complaints WHERE closed = false",
            $filter,
            " GROUP BY region, state ORDER BY region, state"
        )
    };
}
const OPEN_ALL: &str = open_sql!("");
const OPEN_IN_REGION: &str = open_sql!(" AND region = $3");

macro_rules! outcome_sql {
    ($filter:literal) => {
        concat!(
            "SELECT kind, met, days_taken, COUNT(*) AS count FROM deadline_outcomes \
             WHERE due >= $1 AND due <= $2",
            $filter,
            " GROUP BY kind, met, days_taken ORDER BY kind, met, days_taken"
        )
    };
}
const OUTCOMES_ALL: &str = outcome_sql!("");
const OUTCOMES_IN_REGION: &str = outcome_sql!(" AND region = $3");

/// Served by the `(next_deadline, id) WHERE closed = false` index: a range scan.
const COUNT_OVERDUE: &str =
    "SELECT COUNT(*) FROM complaints WHERE closed = false AND next_deadline < $1";

/// Records outcomes; one already recorded (same complaint, kind and due date) is kept.
pub(crate) async fn insert<C: Conn>(
    c: &mut C,
    outcomes: &[NewDeadlineOutcome],
) -> Result<(), StoreError> {
    for o in outcomes {
        let a = args![
            o.complaint_id,
            o.region.as_str(),
            o.kind.as_str(),
            o.started_on,
            o.due,
            o.closed_on,
            o.met,
            o.days_taken,
        ];
        c.exec(INSERT_OUTCOME, a).await?;
    }
    Ok(())
}

/// Replaces a complaint's outcomes (a rebuild from its events).
pub(crate) async fn replace<C: Conn>(
    c: &mut C,
    complaint: ComplaintId,
    outcomes: &[NewDeadlineOutcome],
) -> Result<(), StoreError> {
    c.exec(DELETE_OUTCOMES_OF, args![complaint]).await?;
    insert(c, outcomes).await
}

pub(crate) async fn complaint_ids_after<C: Conn>(
    c: &mut C,
    after: Option<ComplaintId>,
    limit: u32,
) -> Result<Vec<ComplaintId>, StoreError> {
    let after = after.map_or_else(String::new, |id| id.hyphenated().to_string());
    let rows: Vec<(String,)> = c
        .all(COMPLAINT_IDS_AFTER, args![after, i64::from(limit)])
        .await?;
    rows.iter().map(|(id,)| uuid(id)).collect()
}

#[derive(Debug, sqlx::FromRow)]
struct OpenRow {
    region: String,
    state: String,
    open: i64,
    overdue: i64,
    due_this_week: i64,
}

pub(crate) async fn open_counts<C: Conn>(
    c: &mut C,
    region: Option<&str>,
    today: Date,
    week_end: Date,
) -> Result<Vec<OpenCount>, StoreError> {
    let rows: Vec<OpenRow> = match region {
        None => c.all(OPEN_ALL, args![today, week_end]).await?,
        Some(r) => c.all(OPEN_IN_REGION, args![today, week_end, r]).await?,
    };
    Ok(rows
        .into_iter()
        .map(|r| OpenCount {
            region: r.region,
            state: r.state,
            open: r.open,
            overdue: r.overdue,
            due_this_week: r.due_this_week,
        })
        .collect())
}

#[derive(Debug, sqlx::FromRow)]
struct OutcomeRow {
    kind: String,
    met: bool,
    days_taken: i64,
    count: i64,
}

pub(crate) async fn outcome_counts<C: Conn>(
    c: &mut C,
    region: Option<&str>,
    from: Date,
    to: Date,
) -> Result<Vec<OutcomeCount>, StoreError> {
    let rows: Vec<OutcomeRow> = match region {
        None => c.all(OUTCOMES_ALL, args![from, to]).await?,
        Some(r) => c.all(OUTCOMES_IN_REGION, args![from, to, r]).await?,
    };
    Ok(rows
        .into_iter()
        .map(|r| OutcomeCount {
            kind: r.kind,
            met: r.met,
            days_taken: r.days_taken,
            count: r.count,
        })
        .collect())
}

pub(crate) async fn count_overdue<C: Conn>(c: &mut C, today: Date) -> Result<i64, StoreError> {
    let (n,): (i64,) = c.one(COUNT_OVERDUE, args![today]).await?;
    Ok(n)
}
