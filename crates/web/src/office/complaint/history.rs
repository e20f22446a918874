//! The timeline as staff see it: every recorded event, oldest first, with who recorded it
//! (a staff member by name, role and id; the complainant; the system) and when (Europe/
//! Amsterdam), and its content in Dutch, internal notes included. The portal's timeline is the
//! complainant's selection in the complainant's voice; this one hides nothing.

use app::Loaded;
use domain::complaint::{
    Channel, ComplainantMessage, ConfirmationVia, ContactMethod, CorrespondenceChannel,
    DeadlineOutcome, Event, HearingForm, ObjectionVia, SettlementParty, date_nl,
};
use store::UserRecord;

use crate::lang::Lang;
use crate::portal::explain::{moment_in, moment_iso};

/// One event on the page.
#[derive(Debug)]
pub(crate) struct Entry {
    pub when: String,
    pub iso: String,
    /// "Anna de Vries (klachtbehandelaar, id …)", "de klager", "het systeem".
    pub who: String,
    pub title: String,
    pub details: Vec<String>,
    /// A text recorded with the event (answer, objection, decision, message).
    pub text: Vec<String>,
}

pub(crate) fn entries(loaded: &Loaded, users: &[UserRecord]) -> Vec<Entry> {
    loaded
        .events
        .iter()
        .map(|record| {
            let who = actor(&record.actor, users);
            let when = |at| (moment_in(at, Lang::Nl), moment_iso(at));
            match serde_json::from_value::<Event>(record.payload.clone()) {
                Ok(event) => {
                    let (title, details, text) = describe(&event, users);
                    let (when, iso) = when(event_moment(&event).unwrap_or(record.at));
                    let mut details = details;
                    if event_moment(&event).is_some() {
                        details.push(format!("Vastgelegd op {}.", moment_in(record.at, Lang::Nl)));
                    }
                    Entry {
                        when,
                        iso,
                        who,
                        title,
                        details,
                        text,
                    }
                }
                // `App::load` read every event already; keep the line rather than hide it.
                Err(_) => {
                    let (when, iso) = when(record.at);
                    let title = format!("Gebeurtenis {:?} (niet leesbaar)", record.kind);
                    Entry {
                        when,
                        iso,
                        who,
                        title,
                        details: Vec::new(),
                        text: Vec::new(),
                    }
                }
            }
        })
        .collect()
}

/// The stored actor (`staff:<id>:<role>`, `complainant`, `system`) in words.
fn actor(stored: &str, users: &[UserRecord]) -> String {
    match stored.split(':').collect::<Vec<_>>().as_slice() {
        ["staff", id, role] => match users.iter().find(|u| u.id.to_string() == *id) {
            Some(u) => format!("{} ({role}, id {id})", u.name),
            None => format!("medewerker {id} ({role})"),
        },
        ["complainant"] => "de klager".into(),
        ["system"] => "het systeem".into(),
        _ => stored.to_owned(),
    }
}

/// When it happened, for events that record it apart from when they were recorded.
fn event_moment(event: &Event) -> Option<jiff::Timestamp> {
    match event {
        Event::ComplaintRegistered(e) => Some(e.received_at),
        Event::FirstContactLogged(e) => Some(e.contacted_at),
        Event::ObjectionRegistered(e) => Some(e.received_at),
        Event::CorrespondenceReceived(e) => Some(e.received_at),
        _ => None,
    }
}

fn form(f: HearingForm) -> &'static str {
    match f {
        HearingForm::Phone => "telefonisch",
        HearingForm::Office => "op kantoor",
    }
}

fn outcome(o: DeadlineOutcome) -> &'static str {
    match o {
        DeadlineOutcome::Met => "op tijd",
        DeadlineOutcome::Late => "te laat",
        DeadlineOutcome::Expired => "verlopen",
        DeadlineOutcome::Cancelled => "vervallen",
    }
}

