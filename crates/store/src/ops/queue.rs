//! The work queue: open complaints by nearest deadline, keyset-paged on `(next_deadline, id)`.
//!
//! Each filter combination has its own SQL text (rather than `$1 IS NULL OR region = $1`, which
//! no planner can serve from an index). Single filters are answered by a partial index on
//! `(…, next_deadline, id) WHERE closed = false` in index order (region, state, assignee,
//! channel, category), so there is no sort step and the cost of a page does not grow with the
//! table; combinations walk one of them and filter the rest. The first page starts after the
//! smallest possible key, so paged and unpaged queries are one text.
//!
//! Search (`ops::queue_search`) adds one condition whose text differs per database. The viewer
//! (`QueueQuery::viewer`) adds `(hidden_from IS NULL OR hidden_from <> $n)`, a filter on the
//! rows the index walk returns (few complaints are hidden, so a page still needs few rows).
//!
//! The texts are built from the filters present and interned (`ops::sql_text::intern`): there
//! are at most a few hundred combinations, each leaked once and reused.

use super::queue_search::{self, Search};
use super::sql_text::intern;
use crate::Backend;
use crate::error::StoreError;
use crate::exec::{Arg, Conn, args, ts, uuid};
use crate::sql;
use crate::types::*;

const SELECT: &str = "SELECT id, ref_year, ref_number, state, region, category, channel, \
     complainant_name, received_at, next_deadline, next_deadline_kind, assignee \
     FROM complaints WHERE closed = false";
const PAGE: &str = " AND (next_deadline, id) > ($1, $2) ORDER BY next_deadline, id LIMIT $3";

pub(crate) const COUNT_OPEN: &str = "SELECT COUNT(*) FROM complaints WHERE closed = false";

/// The SQL text and arguments of `queue(q)` on `backend`.
pub(crate) fn query(backend: Backend, q: &QueueQuery) -> (&'static str, Vec<Arg>) {
    let (after_date, after_id) = match q.after {
        Some((d, id)) => (d.to_string(), id.hyphenated().to_string()),
        None => (String::new(), String::new()),
    };
    let mut a = args![after_date, after_id, i64::from(q.limit)];
    let mut text = String::from(SELECT);
    let mut eq = |text: &mut String, column: &str, value: &Option<String>| {
        if let Some(v) = value {
            a.push(Arg::from(v));
            text.push_str(&format!(" AND {column} = ${}", a.len()));
        }
    };
    eq(&mut text, "region", &q.region);
    eq(&mut text, "state", &q.state);
    eq(&mut text, "channel", &q.channel);
    eq(&mut text, "category", &q.category);
    match &q.assignee {
        None => {}
        Some(AssigneeFilter::Unassigned) => text.push_str(" AND assignee IS NULL"),
        Some(AssigneeFilter::User(u)) => eq(&mut text, "assignee", &Some(u.clone())),
    }
    // Not a column of any index: a filter on the rows the chosen index returns.
    if let Some(v) = &q.viewer {
        a.push(Arg::from(v));
        let n = a.len();
        text.push_str(&format!(
            " AND (hidden_from IS NULL OR hidden_from <> ${n})"
        ));
    }
    match q.search.as_deref().and_then(Search::parse) {
        None => {}
        Some(Search::Reference(r)) => {
            a.extend(args![i64::from(r.year()), i64::from(r.number())]);
            let n = a.len();
            text.push_str(&format!(" AND ref_year = ${} AND ref_number = ${n}", n - 1));
        }
        Some(Search::Words(words)) => {
            let (cond, arg) = queue_search::condition(backend, &words, a.len() + 1);
            a.push(arg);
            text.push_str(" AND ");
            text.push_str(&cond);
        }
    }
    text.push_str(PAGE);
    (intern(text), a)
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

pub(crate) async fn fetch<C: Conn>(
    c: &mut C,
    backend: Backend,
    q: &QueueQuery,
) -> Result<Vec<QueueRow>, StoreError> {
    let (text, a) = query(backend, q);
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
