//! The letters of the procedure (`letter.send`): queued with the step that requires one (see
//! `app::letter_jobs`), rendered as PDF with its dagtekening, stored as a document (once per
//! event and kind: a retried job mails the stored one), and mailed to a complainant with an
//! e-mail address as a PDF attachment.
//!
//! Message-IDs are deterministic, `<letter-<seq>-<kind>.<complaint id>@<domain>>`, and answer
//! the receipt, so a mail client threads every letter under it.
//!
//! Failures: a payload or event that cannot make a letter, and a template that does not render,
//! are permanent (dead-lettered for a person to look at); the store and the mail transport are
//! transient (retried).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use app::App;
use app::worker::{JobError, JobHandler};
use domain::complaint::{Complaint, Event, Role, date_nl};
use domain::procedure::DeadlineKind;
use domain::time::{amsterdam, civil_date};
use jiff::civil::Date;
use letters::body::{
    Answer, Attendee, Closed, DecisionGround, ExtendedTerm, Extension, FinalDecision,
    HearingInvitation, HearingOutcome, HearingRecord, LetterBody, ObjectionRoute, ProposedMoment,
    ResponseChannels, Settlement,
};
use letters::{
    Address, Addressee, HearingForm, Language, Letter, LetterKind, Letters, Organisation,
    Recipient, Signatory, Term, TermUnit,
};
use mail::{Mailbox, OutgoingMail};
use store::{Job, NewDocument, Region};

use super::Mailer;
use super::mail_templates::{MailKind, Wording, apply};

/// The job kind; its payload is `{"complaint_id", "seq", "kind"}`.
pub const LETTER_JOB: &str = app::LETTER_JOB;

/// The sending organisation as the letters print it. A beheerder keeps them in the database
/// (`/kantoor/beheer/organisatie`, [`store::Organisation`]); they are read when each letter is
/// made. Until they are set, [`LetterMail::organisation`] is used: the settings (`--org-*` /
/// `WEDERHOOR_ORG_*`, which also seed the database once), else the defaults ([`Default`]),
/// placeholders that make a development installation's letters complete and obviously not real
/// ("Wederhoor (organisatie niet ingesteld)", "Postbus 0, 0000 AA Nergenshuizen").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDetails {
    /// The name heading the letter.
    pub name: String,
    /// The postal address, one line per element: street (or "Postbus 123"), then
    /// "postcode place" ("3511 AB Utrecht"). See [`parse_address`].
    pub address: String,
    /// The telephone number as printed.
    pub phone: String,
    /// The e-mail address for complaints.
    pub email: String,
    /// The place in the dagtekening ("Utrecht, 24 november 2026").
    pub place: String,
    /// Where privacy questions go.
    pub privacy_email: String,
    /// The public website; empty when there is none.
    pub website: String,
}

impl From<store::Organisation> for OrganisationDetails {
    fn from(o: store::Organisation) -> OrganisationDetails {
        OrganisationDetails {
            name: o.name,
            address: o.address,
            phone: o.phone,
            email: o.email,
            place: o.place,
            privacy_email: o.privacy_email,
            website: o.website,
        }
    }
}

impl From<OrganisationDetails> for store::Organisation {
    fn from(o: OrganisationDetails) -> store::Organisation {
        store::Organisation {
            name: o.name,
            phone: o.phone,
            email: o.email,
            address: o.address,
            place: o.place,
            privacy_email: o.privacy_email,
            website: o.website,
        }
    }
}

impl OrganisationDetails {
    /// The details as the database has them now, else `fallback` (not set yet).
    pub async fn current(
        store: &dyn store::Store,
        fallback: &OrganisationDetails,
    ) -> Result<OrganisationDetails, store::StoreError> {
        Ok(store
            .organisation()
            .await?
            .map_or_else(|| fallback.clone(), OrganisationDetails::from))
    }
}

impl Default for OrganisationDetails {
    fn default() -> Self {
        OrganisationDetails {
            name: "Wederhoor (organisatie niet ingesteld)".into(),
            address: "Postbus 0\n0000 AA Nergenshuizen".into(),
            phone: "000 000 0000".into(),
            email: "klachten@example.nl".into(),
            place: "Nergenshuizen".into(),
            privacy_email: "privacy@example.nl".into(),
            website: String::new(),
        }
    }
}

