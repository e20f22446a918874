//! Property: for random command sequences (random actors, times and commands, most of them
//! refused), applying the produced events never panics, the open deadlines match the status,
//! replaying the log gives the same state, and every event survives a JSON round trip.

use domain::complaint::{
    Command, ConfirmationVia, ContactMethod, Event, ExtendTo, HearingOutcome, ObjectionVia,
    SettlementParty, Status,
};
use domain::procedure::DeadlineKind;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::*;

fn actor(n: u8) -> Actor {
    match n % 6 {
        0 => handler(),
        1 => director(),
        2 => complainant(),
        3 => system(),
        4 => admin(),
        _ => reader(),
    }
}

/// The step that usually comes next, so that random sequences reach every status.
fn natural(status: Status, p: u8) -> u8 {
    match status {
        Status::InProgress => 2,
        Status::Answered if p.is_multiple_of(3) => 12,
        Status::Answered => 3,
        Status::LateObjectionPending => 4,
        Status::ObjectionReceived => 5,
        Status::HearingOffered => [6, 7, 8, 9][usize::from(p % 4)],
        Status::HearingScheduled => 9,
        Status::SettlementPending => 10,
        Status::AwaitingFinalDecision => 11,
        Status::Closed(_) => 3,
    }
}

fn command(n: u8, p: u8, now: Timestamp, c: Option<&Complaint>) -> Command {
    let n = match c {
        Some(c) if n >= 16 => natural(c.status(), p),
        _ => n,
    };
    let today = domain::time::civil_date(now);
    let earlier = now - SignedDuration::from_hours(i64::from(p % 30));
    match n % 16 {
        0 => register(Channel::ALL[usize::from(p) % 5], "2026-04-13 10:00"),
        1 => Command::LogFirstContact {
            via: ContactMethod::Email,
            contacted_at: earlier,
            note: None,
        },
        2 => match answer(&today.to_string()) {
            Command::IssueAnswer(mut a) if p.is_multiple_of(7) => {
                a.proposed_solution.clear();
                Command::IssueAnswer(a)
            }
            other => other,
        },
        3 => Command::RegisterObjection {
            received_at: earlier,
            via: ObjectionVia::Letter,
            text: "Bezwaar.".into(),
        },
        4 => Command::DecideLateObjection {
            take_up: p.is_multiple_of(2),
            reason: "Reden.".into(),
        },
        5 => Command::OfferHearing {
            forms: vec![HearingForm::Office],
            proposed_moments: vec![now + SignedDuration::from_hours(48)],
            employee_invited: p.is_multiple_of(2),
        },
        6 => Command::ChooseHearing {
            form: HearingForm::Office,
            moment: now,
            employee_present: p.is_multiple_of(3),
        },
        7 => Command::DeclineHearing { reason: None },
        8 => Command::LapseHearingOffer,
        9 => {
            let outcome = if p.is_multiple_of(2) {
                settled()
            } else {
                HearingOutcome::NotSettled
            };
            record(&today.to_string(), outcome)
        }
        10 => Command::ConfirmSettlement(match p % 3 {
            0 => SettlementParty::Organisation,
            1 => SettlementParty::Complainant {
                via: ConfirmationVia::Portal,
            },
            _ => SettlementParty::Complainant {
                via: ConfirmationVia::PaperCopy,
            },
        }),
        11 => Command::IssueFinalDecision {
            dagtekening: today,
            text: "Beslissing.".into(),
        },
        12 => Command::CloseWithoutObjection,
        13 if p.is_multiple_of(8) => Command::Withdraw { reason: None },
        13 if p % 8 == 1 => Command::CloseAsNotAComplaint {
            reason: "Geen klacht.".into(),
            referral: "Elders.".into(),
        },
        13 | 14 => {
            let kind = c
                .and_then(|c| c.open_deadlines().first().map(|d| d.kind))
                .unwrap_or(DeadlineKind::Answer);
            Command::ExtendDeadline {
                kind,
                to: ExtendTo::Date(
                    today.saturating_add(jiff::Span::new().days(i64::from(p % 20) + 1)),
                ),
                reason: "Reden.".into(),
            }
        }
        _ => Command::Reassign {
            to: UserId::try_from(format!("behandelaar-{}", p % 3)).unwrap(),
        },
    }
}

