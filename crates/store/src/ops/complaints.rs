//! Creating complaints (gap-free references, idempotency, their attachments) and appending to
//! them (optimistic concurrency on `seq`, hash chain, projection and jobs in one transaction).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use super::sql_text;
use crate::error::{StoreError, constraint};
use crate::exec::{Arg, Conn, args, uuid};
use crate::hash::{ChainLink, GENESIS};
use crate::sql::{self, ComplaintRow, EventRow, KeyRow};
use crate::types::*;

/// Rows per multi-row statement. SQLite allows 32,766 bound parameters (999 before 3.32); the
/// chunks stay under 1,000 so any build works: complaints 40 × 21, events 100 × 8, jobs 150 × 5.
const COMPLAINT_CHUNK: usize = 40;
const EVENT_CHUNK: usize = 100;
const JOB_CHUNK: usize = 150;
/// Idempotency keys per `IN (…)` lookup; shorter lists are padded to a power of two (by
/// repeating the last key) so only a few texts exist.
const KEY_CHUNK: usize = 512;

/// A complaint found by idempotency key.
#[derive(Debug, sqlx::FromRow)]
struct KnownKey {
    idempotency_key: String,
    #[sqlx(flatten)]
    row: KeyRow,
}

/// Creates the batch inside the caller's transaction. References are reserved per year in
/// ascending year order, so concurrent PostgreSQL batches lock counters in one order and cannot
/// deadlock on them.
///
/// Written for group commit, where each statement is a round trip to the database (on SQLite
/// to sqlx's worker thread): one `IN (…)` lookup for all idempotency keys, one counter update
/// per year, then multi-row INSERTs of the complaints, their events and their jobs (chunked),
/// and the attachments. A batch of 256 web complaints takes about a dozen statements instead of
/// about a thousand.
pub(crate) async fn create<C: Conn>(
    c: &mut C,
    batch: Vec<PendingComplaint>,
    now: Timestamp,
) -> Result<Vec<Created>, StoreError> {
    // Resolve idempotency keys first: known keys write nothing and use no number.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, nc) in batch.iter().enumerate() {
        if let Some(key) = nc.idempotency_key.as_deref() {
            seen.entry(key).or_insert(i);
        }
    }
    let known = known_keys(c, seen.keys().copied().collect()).await?;
    let mut results: Vec<Option<Created>> = vec![None; batch.len()];
    let mut fresh_per_year: BTreeMap<i16, i64> = BTreeMap::new();
    for (i, nc) in batch.iter().enumerate() {
        if let Some(key) = nc.idempotency_key.as_deref() {
            if seen[key] != i {
                // The same key twice in one batch: the second is a resubmission of the first.
                continue;
            }
            if let Some(k) = known.get(key) {
                results[i] = Some(Created {
                    id: uuid(&k.id)?,
                    reference: sql::reference(k.ref_year, k.ref_number)?,
                    existed: true,
                });
                continue;
            }
        }
        *fresh_per_year.entry(nc.year).or_default() += 1;
    }

    // Reserve the numbers: one counter update per year.
    let mut next_number: HashMap<i16, i64> = HashMap::new();
    for (&year, &count) in &fresh_per_year {
        let (last,): (i64,) = c
            .one(sql::RESERVE_REFERENCES, args![i64::from(year), count])
            .await?;
        next_number.insert(year, last - count + 1);
    }

    let (mut complaint_rows, mut event_rows, mut job_rows) = (Vec::new(), Vec::new(), Vec::new());
    let mut attachments = Vec::new();
    for (i, nc) in batch.iter().enumerate() {
        if results[i].is_some() {
            continue;
        }
        if let Some(first) = nc.idempotency_key.as_deref().map(|k| seen[k])
            && first != i
        {
            let mut again = results[first].expect("first of a key is resolved first");
            again.existed = true;
            results[i] = Some(again);
            continue;
        }
        let n = next_number.get_mut(&nc.year).expect("reserved above");
        let number = *n;
        *n += 1;
        let reference = sql::reference(i64::from(nc.year), number)?;
        let contents = (nc.build)(reference).map_err(StoreError::Invalid)?;
        let mut a = sql::projection_args(&contents.projection);
        a.extend(args![
            nc.id,
            i64::from(nc.year),
            number,
            &nc.idempotency_key,
            contents.events.len() as i64,
            now,
        ]);
        complaint_rows.push(a);
        event_rows.extend(event_rows_of(
            nc.id,
            0,
            GENESIS.to_owned(),
            &contents.events,
        ));
        job_rows.extend(job_rows_of(&contents.jobs, now));
        if !nc.attachments.is_empty() {
            attachments.push((nc.id, &nc.attachments));
        }
        results[i] = Some(Created {
            id: nc.id,
            reference,
            existed: false,
        });
    }
    // Complaints before their events, jobs and attachments (foreign keys).
    insert_rows(
        c,
        sql::INSERT_COMPLAINTS_HEAD,
        22,
        &[21],
        "",
        complaint_rows,
        COMPLAINT_CHUNK,
    )
    .await?;
    insert_rows(
        c,
        sql::INSERT_EVENTS_HEAD,
        8,
        &[],
        "",
        event_rows,
        EVENT_CHUNK,
    )
    .await?;
    insert_rows(
        c,
        sql::INSERT_JOBS_HEAD,
        5,
        &[],
        sql::INSERT_JOBS_TAIL,
        job_rows,
        JOB_CHUNK,
    )
    .await?;
    for (id, files) in attachments {
        super::attachments::insert(c, id, files, now).await?;
    }
    Ok(results
        .into_iter()
        .map(|r| r.expect("every input resolved"))
        .collect())
}

