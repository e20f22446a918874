//! `audit verify`: recompute every complaint's hash chain and cross-check it with the projection
//! and the reference counters, reporting each problem by complaint and event seq.
//!
//! What each check catches: a recomputed hash that differs from the stored one is an edited
//! event; a seq that skips is a deleted event; a `prev_hash` that is not the previous event's
//! hash is a reordered or replaced event (or an edit whose hash was recomputed); a projection seq
//! other than the last event's is a truncated or extended log; fewer complaints in a year than
//! numbers issued is a deleted complaint. Complaints are read in pages of [`PAGE`] within one
//! read transaction, so memory stays flat at a million complaints.

use std::collections::HashMap;

use crate::error::StoreError;
use crate::exec::{Conn, args, uuid};
use crate::hash::{ChainLink, GENESIS};
use crate::sql::{self, EventRow};
use crate::types::*;

const PAGE: i64 = 500;

const COUNT_COMPLAINTS: &str = "SELECT COUNT(*) FROM complaints";
const COUNT_EVENTS: &str = "SELECT COUNT(*) FROM events";
const COMPLAINT_PAGE: &str = "SELECT id, ref_year, ref_number, seq FROM complaints \
     WHERE id > $1 ORDER BY id LIMIT $2";
const EVENT_RANGE: &str = "SELECT complaint_id, seq, kind, actor, at, payload, prev_hash, hash \
     FROM events WHERE complaint_id >= $1 AND complaint_id <= $2 ORDER BY complaint_id, seq";
const ORPHANS: &str = "SELECT DISTINCT complaint_id FROM events \
     WHERE complaint_id NOT IN (SELECT id FROM complaints) ORDER BY complaint_id";
const YEARS: &str = "SELECT c.year, c.last, COUNT(k.id) FROM reference_counters c \
     LEFT JOIN complaints k ON k.ref_year = c.year GROUP BY c.year, c.last ORDER BY c.year";

pub(crate) async fn verify<C: Conn>(c: &mut C) -> Result<AuditReport, StoreError> {
    let (complaints,): (i64,) = c.one(COUNT_COMPLAINTS, args![]).await?;
    let (events,): (i64,) = c.one(COUNT_EVENTS, args![]).await?;
    let mut report = AuditReport {
        complaints: complaints as u64,
        events: events as u64,
        problems: Vec::new(),
    };

    let mut after = String::new();
    loop {
        let page: Vec<(String, i64, i64, i64)> =
            c.all(COMPLAINT_PAGE, args![after.as_str(), PAGE]).await?;
        let Some(last) = page.last() else { break };
        let first = page[0].0.clone();
        after = last.0.clone();
        let rows: Vec<EventRow> = c.all(EVENT_RANGE, args![first, after.as_str()]).await?;
        let mut by_complaint: HashMap<String, Vec<EventRow>> = HashMap::new();
        for r in rows {
            by_complaint
                .entry(r.complaint_id.clone())
                .or_default()
                .push(r);
        }
        for (id, year, number, seq) in page {
            let complaint = Subject {
                id: uuid(&id)?,
                reference: sql::reference(year, number).ok(),
            };
            let chain = by_complaint.remove(&id).unwrap_or_default();
            check_chain(&complaint, &id, seq, &chain, &mut report.problems);
        }
    }

    let orphans: Vec<(String,)> = c.all(ORPHANS, args![]).await?;
    for (id,) in orphans {
        report.problems.push(AuditProblem {
            complaint_id: uuid(&id).ok(),
            reference: None,
            seq: None,
            what: "events exist for a complaint that does not (complaint deleted)".into(),
        });
    }

    let years: Vec<(i64, i64, i64)> = c.all(YEARS, args![]).await?;
    for (year, last, present) in years {
        if present != last {
            report.problems.push(AuditProblem {
                complaint_id: None,
                reference: None,
                seq: None,
                what: format!(
                    "year {year}: {last} references issued but {present} complaints present \
                     (a complaint was deleted or inserted outside the store)"
                ),
            });
        }
    }
    Ok(report)
}

struct Subject {
    id: ComplaintId,
    reference: Option<domain::reference::Reference>,
}

impl Subject {
    fn problem(&self, seq: Option<i64>, what: String) -> AuditProblem {
        AuditProblem {
            complaint_id: Some(self.id),
            reference: self.reference,
            seq,
            what,
        }
    }
}

/// Checks one complaint's events (in stored seq order) against each other and `projection_seq`.
/// After a problem the walk continues from the stored hash, so one edit is reported once.
fn check_chain(
    s: &Subject,
    id_text: &str,
    projection_seq: i64,
    events: &[EventRow],
    out: &mut Vec<AuditProblem>,
) {
    let mut prev_seq = 0;
    let mut prev_hash = GENESIS;
    for e in events {
        // At most one chain problem per event: a gap, else a broken link, else an edit.
        let mut reported = false;
        if e.seq != prev_seq + 1 {
            let missing = if e.seq == prev_seq + 2 {
                format!("event {} missing", prev_seq + 1)
            } else {
                format!("events {} to {} missing", prev_seq + 1, e.seq - 1)
            };
            out.push(s.problem(
                Some(prev_seq + 1),
                format!("{missing} (sequence jumps from {prev_seq} to {})", e.seq),
            ));
        } else if e.prev_hash != prev_hash {
            let what = if prev_seq == 0 {
                format!(
                    "event {}: prev_hash is not the genesis value (replaced)",
                    e.seq
                )
            } else {
                format!(
                    "event {}: prev_hash does not match event {prev_seq} (reordered or replaced)",
                    e.seq
                )
            };
            out.push(s.problem(Some(e.seq), what));
            reported = true;
        }
        let recomputed = ChainLink {
            prev_hash: &e.prev_hash,
            complaint_id: id_text,
            seq: e.seq,
            kind: &e.kind,
            actor: &e.actor,
            at_micros: e.at,
            payload: &e.payload,
        }
        .hash();
        if !reported && recomputed != e.hash {
            out.push(s.problem(
                Some(e.seq),
                format!(
                    "event {}: hash mismatch (payload or metadata edited)",
                    e.seq
                ),
            ));
        }
        if e.seq == 1 {
            check_recorded_reference(s, e, out);
        }
        prev_seq = e.seq;
        prev_hash = &e.hash;
    }
    if prev_seq != projection_seq {
        let last = if events.is_empty() {
            "there are no events".to_owned()
        } else {
            format!("last event {prev_seq}")
        };
        out.push(s.problem(
            Some(projection_seq),
            format!("projection seq {projection_seq} but {last}"),
        ));
    }
}

/// The reference column is not hashed, but the first event may record the reference it was
/// created under (a top-level `"reference"` field, as the app's registration event does): then
/// the two must agree, so swapping two complaints' references is detected.
fn check_recorded_reference(s: &Subject, first: &EventRow, out: &mut Vec<AuditProblem>) {
    let Ok(payload) = serde_json::from_str::<serde_json::Value>(&first.payload) else {
        return;
    };
    let Some(recorded) = payload.get("reference").and_then(|r| r.as_str()) else {
        return;
    };
    let column = s.reference.map(|r| r.to_string());
    if column.as_deref() != Some(recorded) {
        out.push(s.problem(
            Some(1),
            format!(
                "event 1 records reference {recorded} but the complaint is stored as {}",
                column.as_deref().unwrap_or("(none)")
            ),
        ));
    }
}
