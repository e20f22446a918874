//! The records of the dashboard and of job administration (tables in
//! `migrations/*/0007_deadline_outcomes.sql`; queries in `ops::dashboard` and `ops::job_admin`).
//!
//! Deadline outcomes are a projection of the event log like the complaint row: the app computes
//! them from the events that close a deadline and hands them to the store with those events
//! ([`Store::append_with_outcomes`](crate::Store::append_with_outcomes)), so the store stays
//! free of domain types. Kinds are the domain's stable deadline names (`contact`, `answer`, …).

use jiff::Timestamp;
use jiff::civil::Date;

use crate::types::{ComplaintId, JobId};

/// A deadline that a step closed, met or late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeadlineOutcome {
    pub complaint_id: ComplaintId,
    /// The complaint's region when the deadline closed.
    pub region: String,
    /// The deadline kind, e.g. `answer`.
    pub kind: String,
    /// The date of the moment that started the deadline.
    pub started_on: Date,
    /// The last day on time, extensions included.
    pub due: Date,
    /// The date of the step that closed it.
    pub closed_on: Date,
    /// Closed on or before `due`.
    pub met: bool,
    /// Calendar days from `started_on` to `closed_on`.
    pub days_taken: i64,
}

/// Open complaints of one region in one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCount {
    pub region: String,
    pub state: String,
    pub open: i64,
    /// Whose next deadline lies before the given day.
    pub overdue: i64,
    /// Whose next deadline lies from the given day up to the given end of the week.
    pub due_this_week: i64,
}

/// How many deadlines of `kind` closed (met or not) after `days_taken` days: one bar of the
/// histogram the share met and the median are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeCount {
    pub kind: String,
    pub met: bool,
    pub days_taken: i64,
    pub count: i64,
}

/// Jobs per state, for `/metrics`. Done jobs are not counted (they only grow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JobCounts {
    pub pending: i64,
    pub running: i64,
    pub dead: i64,
}

/// A dead-lettered job, for administrators.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadJob {
    pub id: JobId,
    pub kind: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    /// When it last was due.
    pub run_at: Timestamp,
    pub created_at: Timestamp,
    /// The payload; show [`DeadJob::payload_summary`], never this (it may hold an address).
    pub payload: serde_json::Value,
}

/// Payload fields whose values are identifiers, never personal data: shown in summaries.
const SUMMARY_FIELDS: [&str; 3] = ["complaint_id", "kind", "seq"];

impl DeadJob {
    /// The payload's top-level fields, in key order, with the values of identifier
    /// fields only (`complaint_id`, `kind`, `seq`); any other value shows as `…`, so an e-mail
    /// address or a name in a payload never reaches a page.
    pub fn payload_summary(&self) -> String {
        let Some(fields) = self.payload.as_object() else {
            return "…".to_owned();
        };
        fields
            .iter()
            .map(|(key, value)| {
                let shown = match value {
                    serde_json::Value::String(s) if SUMMARY_FIELDS.contains(&key.as_str()) => {
                        s.chars().take(64).collect()
                    }
                    serde_json::Value::Number(n) if SUMMARY_FIELDS.contains(&key.as_str()) => {
                        n.to_string()
                    }
                    _ => "…".to_owned(),
                };
                format!("{key}={shown}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_summary_shows_identifiers_and_hides_everything_else() {
        let job = DeadJob {
            id: 1,
            kind: "mail".into(),
            attempts: 10,
            max_attempts: 10,
            last_error: None,
            run_at: Timestamp::UNIX_EPOCH,
            created_at: Timestamp::UNIX_EPOCH,
            payload: serde_json::json!({
                "complaint_id": "0196a1b2-0000-7000-8000-000000000001",
                "seq": 4,
                "to": "a.jansen@example.nl",
                "kind": "answer",
                "seen": true,
            }),
        };
        let summary = job.payload_summary();
        assert!(!summary.contains("jansen"), "{summary}");
        assert!(summary.contains("to=…"), "{summary}");
        assert!(summary.contains("seq=4"), "{summary}");
        assert!(summary.contains("kind=answer"), "{summary}");
        assert!(
            summary.contains("complaint_id=0196a1b2-0000-7000-8000-000000000001"),
            "{summary}"
        );
    }
}
