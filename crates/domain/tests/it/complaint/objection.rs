//! Step 4: the objection on time or late, management's decision on a late one, and closure
//! without objection.

use domain::complaint::{
    Closure, Command, ComplainantMessage, DeadlineOutcome, Event, ObjectionVia, Status,
};
use domain::procedure::{DeadlineKind, FOCUS_TOML, Moment, Party, ProcedureDefinition};

use super::*;

fn take_up(take_up: bool, reason: &str) -> Command {
    Command::DecideLateObjection {
        take_up,
        reason: reason.into(),
    }
}

fn late() -> Case {
    answered().given(
        handler(),
        "2026-05-07 10:00",
        objection("2026-05-07 09:00", ObjectionVia::Letter),
    )
}

#[test]
fn an_objection_on_the_last_day_is_on_time_and_opens_the_hearing_offer_term() {
    let events = answered()
        .when(
            complainant(),
            "2026-05-06 23:00",
            objection("2026-05-06 23:00", ObjectionVia::Portal),
        )
        .then(&["objection_registered"]);
    let Event::ObjectionRegistered(e) = &events[0] else {
        unreachable!()
    };
    assert!(!e.late);
    assert_eq!(e.window_end, d("2026-05-06"));
    assert_eq!(e.deadlines.closed[0].outcome, DeadlineOutcome::Met);
    let offer = &e.deadlines.opened[0];
    assert_eq!(
        (offer.kind, offer.who, offer.starts),
        (
            DeadlineKind::HearingOffer,
            Party::RegionalManagement,
            Moment::ObjectionReceived
        )
    );
    // 1 week from Wed 6 May 2026 → Wed 13 May.
    assert_eq!(offer.deadline.end, d("2026-05-13"));
}

#[test]
fn an_objection_on_monday_20_april_is_offered_a_hearing_by_tuesday_28_april() {
    // TERMS.md E10: raw Mon 27 Apr is Koningsdag.
    let case = objected();
    assert_eq!(case.complaint().status(), Status::ObjectionReceived);
    assert_eq!(
        end_of(&case, DeadlineKind::HearingOffer),
        Some(d("2026-04-28"))
    );
}

#[test]
fn an_objection_after_the_window_is_registered_and_flagged_late() {
    let events = answered()
        .when(
            handler(),
            "2026-05-07 10:00",
            objection("2026-05-07 00:30", ObjectionVia::Letter),
        )
        .then(&["objection_registered"]);
    let Event::ObjectionRegistered(e) = &events[0] else {
        unreachable!()
    };
    assert!(e.late);
    assert!(e.deadlines.opened.is_empty());
    assert_eq!(e.deadlines.closed[0].outcome, DeadlineOutcome::Late);
    let case = late();
    assert_eq!(case.complaint().status(), Status::LateObjectionPending);
    assert!(case.complaint().open_deadlines().is_empty());
}

#[test]
fn a_late_objection_taken_up_counts_the_hearing_offer_from_its_receipt() {
    let case = late();
    let events = case
        .when(
            director(),
            "2026-05-08 10:00",
            take_up(true, "Klager was op vakantie."),
        )
        .then(&["late_objection_taken_up"]);
    // 1 week from Thu 7 May 2026: raw Thu 14 May is Hemelvaartsdag, Fri 15 May is put on a par
    // by decree, then the weekend → Mon 18 May.
    let opened = &events[0].deadline_changes().unwrap().opened[0];
    assert_eq!(
        (opened.starts, opened.deadline.end),
        (Moment::ObjectionReceived, d("2026-05-18"))
    );
    let case = case.given(
        director(),
        "2026-05-08 10:00",
        take_up(true, "Klager was op vakantie."),
    );
    assert_eq!(case.complaint().status(), Status::ObjectionReceived);
}

#[test]
fn a_late_objection_not_taken_up_closes_with_the_reason() {
    let case = late();
    case.when(director(), "2026-05-08 10:00", take_up(false, "  "))
        .refused("reason_required");
    case.when(handler(), "2026-05-08 10:00", take_up(false, "Te laat."))
        .refused("actor_not_allowed");
    let case = case.given(
        director(),
        "2026-05-08 10:00",
        take_up(false, "Ruim na de termijn, zonder reden."),
    );
    assert_eq!(
        case.complaint().status(),
        Status::Closed(Closure::LateObjectionNotTakenUp)
    );
    case.when(director(), "2026-05-08 11:00", take_up(true, "Toch."))
        .refused("complaint_closed");
}

#[test]
fn a_decision_on_a_late_objection_needs_a_late_objection() {
    objected()
        .when(director(), "2026-04-21 10:00", take_up(true, "x"))
        .refused("not_allowed_in_status");
}