/// Renders, stores and mails letters.
#[derive(Debug, Clone)]
pub struct LetterMail {
    pub mailer: Mailer,
    /// Used while the database holds no organisation details (see [`OrganisationDetails`]).
    pub organisation: OrganisationDetails,
    pub letters: Arc<Letters>,
}

/// The Dutch name of a letter kind, as the portal and the staff page list it.
pub fn title_nl(kind: &str) -> &'static str {
    match kind {
        "receipt" => "Ontvangstbevestiging",
        "answer" => "Reactie op uw klacht",
        "extension" => "Verlenging van de termijn",
        "hearing_invitation" => "Uitnodiging voor een gesprek",
        "hearing_record" => "Verslag van het gesprek",
        "settlement" => "Vastlegging van de afspraken",
        "final_decision" => "Definitieve beslissing",
        "closed" => "Afsluiting van uw klacht",
        _ => "Brief",
    }
}

/// The name of a letter kind in `lang`, for staff pages (the letter itself is Dutch).
pub fn title(kind: &str, lang: crate::lang::Lang) -> &'static str {
    let en = match kind {
        "receipt" => "Acknowledgement of receipt",
        "answer" => "Answer to the complaint",
        "extension" => "Extension of the term",
        "hearing_invitation" => "Invitation to a conversation",
        "hearing_record" => "Record of the conversation",
        "settlement" => "Record of the agreement",
        "final_decision" => "Final decision",
        "closed" => "Closure of the complaint",
        _ => "Letter",
    };
    lang.t(title_nl(kind), en)
}

fn file_stem(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Receipt => "ontvangstbevestiging",
        LetterKind::Answer => "reactie",
        LetterKind::Extension => "verlenging",
        LetterKind::HearingInvitation => "uitnodiging",
        LetterKind::HearingRecord => "verslag",
        LetterKind::Settlement => "vaststellingsovereenkomst",
        LetterKind::FinalDecision => "beslissing",
        LetterKind::Closed => "afsluiting",
    }
}

/// The director's function under the signature: "Directie regio Midden", whether the region is
/// named "Midden" or, as the CLI's help suggests, "Regio Midden" (never "regio Regio Midden").
fn management_role(region_name: &str) -> String {
    let name = region_name.trim();
    let bare = match name.split_once(' ') {
        Some((first, rest)) if first.eq_ignore_ascii_case("regio") => rest.trim_start(),
        _ => name,
    };
    format!("Directie regio {bare}")
}