/// The party the procedure expects for a command (most random steps use it).
fn fitting_actor(cmd: &Command) -> Actor {
    match cmd {
        Command::RegisterObjection { .. }
        | Command::ChooseHearing { .. }
        | Command::DeclineHearing { .. } => complainant(),
        Command::ConfirmSettlement(SettlementParty::Complainant {
            via: ConfirmationVia::Portal,
        }) => complainant(),
        Command::DecideLateObjection { .. } | Command::IssueFinalDecision { .. } => director(),
        Command::LapseHearingOffer | Command::CloseWithoutObjection => system(),
        _ => handler(),
    }
}

/// The deadline kinds a status may (must) have open.
fn consistent(c: &Complaint) -> Result<(), String> {
    let kinds: Vec<DeadlineKind> = c.open_deadlines().iter().map(|d| d.kind).collect();
    let ok = match c.status() {
        Status::InProgress => {
            kinds.contains(&DeadlineKind::Answer)
                && kinds
                    .iter()
                    .all(|k| matches!(k, DeadlineKind::Answer | DeadlineKind::Contact))
        }
        Status::Answered => kinds == [DeadlineKind::Objection],
        Status::ObjectionReceived => kinds == [DeadlineKind::HearingOffer],
        Status::HearingOffered => kinds == [DeadlineKind::HearingResponse],
        Status::AwaitingFinalDecision => kinds == [DeadlineKind::FinalDecision],
        Status::LateObjectionPending | Status::HearingScheduled | Status::SettlementPending => {
            kinds.is_empty()
        }
        Status::Closed(_) => kinds.is_empty(),
    };
    let ends_ok = c
        .open_deadlines()
        .iter()
        .all(|d| d.end() >= d.deadline.start && d.deadline.end >= d.deadline.raw_end);
    if ok && ends_ok {
        Ok(())
    } else {
        Err(format!("{:?} with {kinds:?}", c.status()))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_sequences_keep_the_state_consistent(
        steps in proptest::collection::vec((0u8..10, 0u16..120, 0u8..40, any::<u8>()), 1..40),
    ) {
        let case = Case::new();
        let mut now = at("2026-04-13 10:30");
        let mut state: Option<Complaint> = None;
        let mut log: Vec<Event> = Vec::new();
        for (who, hours, n, p) in steps {
            now += SignedDuration::from_hours(i64::from(hours));
            // Start every sequence with a registration so the rest has something to act on.
            let cmd = if state.is_none() && n % 3 != 0 { register(Channel::Web, "2026-04-13 10:00") } else { command(n, p, now, state.as_ref()) };
            let actor = if state.is_none() || who >= 6 { fitting_actor(&cmd) } else { actor(who) };
            let ctx = Context { now, actor, calendar: &case.calendar, procedure: &case.procedure };
            let Ok(events) = decide(state.as_ref(), cmd, &ctx) else { continue };
            prop_assert!(!events.is_empty());
            for e in events {
                let json = serde_json::to_string(&e).unwrap();
                prop_assert_eq!(&serde_json::from_str::<Event>(&json).unwrap(), &e);
                match &mut state {
                    None => state = Some(Complaint::replay([&e]).unwrap()),
                    Some(c) => c.apply(&e),
                }
                log.push(e);
            }
            let c = state.as_ref().unwrap();
            prop_assert!(consistent(c).is_ok(), "{}", consistent(c).unwrap_err());
        }
        if let Some(c) = &state {
            prop_assert_eq!(&Complaint::replay(&log).unwrap(), c);
        }
    }
}
