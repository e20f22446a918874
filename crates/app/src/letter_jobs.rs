//! Which letters a step's events require, decided here, without I/O, in one place: the jobs are
//! written by the store in the same transaction as the events, and the `letter.send` handler
//! (in `web::notify`) renders, stores and mails each letter.
//!
//! The letter kinds are named as `letters::LetterKind::as_str` names them (this crate does not
//! depend on the typesetting crate); the handler parses them back.

use domain::complaint::Event;
use domain::procedure::DeadlineKind;
use jiff::Timestamp;
use store::{ComplaintId, NewJob};

/// The job that renders, stores and mails one letter. Payload:
/// `{"complaint_id": "<uuid>", "seq": <event seq>, "kind": "<letter kind>"}`.
pub const LETTER_JOB: &str = "letter.send";

/// The letters `event` requires, by kind name.
///
/// - answer issued → `answer`; hearing offered → `hearing_invitation`;
/// - hearing recorded → `hearing_record`, and `settlement` when it records a settlement;
/// - final decision → `final_decision`; closed without objection → `closed`;
/// - a deadline extended → `extension`, for the organisation's terms the extension letter
///   states (contact, answer, hearing offer, final decision). The complainant's own windows
///   (objection, hearing response) have no letter template; the portal shows their new end.
pub fn letters_for(event: &Event) -> Vec<&'static str> {
    match event {
        Event::AnswerIssued(_) => vec!["answer"],
        Event::HearingOffered(_) => vec!["hearing_invitation"],
        Event::HearingRecorded(r) if r.settlement.is_some() => {
            vec!["hearing_record", "settlement"]
        }
        Event::HearingRecorded(_) => vec!["hearing_record"],
        Event::FinalDecisionIssued(_) => vec!["final_decision"],
        Event::ClosedWithoutObjection(_) => vec!["closed"],
        Event::DeadlineExtended(e) => match e.kind {
            DeadlineKind::Contact
            | DeadlineKind::Answer
            | DeadlineKind::HearingOffer
            | DeadlineKind::FinalDecision => vec!["extension"],
            DeadlineKind::Objection | DeadlineKind::HearingResponse => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The letter jobs for `events`, appended to complaint `id` after sequence number `last_seq`
/// (the first event gets `last_seq + 1`), due at `now`.
pub fn letter_jobs(
    id: ComplaintId,
    last_seq: i64,
    events: &[Event],
    now: Timestamp,
) -> Vec<NewJob> {
    events
        .iter()
        .zip(last_seq + 1..)
        .flat_map(|(event, seq)| {
            letters_for(event).into_iter().map(move |kind| NewJob {
                kind: LETTER_JOB.to_string(),
                payload: serde_json::json!({ "complaint_id": id, "seq": seq, "kind": kind }),
                run_at: now,
                dedupe_key: Some(format!("letter:{id}:{seq}:{kind}")),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::complaint::{AnswerIssued, FinalDecisionIssued, HearingOffered};
    use domain::complaint::{
        Closed, DeadlineExtended, FirstContactLogged, HearingForm, HearingRecorded, Text,
    };

    const ID: ComplaintId = uuid::Uuid::from_u128(9);

    fn text(s: &str) -> Text {
        Text::try_from(s).unwrap()
    }

    fn answer() -> Event {
        Event::AnswerIssued(AnswerIssued {
            dagtekening: "2026-04-20".parse().unwrap(),
            complaint_as_understood: text("U was ontevreden."),
            proposed_solution: text("Excuses."),
            further_procedure: text("Bezwaar binnen 15 dagen."),
            deadlines: Default::default(),
        })
    }

    fn record(settlement: Option<&str>) -> Event {
        Event::HearingRecorded(HearingRecorded {
            held_on: "2026-05-01".parse().unwrap(),
            form: HearingForm::Phone,
            attendees: Vec::new(),
            complainant_account: text("Toelichting."),
            employee_account: None,
            proposal: None,
            complainant_reaction: text("Akkoord."),
            settlement: settlement.map(text),
            deadlines: Default::default(),
        })
    }

    fn extended(kind: DeadlineKind) -> Event {
        let day: jiff::civil::Date = "2026-04-20".parse().unwrap();
        Event::DeadlineExtended(DeadlineExtended {
            kind,
            extension: domain::complaint::Extension {
                on: day,
                previous_end: day,
                new_end: "2026-05-04".parse().unwrap(),
                new_term: None,
                new_deadline: None,
                reason: Some("Afwezig.".into()),
            },
        })
    }

    #[test]
    fn each_letter_of_the_procedure_follows_its_event() {
        let closed = Closed {
            reason: None,
            deadlines: Default::default(),
        };
        let cases = [
            (answer(), vec!["answer"]),
            (
                Event::HearingOffered(HearingOffered {
                    forms: vec![HearingForm::Phone],
                    proposed_moments: Vec::new(),
                    employee_invited: false,
                    deadlines: Default::default(),
                }),
                vec!["hearing_invitation"],
            ),
            (record(None), vec!["hearing_record"]),
            (
                record(Some("Nieuwe afspraak.")),
                vec!["hearing_record", "settlement"],
            ),
            (
                Event::FinalDecisionIssued(FinalDecisionIssued {
                    dagtekening: "2026-05-10".parse().unwrap(),
                    text: text("Gegrond."),
                    deadlines: Default::default(),
                }),
                vec!["final_decision"],
            ),
            (
                Event::ClosedWithoutObjection(closed.clone()),
                vec!["closed"],
            ),
            (extended(DeadlineKind::Answer), vec!["extension"]),
            (extended(DeadlineKind::FinalDecision), vec!["extension"]),
        ];
        for (event, kinds) in cases {
            assert_eq!(letters_for(&event), kinds, "{}", event.kind());
        }
    }

    #[test]
    fn steps_without_a_letter_queue_none() {
        let none = [
            Event::FirstContactLogged(FirstContactLogged {
                via: domain::complaint::ContactMethod::Phone,
                contacted_at: Timestamp::UNIX_EPOCH,
                note: None,
                deadlines: Default::default(),
            }),
            Event::ComplaintWithdrawn(Closed {
                reason: None,
                deadlines: Default::default(),
            }),
            extended(DeadlineKind::Objection),
            extended(DeadlineKind::HearingResponse),
        ];
        for event in none {
            assert!(letters_for(&event).is_empty(), "{}", event.kind());
        }
    }

    #[test]
    fn jobs_name_each_event_by_its_sequence_number() {
        let now = Timestamp::UNIX_EPOCH;
        let events = [extended(DeadlineKind::Objection), record(Some("Afspraak."))];
        let jobs = letter_jobs(ID, 6, &events, now);
        let keys: Vec<_> = jobs.iter().filter_map(|j| j.dedupe_key.clone()).collect();
        assert_eq!(
            keys,
            [
                format!("letter:{ID}:8:hearing_record"),
                format!("letter:{ID}:8:settlement"),
            ]
        );
        assert!(jobs.iter().all(|j| j.kind == LETTER_JOB && j.run_at == now));
        assert_eq!(
            jobs[1].payload,
            serde_json::json!({ "complaint_id": ID, "seq": 8, "kind": "settlement" })
        );
    }
}