/// A free-text Dutch postal address as a letter's address: the last line (or comma-separated
/// part) that starts with a postcode ("3511 AB Utrecht") gives postcode and place, the lines
/// before it the street. Without a postcode the last part is the place.
pub fn parse_address(text: &str) -> Address {
    let parts: Vec<&str> = text
        .split(['\n', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some((last, before)) = parts.split_last() else {
        return Address {
            street: String::new(),
            postcode: String::new(),
            city: String::new(),
        };
    };
    let chars: Vec<char> = last.chars().collect();
    let digits = chars.iter().take(4).filter(|c| c.is_ascii_digit()).count() == 4;
    let (postcode, city) = if digits && chars.len() > 4 {
        let rest: String = chars[4..].iter().collect();
        let rest = rest.trim_start();
        let letters: String = rest.chars().take(2).collect();
        if letters.len() == 2 && letters.chars().all(|c| c.is_ascii_alphabetic()) {
            let city = rest[2..].trim().to_string();
            (
                format!("{} {}", chars[..4].iter().collect::<String>(), letters),
                city,
            )
        } else {
            (String::new(), (*last).to_string())
        }
    } else {
        (String::new(), (*last).to_string())
    };
    Address {
        street: before.join(", "),
        postcode,
        city,
    }
}

fn term(t: domain::terms::Term) -> Term {
    let count = u32::from(t.amount);
    match t.unit {
        domain::terms::TermUnit::Days => Term::days(count),
        domain::terms::TermUnit::Weeks => Term::weeks(count),
        domain::terms::TermUnit::WorkingDays => Term {
            count,
            unit: TermUnit::WorkingDays,
        },
    }
}

fn form(f: domain::complaint::HearingForm) -> HearingForm {
    match f {
        domain::complaint::HearingForm::Phone => HearingForm::Phone,
        domain::complaint::HearingForm::Office => HearingForm::Office,
    }
}

/// The end of the deadline of `kind` an event opened, if it did.
fn opened(event: &Event, kind: DeadlineKind) -> Option<Date> {
    event
        .deadline_changes()?
        .opened
        .iter()
        .find(|d| d.kind == kind)
        .map(domain::complaint::OpenDeadline::end)
}

fn permanent(what: impl std::fmt::Display) -> JobError {
    JobError::Permanent(what.to_string())
}

fn transient(what: impl std::fmt::Display) -> JobError {
    JobError::Transient(what.to_string())
}

/// A staff member's function as a letter states it under their name: "Klachtbehandelaar",
/// "Regiodirecteur Regio Noord" (the complaint's region).
pub fn function_nl(role: Role, region: Option<&Region>) -> String {
    match (role, region) {
        (Role::Regiodirecteur, Some(r)) => format!("Regiodirecteur {}", r.name),
        (Role::Regiodirecteur, None) => "Regiodirecteur".into(),
        (Role::Klachtbehandelaar, _) => "Klachtbehandelaar".into(),
        (Role::Beheerder, _) => "Beheerder".into(),
        (Role::Lezer, _) => "Lezer".into(),
    }
}

/// `user`, acting as `role`, as the signatory of a letter.
pub fn staff_signatory(user: &store::UserRecord, role: Role, region: Option<&Region>) -> Signatory {
    Signatory {
        name: user.name.clone(),
        role: function_nl(role, region),
    }
}

/// Who signs the letters the procedure gives the complaint handler (answer, record of the
/// hearing, settlement, extension, closure): the staff member who took the step (`actor`, as
/// stored with the event), in the role they acted in; for a step without one (the system closed
/// the complaint), the assignee; without either, the organisation ("Klachtbehandelaar"). The
/// name is read now, by id: a disabled account still has its name.
async fn handler_signatory(
    app: &App,
    actor: &str,
    complaint: &Complaint,
    region: Option<&Region>,
    org: &OrganisationDetails,
) -> Result<Signatory, JobError> {
    let user = |id: &str| {
        let id = id.parse::<uuid::Uuid>().ok();
        async move {
            match id {
                Some(id) => app.store().user(id).await.map_err(transient),
                None => Ok(None),
            }
        }
    };
    if let Some((id, role)) = app::record::staff_actor(actor)
        && let Some(u) = user(id).await?
    {
        return Ok(staff_signatory(&u, role, region));
    }
    if let Some(id) = complaint.assignee()
        && let Some(u) = user(id.as_ref()).await?
    {
        return Ok(staff_signatory(&u, u.role, region));
    }
    Ok(Signatory {
        name: org.name.clone(),
        role: "Klachtbehandelaar".into(),
    })
}

impl JobHandler for LetterMail {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(self.send_letter(app, job))
    }
}

/// What one letter is built from.
struct Source<'a> {
    app: &'a App,
    org: &'a OrganisationDetails,
    complaint: &'a Complaint,
    events: &'a [Event],
    event: &'a Event,
    /// The day the event was recorded (Europe/Amsterdam).
    recorded_on: Date,
    region: Option<&'a Region>,
    /// Who signs the handler's letters (see [`handler_signatory`]).
    handler: Signatory,
}

