//! Registering complaints: the reference is allocated inside the creating transaction, the
//! domain decides the registration with that reference, and the events and projection are
//! written before the transaction commits. Batches share one transaction (group commit).

use std::sync::Arc;

use domain::complaint::{
    Actor, Category, Channel, Command, Complainant, Complaint, PersonName, RegionCode,
    Registration, Text, UserId, decide,
};
use domain::reference::Reference;
use domain::time::civil_date;
use jiff::Timestamp;
use store::{ComplaintId, Contents, NewAttachment, NewJob, PendingComplaint};

use crate::record::{projection, to_records};
use crate::{App, AppError};

/// The job that sends the receipt (reference, next steps, portal link) to a complainant with an
/// e-mail address; queued in the registering transaction.
pub const RECEIPT_JOB: &str = "mail.receipt";

/// A complaint as it arrives, before it has a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    pub channel: Channel,
    /// When it reached the organisation; may lie in the past (a letter registered later).
    pub received_at: Timestamp,
    pub complainant: Complainant,
    pub region: RegionCode,
    pub category: Category,
    pub description: Text,
    pub employee_concerned: Option<PersonName>,
    pub desired_outcome: Option<Text>,
    pub assignee: Option<UserId>,
}

impl Intake {
    fn registration(&self, reference: Reference) -> Registration {
        Registration {
            reference,
            channel: self.channel,
            received_at: self.received_at,
            complainant: self.complainant.clone(),
            region: self.region.clone(),
            category: self.category.clone(),
            description: self.description.clone(),
            employee_concerned: self.employee_concerned.clone(),
            desired_outcome: self.desired_outcome.clone(),
            assignee: self.assignee.clone(),
        }
    }
}

/// One registration request in a batch.
#[derive(Debug, Clone)]
pub struct IntakeRequest {
    pub intake: Intake,
    pub actor: Actor,
    /// A resubmission with the same key returns the first complaint and writes nothing.
    pub idempotency_key: Option<String>,
}

/// A registered complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registered {
    pub id: ComplaintId,
    pub reference: Reference,
    /// True when the idempotency key was known: this is the earlier complaint.
    pub existed: bool,
}

impl App {
    /// Registers one complaint.
    pub async fn register(
        &self,
        intake: Intake,
        actor: Actor,
        idempotency_key: Option<String>,
    ) -> Result<Registered, AppError> {
        self.register_with_attachments(intake, actor, idempotency_key, Vec::new())
            .await
    }

    /// Registers one complaint with the files that came with it, written in the same
    /// transaction (a known idempotency key writes neither again).
    pub async fn register_with_attachments(
        &self,
        intake: Intake,
        actor: Actor,
        idempotency_key: Option<String>,
        attachments: Vec<NewAttachment>,
    ) -> Result<Registered, AppError> {
        let request = IntakeRequest {
            intake,
            actor,
            idempotency_key,
        };
        let mut results = self.register_all(vec![(request, attachments)]).await?;
        results.pop().expect("one result per request")
    }

    /// Registers a batch in one transaction. A request the procedure refuses (or that names an
    /// unknown region or category) gets its own error and does not hold up the others.
    pub async fn register_batch(
        &self,
        batch: Vec<IntakeRequest>,
    ) -> Result<Vec<Result<Registered, AppError>>, AppError> {
        self.register_all(batch.into_iter().map(|r| (r, Vec::new())).collect())
            .await
    }

    /// Registers requests with their files in one transaction (one result per request); the
    /// intake committer calls it with each batch.
    pub(crate) async fn register_all(
        &self,
        batch: Vec<(IntakeRequest, Vec<NewAttachment>)>,
    ) -> Result<Vec<Result<Registered, AppError>>, AppError> {
        let now = self.clock.now();
        let regions = self.store.regions().await?;
        let categories = self.store.categories().await?;
        let mut results: Vec<Option<Result<Registered, AppError>>> =
            Vec::with_capacity(batch.len());
        let mut pending = Vec::new();
        let mut slots = Vec::new();
        for (i, (request, attachments)) in batch.into_iter().enumerate() {
            let region_ok = regions
                .iter()
                .any(|r| r.active && r.code == request.intake.region.as_ref());
            let category_ok = categories
                .iter()
                .any(|c| c.active && c.code == request.intake.category.as_ref());
            let checked = if !region_ok {
                Err(AppError::UnknownRegion(request.intake.region.to_string()))
            } else if !category_ok {
                Err(AppError::UnknownCategory(
                    request.intake.category.to_string(),
                ))
            } else {
                self.prepare(request, attachments, now)
            };
            match checked {
                Ok(p) => {
                    results.push(None);
                    slots.push(i);
                    pending.push(p);
                }
                Err(e) => results.push(Some(Err(e))),
            }
        }
        if !pending.is_empty() {
            let created = self.store.create_pending(pending).await?;
            for (slot, c) in slots.into_iter().zip(created) {
                results[slot] = Some(Ok(Registered {
                    id: c.id,
                    reference: c.reference,
                    existed: c.existed,
                }));
            }
        }
        Ok(results
            .into_iter()
            .map(|r| r.expect("every request answered"))
            .collect())
    }

    /// Checks the registration with a provisional reference (the decision does not depend on
    /// the number), then returns the builder the store runs with the real one.
    fn prepare(
        &self,
        request: IntakeRequest,
        attachments: Vec<NewAttachment>,
        now: Timestamp,
    ) -> Result<PendingComplaint, AppError> {
        let year = civil_date(request.intake.received_at).year();
        let provisional = Reference::new(year, 1).map_err(|e| AppError::Corrupt {
            complaint: "new".into(),
            detail: e.to_string(),
        })?;
        let idempotency_key = request.idempotency_key.clone();
        let has_email = request.intake.complainant.contact.email().is_some();
        let procedure = Arc::clone(&self.current_procedure);
        let follow_procedure = Arc::clone(&procedure);
        let calendar = self.calendar();
        let follow_calendar = Arc::clone(&calendar);
        let remind_working_days = self.remind_working_days;
        let decide_with = move |reference: Reference| {
            let ctx = domain::complaint::Context {
                now,
                actor: request.actor.clone(),
                calendar: &calendar,
                procedure: &procedure,
            };
            let events = decide(
                None,
                Command::Register(request.intake.registration(reference)),
                &ctx,
            )?;
            let complaint = Complaint::replay(&events)
                .map_err(|_| domain::complaint::Refusal::NotRegistered)?;
            Ok::<_, domain::complaint::Refusal>((events, complaint, request.actor.clone()))
        };
        decide_with(provisional)?;
        let id = uuid::Uuid::now_v7();
        let receipt = has_email.then(|| NewJob {
            kind: RECEIPT_JOB.to_string(),
            payload: serde_json::json!({ "complaint_id": id }),
            run_at: now,
            dedupe_key: Some(format!("{RECEIPT_JOB}:{id}")),
        });
        Ok(PendingComplaint {
            id,
            year,
            idempotency_key,
            build: Arc::new(move |reference| {
                let (events, complaint, actor) =
                    decide_with(reference).map_err(|r| r.to_string())?;
                Ok(Contents {
                    events: to_records(&events, &actor, now)?,
                    projection: projection(&complaint),
                    jobs: receipt
                        .clone()
                        .into_iter()
                        .chain(crate::follow_ups::follow_ups(
                            id,
                            &complaint,
                            &follow_procedure,
                            crate::follow_ups::Watch {
                                calendar: &follow_calendar,
                                remind_working_days,
                            },
                        ))
                        .collect(),
                })
            }),
            attachments,
        })
    }
}
