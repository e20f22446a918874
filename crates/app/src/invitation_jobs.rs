//! The staff mail that tells the employee a complaint is about (its linked staff account) that a
//! hearing offer invited them: from then on the complaint is no longer hidden from them (see
//! `Complaint::hidden_from`). Queued in the transaction that records the offer, like the letter
//! and alert mail jobs.

use domain::complaint::{Complaint, Event};
use jiff::Timestamp;
use store::{ComplaintId, NewJob};

/// The job; payload `{"complaint_id": "<uuid>", "seq": <seq of the offer>, "user": "<id>"}`.
pub const EMPLOYEE_INVITED_JOB: &str = "mail.employee_invited";

/// The jobs for `events`, appended after `last_seq` (the first event gets `last_seq + 1`), on the
/// complaint as those events left it: one per offer that invites a linked employee.
pub fn employee_invited_jobs(
    id: ComplaintId,
    last_seq: i64,
    complaint: &Complaint,
    events: &[Event],
    now: Timestamp,
) -> Vec<NewJob> {
    let Some(user) = complaint.employee_account() else {
        return Vec::new();
    };
    events
        .iter()
        .zip(last_seq + 1..)
        .filter_map(|(event, seq)| match event {
            Event::HearingOffered(offer) if offer.employee_invited => Some(NewJob {
                kind: EMPLOYEE_INVITED_JOB.to_string(),
                payload: serde_json::json!({ "complaint_id": id, "seq": seq, "user": user }),
                run_at: now,
                dedupe_key: Some(format!("employee-invited:{id}:{seq}")),
            }),
            _ => None,
        })
        .collect()
}
