//! The deadline watch: reminders before an organisation's term ends, escalations after it was
//! missed, each recorded once per (kind, end).

use domain::complaint::{
    AlertAudience, AlertLevel, Command, DeadlineAlert, Event, ExtendTo, Text, UserId,
};
use domain::procedure::DeadlineKind;

use super::*;

fn alert(kind: DeadlineKind, end: Date, audience: AlertAudience) -> DeadlineAlert {
    DeadlineAlert {
        kind,
        end,
        audience,
        to: vec![UserId::try_from("behandelaar-1").unwrap()],
    }
}

fn remind(case: &Case, kind: DeadlineKind) -> Command {
    let end = end_of(case, kind).expect("open");
    Command::RemindOfDeadline(alert(kind, end, AlertAudience::Assignee))
}

fn escalate(case: &Case, kind: DeadlineKind) -> Command {
    let end = end_of(case, kind).expect("open");
    Command::EscalateDeadline(alert(kind, end, AlertAudience::RegionalManagement))
}

/// The answer (2 weken from Mon 13 Apr) is due Tue 28 Apr: 27 April is Koningsdag.
const ANSWER_END: &str = "2026-04-28";

#[test]
fn a_reminder_before_the_end_is_recorded_with_its_kind_end_and_recipients() {
    let case = registered();
    assert_eq!(end_of(&case, DeadlineKind::Answer), Some(d(ANSWER_END)));
    let events = case
        .when(
            system(),
            "2026-04-24 07:00",
            remind(&case, DeadlineKind::Answer),
        )
        .then(&["deadline_reminder_sent"]);
    let Event::DeadlineReminderSent(a) = &events[0] else {
        unreachable!()
    };
    assert_eq!(a.kind, DeadlineKind::Answer);
    assert_eq!(a.end, d(ANSWER_END));
    assert_eq!(a.audience, AlertAudience::Assignee);
    assert_eq!(a.to, [UserId::try_from("behandelaar-1").unwrap()]);
    let command = remind(&case, DeadlineKind::Answer);
    let case = case.given(system(), "2026-04-24 07:00", command);
    let c = case.complaint();
    assert!(c.alerted(AlertLevel::Reminder, DeadlineKind::Answer, d(ANSWER_END)));
    assert!(!c.alerted(AlertLevel::Escalation, DeadlineKind::Answer, d(ANSWER_END)));
    assert!(
        c.deadline(DeadlineKind::Answer).is_some(),
        "a reminder closes nothing"
    );
}

#[test]
fn a_reminder_on_the_last_day_is_still_recorded_but_not_the_day_after() {
    let case = registered();
    case.when(
        system(),
        "2026-04-28 23:59",
        remind(&case, DeadlineKind::Answer),
    )
    .then(&["deadline_reminder_sent"]);
    case.when(
        system(),
        "2026-04-29 00:05",
        remind(&case, DeadlineKind::Answer),
    )
    .refused("deadline_passed");
}

#[test]
fn a_second_reminder_for_the_same_end_is_refused() {
    let case = registered();
    let command = remind(&case, DeadlineKind::Answer);
    let case = case.given(system(), "2026-04-24 07:00", command.clone());
    case.when(system(), "2026-04-24 07:01", command.clone())
        .refused("already_alerted");
    case.when(system(), "2026-04-27 07:00", command)
        .refused("already_alerted");
}

#[test]
fn after_an_extension_the_new_end_gets_its_own_reminder_and_the_old_one_is_stale() {
    let case = registered();
    let old = remind(&case, DeadlineKind::Answer);
    let case = case.given(system(), "2026-04-24 07:00", old.clone()).given(
        handler(),
        "2026-04-24 09:00",
        Command::ExtendDeadline {
            kind: DeadlineKind::Answer,
            to: ExtendTo::Date(d("2026-05-08")),
            reason: "Wij wachten op informatie van de medewerker.".into(),
        },
    );
    case.when(system(), "2026-04-25 07:00", old)
        .refused("deadline_end_changed");
    case.when(
        system(),
        "2026-05-06 07:00",
        remind(&case, DeadlineKind::Answer),
    )
    .then(&["deadline_reminder_sent"]);
}

