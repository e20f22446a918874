//! Correspondence: messages about a complaint join its timeline in every status, open or
//! closed, change no status and no deadline, and each Message-ID is recorded once.

use domain::complaint::{
    Closure, Command, Correspondence, CorrespondenceChannel, Event, Status, Text,
};

use super::*;

fn mail(message_id: Option<&str>, received: &str) -> Command {
    Command::RecordCorrespondence(Correspondence {
        channel: CorrespondenceChannel::Email,
        received_at: at(received),
        from_complainant: true,
        subject: Some("Re: Ontvangstbevestiging van uw klacht K-2026-000001".into()),
        text: Text::try_from("Ik heb nog een foto van de situatie.").unwrap(),
        message_id: message_id.map(Into::into),
        attachments: vec!["foto.jpg".into()],
    })
}

#[test]
fn a_reply_joins_the_timeline_without_changing_status_or_deadlines() {
    let case = registered();
    let before = case.complaint();
    let events = case
        .when(
            system(),
            "2026-04-14 09:00",
            mail(Some("r1@example.nl"), "2026-04-14 08:55"),
        )
        .then(&["correspondence_received"]);
    let Event::CorrespondenceReceived(e) = &events[0] else {
        unreachable!()
    };
    assert_eq!(e.received_on, d("2026-04-14"));
    assert_eq!(e.message_id.as_deref(), Some("r1@example.nl"));
    assert_eq!(e.attachments, ["foto.jpg"]);
    assert!(e.from_complainant);
    assert!(events[0].deadline_changes().is_none());

    let after = case.given(
        system(),
        "2026-04-14 09:00",
        mail(Some("r1@example.nl"), "2026-04-14 08:55"),
    );
    let now = after.complaint();
    assert_eq!(now.status(), before.status());
    assert_eq!(now.open_deadlines(), before.open_deadlines());
    assert!(now.has_message("r1@example.nl"));
}

#[test]
fn the_same_message_is_recorded_once() {
    let case = registered().given(
        system(),
        "2026-04-14 09:00",
        mail(Some("r1@example.nl"), "2026-04-14 08:55"),
    );
    let r = case
        .when(
            system(),
            "2026-04-14 10:00",
            mail(Some("<r1@example.nl>"), "2026-04-14 08:55"),
        )
        .refused("duplicate_message");
    assert!(r.to_string().contains("r1@example.nl"), "{r}");
    case.when(
        system(),
        "2026-04-14 10:00",
        mail(Some("r2@example.nl"), "2026-04-14 09:55"),
    )
    .then(&["correspondence_received"]);
    // Without a Message-ID (a letter, a phone call) nothing can tell two messages apart.
    let no_id = case.given(
        handler(),
        "2026-04-14 10:00",
        mail(None, "2026-04-14 09:00"),
    );
    no_id
        .when(
            handler(),
            "2026-04-14 10:00",
            mail(None, "2026-04-14 09:00"),
        )
        .then(&["correspondence_received"]);
}

#[test]
fn correspondence_is_recorded_in_every_status_and_after_closure_without_reopening() {
    let withdrawn = registered().given(
        complainant(),
        "2026-04-14 09:00",
        Command::Withdraw { reason: None },
    );
    for (stage, case) in [
        ("registered", registered()),
        ("answered", answered()),
        ("objected", objected()),
        ("offered", offered()),
        ("scheduled", scheduled()),
        ("awaiting settlement", awaiting_settlement()),
        ("awaiting decision", awaiting_decision()),
        ("withdrawn", withdrawn),
    ] {
        let status = case.complaint().status();
        let case = case.given(
            system(),
            "2026-04-29 09:00",
            mail(Some("x@y.nl"), "2026-04-29 08:00"),
        );
        assert_eq!(case.complaint().status(), status, "{stage}");
    }
    let closed = registered()
        .given(
            complainant(),
            "2026-04-14 09:00",
            Command::Withdraw { reason: None },
        )
        .given(
            system(),
            "2026-04-15 09:00",
            mail(Some("x@y.nl"), "2026-04-15 08:00"),
        );
    assert_eq!(
        closed.complaint().status(),
        Status::Closed(Closure::Withdrawn)
    );
    assert!(closed.complaint().open_deadlines().is_empty());
}

#[test]
fn the_complainant_staff_and_the_system_may_record_it_but_not_a_reader_or_administrator() {
    for actor in [complainant(), handler(), director(), system()] {
        registered()
            .when(actor, "2026-04-14 09:00", mail(None, "2026-04-14 08:00"))
            .then(&["correspondence_received"]);
    }
    for actor in [reader(), admin()] {
        let r = registered()
            .when(actor, "2026-04-14 09:00", mail(None, "2026-04-14 08:00"))
            .refused("actor_not_allowed");
        assert!(r.to_string().contains("Bericht vastleggen"), "{r}");
    }
}

#[test]
fn correspondence_needs_a_complaint_and_a_moment_that_has_passed() {
    Case::new()
        .when(system(), "2026-04-14 09:00", mail(None, "2026-04-14 08:00"))
        .refused("not_registered");
    registered()
        .when(system(), "2026-04-14 09:00", mail(None, "2026-04-14 10:00"))
        .refused("received_in_future");
}

#[test]
fn a_blank_subject_is_no_subject_and_blank_file_names_are_dropped() {
    let command = Command::RecordCorrespondence(Correspondence {
        channel: CorrespondenceChannel::Letter,
        received_at: at("2026-04-14 08:00"),
        from_complainant: false,
        subject: Some("   ".into()),
        text: Text::try_from("Brief van de buurman.").unwrap(),
        message_id: Some("  ".into()),
        attachments: vec![" ".into(), "scan.pdf".into()],
    });
    let events = registered()
        .when(handler(), "2026-04-14 09:00", command)
        .then(&["correspondence_received"]);
    let Event::CorrespondenceReceived(e) = &events[0] else {
        unreachable!()
    };
    assert_eq!(e.subject, None);
    assert_eq!(e.message_id, None);
    assert_eq!(e.attachments, ["scan.pdf"]);
    assert!(!e.from_complainant);
    let json = serde_json::to_value(&events[0]).unwrap();
    assert_eq!(json["type"], "correspondence_received");
    assert_eq!(json["channel"], "letter");
}

#[test]
fn the_system_registers_e_mail_complaints_only() {
    Case::new()
        .when(
            system(),
            "2026-04-13 10:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .then(&["complaint_registered"]);
    for channel in [Channel::Web, Channel::Phone, Channel::Letter] {
        Case::new()
            .when(
                system(),
                "2026-04-13 10:00",
                register(channel, "2026-04-13 10:00"),
            )
            .refused("actor_not_allowed");
    }
}
