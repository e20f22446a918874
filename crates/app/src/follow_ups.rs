//! Which jobs follow from a complaint's new state: decided here, without I/O, and written by the
//! store in the same transaction as the events that led to that state.
//!
//! Today: the windows the system closes when they end (the complainant's objection window, the
//! window to answer a hearing offer) each get a `deadline.lapse` job for 00:05 in
//! Europe/Amsterdam on the day after the window's last day. The dedupe key names the end date,
//! so every step may return the jobs for every such open window: a window already queued is a
//! no-op, and an extension that moves the end queues a new job (the old one then finds the
//! window not yet ended and does nothing).
//!
//! The deadline watch: every open organisation term (contact, answer, hearing offer, final
//! decision) gets a `deadline.remind` job for 07:00 on the day N working days before its end,
//! and a `deadline.escalate` job for 00:05 on the day after its end. Their dedupe keys name the
//! end as well, so the same reasoning holds; whether anything is recorded when they run is the
//! domain's decision (see `crate::deadline_watch`).

use domain::complaint::{Command, Complaint};
use domain::procedure::{DeadlineKind, Party, ProcedureDefinition, StepId};
use domain::time::amsterdam;
use jiff::Timestamp;
use jiff::civil::Date;
use store::{ComplaintId, NewJob};

pub use crate::deadline_watch::plan::{
    DEFAULT_REMIND_WORKING_DAYS, ESCALATE_JOB, REMIND_JOB, Watch, escalate_job,
    is_organisation_deadline, remind_at, remind_job, remind_on,
};

/// The job that closes a window the system acts on once it has ended.
pub const LAPSE_JOB: &str = "deadline.lapse";

/// The command the system issues when a window of `kind` has ended, and the step it is, for the
/// deadlines the system acts on; None for the others (those are the organisation's promises).
pub fn lapse_command(kind: DeadlineKind) -> Option<(Command, StepId)> {
    match kind {
        DeadlineKind::Objection => Some((
            Command::CloseWithoutObjection,
            StepId::CloseWithoutObjection,
        )),
        DeadlineKind::HearingResponse => Some((Command::LapseHearingOffer, StepId::HearingLapse)),
        DeadlineKind::Contact
        | DeadlineKind::Answer
        | DeadlineKind::HearingOffer
        | DeadlineKind::FinalDecision => None,
    }
}

/// Whether `procedure` has the system act when a window of `kind` ends.
fn system_acts_on(kind: DeadlineKind, procedure: &ProcedureDefinition) -> bool {
    let Some((_, step)) = lapse_command(kind) else {
        return false;
    };
    if kind == DeadlineKind::Objection && !procedure.interpretations().close_without_objection {
        return false;
    }
    procedure.step(step).who.contains(&Party::System)
}

/// 00:05 in Europe/Amsterdam on the day after `end` (None only at the end of jiff's range).
pub fn lapse_at(end: Date) -> Option<Timestamp> {
    let day_after = end.tomorrow().ok()?;
    let zoned = day_after
        .at(0, 5, 0, 0)
        .to_zoned_datetime(amsterdam())
        .ok()?;
    Some(zoned.timestamp())
}

/// The lapse job for the window of `kind` on complaint `id` that ends on `end`.
pub fn lapse_job(id: ComplaintId, kind: DeadlineKind, end: Date) -> Option<NewJob> {
    Some(NewJob {
        kind: LAPSE_JOB.to_string(),
        payload: serde_json::json!({ "complaint_id": id, "kind": kind.as_str() }),
        run_at: lapse_at(end)?,
        dedupe_key: Some(format!("lapse:{id}:{}:{end}", kind.as_str())),
    })
}