/// The complaints already stored under any of `keys`, by key.
async fn known_keys<C: Conn>(
    c: &mut C,
    mut keys: Vec<&str>,
) -> Result<HashMap<String, KeyRow>, StoreError> {
    keys.sort_unstable();
    let mut known = HashMap::new();
    for chunk in keys.chunks(KEY_CHUNK) {
        let padded = chunk.len().next_power_of_two();
        let last = chunk[chunk.len() - 1];
        let mut a = args![];
        a.extend(chunk.iter().map(|&k| Arg::from(k)));
        a.extend((chunk.len()..padded).map(|_| Arg::from(last)));
        let text = sql_text::in_list(sql::COMPLAINTS_BY_KEYS_HEAD, padded, "");
        let rows: Vec<KnownKey> = c.all(text, a).await?;
        known.extend(rows.into_iter().map(|r| (r.idempotency_key, r.row)));
    }
    Ok(known)
}

/// Inserts `rows` (each `width` values) with multi-row statements of at most `chunk` rows.
async fn insert_rows<C: Conn>(
    c: &mut C,
    head: &str,
    width: usize,
    extra: &[usize],
    tail: &str,
    rows: Vec<Vec<Arg>>,
    chunk: usize,
) -> Result<(), StoreError> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let part: Vec<Vec<Arg>> = rows.by_ref().take(chunk).collect();
        let text = sql_text::values(head, width, extra, part.len(), tail);
        c.exec(text, part.into_iter().flatten().collect()).await?;
    }
    Ok(())
}

/// Appends inside the caller's transaction. The guarded UPDATE comes first: on PostgreSQL it
/// takes the complaint's row lock, so a concurrent appender waits and then finds `seq` moved.
pub(crate) async fn append<C: Conn>(
    c: &mut C,
    id: ComplaintId,
    expected_seq: i64,
    events: &[NewEvent],
    projection: &Projection,
    jobs: &[NewJob],
    now: Timestamp,
) -> Result<(), StoreError> {
    let new_seq = expected_seq + events.len() as i64;
    let mut a = sql::projection_args(projection);
    a.extend(args![new_seq, now, id, expected_seq]);
    if c.exec(sql::UPDATE_COMPLAINT, a).await? == 0 {
        let actual: Option<(i64,)> = c.opt(sql::COMPLAINT_SEQ, args![id]).await?;
        return Err(match actual {
            None => StoreError::NotFound,
            Some((actual,)) => StoreError::conflict(format!(
                "complaint {id} is at seq {actual}, not {expected_seq}"
            )),
        });
    }
    let prev = if expected_seq == 0 {
        GENESIS.to_owned()
    } else {
        let (hash,): (String,) = c.one(sql::EVENT_HASH, args![id, expected_seq]).await?;
        hash
    };
    insert_events(c, id, expected_seq, prev, events)
        .await
        .map_err(|e| match e {
            StoreError::DuplicateKey(constraint::EVENT_SEQ) => {
                StoreError::conflict(format!("complaint {id}: event {} exists", expected_seq + 1))
            }
            e => e,
        })?;
    insert_jobs(c, jobs, now).await
}

