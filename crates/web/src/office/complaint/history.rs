//! The timeline as staff see it: every recorded event, oldest first, with who recorded it
//! (a staff member by name, role and id; the complainant; the system) and when (Europe/
//! Amsterdam), and its content in the page's language (what staff typed stays as typed), internal
//! notes included. The portal's timeline is the
//! complainant's selection in the complainant's voice; this one hides nothing.

use app::Loaded;
use domain::complaint::{
    Channel, ComplainantMessage, ConfirmationVia, ContactMethod, CorrespondenceChannel,
    DeadlineOutcome, Event, HearingForm, ObjectionVia, SettlementParty,
};
use jiff::civil::Date;
use store::UserRecord;

use crate::lang::Lang;
use crate::office::labels::{date_long, deadline_kind, role};
use crate::portal::explain::{moment_in, moment_iso};

/// `format!` with the Dutch or the English pattern, same arguments.
macro_rules! tf {
    ($lang:expr, $nl:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            Lang::Nl => format!($nl $(, $arg)*),
            Lang::En => format!($en $(, $arg)*),
        }
    };
}

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

pub(crate) fn entries(loaded: &Loaded, users: &[UserRecord], lang: Lang) -> Vec<Entry> {
    loaded
        .events
        .iter()
        .map(|record| {
            let who = actor(&record.actor, users, lang);
            let when = |at| (moment_in(at, lang), moment_iso(at));
            match serde_json::from_value::<Event>(record.payload.clone()) {
                Ok(event) => {
                    let (title, details, text) = describe(&event, users, lang);
                    let (when, iso) = when(event_moment(&event).unwrap_or(record.at));
                    let mut details = details;
                    if event_moment(&event).is_some() {
                        details.push(tf!(
                            lang,
                            "Vastgelegd op {}.",
                            "Recorded on {}.",
                            moment_in(record.at, lang)
                        ));
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
                    let title = tf!(
                        lang,
                        "Gebeurtenis {:?} (niet leesbaar)",
                        "Event {:?} (not readable)",
                        record.kind
                    );
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
fn actor(stored: &str, users: &[UserRecord], lang: Lang) -> String {
    if let Some((id, acted_as)) = app::record::staff_actor(stored) {
        let role = role(acted_as, lang);
        return match users.iter().find(|u| u.id.to_string() == id) {
            Some(u) => format!("{} ({role}, id {id})", u.name),
            None => tf!(
                lang,
                "medewerker {id} ({role})",
                "staff member {id} ({role})"
            ),
        };
    }
    match stored {
        "complainant" => lang.t("de klager", "the complainant").into(),
        "system" => lang.t("het systeem", "the system").into(),
        _ => stored.to_owned(),
    }
}

/// When it happened, for events that record it apart from when they were recorded (both
/// timelines show this moment).
pub(crate) fn event_moment(event: &Event) -> Option<jiff::Timestamp> {
    match event {
        Event::ComplaintRegistered(e) => Some(e.received_at),
        Event::FirstContactLogged(e) => Some(e.contacted_at),
        Event::ObjectionRegistered(e) => Some(e.received_at),
        Event::CorrespondenceReceived(e) => Some(e.received_at),
        _ => None,
    }
}

/// The hearing's form in a sentence ("telefonisch", "op kantoor"): the same words on the
/// portal's timeline.
pub(crate) fn hearing_form(f: HearingForm, lang: Lang) -> &'static str {
    match f {
        HearingForm::Phone => lang.t("telefonisch", "by phone"),
        HearingForm::Office => lang.t("op kantoor", "at the office"),
    }
}

fn outcome(o: DeadlineOutcome, lang: Lang) -> &'static str {
    match o {
        DeadlineOutcome::Met => lang.t("op tijd", "met"),
        DeadlineOutcome::Late => lang.t("te laat", "late"),
        DeadlineOutcome::Expired => lang.t("verlopen", "expired"),
        DeadlineOutcome::Cancelled => lang.t("vervallen", "cancelled"),
    }
}

/// Staff user ids by name where known: "Anna de Vries, medewerker 42…".
fn names(ids: &[domain::complaint::UserId], users: &[UserRecord], lang: Lang) -> String {
    if ids.is_empty() {
        return lang
            .t(
                "niemand (er is niemand die dit kan ontvangen)",
                "nobody (there is no one who can receive it)",
            )
            .to_owned();
    }
    ids.iter()
        .map(
            |id| match users.iter().find(|u| u.id.to_string() == id.as_ref()) {
                Some(u) => format!("{} ({})", u.name, role(u.role, lang)),
                None => tf!(lang, "medewerker {id}", "staff member {id}"),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who an alert went to, in the page's language.
fn audience(a: domain::complaint::AlertAudience, lang: Lang) -> &'static str {
    use domain::complaint::AlertAudience;
    let en = match a {
        AlertAudience::Assignee => "the assigned handler",
        AlertAudience::RegionHandlers => "the region's complaint handlers",
        AlertAudience::RegionalManagement => "the region's management",
        AlertAudience::Administrators => {
            "the administrators (the region has no one who can receive it)"
        }
    };
    lang.t(a.label_nl(), en)
}

/// Title, short facts and longer text of an event.
fn describe(event: &Event, users: &[UserRecord], lang: Lang) -> (String, Vec<String>, Vec<String>) {
    let d = |date: Date| date_long(date, lang);
    let t = |nl: &'static str, en: &'static str| -> String { lang.t(nl, en).to_owned() };
    let mut details = Vec::new();
    let mut text = Vec::new();
    let title = match event {
        Event::ComplaintRegistered(e) => {
            let via = match e.channel {
                Channel::Web => lang.t("via het klachtenformulier", "through the complaint form"),
                Channel::Email => lang.t("per e-mail", "by e-mail"),
                Channel::Phone => lang.t("telefonisch", "by phone"),
                Channel::Letter => lang.t("per brief", "by letter"),
                Channel::InPerson => lang.t("persoonlijk op kantoor", "in person at the office"),
            };
            tf!(
                lang,
                "Klacht ontvangen ({via})",
                "Complaint received ({via})"
            )
        }
        Event::FirstContactLogged(e) => {
            text.extend(
                e.note
                    .as_ref()
                    .map(|n| tf!(lang, "Notitie: {n}", "Note: {n}")),
            );
            match e.via {
                ContactMethod::Phone => t(
                    "Contact opgenomen met de klager (telefonisch)",
                    "Contacted the complainant (by phone)",
                ),
                ContactMethod::Email => t(
                    "Contact opgenomen met de klager (per e-mail)",
                    "Contacted the complainant (by e-mail)",
                ),
            }
        }
        Event::AnswerIssued(e) => {
            text.extend([
                e.complaint_as_understood.to_string(),
                e.proposed_solution.to_string(),
                e.further_procedure.to_string(),
            ]);
            tf!(
                lang,
                "Schriftelijke reactie verstuurd (dagtekening {})",
                "Written answer sent (dated {})",
                d(e.dagtekening)
            )
        }
        Event::ObjectionRegistered(e) => {
            if e.late {
                details.push(tf!(
                    lang,
                    "Te laat: de bezwaartermijn liep tot en met {}.",
                    "Late: the objection term ran until and including {}.",
                    d(e.window_end)
                ));
            }
            text.push(e.text.to_string());
            let via = match e.via {
                ObjectionVia::Portal => {
                    lang.t("via de persoonlijke pagina", "through the personal page")
                }
                ObjectionVia::Letter => lang.t("per brief", "by letter"),
                ObjectionVia::Email => lang.t("per e-mail", "by e-mail"),
                ObjectionVia::Phone => lang.t("telefonisch", "by phone"),
            };
            tf!(
                lang,
                "Bezwaar ontvangen ({via})",
                "Objection received ({via})"
            )
        }
        Event::LateObjectionTakenUp(e) => {
            details.push(tf!(lang, "Reden: {}", "Reason: {}", e.reason));
            t(
                "Te laat bezwaar toch in behandeling genomen",
                "Late objection taken up nonetheless",
            )
        }
        Event::LateObjectionNotTakenUp(e) => {
            details.push(tf!(lang, "Reden: {}", "Reason: {}", e.reason));
            t(
                "Te laat bezwaar niet in behandeling genomen",
                "Late objection not taken up",
            )
        }
        Event::HearingOffered(e) => {
            let forms: Vec<&str> = e.forms.iter().map(|f| hearing_form(*f, lang)).collect();
            details.push(tf!(
                lang,
                "Vorm: {}.",
                "Form: {}.",
                forms.join(lang.t(" of ", " or "))
            ));
            let moments: Vec<String> = e
                .proposed_moments
                .iter()
                .map(|m| moment_in(*m, lang))
                .collect();
            details.push(tf!(
                lang,
                "Voorgestelde momenten: {}.",
                "Proposed moments: {}.",
                moments.join("; ")
            ));
            if e.employee_invited {
                details.push(t(
                    "De medewerker op wie de klacht zich toespitst is uitgenodigd.",
                    "The employee the complaint concerns is invited.",
                ));
            }
            t(
                "Uitnodiging voor een mondelinge toelichting",
                "Invitation to explain orally",
            )
        }
        Event::HearingScheduled(e) => {
            if e.employee_present {
                details.push(t(
                    "De medewerker op wie de klacht zich toespitst is erbij.",
                    "The employee the complaint concerns will be present.",
                ));
            }
            tf!(
                lang,
                "Gesprek gepland, {}: {}",
                "Conversation planned, {}: {}",
                hearing_form(e.form, lang),
                moment_in(e.moment, lang)
            )
        }
        Event::HearingDeclined(e) => {
            details.extend(
                e.reason
                    .as_ref()
                    .map(|r| tf!(lang, "Reden: {r}", "Reason: {r}")),
            );
            t(
                "De klager ziet af van een mondelinge toelichting",
                "The complainant declines an oral explanation",
            )
        }
        Event::HearingOfferLapsed(e) => tf!(
            lang,
            "Uitnodiging verlopen zonder reactie (termijn tot en met {})",
            "Invitation lapsed without a response (term until and including {})",
            d(e.response_window_end)
        ),
        Event::HearingRecorded(e) => {
            let names: Vec<String> = e.attendees.iter().map(ToString::to_string).collect();
            details.push(tf!(lang, "Aanwezig: {}.", "Present: {}.", names.join(", ")));
            text.push(tf!(
                lang,
                "Toelichting van de klager: {}",
                "The complainant's explanation: {}",
                e.complainant_account
            ));
            text.extend(e.employee_account.as_ref().map(|a| {
                tf!(
                    lang,
                    "Toelichting van de medewerker: {a}",
                    "The employee's explanation: {a}"
                )
            }));
            text.extend(
                e.proposal
                    .as_ref()
                    .map(|p| tf!(lang, "Voorstel: {p}", "Proposal: {p}")),
            );
            text.push(tf!(
                lang,
                "Reactie van de klager: {}",
                "The complainant's reaction: {}",
                e.complainant_reaction
            ));
            text.push(match &e.settlement {
                Some(s) => tf!(lang, "Afspraak: {s}", "Agreement: {s}"),
                None => t(
                    "Geen afspraak die beide partijen tevredenstelt.",
                    "No agreement that satisfies both parties.",
                ),
            });
            tf!(
                lang,
                "Gesprek gehouden en vastgelegd ({}, {})",
                "Conversation held and recorded ({}, {})",
                hearing_form(e.form, lang),
                d(e.held_on)
            )
        }
        Event::ClosedAfterHearing(_) => t(
            "Afgehandeld na het gesprek",
            "Handled after the conversation",
        ),
        Event::SettlementConfirmed(e) => match e.party {
            SettlementParty::Organisation => t(
                "Afhandeling bevestigd door de organisatie",
                "Settlement confirmed by the organisation",
            ),
            SettlementParty::Complainant {
                via: ConfirmationVia::Portal,
            } => t(
                "Afhandeling bevestigd door de klager (via de persoonlijke pagina)",
                "Settlement confirmed by the complainant (through the personal page)",
            ),
            SettlementParty::Complainant {
                via: ConfirmationVia::PaperCopy,
            } => t(
                "Afhandeling bevestigd door de klager (ondertekend papieren exemplaar)",
                "Settlement confirmed by the complainant (signed paper copy)",
            ),
        },
        Event::ComplaintSettled(_) => t(
            "Klacht in overleg afgehandeld",
            "Complaint settled by agreement",
        ),
        Event::FinalDecisionIssued(e) => {
            text.push(e.text.to_string());
            tf!(
                lang,
                "Definitieve beslissing verstuurd (dagtekening {})",
                "Final decision sent (dated {})",
                d(e.dagtekening)
            )
        }
        Event::ClosedWithoutObjection(_) => t(
            "Afgehandeld: geen bezwaar binnen de termijn",
            "Handled: no objection within the term",
        ),
        Event::ComplaintWithdrawn(e) => {
            details.extend(
                e.reason
                    .as_ref()
                    .map(|r| tf!(lang, "Reden: {r}", "Reason: {r}")),
            );
            t("Klacht ingetrokken", "Complaint withdrawn")
        }
        Event::ClosedAsNotAComplaint(e) => {
            details.push(tf!(lang, "Reden: {}", "Reason: {}", e.reason));
            details.extend(
                e.referral
                    .as_ref()
                    .map(|r| tf!(lang, "Doorverwezen naar: {r}", "Referred to: {r}")),
            );
            t(
                "Afgesloten: geen klacht in de zin van deze procedure",
                "Closed: not a complaint within the meaning of this procedure",
            )
        }
        Event::DeadlineExtended(e) => {
            details.extend(
                e.extension
                    .reason
                    .as_ref()
                    .map(|r| tf!(lang, "Reden: {r}", "Reason: {r}")),
            );
            tf!(
                lang,
                "Termijn voor {} verlengd van {} tot {}",
                "Term for {} extended from {} to {}",
                deadline_kind(e.kind, lang),
                d(e.extension.previous_end),
                d(e.extension.new_end)
            )
        }
        Event::ComplainantMessageDue(m) => match m {
            ComplainantMessage::DeadlineExtended { new_end, .. } => tf!(
                lang,
                "Bericht aan de klager klaargezet: termijn verlengd tot {}",
                "Message to the complainant prepared: term extended to {}",
                d(*new_end)
            ),
            ComplainantMessage::ClosedWithoutObjection => t(
                "Bericht aan de klager klaargezet: afgehandeld zonder bezwaar",
                "Message to the complainant prepared: handled without objection",
            ),
            ComplainantMessage::ConfirmObjectionInWriting => t(
                "Bericht aan de klager klaargezet: verzoek het telefonische bezwaar schriftelijk te bevestigen",
                "Message to the complainant prepared: request to confirm the phoned objection in writing",
            ),
        },
        Event::ComplaintReassigned(e) => tf!(
            lang,
            "Toegewezen aan behandelaar {}",
            "Assigned to handler {}",
            e.to
        ),
        Event::EmployeeAccountLinked(e) => match &e.user {
            Some(user) => tf!(
                lang,
                "Account van de medewerker om wie het gaat gekoppeld: {}",
                "Account of the employee concerned linked: {}",
                user
            ),
            None => t(
                "Koppeling met het account van de medewerker om wie het gaat opgeheven",
                "Link to the account of the employee concerned removed",
            ),
        },
        Event::CorrespondenceReceived(e) => {
            let via = match e.channel {
                CorrespondenceChannel::Email => lang.t("per e-mail", "by e-mail"),
                CorrespondenceChannel::Portal => {
                    lang.t("via de persoonlijke pagina", "through the personal page")
                }
                CorrespondenceChannel::Letter => lang.t("per brief", "by letter"),
                CorrespondenceChannel::Phone => lang.t("telefonisch", "by phone"),
            };
            details.extend(
                e.subject
                    .as_ref()
                    .map(|s| tf!(lang, "Onderwerp: {s}", "Subject: {s}")),
            );
            if !e.attachments.is_empty() {
                details.push(tf!(
                    lang,
                    "Bijlagen: {}.",
                    "Attachments: {}.",
                    e.attachments.join(", ")
                ));
            }
            text.push(e.text.to_string());
            let from = if e.from_complainant {
                lang.t("van de klager", "from the complainant")
            } else {
                lang.t(
                    "van een ander dan de klager",
                    "from someone other than the complainant",
                )
            };
            tf!(
                lang,
                "Bericht {from} ontvangen ({via})",
                "Message {from} received ({via})"
            )
        }
        Event::DeadlineReminderSent(a) => {
            details.push(tf!(
                lang,
                "Herinnering aan {}: {}.",
                "Reminder to {}: {}.",
                audience(a.audience, lang),
                names(&a.to, users, lang)
            ));
            tf!(
                lang,
                "Herinnering: de termijn voor {} loopt af op {}",
                "Reminder: the term for {} ends on {}",
                deadline_kind(a.kind, lang),
                d(a.end)
            )
        }
        Event::DeadlineEscalated(a) => {
            details.push(tf!(
                lang,
                "Gemeld aan {}: {}.",
                "Reported to {}: {}.",
                audience(a.audience, lang),
                names(&a.to, users, lang)
            ));
            tf!(
                lang,
                "Termijn gemist: {} (laatste dag {})",
                "Term missed: {} (last day {})",
                deadline_kind(a.kind, lang),
                d(a.end)
            )
        }
    };
    if let Some(changes) = event.deadline_changes() {
        for c in &changes.closed {
            details.push(tf!(
                lang,
                "Termijn {} afgesloten: {} (laatste dag {}).",
                "Term {} closed: {} (last day {}).",
                deadline_kind(c.kind, lang),
                outcome(c.outcome, lang),
                d(c.end)
            ));
        }
        for o in &changes.opened {
            details.push(tf!(
                lang,
                "Termijn {} gestart: uiterlijk {}.",
                "Term {} started: by {} at the latest.",
                deadline_kind(o.kind, lang),
                d(o.end())
            ));
        }
    }
    (title, details, text)
}