#[test]
fn a_met_deadline_gets_no_reminder_and_no_escalation() {
    let case = registered();
    let reminder = remind(&case, DeadlineKind::Contact);
    let escalation = escalate(&case, DeadlineKind::Contact);
    let case = case.given(
        handler(),
        "2026-04-14 10:00",
        Command::LogFirstContact {
            via: domain::complaint::ContactMethod::Phone,
            contacted_at: at("2026-04-14 09:30"),
            note: None,
        },
    );
    case.when(system(), "2026-04-15 07:00", reminder)
        .refused("deadline_not_open");
    case.when(system(), "2026-04-16 00:05", escalation)
        .refused("deadline_not_open");
}

#[test]
fn an_escalation_comes_only_after_the_end() {
    let case = registered();
    let command = escalate(&case, DeadlineKind::Answer);
    let refusal = case
        .when(system(), "2026-04-28 23:59", command.clone())
        .refused("window_still_open");
    assert!(refusal.to_string().contains("28 april 2026"), "{refusal}");
    let events = case
        .when(system(), "2026-04-29 00:05", command)
        .then(&["deadline_escalated"]);
    let Event::DeadlineEscalated(a) = &events[0] else {
        unreachable!()
    };
    assert_eq!(a.audience, AlertAudience::RegionalManagement);
}

#[test]
fn an_escalation_is_recorded_once_per_end_and_apart_from_the_reminder() {
    let case = registered();
    let reminder = remind(&case, DeadlineKind::Answer);
    let escalation = escalate(&case, DeadlineKind::Answer);
    let case = case.given(system(), "2026-04-24 07:00", reminder).given(
        system(),
        "2026-04-29 00:05",
        escalation.clone(),
    );
    case.when(system(), "2026-04-29 00:06", escalation)
        .refused("already_alerted");
    assert!(
        case.complaint()
            .alerted(AlertLevel::Escalation, DeadlineKind::Answer, d(ANSWER_END))
    );
}

#[test]
fn the_complainants_windows_are_not_watched() {
    let case = answered();
    case.when(
        system(),
        "2026-04-30 07:00",
        remind(&case, DeadlineKind::Objection),
    )
    .refused("not_an_organisation_deadline");
}

#[test]
fn a_closed_complaint_refuses_alerts() {
    let case = registered();
    let reminder = remind(&case, DeadlineKind::Answer);
    let escalation = escalate(&case, DeadlineKind::Answer);
    let case = case.given(
        complainant(),
        "2026-04-20 09:00",
        Command::Withdraw {
            reason: Some(Text::try_from("Opgelost.").unwrap()),
        },
    );
    case.when(system(), "2026-04-24 07:00", reminder)
        .refused("complaint_closed");
    case.when(system(), "2026-04-29 00:05", escalation)
        .refused("complaint_closed");
}

#[test]
fn only_the_system_records_alerts() {
    let case = registered();
    for actor in [handler(), director(), admin(), complainant(), reader()] {
        case.when(
            actor,
            "2026-04-24 07:00",
            remind(&case, DeadlineKind::Answer),
        )
        .refused("actor_not_allowed");
        case.when(
            director(),
            "2026-04-29 07:00",
            escalate(&case, DeadlineKind::Answer),
        )
        .refused("actor_not_allowed");
    }
}

#[test]
fn alerts_survive_a_round_trip_through_json() {
    let case = registered();
    let events = case
        .when(
            system(),
            "2026-04-24 07:00",
            remind(&case, DeadlineKind::Answer),
        )
        .events();
    let json = serde_json::to_value(&events[0]).unwrap();
    assert_eq!(json["type"], "deadline_reminder_sent");
    assert_eq!(json["kind"], "answer");
    assert_eq!(json["end"], ANSWER_END);
    assert_eq!(json["audience"], "assignee");
    let back: Event = serde_json::from_value(json).unwrap();
    assert_eq!(back, events[0]);
}
