//! Withdrawal, extension, closure as not-a-complaint, reassignment.

use domain::complaint::{
    Closure, Command, ComplainantMessage, DeadlineOutcome, Event, ExtendTo, Status, Text,
};
use domain::procedure::{DeadlineKind, FOCUS_TOML, ProcedureDefinition};

use super::*;

fn withdraw() -> Command {
    Command::Withdraw {
        reason: Some(Text::try_from("Opgelost met de medewerker.").unwrap()),
    }
}

fn extend(kind: DeadlineKind, to: ExtendTo, reason: &str) -> Command {
    Command::ExtendDeadline {
        kind,
        to,
        reason: reason.into(),
    }
}

#[test]
fn the_complainant_may_withdraw_at_every_stage_with_the_record_intact() {
    for (stage, case) in [
        ("registered", registered()),
        ("answered", answered()),
        ("objected", objected()),
        ("offered", offered()),
        ("scheduled", scheduled()),
        ("awaiting settlement", awaiting_settlement()),
        ("awaiting decision", awaiting_decision()),
    ] {
        let before = case.events.len();
        let events = case
            .when(complainant(), "2026-04-29 09:00", withdraw())
            .then(&["complaint_withdrawn"]);
        assert!(
            events[0]
                .deadline_changes()
                .unwrap()
                .closed
                .iter()
                .all(|c| c.outcome == DeadlineOutcome::Cancelled)
        );
        let case = case.given(complainant(), "2026-04-29 09:00", withdraw());
        assert_eq!(
            case.complaint().status(),
            Status::Closed(Closure::Withdrawn),
            "{stage}"
        );
        assert!(case.complaint().open_deadlines().is_empty(), "{stage}");
        assert_eq!(case.events.len(), before + 1, "{stage}: nothing is removed");
    }
}

#[test]
fn staff_may_record_a_withdrawal_but_not_after_closure() {
    let case = registered().given(
        handler(),
        "2026-04-14 09:00",
        Command::Withdraw { reason: None },
    );
    case.when(complainant(), "2026-04-15 09:00", withdraw())
        .refused("complaint_closed");
    let decided = answered().given(system(), "2026-05-07 06:00", Command::CloseWithoutObjection);
    decided
        .when(complainant(), "2026-05-08 09:00", withdraw())
        .refused("complaint_closed");
}

#[test]
fn with_withdrawal_only_before_the_answer_a_later_withdrawal_is_refused() {
    let text = FOCUS_TOML.replacen(
        "withdrawal_any_moment = true",
        "withdrawal_any_moment = false",
        1,
    );
    let p = ProcedureDefinition::from_toml("w.toml", &text).unwrap();
    let case = Case::with(p).given(
        handler(),
        "2026-04-13 11:00",
        register(Channel::Email, "2026-04-13 10:00"),
    );
    case.when(complainant(), "2026-04-14 09:00", withdraw())
        .events();
    let case = case.given(handler(), "2026-04-20 09:00", answer("2026-04-20"));
    case.when(complainant(), "2026-04-21 09:00", withdraw())
        .refused("not_allowed_in_status");
}

#[test]
fn an_extension_needs_a_reason_and_tells_the_complainant() {
    let case = registered();
    case.when(
        handler(),
        "2026-04-20 09:00",
        extend(DeadlineKind::Answer, ExtendTo::Date(d("2026-05-12")), " "),
    )
    .refused("reason_required");
    let events = case
        .when(
            handler(),
            "2026-04-20 09:00",
            extend(
                DeadlineKind::Answer,
                ExtendTo::Date(d("2026-05-12")),
                "Medewerker ziek.",
            ),
        )
        .then(&["deadline_extended", "complainant_message_due"]);
    let Event::ComplainantMessageDue(ComplainantMessage::DeadlineExtended {
        kind,
        new_end,
        reason,
    }) = &events[1]
    else {
        unreachable!()
    };
    assert_eq!((*kind, *new_end), (DeadlineKind::Answer, d("2026-05-12")));
    assert!(reason.is_some());
    let case = case.given(
        handler(),
        "2026-04-20 09:00",
        extend(
            DeadlineKind::Answer,
            ExtendTo::Date(d("2026-05-12")),
            "Medewerker ziek.",
        ),
    );
    let answer_term = case
        .complaint()
        .deadline(DeadlineKind::Answer)
        .unwrap()
        .clone();
    assert_eq!(answer_term.end(), d("2026-05-12"));
    assert_eq!(
        answer_term.deadline.end,
        d("2026-04-28"),
        "the original stays explainable"
    );
    assert_eq!(answer_term.extensions[0].previous_end, d("2026-04-28"));
    // An answer on 11 May now meets the extended term.
    let events = case
        .when(handler(), "2026-05-11 09:00", answer("2026-05-11"))
        .events();
    let closed = &events[0].deadline_changes().unwrap().closed;
    assert_eq!(
        closed
            .iter()
            .find(|c| c.kind == DeadlineKind::Answer)
            .unwrap()
            .outcome,
        DeadlineOutcome::Met
    );
}