impl Source<'_> {
    fn term(&self, kind: DeadlineKind) -> Term {
        let key = self.complaint.procedure_key();
        let procedure = self
            .app
            .procedure(key)
            .unwrap_or_else(|| self.app.current_procedure());
        term(procedure.term(kind).term)
    }

    fn management(&self) -> Addressee {
        match self.region {
            Some(r) => Addressee {
                name: format!("{}, {}", self.org.name, r.management_name),
                address: parse_address(&r.management_address),
                email: None,
            },
            None => Addressee {
                name: format!("{}, directie van uw regio", self.org.name),
                address: parse_address(&self.org.address),
                email: None,
            },
        }
    }

    fn handler(&self) -> Signatory {
        self.handler.clone()
    }

    fn director(&self) -> Signatory {
        Signatory {
            name: self
                .region
                .map_or_else(|| "De directie".into(), |r| r.management_name.clone()),
            role: self
                .region
                .map_or_else(|| "Directie".into(), |r| management_role(&r.name)),
        }
    }

    /// The letter of `kind` this event requires: its dagtekening, signatory and body.
    fn body(&self, kind: LetterKind) -> Result<(Date, Signatory, LetterBody), String> {
        let registration = self.complaint.registration();
        let objection_on = self
            .complaint
            .objection()
            .map_or(self.recorded_on, |o| o.received_on);
        let mismatch = || format!("event {} does not make a {kind} letter", self.event.kind());
        Ok(match (kind, self.event) {
            (LetterKind::Answer, Event::AnswerIssued(a)) => {
                let last_day = opened(self.event, DeadlineKind::Objection)
                    .ok_or("the answer opened no objection window")?;
                let body = Answer {
                    received_on: registration.received_on,
                    complaint: a.complaint_as_understood.to_string(),
                    solution: a.proposed_solution.to_string(),
                    objection: ObjectionRoute {
                        term: self.term(DeadlineKind::Objection),
                        last_day,
                        management: self.management(),
                        hearing_term: self.term(DeadlineKind::HearingOffer),
                        decision_term: self.term(DeadlineKind::FinalDecision),
                    },
                };
                (a.dagtekening, self.handler(), LetterBody::Answer(body))
            }
            (LetterKind::HearingInvitation, Event::HearingOffered(o)) => {
                let respond_by =
                    opened(self.event, DeadlineKind::HearingResponse).unwrap_or(self.recorded_on);
                let moments = o
                    .proposed_moments
                    .iter()
                    .map(|m| {
                        let local = amsterdam().to_datetime(*m);
                        ProposedMoment {
                            date: local.date(),
                            start: local.time(),
                            end: None,
                        }
                    })
                    .collect();
                let body = HearingInvitation {
                    objection_received_on: objection_on,
                    forms: o.forms.iter().copied().map(form).collect(),
                    office: None,
                    moments,
                    employee_invited: o.employee_invited,
                    employee_name: registration
                        .employee_concerned
                        .as_ref()
                        .filter(|_| o.employee_invited)
                        .map(ToString::to_string),
                    respond_by,
                    respond_via: ResponseChannels {
                        phone: Some(self.org.phone.clone()),
                        email: Some(self.org.email.clone()),
                        portal_url: None,
                    },
                    decision_term: self.term(DeadlineKind::FinalDecision),
                };
                (
                    self.recorded_on,
                    self.director(),
                    LetterBody::HearingInvitation(body),
                )
            }
            (LetterKind::HearingRecord, Event::HearingRecorded(r)) => {
                let outcome = if r.settlement.is_some() {
                    HearingOutcome::Settled
                } else {
                    HearingOutcome::NotSettled {
                        decision_by: opened(self.event, DeadlineKind::FinalDecision)
                            .or_else(|| {
                                self.complaint
                                    .deadline(DeadlineKind::FinalDecision)
                                    .map(domain::complaint::OpenDeadline::end)
                            })
                            .unwrap_or(self.recorded_on),
                    }
                };
                let body = HearingRecord {
                    held_on: r.held_on,
                    start: None,
                    form: form(r.form),
                    attendees: r
                        .attendees
                        .iter()
                        .map(|a| Attendee {
                            name: a.to_string(),
                            role: String::new(),
                        })
                        .collect(),
                    complainant_account: r.complainant_account.to_string(),
                    employee_account: r.employee_account.as_ref().map(ToString::to_string),
                    proposal: r.proposal.as_ref().map(ToString::to_string),
                    reaction: Some(r.complainant_reaction.to_string()),
                    outcome,
                };
                (
                    self.recorded_on,
                    self.handler(),
                    LetterBody::HearingRecord(body),
                )
            }
            (LetterKind::Settlement, Event::HearingRecorded(r)) => {
                let terms = r.settlement.as_ref().ok_or("no settlement was recorded")?;
                let body = Settlement {
                    held_on: r.held_on,
                    form: form(r.form),
                    terms: terms.to_string(),
                    complainant_name: registration.complainant.name.to_string(),
                };
                (
                    self.recorded_on,
                    self.handler(),
                    LetterBody::Settlement(body),
                )
            }
            (LetterKind::FinalDecision, Event::FinalDecisionIssued(d)) => {
                let ground = if let Some(r) = self.complaint.hearing_record() {
                    DecisionGround::HearingHeld { held_on: r.held_on }
                } else if self
                    .events
                    .iter()
                    .any(|e| matches!(e, Event::HearingOfferLapsed(_)))
                {
                    DecisionGround::HearingLapsed
                } else {
                    DecisionGround::HearingDeclined
                };
                let body = FinalDecision {
                    objection_received_on: objection_on,
                    ground,
                    complaint: registration.description.to_string(),
                    considerations: String::new(),
                    decision: d.text.to_string(),
                    verdict: None,
                    recourse: None,
                };
                (
                    d.dagtekening,
                    self.director(),
                    LetterBody::FinalDecision(body),
                )
            }
            (LetterKind::Extension, Event::DeadlineExtended(e)) => {
                let extended = match e.kind {
                    DeadlineKind::Contact => ExtendedTerm::Contact,
                    DeadlineKind::Answer => ExtendedTerm::Answer,
                    DeadlineKind::HearingOffer => ExtendedTerm::HearingInvitation,
                    DeadlineKind::FinalDecision => ExtendedTerm::FinalDecision,
                    DeadlineKind::Objection | DeadlineKind::HearingResponse => {
                        return Err(mismatch());
                    }
                };
                let body = Extension {
                    term: extended,
                    old_due: e.extension.previous_end,
                    new_due: e.extension.new_end,
                    reason: e.extension.reason.clone().unwrap_or_default(),
                };
                (
                    self.recorded_on,
                    self.handler(),
                    LetterBody::Extension(body),
                )
            }
            (LetterKind::Closed, Event::ClosedWithoutObjection(c)) => {
                let answer = self.complaint.answer().ok_or("no answer was issued")?;
                let last_day = c
                    .deadlines
                    .closed
                    .iter()
                    .find(|d| d.kind == DeadlineKind::Objection)
                    .map(|d| d.end)
                    .or_else(|| self.complaint.objection_window_end())
                    .ok_or("no objection window")?;
                let body = Closed {
                    answer_dated: answer.dagtekening,
                    objection_term: self.term(DeadlineKind::Objection),
                    last_day,
                };
                (self.recorded_on, self.handler(), LetterBody::Closed(body))
            }
            _ => return Err(mismatch()),
        })
    }
}

