//! Who may do what: the procedure's parties mapped onto the people and processes.

use domain::complaint::{Command, Refusal, Status};

use super::*;

/// One command of every kind, valid in content, for the actor checks.
fn every_command() -> Vec<Command> {
    vec![
        register(Channel::Email, "2026-04-13 10:00"),
        Command::LogFirstContact {
            via: domain::complaint::ContactMethod::Email,
            contacted_at: at("2026-04-14 09:00"),
            note: None,
        },
        answer("2026-04-20"),
        objection("2026-04-20 16:00", domain::complaint::ObjectionVia::Letter),
        Command::DecideLateObjection {
            take_up: true,
            reason: "x".into(),
        },
        offer(true),
        choose(true),
        Command::DeclineHearing { reason: None },
        Command::LapseHearingOffer,
        record("2026-04-28", settled()),
        Command::ConfirmSettlement(domain::complaint::SettlementParty::Organisation),
        Command::IssueFinalDecision {
            dagtekening: d("2026-04-28"),
            text: "x".into(),
        },
        Command::CloseWithoutObjection,
        Command::Withdraw { reason: None },
        Command::ExtendDeadline {
            kind: DeadlineKind::Answer,
            to: domain::complaint::ExtendTo::Date(d("2026-06-01")),
            reason: "x".into(),
        },
        Command::CloseAsNotAComplaint {
            reason: "x".into(),
            referral: "y".into(),
        },
        Command::Reassign {
            to: UserId::try_from("behandelaar-2").unwrap(),
        },
        Command::LinkEmployeeAccount {
            user: Some(UserId::try_from("medewerker-1").unwrap()),
        },
    ]
}

#[test]
fn a_reader_can_do_nothing() {
    for command in every_command() {
        let action = command.action_nl();
        let r = registered()
            .when(reader(), "2026-04-20 09:00", command)
            .refused("actor_not_allowed");
        assert!(r.to_string().contains("lezer"), "{action}: {r}");
    }
}

#[test]
fn the_system_does_only_the_system_steps() {
    // "Klacht registreren": the list registers an e-mail, which the mail intake may do.
    let allowed = [
        "Uitnodiging laten verlopen",
        "Afsluiten zonder bezwaar",
        "Klacht registreren",
    ];
    for command in every_command() {
        let action = command.action_nl();
        let result = registered()
            .when(system(), "2026-04-20 09:00", command)
            .result;
        let refused_as_actor = matches!(&result, Err(Refusal::ActorNotAllowed { .. }));
        assert_eq!(
            refused_as_actor,
            !allowed.contains(&action),
            "{action}: {result:?}"
        );
    }
}

#[test]
fn the_complainant_cannot_do_the_organisations_steps() {
    let theirs = [
        "Klacht registreren",
        "Bezwaar registreren",
        "Gesprek plannen",
        "Afzien van mondelinge toelichting",
        "Klacht intrekken",
    ];
    for command in every_command() {
        let action = command.action_nl();
        let result = registered()
            .when(complainant(), "2026-04-20 09:00", command)
            .result;
        let refused_as_actor = matches!(&result, Err(Refusal::ActorNotAllowed { .. }));
        // Registration by the complainant is refused for an e-mail: only the web form is theirs.
        let expected = !theirs.contains(&action) || action == "Klacht registreren";
        assert_eq!(refused_as_actor, expected, "{action}: {result:?}");
    }
}

#[test]
fn the_complainant_cannot_issue_the_answer() {
    let r = registered()
        .when(complainant(), "2026-04-20 09:00", answer("2026-04-20"))
        .refused("actor_not_allowed");
    assert_eq!(
        r.to_string(),
        "de klager mag de stap \u{201c}Schriftelijke reactie\u{201d} niet uitvoeren; dat doet de klachtbehandelaar."
    );
}

#[test]
fn the_final_decision_is_regional_managements() {
    let case = offered().given(
        complainant(),
        "2026-04-24 09:00",
        Command::DeclineHearing { reason: None },
    );
    let decide = || Command::IssueFinalDecision {
        dagtekening: d("2026-04-28"),
        text: "Ongegrond.".into(),
    };
    for actor in [handler(), admin(), reader(), complainant(), system()] {
        case.when(actor, "2026-04-28 09:00", decide())
            .refused("actor_not_allowed");
    }
    case.when(director(), "2026-04-28 09:00", decide())
        .then(&["final_decision_issued"]);
}

#[test]
fn management_may_do_the_handlers_work_but_an_administrator_may_not() {
    registered()
        .when(director(), "2026-04-20 09:00", answer("2026-04-20"))
        .then(&["answer_issued"]);
    registered()
        .when(admin(), "2026-04-20 09:00", answer("2026-04-20"))
        .refused("actor_not_allowed");
}

#[test]
fn the_complainant_registers_through_the_web_form_only() {
    Case::new()
        .when(
            complainant(),
            "2026-04-13 10:00",
            register(Channel::Web, "2026-04-13 10:00"),
        )
        .then(&["complaint_registered"]);
    Case::new()
        .when(
            complainant(),
            "2026-04-13 10:00",
            register(Channel::Phone, "2026-04-13 10:00"),
        )
        .refused("actor_not_allowed");
    Case::new()
        .when(
            admin(),
            "2026-04-13 10:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .refused("actor_not_allowed");
}

#[test]
fn staff_record_the_complainants_steps_on_their_behalf() {
    let case = answered().given(
        handler(),
        "2026-04-21 09:00",
        objection("2026-04-21 08:00", domain::complaint::ObjectionVia::Letter),
    );
    assert_eq!(case.complaint().status(), Status::ObjectionReceived);
}
