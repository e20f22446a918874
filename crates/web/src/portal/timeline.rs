//! What happened, as the complainant may see it: each recorded event becomes a sentence, or
//! nothing. Decided per event kind, with hiding as the default: staff notes, staff user ids,
//! reassignments, the mechanics of messaging and any kind this module does not know (a newer
//! event added later) stay out. The actor of an event is never shown.
//!
//! A message the complainant sent through this page is shown in full, with links to the files
//! that came with it (theirs to download, see `access`).

use app::Loaded;
use domain::complaint::{
    Channel, ConfirmationVia, ContactMethod, CorrespondenceReceived, Event, HearingForm,
    ObjectionVia, SettlementParty,
};
use jiff::Timestamp;

use super::explain::{date_in, moment_in, moment_iso};
use crate::lang::Lang;
use crate::office::complaint::history::{event_moment, hearing_form};

/// One line of the timeline.
#[derive(Debug)]
pub(super) struct Entry {
    /// "maandag 13 april 2026, 10:00".
    pub when: String,
    /// For `<time datetime>`.
    pub iso: String,
    pub title: String,
    /// Short facts under the title.
    pub details: Vec<String>,
    /// A letter's text the complainant received, or their own message (shown folded).
    pub text: Option<Folded>,
    /// Files that came with the complainant's own message, to download.
    pub files: Vec<FileLink>,
}

/// A file to download from the timeline.
#[derive(Debug)]
pub(super) struct FileLink {
    pub name: String,
    pub href: String,
}

/// A longer text behind a `<details>` summary.
#[derive(Debug)]
pub(super) struct Folded {
    pub summary: &'static str,
    pub paragraphs: Vec<String>,
}

/// The visible events, oldest first. An event that cannot be read is left out (and logged):
/// `App::load` already read them all, so this does not happen in practice. `token` is the
/// link's, for the download links.
pub(super) fn entries(loaded: &Loaded, token: &str, lang: Lang) -> Vec<Entry> {
    loaded
        .events
        .iter()
        .filter_map(|record| {
            let event: Event = match serde_json::from_value(record.payload.clone()) {
                Ok(e) => e,
                Err(e) => {
                    tracing::warn!(complaint.id = %loaded.id, seq = record.seq, error = %e, "unreadable event");
                    return None;
                }
            };
            if let Event::CorrespondenceReceived(e) = &event
                && e.channel == domain::complaint::CorrespondenceChannel::Portal
                && e.from_complainant
                && record.actor == "complainant"
            {
                let files = super::message::sent_files(loaded.id, &record.actor, e);
                return Some(own_message(e, files, token, lang));
            }
            entry(&event, record.at, lang)
        })
        .collect()
}

/// A message the complainant sent through this page: its text and files.
fn own_message(
    e: &CorrespondenceReceived,
    files: Vec<(store::AttachmentId, String)>,
    token: &str,
    lang: Lang,
) -> Entry {
    Entry {
        when: moment_in(e.received_at, lang),
        iso: moment_iso(e.received_at),
        title: lang
            .t(
                "Bericht van u ontvangen (via deze pagina)",
                "Message from you received (through this page)",
            )
            .to_owned(),
        details: Vec::new(),
        text: Some(Folded {
            summary: lang.t("Lees uw bericht", "Read your message"),
            paragraphs: e
                .text
                .as_ref()
                .split("\n\n")
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect(),
        }),
        files: files
            .into_iter()
            .map(|(id, name)| FileLink {
                href: format!("/mijn-klacht/{token}/bijlage/{id}"),
                name,
            })
            .collect(),
    }
}

pub(super) fn form_label(form: HearingForm, lang: Lang) -> &'static str {
    match form {
        HearingForm::Phone => lang.t("Telefonisch", "By phone"),
        HearingForm::Office => lang.t("Op ons kantoor", "At our office"),
    }
}

