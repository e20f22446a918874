//! Steps 1 to 3: registration, first contact, the written answer.

use domain::complaint::{
    AnswerDraft, AnswerPart, Channel, Command, ContactMethod, DeadlineOutcome, Event, Refusal,
    Status,
};
use domain::procedure::{DeadlineKind, Moment, Party};

use super::*;

#[test]
fn registration_opens_contact_and_answer_terms_from_the_date_of_receipt() {
    let events = Case::new()
        .when(
            handler(),
            "2026-04-13 11:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .then(&["complaint_registered"]);
    let Event::ComplaintRegistered(e) = &events[0] else {
        unreachable!()
    };
    assert_eq!(e.procedure, "focus@2026.1");
    assert_eq!(e.received_on, d("2026-04-13"));
    let ends: Vec<_> = e
        .deadlines
        .opened
        .iter()
        .map(|o| (o.kind, o.deadline.end))
        .collect();
    // TERMS.md E2: received Mon 13 Apr 2026 → answer due Tue 28 Apr 2026 (Koningsdag).
    assert_eq!(
        ends,
        vec![
            (DeadlineKind::Contact, d("2026-04-15")),
            (DeadlineKind::Answer, d("2026-04-28"))
        ]
    );
    let answer = &e.deadlines.opened[1];
    assert_eq!(answer.who, Party::Handler);
    assert_eq!(answer.starts, Moment::Received);
    assert_eq!(answer.term, "2 weken");
    assert_eq!(
        answer.start_description,
        "ontvangst van de klacht op maandag 13 april 2026"
    );
    assert!(!answer.deadline.calendar_version.is_empty());
    assert!(
        answer
            .deadline
            .steps
            .iter()
            .any(|s| s.reason.contains("Koningsdag")),
        "{:?}",
        answer.deadline.steps
    );
    let state = registered().complaint();
    assert_eq!(state.status(), Status::InProgress);
    assert_eq!(state.open_deadlines().len(), 2);
}

#[test]
fn a_web_form_on_friday_1_may_2026_is_contacted_by_wednesday_6_may() {
    let case = Case::new().given(
        complainant(),
        "2026-05-01 12:00",
        register(Channel::Web, "2026-05-01 12:00"),
    );
    assert_eq!(end_of(&case, DeadlineKind::Contact), Some(d("2026-05-06")));
    // 2 weken from Fri 1 May: raw Fri 15 May 2026, put on a par with a holiday by decree.
    assert_eq!(end_of(&case, DeadlineKind::Answer), Some(d("2026-05-18")));
}

#[test]
fn the_date_of_receipt_is_the_date_in_amsterdam() {
    // 23:30 UTC on Sunday 12 April is 01:30 on Monday 13 April in Amsterdam.
    let command = match register(Channel::Email, "2026-04-13 01:30") {
        Command::Register(mut r) => {
            r.received_at = "2026-04-12T23:30:00Z".parse().unwrap();
            Command::Register(r)
        }
        _ => unreachable!(),
    };
    let case = Case::new().given(handler(), "2026-04-13 09:00", command);
    assert_eq!(case.complaint().registration().received_on, d("2026-04-13"));
}

#[test]
fn a_letter_registered_later_keeps_its_date_of_receipt() {
    let case = Case::new().given(
        handler(),
        "2026-04-16 09:00",
        register(Channel::Letter, "2026-04-13 09:00"),
    );
    assert_eq!(end_of(&case, DeadlineKind::Answer), Some(d("2026-04-28")));
}

#[test]
fn a_receipt_in_the_future_is_refused_beyond_a_small_tolerance() {
    Case::new()
        .when(
            handler(),
            "2026-04-13 10:00",
            register(Channel::Phone, "2026-04-13 10:04"),
        )
        .events();
    Case::new()
        .when(
            handler(),
            "2026-04-13 10:00",
            register(Channel::Phone, "2026-04-13 10:30"),
        )
        .refused("received_in_future");
}

#[test]
fn the_contact_term_runs_only_on_the_channels_the_procedure_names() {
    let text = domain::procedure::FOCUS_TOML.replacen(
        "contact_term_channels = [\"web\", \"email\", \"phone\", \"letter\", \"in_person\"]",
        "contact_term_channels = [\"web\"]",
        1,
    );
    let p = domain::procedure::ProcedureDefinition::from_toml("web-only.toml", &text).unwrap();
    let case = Case::with(p.clone()).given(
        handler(),
        "2026-04-13 11:00",
        register(Channel::Letter, "2026-04-13 10:00"),
    );
    assert_eq!(end_of(&case, DeadlineKind::Contact), None);
    let case = Case::with(p).given(
        complainant(),
        "2026-04-13 11:00",
        register(Channel::Web, "2026-04-13 10:00"),
    );
    assert_eq!(end_of(&case, DeadlineKind::Contact), Some(d("2026-04-15")));
}

#[test]
fn registering_twice_or_acting_on_nothing_is_refused() {
    registered()
        .when(
            handler(),
            "2026-04-13 12:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .refused("already_registered");
    Case::new()
        .when(handler(), "2026-04-14 12:00", answer("2026-04-14"))
        .refused("not_registered");
}

#[test]
fn first_contact_closes_the_contact_term_met_or_late() {
    let contact = |at_: &str| Command::LogFirstContact {
        via: ContactMethod::Phone,
        contacted_at: at(at_),
        note: None,
    };
    let events = registered()
        .when(handler(), "2026-04-15 17:00", contact("2026-04-15 16:00"))
        .then(&["first_contact_logged"]);
    let closed = &events[0].deadline_changes().unwrap().closed;
    assert_eq!(
        (closed[0].kind, closed[0].outcome),
        (DeadlineKind::Contact, DeadlineOutcome::Met)
    );
    let late = registered()
        .when(handler(), "2026-04-16 10:00", contact("2026-04-16 09:00"))
        .events();
    assert_eq!(
        late[0].deadline_changes().unwrap().closed[0].outcome,
        DeadlineOutcome::Late
    );
    let case = registered().given(handler(), "2026-04-14 10:00", contact("2026-04-14 09:00"));
    assert_eq!(case.complaint().open_deadlines().len(), 1);
    case.when(handler(), "2026-04-15 10:00", contact("2026-04-15 09:00"))
        .refused("already_contacted");
    registered()
        .when(handler(), "2026-04-14 10:00", contact("2026-04-15 09:00"))
        .refused("date_in_future");
    registered()
        .when(handler(), "2026-04-14 10:00", contact("2026-04-12 09:00"))
        .refused("date_too_early");
}

#[test]
fn the_answer_closes_the_answer_term_and_opens_the_complainants_objection_window() {
    let events = registered()
        .when(handler(), "2026-04-20 09:00", answer("2026-04-20"))
        .then(&["answer_issued"]);
    let changes = events[0].deadline_changes().unwrap();
    let closed: Vec<_> = changes.closed.iter().map(|c| (c.kind, c.outcome)).collect();
    assert_eq!(
        closed,
        vec![
            (DeadlineKind::Answer, DeadlineOutcome::Met),
            (DeadlineKind::Contact, DeadlineOutcome::Late)
        ]
    );
    // TERMS.md E5: dagtekening Mon 20 Apr 2026 + 15 dagen → Wed 6 May 2026 (5 mei).
    let window = &changes.opened[0];
    assert_eq!(
        (window.kind, window.who, window.deadline.end),
        (DeadlineKind::Objection, Party::Complainant, d("2026-05-06"))
    );
    let state = answered().complaint();
    assert_eq!(state.status(), Status::Answered);
    assert_eq!(
        state
            .open_deadlines()
            .iter()
            .map(|o| o.kind)
            .collect::<Vec<_>>(),
        vec![DeadlineKind::Objection]
    );
}

#[test]
fn an_answer_after_the_term_is_recorded_late() {
    let events = registered()
        .when(handler(), "2026-04-29 09:00", answer("2026-04-29"))
        .events();
    assert_eq!(
        events[0].deadline_changes().unwrap().closed[0].outcome,
        DeadlineOutcome::Late
    );
}

#[test]
fn an_incomplete_answer_names_every_missing_part() {
    let blank = AnswerDraft {
        dagtekening: None,
        complaint_as_understood: " ".into(),
        ..Default::default()
    };
    let refusal = registered()
        .when(handler(), "2026-04-20 09:00", Command::IssueAnswer(blank))
        .refused("answer_incomplete");
    let Refusal::AnswerIncomplete { missing } = &refusal else {
        unreachable!()
    };
    assert_eq!(
        missing,
        &[
            AnswerPart::ComplaintAsUnderstood,
            AnswerPart::ProposedSolution,
            AnswerPart::FurtherProcedure
        ]
    );
    let text = refusal.to_string();
    assert!(
        text.contains("de klacht zoals wij die begrijpen") && text.contains("de verdere procedure"),
        "{text}"
    );
    let one = AnswerDraft {
        further_procedure: String::new(),
        ..match answer("2026-04-20") {
            Command::IssueAnswer(a) => a,
            _ => unreachable!(),
        }
    };
    let refusal = registered()
        .when(handler(), "2026-04-20 09:00", Command::IssueAnswer(one))
        .refused("answer_incomplete");
    assert_eq!(
        refusal,
        Refusal::AnswerIncomplete {
            missing: vec![AnswerPart::FurtherProcedure]
        }
    );
}

#[test]
fn the_dagtekening_lies_between_receipt_and_today() {
    registered()
        .when(handler(), "2026-04-20 09:00", answer("2026-04-12"))
        .refused("date_too_early");
    registered()
        .when(handler(), "2026-04-20 09:00", answer("2026-04-21"))
        .refused("date_in_future");
    registered()
        .when(handler(), "2026-04-20 09:00", answer("2026-04-13"))
        .events();
}

#[test]
fn without_a_dagtekening_the_answer_is_dated_today() {
    let draft = match answer("2026-04-20") {
        Command::IssueAnswer(a) => AnswerDraft {
            dagtekening: None,
            ..a
        },
        _ => unreachable!(),
    };
    let case = registered().given(handler(), "2026-04-22 09:00", Command::IssueAnswer(draft));
    assert_eq!(
        case.complaint().answer().unwrap().dagtekening,
        d("2026-04-22")
    );
}

#[test]
fn a_second_answer_is_refused() {
    answered()
        .when(handler(), "2026-04-21 09:00", answer("2026-04-21"))
        .refused("not_allowed_in_status");
}