/// The jobs that follow from `complaint` (id `id`) as it stands after a step, decided under
/// `procedure`: lapses of the complainant's windows, reminders and escalations of the
/// organisation's terms. Callers concatenate these with their own follow-ups.
pub fn follow_ups(
    id: ComplaintId,
    complaint: &Complaint,
    procedure: &ProcedureDefinition,
    watch: Watch<'_>,
) -> Vec<NewJob> {
    if complaint.status().is_closed() {
        return Vec::new();
    }
    let open = complaint.open_deadlines();
    let lapses = open
        .iter()
        .filter(|d| system_acts_on(d.kind, procedure))
        .filter_map(|d| lapse_job(id, d.kind, d.end()));
    let watched = open
        .iter()
        .filter(|d| is_organisation_deadline(d))
        .flat_map(|d| [remind_job(id, d, watch), escalate_job(id, d.kind, d.end())])
        .flatten();
    lapses.chain(watched).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::calendar::Calendar;
    use domain::complaint::{
        Actor, AnswerDraft, Category, Channel, Complainant, ContactDetails, Context, EmailAddress,
        HearingForm, ObjectionVia, PersonName, RegionCode, Registration, Role, Text, UserId,
        decide,
    };
    use domain::reference::Reference;

    fn at(text: &str) -> Timestamp {
        let dt: jiff::civil::DateTime = text.replace(' ', "T").parse().unwrap();
        dt.to_zoned_datetime(amsterdam()).unwrap().timestamp()
    }

    fn handler() -> Actor {
        Actor::Staff {
            user: UserId::try_from("behandelaar-1").unwrap(),
            role: Role::Klachtbehandelaar,
        }
    }

    struct Walk {
        procedure: ProcedureDefinition,
        calendar: Calendar,
        complaint: Option<Complaint>,
    }

    impl Walk {
        fn new() -> Walk {
            Walk {
                procedure: ProcedureDefinition::focus_default(),
                calendar: Calendar::dutch(),
                complaint: None,
            }
        }

        fn step(&mut self, now: &str, actor: Actor, command: Command) -> &Complaint {
            let ctx = Context {
                now: at(now),
                actor,
                calendar: &self.calendar,
                procedure: &self.procedure,
            };
            let events = decide(self.complaint.as_ref(), command, &ctx).unwrap();
            match &mut self.complaint {
                Some(c) => events.iter().for_each(|e| c.apply(e)),
                None => self.complaint = Some(Complaint::replay(&events).unwrap()),
            }
            self.complaint.as_ref().unwrap()
        }

        /// Every follow-up job.
        fn all_jobs(&self) -> Vec<NewJob> {
            let watch = Watch {
                calendar: &self.calendar,
                remind_working_days: DEFAULT_REMIND_WORKING_DAYS,
            };
            follow_ups(ID, self.complaint.as_ref().unwrap(), &self.procedure, watch)
        }

        /// The lapse jobs only.
        fn jobs(&self) -> Vec<NewJob> {
            self.lapses()
        }

        fn lapses(&self) -> Vec<NewJob> {
            self.all_jobs()
                .into_iter()
                .filter(|j| j.kind == LAPSE_JOB)
                .collect()
        }

        /// (job kind, dedupe key, run at) of the watch's jobs.
        fn watch(&self) -> Vec<(String, String, Timestamp)> {
            self.all_jobs()
                .into_iter()
                .filter(|j| j.kind != LAPSE_JOB)
                .map(|j| (j.kind, j.dedupe_key.unwrap(), j.run_at))
                .collect()
        }
    }

    const ID: ComplaintId = uuid::Uuid::from_u128(7);

    /// Received Mon 13 Apr 2026, contacted Tue 14 Apr, answered dated Mon 20 Apr.
    fn answered() -> Walk {
        let mut w = Walk::new();
        let contact = ContactDetails::new(
            Some(EmailAddress::try_from("a.jansen@example.nl").unwrap()),
            None,
        )
        .unwrap();
        let registration = Registration {
            reference: Reference::new(2026, 1).unwrap(),
            channel: Channel::Email,
            received_at: at("2026-04-13 10:00"),
            complainant: Complainant {
                name: PersonName::try_from("A. Jansen").unwrap(),
                contact,
                address: None,
                representative: None,
            },
            region: RegionCode::try_from("noord").unwrap(),
            category: Category::try_from("bejegening").unwrap(),
            description: Text::try_from("Ik werd onvriendelijk behandeld.").unwrap(),
            employee_concerned: None,
            desired_outcome: None,
            assignee: None,
        };
        w.step(
            "2026-04-13 11:00",
            handler(),
            Command::Register(registration),
        );
        assert!(w.jobs().is_empty(), "registration opens only staff terms");
        w.step(
            "2026-04-20 09:00",
            handler(),
            Command::IssueAnswer(AnswerDraft {
                dagtekening: Some("2026-04-20".parse().unwrap()),
                complaint_as_understood: "U was ontevreden.".into(),
                proposed_solution: "Excuses.".into(),
                further_procedure: "Bezwaar binnen 15 dagen bij de directie.".into(),
            }),
        );
        w
    }

    #[test]
    fn an_answer_queues_the_close_for_the_day_after_the_objection_window() {
        let w = answered();
        let jobs = w.jobs();
        assert_eq!(jobs.len(), 1, "{jobs:?}");
        let job = &jobs[0];
        assert_eq!(job.kind, LAPSE_JOB);
        // The window runs to Wed 6 May (5 May is a holiday); Thu 7 May 00:05 is 22:05 UTC.
        assert_eq!(
            job.run_at,
            "2026-05-06T22:05:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            job.dedupe_key.as_deref(),
            Some(format!("lapse:{ID}:objection:2026-05-06").as_str())
        );
        assert_eq!(
            job.payload,
            serde_json::json!({ "complaint_id": ID, "kind": "objection" })
        );
    }

    #[test]
    fn an_objection_ends_the_close_and_an_offer_queues_its_lapse() {
        let mut w = answered();
        w.step(
            "2026-04-21 10:00",
            Actor::Complainant,
            Command::RegisterObjection {
                received_at: at("2026-04-21 09:30"),
                via: ObjectionVia::Portal,
                text: "Niet mee eens.".into(),
            },
        );
        assert!(w.jobs().is_empty(), "{:?}", w.jobs());
        let c = w.step(
            "2026-04-23 09:00",
            handler(),
            Command::OfferHearing {
                forms: vec![HearingForm::Phone],
                proposed_moments: vec![at("2026-04-28 14:00")],
                employee_invited: false,
            },
        );
        let end = c.deadline(DeadlineKind::HearingResponse).unwrap().end();
        let jobs = w.jobs();
        assert_eq!(jobs.len(), 1, "{jobs:?}");
        assert_eq!(jobs[0].run_at, lapse_at(end).unwrap());
        assert_eq!(
            jobs[0].dedupe_key.as_deref(),
            Some(format!("lapse:{ID}:hearing_response:{end}").as_str())
        );
    }

    #[test]
    fn a_lapse_runs_five_past_midnight_in_amsterdam_in_winter_and_summer() {
        let winter = lapse_at("2026-01-14".parse().unwrap()).unwrap();
        assert_eq!(winter, "2026-01-14T23:05:00Z".parse::<Timestamp>().unwrap());
        // The night summer time starts (29 March 2026, at 02:00): 00:05 is still winter time.
        let spring = lapse_at("2026-03-28".parse().unwrap()).unwrap();
        assert_eq!(spring, "2026-03-28T23:05:00Z".parse::<Timestamp>().unwrap());
        let summer = lapse_at("2026-07-01".parse().unwrap()).unwrap();
        assert_eq!(summer, "2026-07-01T22:05:00Z".parse::<Timestamp>().unwrap());
    }

    #[test]
    fn only_windows_the_system_closes_get_a_lapse() {
        for kind in DeadlineKind::ALL {
            let system = matches!(
                kind,
                DeadlineKind::Objection | DeadlineKind::HearingResponse
            );
            assert_eq!(lapse_command(kind).is_some(), system, "{kind:?}");
        }
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn registration_queues_reminders_and_escalations_for_the_organisations_terms() {
        let mut w = Walk::new();
        // Reuse the registration of `answered` without the answer.
        let full = answered();
        let registered = Complaint::registered(full.complaint.as_ref().unwrap().registration());
        w.complaint = Some(registered);
        let watch = w.watch();
        // Contact: 2 werkdagen, Mon 13 → Wed 15 Apr; its reminder would fall on the day of
        // receipt, so there is none; the escalation is Thu 16 Apr 00:05.
        // Answer: 2 weken → Tue 28 Apr (27 April is Koningsdag); two working days before is
        // Thu 23 Apr (07:00 CEST = 05:00 UTC); the escalation is Wed 29 Apr 00:05.
        assert_eq!(
            watch,
            [
                (
                    ESCALATE_JOB.to_string(),
                    format!("escalate:{ID}:contact:2026-04-15"),
                    ts("2026-04-15T22:05:00Z")
                ),
                (
                    REMIND_JOB.to_string(),
                    format!("remind:{ID}:answer:2026-04-28"),
                    ts("2026-04-23T05:00:00Z")
                ),
                (
                    ESCALATE_JOB.to_string(),
                    format!("escalate:{ID}:answer:2026-04-28"),
                    ts("2026-04-28T22:05:00Z")
                ),
            ]
        );
        let remind = w
            .all_jobs()
            .into_iter()
            .find(|j| j.kind == REMIND_JOB)
            .unwrap();
        assert_eq!(
            remind.payload,
            serde_json::json!({ "complaint_id": ID, "kind": "answer", "end": "2026-04-28" })
        );
    }

    #[test]
    fn the_complainants_windows_are_not_watched_and_a_closed_complaint_has_no_jobs() {
        let mut w = answered();
        assert!(
            w.watch()
                .iter()
                .all(|(_, key, _)| !key.contains("objection")),
            "{:?}",
            w.watch()
        );
        w.step(
            "2026-04-21 10:00",
            Actor::Complainant,
            Command::Withdraw { reason: None },
        );
        assert!(w.all_jobs().is_empty());
    }

    #[test]
    fn an_extension_queues_a_reminder_and_escalation_for_the_new_end() {
        let mut w = answered();
        w.step(
            "2026-04-21 10:00",
            Actor::Complainant,
            Command::RegisterObjection {
                received_at: at("2026-04-21 09:30"),
                via: ObjectionVia::Portal,
                text: "Niet mee eens.".into(),
            },
        );
        let before = w.watch();
        assert_eq!(before.len(), 2, "hearing offer: {before:?}");
        w.step(
            "2026-04-22 10:00",
            handler(),
            Command::ExtendDeadline {
                kind: DeadlineKind::HearingOffer,
                to: domain::complaint::ExtendTo::Date("2026-05-11".parse().unwrap()),
                reason: "De directeur is afwezig.".into(),
            },
        );
        let after = w.watch();
        assert_eq!(
            after
                .iter()
                .map(|(_, key, _)| key.clone())
                .collect::<Vec<_>>(),
            [
                format!("remind:{ID}:hearing_offer:2026-05-11"),
                format!("escalate:{ID}:hearing_offer:2026-05-11"),
            ]
        );
        // Mon 11 May: two working days back is Thu 7 May (Fri 8 May counts as one).
        assert_eq!(after[0].2, ts("2026-05-07T05:00:00Z"));
    }
}
