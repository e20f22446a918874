//! Every step after registration: load the complaint, let the domain decide under the
//! procedure definition the complaint was registered with, append the events and the new
//! projection in one transaction. A concurrent step makes the append fail on its sequence
//! number; the step is then decided again on the newer state.

use domain::complaint::{Actor, Command, Complaint, Context, decide};
use domain::reference::Reference;
use store::{ComplaintId, StoreError, StoredEvent};

use crate::record::{from_records, projection, to_records};
use crate::{App, AppError};

/// How often a step is decided again after losing a race with another writer.
const ATTEMPTS: usize = 5;

/// A complaint read back: its identity, state and recorded events.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub id: ComplaintId,
    pub reference: Reference,
    /// The sequence number of the last event.
    pub seq: i64,
    pub complaint: Complaint,
    pub events: Vec<StoredEvent>,
}

impl App {
    /// Reads a complaint and folds its events into its state.
    pub async fn load(&self, reference: Reference) -> Result<Loaded, AppError> {
        let record = self
            .store
            .complaint_by_reference(reference)
            .await?
            .ok_or(AppError::NotFound)?;
        let events = self.store.events(record.id).await?;
        let domain_events = from_records(reference, &events)?;
        let complaint = Complaint::replay(&domain_events).map_err(|_| AppError::Corrupt {
            complaint: reference.to_string(),
            detail: "the first event is not a registration".into(),
        })?;
        // The hash-chained registration names the reference; the row's columns are not chained.
        let recorded = complaint.registration().reference;
        if recorded != reference {
            return Err(AppError::Corrupt {
                complaint: reference.to_string(),
                detail: format!("the registration records reference {recorded}"),
            });
        }
        Ok(Loaded {
            id: record.id,
            reference,
            seq: record.seq,
            complaint,
            events,
        })
    }

    /// Performs one step of the procedure on a complaint.
    pub async fn execute(
        &self,
        reference: Reference,
        command: Command,
        actor: Actor,
    ) -> Result<Loaded, AppError> {
        for attempt in 1..=ATTEMPTS {
            let loaded = self.load(reference).await?;
            let key = loaded.complaint.procedure_key().to_string();
            let procedure = self
                .procedures
                .get(&key)
                .ok_or(AppError::UnknownProcedure(key))?;
            let now = self.clock.now();
            let calendar = self.calendar();
            let ctx = Context {
                now,
                actor: actor.clone(),
                calendar: &calendar,
                procedure,
            };
            let events = decide(Some(&loaded.complaint), command.clone(), &ctx)?;
            let was_closed = loaded.complaint.status().is_closed();
            let mut complaint = loaded.complaint;
            let mut outcomes = Vec::new();
            for e in &events {
                outcomes.extend(crate::outcomes::closed_by(loaded.id, &complaint, e));
                complaint.apply(e);
            }
            let records = to_records(&events, &actor, now).map_err(|detail| AppError::Corrupt {
                complaint: reference.to_string(),
                detail,
            })?;
            match self
                .store
                .append_with_outcomes(
                    loaded.id,
                    loaded.seq,
                    records,
                    projection(&complaint),
                    crate::follow_ups::follow_ups(
                        loaded.id,
                        &complaint,
                        procedure,
                        self.watch(&calendar),
                    )
                    .into_iter()
                    .chain(crate::letter_jobs::letter_jobs(
                        loaded.id, loaded.seq, &events, now,
                    ))
                    .chain(crate::deadline_watch::alert_mail_jobs(
                        loaded.id, loaded.seq, &events, now,
                    ))
                    .chain(crate::invitation_jobs::employee_invited_jobs(
                        loaded.id, loaded.seq, &complaint, &events, now,
                    ))
                    .collect(),
                    outcomes,
                )
                .await
            {
                Ok(()) => {
                    self.portal_links_follow(
                        loaded.id,
                        was_closed,
                        complaint.status().is_closed(),
                        now,
                    )
                    .await;
                    return self.load(reference).await;
                }
                Err(StoreError::Conflict { .. }) => {
                    tracing::debug!(complaint.reference = %reference, attempt, "concurrent step; deciding again");
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Busy)
    }
}

impl App {
    /// Portal links live on while a complaint is open and expire a fixed time after it closes
    /// (reopening, by a late objection, lifts the expiry). Best effort after the step's commit:
    /// the portal also enforces the period from the closing event itself, so a failure here
    /// cannot keep a link alive.
    async fn portal_links_follow(
        &self,
        id: ComplaintId,
        was_closed: bool,
        is_closed: bool,
        now: jiff::Timestamp,
    ) {
        let expiry = match (was_closed, is_closed) {
            (false, true) => Some(Some(now + crate::accounts::PORTAL_LINK_AFTER_CLOSE)),
            (true, false) => Some(None),
            _ => None,
        };
        if let Some(expires_at) = expiry
            && let Err(error) = self.store.set_portal_links_expiry(id, expires_at).await
        {
            tracing::warn!(complaint.id = %id, %error, "portal link expiry not updated");
        }
    }
}