#[test]
fn with_the_take_up_reading_a_late_objection_is_taken_up_at_once() {
    let text = FOCUS_TOML.replacen(
        "late_objection = \"decide\"",
        "late_objection = \"take_up\"",
        1,
    );
    let p = ProcedureDefinition::from_toml("take-up.toml", &text).unwrap();
    let case = Case::with(p)
        .given(
            handler(),
            "2026-04-13 11:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .given(handler(), "2026-04-20 09:00", answer("2026-04-20"));
    case.when(
        handler(),
        "2026-05-07 10:00",
        objection("2026-05-07 09:00", ObjectionVia::Email),
    )
    .then(&["objection_registered", "late_objection_taken_up"]);
}

#[test]
fn an_objection_by_phone_asks_for_written_confirmation() {
    let events = answered()
        .when(
            handler(),
            "2026-04-21 10:00",
            objection("2026-04-21 09:00", ObjectionVia::Phone),
        )
        .then(&["objection_registered", "complainant_message_due"]);
    assert_eq!(
        events[1],
        Event::ComplainantMessageDue(ComplainantMessage::ConfirmObjectionInWriting)
    );
}

#[test]
fn an_objection_needs_content_an_answer_and_a_plausible_date() {
    let empty = Command::RegisterObjection {
        received_at: at("2026-04-21 09:00"),
        via: ObjectionVia::Email,
        text: " ".into(),
    };
    answered()
        .when(handler(), "2026-04-21 10:00", empty)
        .refused("incomplete");
    registered()
        .when(
            complainant(),
            "2026-04-14 10:00",
            objection("2026-04-14 09:00", ObjectionVia::Portal),
        )
        .refused("not_allowed_in_status");
    answered()
        .when(
            handler(),
            "2026-04-21 10:00",
            objection("2026-04-19 09:00", ObjectionVia::Letter),
        )
        .refused("date_too_early");
    answered()
        .when(
            handler(),
            "2026-04-21 10:00",
            objection("2026-04-22 09:00", ObjectionVia::Letter),
        )
        .refused("received_in_future");
    objected()
        .when(
            complainant(),
            "2026-04-21 10:00",
            objection("2026-04-21 09:00", ObjectionVia::Portal),
        )
        .refused("not_allowed_in_status");
}

#[test]
fn without_objection_the_system_closes_the_complaint_after_the_window_and_tells_the_complainant() {
    let case = answered();
    case.when(system(), "2026-05-06 23:59", Command::CloseWithoutObjection)
        .refused("window_still_open");
    case.when(
        handler(),
        "2026-05-07 06:00",
        Command::CloseWithoutObjection,
    )
    .refused("actor_not_allowed");
    let events = case
        .when(system(), "2026-05-07 06:00", Command::CloseWithoutObjection)
        .then(&["closed_without_objection", "complainant_message_due"]);
    assert_eq!(
        events[0].deadline_changes().unwrap().closed[0].outcome,
        DeadlineOutcome::Expired
    );
    let case = case.given(system(), "2026-05-07 06:00", Command::CloseWithoutObjection);
    assert_eq!(case.complaint().status(), Status::Closed(Closure::Handled));
    assert_eq!(case.complaint().status().label_nl(), "afgehandeld");
    assert!(case.complaint().open_deadlines().is_empty());
    case.when(system(), "2026-05-08 06:00", Command::CloseWithoutObjection)
        .refused("complaint_closed");
}

#[test]
fn closing_without_objection_is_refused_before_the_answer_or_after_an_objection() {
    registered()
        .when(system(), "2026-06-01 06:00", Command::CloseWithoutObjection)
        .refused("not_allowed_in_status");
    objected()
        .when(system(), "2026-06-01 06:00", Command::CloseWithoutObjection)
        .refused("not_allowed_in_status");
}

#[test]
fn an_objection_after_closure_without_objection_is_still_registered_late() {
    let case = answered()
        .given(system(), "2026-05-07 06:00", Command::CloseWithoutObjection)
        .given(
            handler(),
            "2026-05-08 10:00",
            objection("2026-05-07 15:00", ObjectionVia::Letter),
        );
    assert_eq!(case.complaint().status(), Status::LateObjectionPending);
    assert!(case.complaint().objection().unwrap().late);
    let case = case.given(
        director(),
        "2026-05-11 10:00",
        take_up(true, "Brief was op 6 mei gepost."),
    );
    assert_eq!(case.complaint().status(), Status::ObjectionReceived);
    assert_eq!(
        case.complaint().open_deadlines()[0].kind,
        DeadlineKind::HearingOffer
    );
}

#[test]
fn with_closure_switched_off_the_system_does_not_close() {
    let text = FOCUS_TOML.replacen(
        "close_without_objection = true",
        "close_without_objection = false",
        1,
    );
    let p = ProcedureDefinition::from_toml("keep-open.toml", &text).unwrap();
    let case = Case::with(p)
        .given(
            handler(),
            "2026-04-13 11:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .given(handler(), "2026-04-20 09:00", answer("2026-04-20"));
    case.when(system(), "2026-05-07 06:00", Command::CloseWithoutObjection)
        .refused("disabled_by_procedure");
}