impl LetterMail {
    async fn send_letter(&self, app: &App, job: &Job) -> Result<(), JobError> {
        let seq = job.payload["seq"]
            .as_i64()
            .ok_or_else(|| permanent("payload has no seq"))?;
        let kind: LetterKind = job.payload["kind"]
            .as_str()
            .ok_or_else(|| permanent("payload has no kind"))?
            .parse()
            .map_err(permanent)?;
        let (id, loaded) = super::job_complaint(app, job).await?;
        let events =
            app::record::from_records(loaded.reference, &loaded.events).map_err(permanent)?;
        let position = loaded
            .events
            .iter()
            .position(|e| e.seq == seq)
            .ok_or_else(|| permanent(format!("complaint {id} has no event {seq}")))?;
        // The complaint as it stood right after the event: what the letter states.
        let complaint = Complaint::replay(&events[..=position])
            .map_err(|_| permanent("the first event is not a registration"))?;
        let regions = app.store().regions().await.map_err(transient)?;
        let registration = complaint.registration();
        let region = regions
            .iter()
            .find(|r| r.code == registration.region.as_ref());
        // Read now, so an administrator's edit counts from the next letter on, on every instance.
        let org = OrganisationDetails::current(app.store().as_ref(), &self.organisation)
            .await
            .map_err(transient)?;
        let handler = handler_signatory(
            app,
            &loaded.events[position].actor,
            &complaint,
            region,
            &org,
        )
        .await?;
        let source = Source {
            app,
            org: &org,
            complaint: &complaint,
            events: &events[..=position],
            event: &events[position],
            recorded_on: civil_date(loaded.events[position].at),
            region,
            handler,
        };
        let (date, signatory, body) = source.body(kind).map_err(permanent)?;
        let reference = loaded.reference.to_string();
        let email = registration
            .complainant
            .contact
            .email()
            .map(|e| e.to_string());
        let letter = assemble(&org, &complaint, &reference, date, signatory, body);
        // The templates in force now: an administrator's edit applies without a restart.
        let renderer = super::overrides::letters_in_force(&self.letters, app.store().as_ref())
            .await
            .map_err(transient)?;
        let pdf = tokio::task::spawn_blocking(move || renderer.render(&letter))
            .await
            .map_err(|e| transient(format!("render task: {e}")))?
            .map_err(|e| permanent(format!("letter {kind}: {e}")))?;
        let stored = app
            .store()
            .add_document(NewDocument {
                id: uuid::Uuid::now_v7(),
                complaint_id: id,
                kind: kind.as_str().to_string(),
                event_seq: seq,
                dagtekening: date,
                filename: format!("{}-{reference}.pdf", file_stem(kind)),
                bytes: pdf.bytes,
            })
            .await
            .map_err(transient)?;
        let Some(address) = email else {
            tracing::info!(complaint.reference = %reference, %kind, "letter stored; no e-mail address");
            return Ok(());
        };
        // A retry mails the document stored the first time, not this rendering.
        let document = app
            .store()
            .document(stored.id)
            .await
            .map_err(transient)?
            .ok_or_else(|| transient("stored document not found"))?;
        let title = title_nl(kind.as_str());
        let name = registration.complainant.name.to_string();
        let dated = date_nl(stored.dagtekening);
        let subject = match kind {
            LetterKind::Answer => format!("Reactie op uw klacht {reference}"),
            _ => format!("{title}: uw klacht {reference}"),
        };
        let builtin = cover(subject, &name, &reference, title, &dated, &org.name);
        // The beheerder's own wording, where there is one (see `mail_templates`).
        let values = [
            ("naam", name.clone()),
            ("kenmerk", reference.clone()),
            ("brief", title.to_owned()),
            ("datum", dated),
            ("organisatie", org.name.clone()),
        ];
        let wording = apply(
            app.store().as_ref(),
            MailKind::LetterCover,
            &values,
            builtin,
        )
        .await?;
        let settings = &self.mailer.settings;
        let mail = OutgoingMail {
            from: settings.from.clone(),
            to: vec![Mailbox::named(name, address)],
            reply_to: None,
            subject: wording.subject,
            text: wording.text,
            html: wording.html,
            message_id: settings.message_id(&format!("letter-{seq}-{kind}"), id)?,
            in_reply_to: Some(settings.message_id("receipt", id)?),
            references: vec![settings.message_id("receipt", id)?],
            attachments: vec![mail::Attachment {
                filename: document.info.filename,
                content_type: "application/pdf".into(),
                bytes: document.bytes,
            }],
            auto_submitted: true,
        };
        self.mailer.send(&mail).await
    }
}

