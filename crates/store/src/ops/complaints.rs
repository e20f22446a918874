//! Creating complaints (gap-free references, idempotency, their attachments) and appending to
//! them (optimistic concurrency on `seq`, hash chain, projection and jobs in one transaction).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use crate::error::{StoreError, constraint};
use crate::exec::{Conn, args, uuid};
use crate::hash::{ChainLink, GENESIS};
use crate::sql::{self, ComplaintRow, EventRow, KeyRow};
use crate::types::*;

/// Creates the batch inside the caller's transaction. References are reserved per year in
/// ascending year order, so concurrent PostgreSQL batches lock counters in one order and cannot
/// deadlock on them.
pub(crate) async fn create<C: Conn>(
    c: &mut C,
    batch: Vec<PendingComplaint>,
    now: Timestamp,
) -> Result<Vec<Created>, StoreError> {
    // Resolve idempotency keys first: known keys write nothing and use no number.
    let mut results: Vec<Option<Created>> = vec![None; batch.len()];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut fresh_per_year: BTreeMap<i16, i64> = BTreeMap::new();
    for (i, nc) in batch.iter().enumerate() {
        if let Some(key) = nc.idempotency_key.as_deref() {
            if seen.contains_key(key) {
                // The same key twice in one batch: the second is a resubmission of the first.
                continue;
            }
            seen.insert(key, i);
            let known: Option<KeyRow> = c.opt(sql::COMPLAINT_BY_KEY, args![key]).await?;
            if let Some(k) = known {
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
        c.exec(sql::INSERT_COMPLAINT, a).await?;
        insert_events(c, nc.id, 0, GENESIS.to_owned(), &contents.events).await?;
        insert_jobs(c, &contents.jobs, now).await?;
        super::attachments::insert(c, nc.id, &nc.attachments, now).await?;
        results[i] = Some(Created {
            id: nc.id,
            reference,
            existed: false,
        });
    }
    Ok(results
        .into_iter()
        .map(|r| r.expect("every input resolved"))
        .collect())
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
    mut seq: i64,
    mut prev_hash: String,
    events: &[NewEvent],
) -> Result<(), StoreError> {
    let id_text = id.hyphenated().to_string();
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
        let a = args![
            id_text.as_str(),
            seq,
            e.kind.as_str(),
            e.actor.as_str(),
            at_micros,
            payload,
            prev_hash,
            hash.as_str(),
        ];
        c.exec(sql::INSERT_EVENT, a).await?;
        prev_hash = hash;
    }
    Ok(())
}

async fn insert_jobs<C: Conn>(
    c: &mut C,
    jobs: &[NewJob],
    now: Timestamp,
) -> Result<(), StoreError> {
    for j in jobs {
        let a = args![
            j.kind.as_str(),
            j.payload.to_string(),
            j.run_at,
            &j.dedupe_key,
            now
        ];
        c.exec(sql::INSERT_JOB, a).await?;
    }
    Ok(())
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
