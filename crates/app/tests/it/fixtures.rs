//! Times, people and commands of the common timeline (Europe/Amsterdam): received Mon 13 Apr
//! 2026; contact Tue 14 Apr; answer dated Mon 20 Apr (objection window to Wed 6 May: 5 May is a
//! holiday); objection Tue 21 Apr; offer Thu 23 Apr; hearing Tue 28 Apr.

use app::{Intake, IntakeRequest};
use domain::complaint::{
    Actor, AnswerDraft, Category, Channel, Command, Complainant, ContactDetails, ContactMethod,
    EmailAddress, HearingForm, HearingOutcome, HearingRecordInput, ObjectionVia, PersonName,
    RegionCode, Role, Text, UserId,
};
use domain::reference::Reference;
use domain::time::amsterdam;
use jiff::Timestamp;
use jiff::civil::Date;

/// "2026-04-13 10:00" in Europe/Amsterdam; an RFC 3339 instant ("…Z") as it is.
pub fn at(text: &str) -> Timestamp {
    if let Ok(instant) = text.parse::<Timestamp>() {
        return instant;
    }
    let dt: jiff::civil::DateTime = text.replace(' ', "T").parse().expect("date and time");
    dt.to_zoned_datetime(amsterdam())
        .expect("zoned")
        .timestamp()
}

pub fn d(text: &str) -> Date {
    text.parse().expect("date")
}

pub fn reference(year: i16, number: u32) -> Reference {
    Reference::new(year, number).expect("reference")
}

fn staff(user: &str, role: Role) -> Actor {
    Actor::Staff {
        user: UserId::try_from(user).unwrap(),
        role,
    }
}

pub fn handler() -> Actor {
    staff("behandelaar-1", Role::Klachtbehandelaar)
}

pub fn director() -> Actor {
    staff("directeur-noord", Role::Regiodirecteur)
}

/// A complaint about region "noord", category "bejegening".
pub fn intake(channel: Channel, received: &str) -> Intake {
    let contact = ContactDetails::new(
        Some(EmailAddress::try_from("a.jansen@example.nl").unwrap()),
        None,
    )
    .unwrap();
    Intake {
        channel,
        received_at: at(received),
        complainant: Complainant {
            name: PersonName::try_from("A. Jansen").unwrap(),
            contact,
            address: None,
            representative: None,
        },
        region: RegionCode::try_from("noord").unwrap(),
        category: Category::try_from("bejegening").unwrap(),
        description: Text::try_from("Op 10 april werd ik aan de telefoon onvriendelijk behandeld.")
            .unwrap(),
        employee_concerned: Some(PersonName::try_from("B. de Vries").unwrap()),
        desired_outcome: None,
        assignee: Some(UserId::try_from("behandelaar-1").unwrap()),
    }
}

/// A registration by the handler, without an idempotency key.
pub fn request(intake: Intake) -> IntakeRequest {
    IntakeRequest {
        intake,
        actor: handler(),
        idempotency_key: None,
    }
}

pub fn contact(contacted: &str) -> Command {
    Command::LogFirstContact {
        via: ContactMethod::Phone,
        contacted_at: at(contacted),
        note: None,
    }
}

pub fn answer(dagtekening: Option<&str>) -> Command {
    Command::IssueAnswer(AnswerDraft {
        dagtekening: dagtekening.map(d),
        complaint_as_understood: "U was ontevreden over het telefoongesprek.".into(),
        proposed_solution: "Wij bieden excuses aan en bespreken dit met de medewerker.".into(),
        further_procedure: "Bent u het niet eens, schrijf dan binnen 15 dagen de directie.".into(),
    })
}

pub fn objection(received: &str) -> Command {
    Command::RegisterObjection {
        received_at: at(received),
        via: ObjectionVia::Portal,
        text: "Ik ben het niet eens met de reactie.".into(),
    }
}

pub fn offer() -> Command {
    Command::OfferHearing {
        forms: vec![HearingForm::Phone, HearingForm::Office],
        proposed_moments: vec![at("2026-04-28 14:00"), at("2026-04-29 10:00")],
        employee_invited: true,
    }
}

pub fn choose() -> Command {
    Command::ChooseHearing {
        form: HearingForm::Office,
        moment: at("2026-04-28 14:00"),
        employee_present: true,
    }
}

pub fn record_settled(held_on: &str) -> Command {
    Command::RecordHearing(HearingRecordInput {
        held_on: d(held_on),
        form: HearingForm::Office,
        attendees: vec![
            PersonName::try_from("A. Jansen").unwrap(),
            PersonName::try_from("B. de Vries").unwrap(),
            PersonName::try_from("C. Bakker").unwrap(),
        ],
        complainant_account: "Mevrouw licht toe dat zij meermaals werd onderbroken.".into(),
        employee_account: Some("De medewerker erkent dat het gesprek gehaast verliep.".into()),
        proposal: Some("Een gesprek met de teamleider.".into()),
        complainant_reaction: "Mevrouw gaat akkoord.".into(),
        outcome: HearingOutcome::Settled {
            settlement: "Excuses aanvaard; de teamleider belt binnen een week.".into(),
        },
    })
}

pub fn final_decision(dagtekening: &str) -> Command {
    Command::IssueFinalDecision {
        dagtekening: d(dagtekening),
        text: "Het bezwaar is ongegrond; de reactie blijft in stand.".into(),
    }
}