/// The built-in cover mail of a letter.
fn cover(
    subject: String,
    name: &str,
    reference: &str,
    title: &str,
    dated: &str,
    organisation: &str,
) -> Wording {
    let text = format!(
        "Beste {name},\n\nIn de bijlage vindt u onze brief over uw klacht {reference}: \
         {title}, gedateerd {dated}. U vindt de brief ook op uw persoonlijke pagina over uw \
         klacht.\n\nMet vriendelijke groet,\n{organisation}\n"
    );
    let html = format!(
        "<p>Beste {},</p><p>In de bijlage vindt u onze brief over uw klacht {}: {}, gedateerd \
         {}. U vindt de brief ook op uw persoonlijke pagina over uw klacht.</p><p>Met \
         vriendelijke groet,<br>{}</p>",
        escape(name),
        escape(reference),
        escape(title),
        escape(dated),
        escape(organisation)
    );
    Wording {
        subject,
        text,
        html,
    }
}

/// The built-in cover mail as the beheerder's editor starts from it: each value its
/// placeholder. (The answer's own subject, "Reactie op uw klacht …", has the general form here.)
pub(crate) fn cover_template() -> Wording {
    let t = super::mail_templates::placeholder;
    cover(
        format!("{}: uw klacht {}", t("brief"), t("kenmerk")),
        &t("naam"),
        &t("kenmerk"),
        &t("brief"),
        &t("datum"),
        &t("organisatie"),
    )
}