#[test]
fn an_extension_by_term_counts_from_the_original_start() {
    let four_weeks = "4 weken".parse().unwrap();
    let case = registered().given(
        director(),
        "2026-04-20 09:00",
        extend(
            DeadlineKind::Answer,
            ExtendTo::Term(four_weeks),
            "Onderzoek loopt.",
        ),
    );
    let ext = case
        .complaint()
        .deadline(DeadlineKind::Answer)
        .unwrap()
        .extensions[0]
        .clone();
    assert_eq!(ext.new_end, d("2026-05-11"));
    assert_eq!(ext.new_term.as_deref(), Some("4 weken"));
    assert_eq!(ext.new_deadline.as_ref().unwrap().start, d("2026-04-13"));
}

#[test]
fn an_extension_must_extend_a_running_term_by_an_allowed_party() {
    let case = registered();
    case.when(
        handler(),
        "2026-04-20 09:00",
        extend(DeadlineKind::Answer, ExtendTo::Date(d("2026-04-27")), "x"),
    )
    .refused("extension_not_later");
    case.when(
        handler(),
        "2026-04-20 09:00",
        extend(
            DeadlineKind::FinalDecision,
            ExtendTo::Date(d("2026-06-01")),
            "x",
        ),
    )
    .refused("deadline_not_open");
    case.when(
        complainant(),
        "2026-04-20 09:00",
        extend(DeadlineKind::Answer, ExtendTo::Date(d("2026-06-01")), "x"),
    )
    .refused("actor_not_allowed");
    case.when(
        admin(),
        "2026-04-20 09:00",
        extend(DeadlineKind::Answer, ExtendTo::Date(d("2026-06-01")), "x"),
    )
    .refused("actor_not_allowed");
}

#[test]
fn extending_the_objection_window_moves_what_counts_as_late() {
    let case = answered().given(
        handler(),
        "2026-04-21 09:00",
        extend(
            DeadlineKind::Objection,
            ExtendTo::Date(d("2026-05-13")),
            "Klager in het buitenland.",
        ),
    );
    let events = case
        .when(
            handler(),
            "2026-05-12 10:00",
            objection("2026-05-12 09:00", domain::complaint::ObjectionVia::Letter),
        )
        .events();
    let Event::ObjectionRegistered(e) = &events[0] else {
        unreachable!()
    };
    assert!(!e.late);
    assert_eq!(e.window_end, d("2026-05-13"));
    case.when(system(), "2026-05-13 06:00", Command::CloseWithoutObjection)
        .refused("window_still_open");
}

#[test]
fn something_that_is_not_a_complaint_closes_with_reason_and_referral() {
    let close = |reason: &str, referral: &str| Command::CloseAsNotAComplaint {
        reason: reason.into(),
        referral: referral.into(),
    };
    let case = registered();
    case.when(handler(), "2026-04-14 09:00", close("", "Privacyloket"))
        .refused("reason_required");
    case.when(
        handler(),
        "2026-04-14 09:00",
        close("Een verzoek om inzage.", " "),
    )
    .refused("referral_required");
    case.when(complainant(), "2026-04-14 09:00", close("x", "y"))
        .refused("actor_not_allowed");
    let case = case.given(
        handler(),
        "2026-04-14 09:00",
        close("Een verzoek om inzage (AVG).", "privacy@focusnederland.nl"),
    );
    assert_eq!(
        case.complaint().status(),
        Status::Closed(Closure::NotAComplaint)
    );
    assert!(case.complaint().open_deadlines().is_empty());
    answered()
        .when(handler(), "2026-04-21 09:00", close("x", "y"))
        .refused("not_allowed_in_status");
}

#[test]
fn reassignment_moves_the_complaint_to_another_handler() {
    let to = |u: &str| Command::Reassign {
        to: UserId::try_from(u).unwrap(),
    };
    let case = registered();
    case.when(director(), "2026-04-14 09:00", to("behandelaar-1"))
        .refused("same_assignee");
    case.when(reader(), "2026-04-14 09:00", to("behandelaar-2"))
        .refused("actor_not_allowed");
    case.when(complainant(), "2026-04-14 09:00", to("behandelaar-2"))
        .refused("actor_not_allowed");
    case.when(admin(), "2026-04-14 09:00", to("behandelaar-2"))
        .then(&["complaint_reassigned"]);
    let case = case.given(director(), "2026-04-14 09:00", to("behandelaar-2"));
    assert_eq!(
        case.complaint().assignee().unwrap().as_ref(),
        "behandelaar-2"
    );
}