/// Staff user ids by name where known: "Anna de Vries, medewerker 42…".
fn names(ids: &[domain::complaint::UserId], users: &[UserRecord]) -> String {
    if ids.is_empty() {
        return "niemand (er is niemand die dit kan ontvangen)".into();
    }
    ids.iter()
        .map(
            |id| match users.iter().find(|u| u.id.to_string() == id.as_ref()) {
                Some(u) => format!("{} ({})", u.name, u.role.label_nl()),
                None => format!("medewerker {id}"),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// Title, short facts and longer text of an event.
fn describe(event: &Event, users: &[UserRecord]) -> (String, Vec<String>, Vec<String>) {
    let mut details = Vec::new();
    let mut text = Vec::new();
    let title = match event {
        Event::ComplaintRegistered(e) => {
            let via = match e.channel {
                Channel::Web => "via het klachtenformulier",
                Channel::Email => "per e-mail",
                Channel::Phone => "telefonisch",
                Channel::Letter => "per brief",
                Channel::InPerson => "persoonlijk op kantoor",
            };
            format!("Klacht ontvangen ({via})")
        }
        Event::FirstContactLogged(e) => {
            text.extend(e.note.as_ref().map(|n| format!("Notitie: {n}")));
            match e.via {
                ContactMethod::Phone => "Contact opgenomen met de klager (telefonisch)".into(),
                ContactMethod::Email => "Contact opgenomen met de klager (per e-mail)".into(),
            }
        }
        Event::AnswerIssued(e) => {
            text.extend([e.complaint_as_understood.to_string(), e.proposed_solution.to_string(), e.further_procedure.to_string()]);
            format!("Schriftelijke reactie verstuurd (dagtekening {})", date_nl(e.dagtekening))
        }
        Event::ObjectionRegistered(e) => {
            if e.late {
                details.push(format!("Te laat: de bezwaartermijn liep tot en met {}.", date_nl(e.window_end)));
            }
            text.push(e.text.to_string());
            let via = match e.via {
                ObjectionVia::Portal => "via de persoonlijke pagina",
                ObjectionVia::Letter => "per brief",
                ObjectionVia::Email => "per e-mail",
                ObjectionVia::Phone => "telefonisch",
            };
            format!("Bezwaar ontvangen ({via})")
        }
        Event::LateObjectionTakenUp(e) => {
            details.push(format!("Reden: {}", e.reason));
            "Te laat bezwaar toch in behandeling genomen".into()
        }
        Event::LateObjectionNotTakenUp(e) => {
            details.push(format!("Reden: {}", e.reason));
            "Te laat bezwaar niet in behandeling genomen".into()
        }
        Event::HearingOffered(e) => {
            let forms: Vec<&str> = e.forms.iter().map(|f| form(*f)).collect();
            details.push(format!("Vorm: {}.", forms.join(" of ")));
            let moments: Vec<String> = e.proposed_moments.iter().map(|m| moment_in(*m, Lang::Nl)).collect();
            details.push(format!("Voorgestelde momenten: {}.", moments.join("; ")));
            if e.employee_invited {
                details.push("De medewerker op wie de klacht zich toespitst is uitgenodigd.".into());
            }
            "Uitnodiging voor een mondelinge toelichting".into()
        }
        Event::HearingScheduled(e) => {
            if e.employee_present {
                details.push("De medewerker op wie de klacht zich toespitst is erbij.".into());
            }
            format!("Gesprek gepland, {}: {}", form(e.form), moment_in(e.moment, Lang::Nl))
        }
        Event::HearingDeclined(e) => {
            details.extend(e.reason.as_ref().map(|r| format!("Reden: {r}")));
            "De klager ziet af van een mondelinge toelichting".into()
        }
        Event::HearingOfferLapsed(e) => format!("Uitnodiging verlopen zonder reactie (termijn tot en met {})", date_nl(e.response_window_end)),
        Event::HearingRecorded(e) => {
            let names: Vec<String> = e.attendees.iter().map(ToString::to_string).collect();
            details.push(format!("Aanwezig: {}.", names.join(", ")));
            text.push(format!("Toelichting van de klager: {}", e.complainant_account));
            text.extend(e.employee_account.as_ref().map(|a| format!("Toelichting van de medewerker: {a}")));
            text.extend(e.proposal.as_ref().map(|p| format!("Voorstel: {p}")));
            text.push(format!("Reactie van de klager: {}", e.complainant_reaction));
            text.push(match &e.settlement {
                Some(s) => format!("Afspraak: {s}"),
                None => "Geen afspraak die beide partijen tevredenstelt.".into(),
            });
            format!("Gesprek gehouden en vastgelegd ({}, {})", form(e.form), date_nl(e.held_on))
        }
        Event::ClosedAfterHearing(_) => "Afgehandeld na het gesprek".into(),
        Event::SettlementConfirmed(e) => match e.party {
            SettlementParty::Organisation => "Afhandeling bevestigd door de organisatie".into(),
            SettlementParty::Complainant { via: ConfirmationVia::Portal } => "Afhandeling bevestigd door de klager (via de persoonlijke pagina)".into(),
            SettlementParty::Complainant { via: ConfirmationVia::PaperCopy } => "Afhandeling bevestigd door de klager (ondertekend papieren exemplaar)".into(),
        },
        Event::ComplaintSettled(_) => "Klacht in overleg afgehandeld".into(),
        Event::FinalDecisionIssued(e) => {
            text.push(e.text.to_string());
            format!("Definitieve beslissing verstuurd (dagtekening {})", date_nl(e.dagtekening))
        }
        Event::ClosedWithoutObjection(_) => "Afgehandeld: geen bezwaar binnen de termijn".into(),
        Event::ComplaintWithdrawn(e) => {
            details.extend(e.reason.as_ref().map(|r| format!("Reden: {r}")));
            "Klacht ingetrokken".into()
        }
        Event::ClosedAsNotAComplaint(e) => {
            details.push(format!("Reden: {}", e.reason));
            details.extend(e.referral.as_ref().map(|r| format!("Doorverwezen naar: {r}")));
            "Afgesloten: geen klacht in de zin van deze procedure".into()
        }
        Event::DeadlineExtended(e) => {
            details.extend(e.extension.reason.as_ref().map(|r| format!("Reden: {r}")));
            format!("Termijn voor {} verlengd van {} tot {}", e.kind.label_nl(), date_nl(e.extension.previous_end), date_nl(e.extension.new_end))
        }
        Event::ComplainantMessageDue(m) => match m {
            ComplainantMessage::DeadlineExtended { new_end, .. } => format!("Bericht aan de klager klaargezet: termijn verlengd tot {}", date_nl(*new_end)),
            ComplainantMessage::ClosedWithoutObjection => "Bericht aan de klager klaargezet: afgehandeld zonder bezwaar".into(),
            ComplainantMessage::ConfirmObjectionInWriting => "Bericht aan de klager klaargezet: verzoek het telefonische bezwaar schriftelijk te bevestigen".into(),
        },
        Event::ComplaintReassigned(e) => format!("Toegewezen aan behandelaar {}", e.to),
        Event::CorrespondenceReceived(e) => {
            let via = match e.channel {
                CorrespondenceChannel::Email => "per e-mail",
                CorrespondenceChannel::Portal => "via de persoonlijke pagina",
                CorrespondenceChannel::Letter => "per brief",
                CorrespondenceChannel::Phone => "telefonisch",
            };
            details.extend(e.subject.as_ref().map(|s| format!("Onderwerp: {s}")));
            if !e.attachments.is_empty() {
                details.push(format!("Bijlagen: {}.", e.attachments.join(", ")));
            }
            text.push(e.text.to_string());
            let from = if e.from_complainant { "van de klager" } else { "van een ander dan de klager" };
            format!("Bericht {from} ontvangen ({via})")
        }
        Event::DeadlineReminderSent(a) => {
            details.push(format!("Herinnering aan {}: {}.", a.audience.label_nl(), names(&a.to, users)));
            format!("Herinnering: de termijn voor {} loopt af op {}", a.kind.label_nl(), date_nl(a.end))
        }
        Event::DeadlineEscalated(a) => {
            details.push(format!("Gemeld aan {}: {}.", a.audience.label_nl(), names(&a.to, users)));
            format!("Termijn gemist: {} (laatste dag {})", a.kind.label_nl(), date_nl(a.end))
        }
    };
    if let Some(changes) = event.deadline_changes() {
        for c in &changes.closed {
            details.push(format!(
                "Termijn {} afgesloten: {} (laatste dag {}).",
                c.kind.label_nl(),
                outcome(c.outcome),
                date_nl(c.end)
            ));
        }
        for o in &changes.opened {
            details.push(format!(
                "Termijn {} gestart: uiterlijk {}.",
                o.kind.label_nl(),
                date_nl(o.end())
            ));
        }
    }
    (title, details, text)
}