/// A letter of `org` to the complainant of `complaint`.
fn assemble(
    org: &OrganisationDetails,
    complaint: &Complaint,
    reference: &str,
    date: Date,
    signatory: Signatory,
    body: LetterBody,
) -> Letter {
    let registration = complaint.registration();
    Letter {
        language: Language::Nl,
        sender: Organisation {
            name: org.name.clone(),
            address: parse_address(&org.address),
            phone: org.phone.clone(),
            email: org.email.clone(),
            website: Some(org.website.clone()).filter(|w| !w.trim().is_empty()),
        },
        recipient: Recipient {
            name: registration.complainant.name.to_string(),
            address: registration
                .complainant
                .address
                .as_ref()
                .map(|a| parse_address(a.as_ref())),
            email: registration
                .complainant
                .contact
                .email()
                .map(|e| e.to_string()),
            salutation: None,
        },
        place: org.place.clone(),
        date,
        reference: reference.to_owned(),
        subject: None,
        signatory,
        body,
    }
}

/// What staff typed in the answer form, for [`answer_preview`].
#[derive(Debug, Clone)]
pub struct AnswerPreview {
    pub dagtekening: Date,
    pub complaint: String,
    pub solution: String,
    /// The last day to object for this dagtekening (computed with the calendar).
    pub last_day: Date,
}

/// The answer letter a draft would make, exactly as the letter job would build it once the
/// answer is issued by `signatory` (the staff member previewing, see [`staff_signatory`]);
/// nothing is recorded. For the staff's "Voorbeeld" (PDF) button.
///
/// # Errors
/// The complaint's events cannot be read back.
pub fn answer_preview(
    app: &App,
    org: &OrganisationDetails,
    loaded: &app::Loaded,
    region: Option<&Region>,
    signatory: Signatory,
    draft: AnswerPreview,
) -> Result<Letter, app::AppError> {
    let events = app::record::from_records(loaded.reference, &loaded.events)?;
    let Some(last) = events.last() else {
        return Err(app::AppError::NotFound);
    };
    let source = Source {
        app,
        org,
        complaint: &loaded.complaint,
        events: &events,
        event: last,
        recorded_on: draft.dagtekening,
        region,
        handler: signatory,
    };
    let body = Answer {
        received_on: loaded.complaint.registration().received_on,
        complaint: draft.complaint,
        solution: draft.solution,
        objection: ObjectionRoute {
            term: source.term(DeadlineKind::Objection),
            last_day: draft.last_day,
            management: source.management(),
            hearing_term: source.term(DeadlineKind::HearingOffer),
            decision_term: source.term(DeadlineKind::FinalDecision),
        },
    };
    let reference = loaded.reference.to_string();
    Ok(assemble(
        org,
        &loaded.complaint,
        &reference,
        draft.dagtekening,
        source.handler(),
        LetterBody::Answer(body),
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directors_function_names_the_region_once() {
        for name in ["Midden", "Regio Midden", "regio Midden", " REGIO  Midden "] {
            assert_eq!(management_role(name), "Directie regio Midden", "{name:?}");
        }
        assert_eq!(
            management_role("Regionaal Noord"),
            "Directie regio Regionaal Noord"
        );
    }

    #[test]
    fn addresses_split_into_street_postcode_and_place() {
        let a = parse_address("Postbus 2045\n3800 CA Amersfoort");
        assert_eq!(a.street, "Postbus 2045");
        assert_eq!(a.postcode, "3800 CA");
        assert_eq!(a.city, "Amersfoort");
        let b = parse_address("Stationsstraat 40, 3811MK Amersfoort");
        assert_eq!(
            (b.postcode.as_str(), b.city.as_str()),
            ("3811 MK", "Amersfoort")
        );
        let c = parse_address("Dorpsstraat 1\nErgens");
        assert_eq!(
            (c.street.as_str(), c.postcode.as_str(), c.city.as_str()),
            ("Dorpsstraat 1", "", "Ergens")
        );
    }
}
