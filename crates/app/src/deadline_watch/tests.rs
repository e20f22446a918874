//! Who hears of an alert, and which mail each alert queues.
use super::*;
use domain::complaint::{AlertAudience, DeadlineAlert};

fn user(n: u128, role: Role, regions: &[&str], active: bool) -> UserRecord {
    UserRecord {
        id: uuid::Uuid::from_u128(n),
        email: format!("u{n}@example.nl"),
        name: format!("Gebruiker {n}"),
        role,
        all_regions: false,
        regions: regions.iter().map(|r| r.to_string()).collect(),
        active,
        password_hash: None,
        totp_secret: None,
        created_at: Timestamp::UNIX_EPOCH,
    }
}

fn uid(n: u128) -> UserId {
    UserId::try_from(uuid::Uuid::from_u128(n).to_string()).unwrap()
}

fn complaint(assignee: Option<u128>) -> Complaint {
    support::registered("noord", assignee.map(uid))
}

#[test]
fn a_reminder_goes_to_the_active_assignee_else_to_the_regions_handlers() {
    let users = [
        user(1, Role::Klachtbehandelaar, &["noord"], true),
        user(2, Role::Klachtbehandelaar, &["noord"], true),
        user(3, Role::Klachtbehandelaar, &["zuid"], true),
        user(4, Role::Klachtbehandelaar, &["noord"], false),
        user(5, Role::Regiodirecteur, &["noord"], true),
    ];
    assert_eq!(
        recipients(&users, &complaint(Some(2)), AlertLevel::Reminder),
        (AlertAudience::Assignee, vec![uid(2)])
    );
    assert_eq!(
        recipients(&users, &complaint(None), AlertLevel::Reminder),
        (AlertAudience::RegionHandlers, vec![uid(1), uid(2)])
    );
    // An assignee who left: the region's handlers.
    assert_eq!(
        recipients(&users, &complaint(Some(4)), AlertLevel::Reminder),
        (AlertAudience::RegionHandlers, vec![uid(1), uid(2)])
    );
}

#[test]
fn an_escalation_goes_to_the_regions_directors_else_to_the_administrators() {
    let mut users = vec![
        user(1, Role::Klachtbehandelaar, &["noord"], true),
        user(5, Role::Regiodirecteur, &["noord"], true),
        user(6, Role::Regiodirecteur, &["zuid"], true),
        user(7, Role::Beheerder, &[], true),
    ];
    assert_eq!(
        recipients(&users, &complaint(Some(1)), AlertLevel::Escalation),
        (AlertAudience::RegionalManagement, vec![uid(5)])
    );
    users.retain(|u| u.id != uuid::Uuid::from_u128(5));
    assert_eq!(
        recipients(&users, &complaint(Some(1)), AlertLevel::Escalation),
        (AlertAudience::Administrators, vec![uid(7)])
    );
}

/// `complaint(assignee)` whose employee concerned is linked to user `n`.
fn about(n: u128, assignee: Option<u128>) -> Complaint {
    let mut c = complaint(assignee);
    c.apply(&Event::EmployeeAccountLinked(
        domain::complaint::EmployeeAccountLinked { user: Some(uid(n)) },
    ));
    c
}

#[test]
fn the_employee_a_complaint_is_about_is_in_no_audience() {
    let users = [
        user(1, Role::Klachtbehandelaar, &["noord"], true),
        user(2, Role::Klachtbehandelaar, &["noord"], true),
        user(5, Role::Regiodirecteur, &["noord"], true),
        user(7, Role::Beheerder, &[], true),
    ];
    assert_eq!(
        recipients(&users, &about(1, None), AlertLevel::Reminder),
        (AlertAudience::RegionHandlers, vec![uid(2)])
    );
    // The region's only director is the one the complaint is about: the administrators.
    assert_eq!(
        recipients(&users, &about(5, Some(1)), AlertLevel::Escalation),
        (AlertAudience::Administrators, vec![uid(7)])
    );
    assert_eq!(
        recipients(&users, &about(7, None), AlertLevel::Escalation),
        (AlertAudience::RegionalManagement, vec![uid(5)])
    );
}

#[test]
fn each_alert_event_queues_one_mail_named_by_its_sequence_number() {
    let alert = |to: Vec<UserId>| DeadlineAlert {
        kind: DeadlineKind::Answer,
        end: "2026-04-28".parse().unwrap(),
        audience: AlertAudience::Assignee,
        to,
    };
    let id = uuid::Uuid::from_u128(9);
    let events = [
        Event::DeadlineReminderSent(alert(vec![uid(1)])),
        Event::DeadlineEscalated(alert(vec![uid(5)])),
        Event::DeadlineEscalated(alert(Vec::new())),
    ];
    let jobs = alert_mail_jobs(id, 4, &events, Timestamp::UNIX_EPOCH);
    let keys: Vec<_> = jobs.iter().filter_map(|j| j.dedupe_key.clone()).collect();
    assert_eq!(keys, [format!("alert:{id}:5"), format!("alert:{id}:6")]);
    assert_eq!(
        jobs[1].payload,
        serde_json::json!({ "complaint_id": id, "seq": 6 })
    );
}

mod support {
    use domain::calendar::Calendar;
    use domain::complaint::{
        Category, Channel, Complainant, Complaint, ContactDetails, Context, PersonName,
        PhoneNumber, RegionCode, Registration, Text, UserId, decide,
    };
    use domain::procedure::ProcedureDefinition;
    use domain::reference::Reference;

    /// A complaint registered in `region`, assigned to `assignee`.
    pub fn registered(region: &str, assignee: Option<UserId>) -> Complaint {
        let procedure = ProcedureDefinition::focus_default();
        let calendar = Calendar::dutch();
        let now = "2026-04-13T09:00:00Z".parse().unwrap();
        let ctx = Context {
            now,
            actor: domain::complaint::Actor::System,
            calendar: &calendar,
            procedure: &procedure,
        };
        let contact =
            ContactDetails::new(None, Some(PhoneNumber::try_from("0612345678").unwrap())).unwrap();
        let events = decide(
            None,
            domain::complaint::Command::Register(Registration {
                reference: Reference::new(2026, 1).unwrap(),
                channel: Channel::Email,
                received_at: now,
                complainant: Complainant {
                    name: PersonName::try_from("A. Jansen").unwrap(),
                    contact,
                    address: None,
                    representative: None,
                },
                region: RegionCode::try_from(region).unwrap(),
                category: Category::try_from("bejegening").unwrap(),
                description: Text::try_from("Onvriendelijk.").unwrap(),
                employee_concerned: None,
                desired_outcome: None,
                assignee,
            }),
            &ctx,
        )
        .unwrap();
        Complaint::replay(&events).unwrap()
    }
}
