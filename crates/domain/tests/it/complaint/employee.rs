//! The employee the complaint is about: linking their staff account, what stays hidden from
//! them, and the conflicts of interest the decisions refuse.

use domain::complaint::{Command, Correspondence, CorrespondenceChannel, Event, UserId};

use super::*;

const EMPLOYEE: &str = "medewerker-1";

fn user(u: &str) -> UserId {
    UserId::try_from(u).unwrap()
}

fn link(u: &str) -> Command {
    Command::LinkEmployeeAccount {
        user: Some(user(u)),
    }
}

fn unlink() -> Command {
    Command::LinkEmployeeAccount { user: None }
}

fn employee() -> Actor {
    staff(EMPLOYEE, Role::Klachtbehandelaar)
}

fn linked(case: Case) -> Case {
    case.given(director(), "2026-04-14 09:00", link(EMPLOYEE))
}

fn hidden(case: &Case) -> Option<String> {
    case.complaint().hidden_from().map(ToString::to_string)
}

#[test]
fn linking_records_the_account_and_hides_the_complaint_from_it() {
    let case = registered();
    assert_eq!(hidden(&case), None);
    let events = case
        .when(director(), "2026-04-14 09:00", link(EMPLOYEE))
        .then(&["employee_account_linked"]);
    let json = serde_json::to_value(&events[0]).unwrap();
    assert_eq!(json["type"], "employee_account_linked");
    assert_eq!(json["user"], EMPLOYEE);
    let case = linked(registered());
    assert_eq!(case.complaint().employee_account(), Some(&user(EMPLOYEE)));
    assert_eq!(hidden(&case).as_deref(), Some(EMPLOYEE));
}

#[test]
fn linking_is_for_those_who_may_reassign() {
    let case = registered();
    case.when(handler(), "2026-04-14 09:00", link(EMPLOYEE))
        .then(&["employee_account_linked"]);
    case.when(admin(), "2026-04-14 09:00", link(EMPLOYEE))
        .then(&["employee_account_linked"]);
    case.when(reader(), "2026-04-14 09:00", link(EMPLOYEE))
        .refused("actor_not_allowed");
    case.when(complainant(), "2026-04-14 09:00", link(EMPLOYEE))
        .refused("actor_not_allowed");
    case.when(system(), "2026-04-14 09:00", link(EMPLOYEE))
        .refused("actor_not_allowed");
}

#[test]
fn unlinking_shows_the_complaint_again_and_needs_a_link() {
    registered()
        .when(director(), "2026-04-14 09:00", unlink())
        .refused("no_employee_account");
    let case = linked(registered()).given(director(), "2026-04-15 09:00", unlink());
    assert_eq!(case.complaint().employee_account(), None);
    assert_eq!(hidden(&case), None);
    case.when(director(), "2026-04-15 10:00", unlink())
        .refused("no_employee_account");
}

#[test]
fn the_same_account_is_not_linked_twice_but_another_replaces_it() {
    let case = linked(registered());
    case.when(director(), "2026-04-15 09:00", link(EMPLOYEE))
        .refused("same_employee_account");
    let case = case.given(director(), "2026-04-15 09:00", link("medewerker-2"));
    assert_eq!(hidden(&case).as_deref(), Some("medewerker-2"));
}

#[test]
fn the_handler_of_the_complaint_cannot_be_linked_before_it_is_reassigned() {
    // behandelaar-1 handles the complaint since its registration.
    let r = registered()
        .when(director(), "2026-04-14 09:00", link("behandelaar-1"))
        .refused("employee_is_assignee");
    assert!(r.to_string().contains("eerst"), "{r}");
    let case = registered()
        .given(
            director(),
            "2026-04-14 09:00",
            Command::Reassign {
                to: user("behandelaar-2"),
            },
        )
        .given(director(), "2026-04-14 09:05", link("behandelaar-1"));
    assert_eq!(hidden(&case).as_deref(), Some("behandelaar-1"));
}

#[test]
fn the_complaint_is_not_reassigned_to_the_employee_it_is_about() {
    let case = linked(registered());
    case.when(
        director(),
        "2026-04-15 09:00",
        Command::Reassign { to: user(EMPLOYEE) },
    )
    .refused("assignee_is_employee_concerned");
    case.when(
        director(),
        "2026-04-15 09:00",
        Command::Reassign {
            to: user("behandelaar-2"),
        },
    )
    .then(&["complaint_reassigned"]);
    // Once unlinked, nothing stands in the way.
    linked(registered())
        .given(director(), "2026-04-15 09:00", unlink())
        .when(
            director(),
            "2026-04-15 09:05",
            Command::Reassign { to: user(EMPLOYEE) },
        )
        .then(&["complaint_reassigned"]);
}