fn entry(event: &Event, at: Timestamp, lang: Lang) -> Option<Entry> {
    let t = |nl: &str, en: &str| lang.t(nl, en).to_owned();
    let mut details = Vec::new();
    let mut text = None;
    let title = match event {
        Event::ComplaintRegistered(e) => {
            let via = match e.channel {
                Channel::Web => t("via het klachtenformulier", "through the complaint form"),
                Channel::Email => t("per e-mail", "by e-mail"),
                Channel::Phone => t("telefonisch", "by phone"),
                Channel::Letter => t("per brief", "by letter"),
                Channel::InPerson => t("op kantoor", "in person"),
            };
            format!("{} ({via})", t("Klacht ontvangen", "Complaint received"))
        }
        Event::FirstContactLogged(e) => {
            // The note is the handler's own: not shown.
            match e.via {
                ContactMethod::Phone => t(
                    "Contact opgenomen (telefonisch)",
                    "We contacted you (by phone)",
                ),
                ContactMethod::Email => t(
                    "Contact opgenomen (per e-mail)",
                    "We contacted you (by e-mail)",
                ),
            }
        }
        Event::AnswerIssued(e) => {
            text = Some(Folded {
                summary: lang.t("Lees de reactie", "Read the answer"),
                paragraphs: vec![
                    e.complaint_as_understood.to_string(),
                    e.proposed_solution.to_string(),
                    e.further_procedure.to_string(),
                ],
            });
            format!(
                "{} {})",
                t(
                    "Schriftelijke reactie verstuurd (dagtekening",
                    "Written answer sent (dated"
                ),
                date_in(e.dagtekening, lang)
            )
        }
        Event::ObjectionRegistered(e) => {
            if e.late {
                details.push(format!(
                    "{} {}. {}",
                    t("Dit bezwaar kwam binnen na de laatste dag van de bezwaartermijn,", "This objection arrived after the last day to object,"),
                    date_in(e.window_end, lang),
                    t(
                        "Het is geregistreerd; de directie van de regio beslist of het nog in behandeling wordt genomen.",
                        "It has been registered; the region's management decides whether it is still taken up.",
                    )
                ));
            }
            match e.via {
                ObjectionVia::Portal => t(
                    "Bezwaar ontvangen (via deze pagina)",
                    "Objection received (through this page)",
                ),
                ObjectionVia::Letter => t(
                    "Bezwaar ontvangen (per brief)",
                    "Objection received (by letter)",
                ),
                ObjectionVia::Email => t(
                    "Bezwaar ontvangen (per e-mail)",
                    "Objection received (by e-mail)",
                ),
                ObjectionVia::Phone => t(
                    "Bezwaar ontvangen (telefonisch)",
                    "Objection received (by phone)",
                ),
            }
        }
        Event::LateObjectionTakenUp(e) => {
            details.push(e.reason.to_string());
            t(
                "Uw te late bezwaar wordt toch in behandeling genomen",
                "Your late objection is taken up after all",
            )
        }
        Event::LateObjectionNotTakenUp(e) => {
            details.push(e.reason.to_string());
            t(
                "Uw te late bezwaar wordt niet meer in behandeling genomen",
                "Your late objection is not taken up",
            )
        }
        Event::HearingOffered(_) => t(
            "Uitgenodigd om uw bezwaar mondeling toe te lichten",
            "Invited to explain your objection orally",
        ),
        Event::HearingScheduled(e) => {
            if e.employee_present {
                details.push(t(
                    "De medewerker om wie het gaat is erbij.",
                    "The employee concerned attends.",
                ));
            }
            format!(
                "{} {}: {}",
                t("Gesprek gepland", "Conversation planned"),
                hearing_form(e.form, lang),
                moment_in(e.moment, lang)
            )
        }
        // A reason typed by staff for the complainant's choice is not shown.
        Event::HearingDeclined(_) => t(
            "Afgezien van een mondelinge toelichting",
            "Oral explanation declined",
        ),
        Event::HearingOfferLapsed(_) => t(
            "De uitnodiging voor een mondelinge toelichting is verlopen zonder reactie",
            "The invitation to explain orally lapsed without an answer",
        ),
        Event::HearingRecorded(e) => {
            if let Some(s) = &e.settlement {
                details.push(format!("{} {s}", t("Afspraak:", "Settlement:")));
            } else {
                details.push(t(
                    "Er is geen afspraak gemaakt die u en ons beiden tevredenstelt.",
                    "No settlement satisfying both of us was reached.",
                ));
            }
            format!(
                "{} ({}, {})",
                t(
                    "Gesprek gehouden en vastgelegd",
                    "Conversation held and recorded"
                ),
                hearing_form(e.form, lang),
                date_in(e.held_on, lang)
            )
        }
        Event::ClosedAfterHearing(_) => t(
            "Klacht afgehandeld na het gesprek",
            "Complaint handled after the conversation",
        ),
        Event::SettlementConfirmed(e) => match e.party {
            SettlementParty::Organisation => {
                t("Afspraak bevestigd door ons", "Settlement confirmed by us")
            }
            SettlementParty::Complainant {
                via: ConfirmationVia::Portal,
            } => t(
                "Afspraak bevestigd door u (via deze pagina)",
                "Settlement confirmed by you (through this page)",
            ),
            SettlementParty::Complainant {
                via: ConfirmationVia::PaperCopy,
            } => t(
                "Afspraak bevestigd door u (ondertekend exemplaar)",
                "Settlement confirmed by you (signed copy)",
            ),
        },
        Event::ComplaintSettled(_) => t("Klacht in overleg afgehandeld", "Complaint settled"),
        Event::FinalDecisionIssued(e) => {
            text = Some(Folded {
                summary: lang.t("Lees de beslissing", "Read the decision"),
                paragraphs: vec![e.text.to_string()],
            });
            format!(
                "{} {})",
                t(
                    "Definitieve beslissing verstuurd (dagtekening",
                    "Final decision sent (dated"
                ),
                date_in(e.dagtekening, lang)
            )
        }
        Event::ClosedWithoutObjection(_) => t(
            "Klacht afgehandeld: er kwam geen bezwaar binnen de termijn",
            "Complaint handled: no objection arrived in time",
        ),
        Event::ComplaintWithdrawn(_) => t("Klacht ingetrokken", "Complaint withdrawn"),
        Event::ClosedAsNotAComplaint(e) => {
            details.push(e.reason.to_string());
            if let Some(r) = &e.referral {
                details.push(format!("{} {r}", t("Doorverwezen naar:", "Referred to:")));
            }
            t(
                "Afgesloten: dit valt niet onder de klachtenprocedure",
                "Closed: this is not a complaint under the procedure",
            )
        }
        Event::DeadlineExtended(e) => {
            if let Some(r) = &e.extension.reason {
                details.push(format!("{} {r}", t("Reden:", "Reason:")));
            }
            format!(
                "{} {}",
                t("Termijn verlengd tot", "Term extended to"),
                date_in(e.extension.new_end, lang)
            )
        }
        // Internal: which messages are due, who handles the complaint and which staff account
        // the complaint is about.
        // Messages from the complainant, by subject; others' (a colleague, a third party) are
        // internal.
        Event::CorrespondenceReceived(e) if e.from_complainant => {
            if let Some(subject) = &e.subject {
                details.push(format!("{} {subject}", t("Onderwerp:", "Subject:")));
            }
            t("Bericht van u ontvangen", "Message from you received")
        }
        // The deadline watch's reminders and escalations are the organisation's internal
        // bookkeeping; the complainant sees the deadlines themselves, and any extension.
        Event::CorrespondenceReceived(_)
        | Event::ComplainantMessageDue(_)
        | Event::ComplaintReassigned(_)
        | Event::EmployeeAccountLinked(_)
        | Event::DeadlineReminderSent(_)
        | Event::DeadlineEscalated(_) => return None,
    };
    let when = event_moment(event).unwrap_or(at);
    Some(Entry {
        when: moment_in(when, lang),
        iso: moment_iso(when),
        title,
        details,
        text,
        files: Vec::new(),
    })
}