/// Appends `events` after `seq`, chaining each hash to the previous one.
async fn insert_events<C: Conn>(
    c: &mut C,
    id: ComplaintId,
    seq: i64,
    prev_hash: String,
    events: &[NewEvent],
) -> Result<(), StoreError> {
    let rows = event_rows_of(id, seq, prev_hash, events);
    insert_rows(c, sql::INSERT_EVENTS_HEAD, 8, &[], "", rows, EVENT_CHUNK).await
}

/// The rows of [`sql::INSERT_EVENTS_HEAD`] for `events` after `seq`, hash-chained.
fn event_rows_of(
    id: ComplaintId,
    mut seq: i64,
    mut prev_hash: String,
    events: &[NewEvent],
) -> Vec<Vec<Arg>> {
    let id_text = id.hyphenated().to_string();
    let mut rows = Vec::with_capacity(events.len());
    for e in events {
        seq += 1;
        let payload = e.payload.to_string();
        let at_micros = e.at.as_microsecond();
        let hash = ChainLink {
            prev_hash: &prev_hash,
            complaint_id: &id_text,
            seq,
            kind: &e.kind,
            actor: &e.actor,
            at_micros,
            payload: &payload,
        }
        .hash();
        rows.push(args![
            id_text.as_str(),
            seq,
            e.kind.as_str(),
            e.actor.as_str(),
            at_micros,
            payload,
            prev_hash,
            hash.as_str(),
        ]);
        prev_hash = hash;
    }
    rows
}

async fn insert_jobs<C: Conn>(
    c: &mut C,
    jobs: &[NewJob],
    now: Timestamp,
) -> Result<(), StoreError> {
    let rows = job_rows_of(jobs, now);
    insert_rows(
        c,
        sql::INSERT_JOBS_HEAD,
        5,
        &[],
        sql::INSERT_JOBS_TAIL,
        rows,
        JOB_CHUNK,
    )
    .await
}

fn job_rows_of(jobs: &[NewJob], now: Timestamp) -> Vec<Vec<Arg>> {
    jobs.iter()
        .map(|j| {
            args![
                j.kind.as_str(),
                j.payload.to_string(),
                j.run_at,
                &j.dedupe_key,
                now
            ]
        })
        .collect()
}

pub(crate) async fn by_id<C: Conn>(
    c: &mut C,
    id: ComplaintId,
) -> Result<Option<ComplaintRecord>, StoreError> {
    let row: Option<ComplaintRow> = c.opt(sql::COMPLAINT_BY_ID, args![id]).await?;
    row.map(ComplaintRow::decode).transpose()
}

pub(crate) async fn by_reference<C: Conn>(
    c: &mut C,
    r: domain::reference::Reference,
) -> Result<Option<ComplaintRecord>, StoreError> {
    let a = args![i64::from(r.year()), i64::from(r.number())];
    let row: Option<ComplaintRow> = c.opt(sql::COMPLAINT_BY_REFERENCE, a).await?;
    row.map(ComplaintRow::decode).transpose()
}

pub(crate) async fn events<C: Conn>(
    c: &mut C,
    id: ComplaintId,
) -> Result<Vec<StoredEvent>, StoreError> {
    let rows: Vec<EventRow> = c.all(sql::EVENTS_OF, args![id]).await?;
    rows.into_iter().map(EventRow::decode).collect()
}