#[test]
fn the_linked_employee_takes_no_step_whatever_their_role() {
    let case = linked(registered());
    let contact = || Command::LogFirstContact {
        via: domain::complaint::ContactMethod::Phone,
        contacted_at: at("2026-04-14 08:00"),
        note: None,
    };
    case.when(employee(), "2026-04-14 10:00", contact())
        .refused("actor_is_employee_concerned");
    case.when(
        staff(EMPLOYEE, Role::Regiodirecteur),
        "2026-04-14 10:00",
        answer("2026-04-14"),
    )
    .refused("actor_is_employee_concerned");
    case.when(employee(), "2026-04-14 10:00", unlink())
        .refused("actor_is_employee_concerned");
    case.when(
        employee(),
        "2026-04-14 10:00",
        Command::Reassign {
            to: user("behandelaar-2"),
        },
    )
    .refused("actor_is_employee_concerned");
    case.when(
        employee(),
        "2026-04-14 10:00",
        Command::RecordCorrespondence(Correspondence {
            channel: CorrespondenceChannel::Phone,
            received_at: at("2026-04-14 09:30"),
            from_complainant: true,
            subject: None,
            text: Text::try_from("Belde over de klacht.").unwrap(),
            message_id: None,
            attachments: Vec::new(),
        }),
    )
    .refused("actor_is_employee_concerned");
    // Someone else may.
    case.when(handler(), "2026-04-14 10:00", contact())
        .then(&["first_contact_logged"]);
}

#[test]
fn the_linked_employee_takes_no_step_even_once_invited() {
    let case = linked(objected()).given(handler(), "2026-04-23 09:00", offer(true));
    assert_eq!(hidden(&case), None);
    case.when(employee(), "2026-04-24 09:00", choose(true))
        .refused("actor_is_employee_concerned");
}

#[test]
fn hidden_from_over_the_lifecycle() {
    // Linked at registration's next step: hidden through answer and objection.
    let case = linked(registered());
    assert_eq!(hidden(&case).as_deref(), Some(EMPLOYEE));
    let case = case.given(handler(), "2026-04-20 09:00", answer("2026-04-20"));
    assert_eq!(hidden(&case).as_deref(), Some(EMPLOYEE));
    let case = case.given(
        complainant(),
        "2026-04-20 16:00",
        objection("2026-04-20 16:00", ObjectionVia::Portal),
    );
    assert_eq!(hidden(&case).as_deref(), Some(EMPLOYEE));
    // An offer that does not invite the employee hides nothing less.
    let not_invited = linked(objected()).given(handler(), "2026-04-23 09:00", offer(false));
    assert_eq!(hidden(&not_invited).as_deref(), Some(EMPLOYEE));
    // An offer that invites them: from then on nothing is hidden.
    let invited = case.given(handler(), "2026-04-23 09:00", offer(true));
    assert_eq!(hidden(&invited), None);
    assert_eq!(
        invited.complaint().employee_account(),
        Some(&user(EMPLOYEE))
    );
    let declined = invited.given(
        complainant(),
        "2026-04-24 09:00",
        Command::DeclineHearing { reason: None },
    );
    assert_eq!(hidden(&declined), None);
    let decided = declined.given(
        director(),
        "2026-04-28 09:00",
        Command::IssueFinalDecision {
            dagtekening: d("2026-04-28"),
            text: "Beslissing.".into(),
        },
    );
    assert_eq!(hidden(&decided), None);
}

#[test]
fn an_invitation_before_the_link_also_counts() {
    let case = offered().given(director(), "2026-04-23 10:00", link(EMPLOYEE));
    assert_eq!(hidden(&case), None);
    assert_eq!(case.complaint().employee_account(), Some(&user(EMPLOYEE)));
}

#[test]
fn a_closed_complaint_keeps_its_link() {
    let closed = linked(registered()).given(
        complainant(),
        "2026-04-15 09:00",
        Command::Withdraw { reason: None },
    );
    assert_eq!(hidden(&closed).as_deref(), Some(EMPLOYEE));
    closed
        .when(director(), "2026-04-16 09:00", unlink())
        .refused("complaint_closed");
    closed
        .when(director(), "2026-04-16 09:00", link("medewerker-2"))
        .refused("complaint_closed");
}

#[test]
fn replaying_the_log_gives_the_same_link() {
    let case = linked(registered()).given(director(), "2026-04-15 09:00", link("medewerker-2"));
    let replayed = domain::complaint::Complaint::replay(&case.events).unwrap();
    assert_eq!(replayed.hidden_from(), Some(&user("medewerker-2")));
    assert!(
        case.events
            .iter()
            .filter(|e| matches!(e, Event::EmployeeAccountLinked(_)))
            .count()
            == 2
    );
}
