//! complaint tests, given / when / then: given the events of earlier steps, when a command is
//! decided, then these events (or this refusal).
//!
//! The common timeline (Europe/Amsterdam): received Mon 13 Apr 2026; answer dated Mon 20 Apr;
//! objection received Mon 20 Apr (hearing offer due Tue 28 Apr, TERMS.md E10); offer Thu 23 Apr
//! (response window to Thu 30 Apr); hearing Tue 28 Apr.

mod actors;
mod closing;
mod correspondence;
mod employee;
mod events;
mod hearing;
mod intake;
mod objection;
mod properties;
mod versions;
mod watch;

use domain::calendar::Calendar;
use domain::complaint::{
    Actor, AnswerDraft, Category, Channel, Command, Complainant, Complaint, ContactDetails,
    Context, EmailAddress, Event, HearingForm, HearingOutcome, HearingRecordInput, ObjectionVia,
    PersonName, Refusal, RegionCode, Registration, Role, Text, UserId, decide,
};
use domain::procedure::{DeadlineKind, ProcedureDefinition};
use domain::reference::Reference;
use domain::time::amsterdam;
use jiff::Timestamp;
use jiff::civil::Date;

/// "2026-04-13 10:00" in Europe/Amsterdam.
pub fn at(text: &str) -> Timestamp {
    let dt: jiff::civil::DateTime = text.replace(' ', "T").parse().unwrap();
    dt.to_zoned_datetime(amsterdam()).unwrap().timestamp()
}

pub fn d(text: &str) -> Date {
    text.parse().unwrap()
}

pub fn staff(user: &str, role: Role) -> Actor {
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

pub fn reader() -> Actor {
    staff("lezer-1", Role::Lezer)
}

pub fn admin() -> Actor {
    staff("beheer-1", Role::Beheerder)
}

pub fn system() -> Actor {
    Actor::System
}

pub fn complainant() -> Actor {
    Actor::Complainant
}

pub fn register(channel: Channel, received: &str) -> Command {
    let contact = ContactDetails::new(
        Some(EmailAddress::try_from("a.jansen@example.nl").unwrap()),
        None,
    );
    Command::Register(Registration {
        reference: Reference::new(2026, 1).unwrap(),
        channel,
        received_at: at(received),
        complainant: Complainant {
            name: PersonName::try_from("A. Jansen").unwrap(),
            contact: contact.unwrap(),
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
    })
}

pub fn answer(dagtekening: &str) -> Command {
    Command::IssueAnswer(AnswerDraft {
        dagtekening: Some(d(dagtekening)),
        complaint_as_understood: "U was ontevreden over het telefoongesprek.".into(),
        proposed_solution: "Wij bieden excuses aan en bespreken dit met de medewerker.".into(),
        further_procedure: "Bent u het niet eens, schrijf dan binnen 15 dagen de directie.".into(),
    })
}

pub fn objection(received: &str, via: ObjectionVia) -> Command {
    Command::RegisterObjection {
        received_at: at(received),
        via,
        text: "Ik ben het niet eens.".into(),
    }
}

pub fn offer(employee_invited: bool) -> Command {
    Command::OfferHearing {
        forms: vec![HearingForm::Phone, HearingForm::Office],
        proposed_moments: vec![at("2026-04-28 14:00"), at("2026-04-29 10:00")],
        employee_invited,
    }
}

pub fn choose(employee_present: bool) -> Command {
    Command::ChooseHearing {
        form: HearingForm::Office,
        moment: at("2026-04-28 14:00"),
        employee_present,
    }
}

pub fn record(held_on: &str, outcome: HearingOutcome) -> Command {
    Command::RecordHearing(HearingRecordInput {
        held_on: d(held_on),
        form: HearingForm::Office,
        attendees: vec![
            PersonName::try_from("A. Jansen").unwrap(),
            PersonName::try_from("C. Bakker").unwrap(),
        ],
        complainant_account: "Mevrouw licht toe dat zij meermaals werd onderbroken.".into(),
        employee_account: None,
        proposal: Some("Een gesprek met de teamleider.".into()),
        complainant_reaction: "Mevrouw vindt dat onvoldoende.".into(),
        outcome,
    })
}

pub fn settled() -> HearingOutcome {
    HearingOutcome::Settled {
        settlement: "Excuses aanvaard; teamleider belt binnen een week.".into(),
    }
}

/// A complaint's history and the definition and calendar it is decided with.
pub struct Case {
    pub procedure: ProcedureDefinition,
    pub calendar: Calendar,
    pub events: Vec<Event>,
}

/// The result of `when`.
pub struct Then {
    pub result: Result<Vec<Event>, Refusal>,
}

impl Case {
    pub fn new() -> Case {
        Case::with(ProcedureDefinition::focus_default())
    }

    pub fn with(procedure: ProcedureDefinition) -> Case {
        Case {
            procedure,
            calendar: Calendar::dutch(),
            events: Vec::new(),
        }
    }

    /// Given this step happened (it must be accepted).
    pub fn given(mut self, actor: Actor, now: &str, command: Command) -> Case {
        let events = self.when(actor, now, command).events();
        self.events.extend(events);
        self
    }

    pub fn state(&self) -> Option<Complaint> {
        (!self.events.is_empty()).then(|| Complaint::replay(&self.events).unwrap())
    }

    pub fn when(&self, actor: Actor, now: &str, command: Command) -> Then {
        let ctx = Context {
            now: at(now),
            actor,
            calendar: &self.calendar,
            procedure: &self.procedure,
        };
        Then {
            result: decide(self.state().as_ref(), command, &ctx),
        }
    }

    /// The state after the events so far (panics before registration).
    pub fn complaint(&self) -> Complaint {
        self.state().expect("registered")
    }
}

impl Then {
    pub fn events(self) -> Vec<Event> {
        self.result
            .unwrap_or_else(|r| panic!("refused: {} ({})", r, r.code()))
    }

    /// Then exactly these event kinds.
    pub fn then(self, kinds: &[&str]) -> Vec<Event> {
        let events = self.events();
        assert_eq!(events.iter().map(Event::kind).collect::<Vec<_>>(), kinds);
        events
    }

    /// Then a refusal with this code.
    pub fn refused(self, code: &str) -> Refusal {
        match self.result {
            Ok(events) => panic!(
                "expected refusal {code}, got {:?}",
                events.iter().map(Event::kind).collect::<Vec<_>>()
            ),
            Err(r) => {
                assert_eq!(r.code(), code, "refusal: {r}");
                assert!(!r.to_string().is_empty());
                r
            }
        }
    }
}

/// The end of an open deadline of the case's state.
pub fn end_of(case: &Case, kind: DeadlineKind) -> Option<Date> {
    case.complaint().deadline(kind).map(|d| d.end())
}

// Stages of the common timeline.

pub fn registered() -> Case {
    Case::new().given(
        handler(),
        "2026-04-13 11:00",
        register(Channel::Email, "2026-04-13 10:00"),
    )
}

pub fn answered() -> Case {
    registered().given(handler(), "2026-04-20 09:00", answer("2026-04-20"))
}

pub fn objected() -> Case {
    answered().given(
        complainant(),
        "2026-04-20 16:00",
        objection("2026-04-20 16:00", ObjectionVia::Portal),
    )
}

pub fn offered() -> Case {
    objected().given(handler(), "2026-04-23 09:00", offer(true))
}

pub fn scheduled() -> Case {
    offered().given(complainant(), "2026-04-24 09:00", choose(true))
}

pub fn awaiting_settlement() -> Case {
    scheduled().given(
        handler(),
        "2026-04-28 16:00",
        record("2026-04-28", settled()),
    )
}

pub fn awaiting_decision() -> Case {
    scheduled().given(
        handler(),
        "2026-04-28 16:00",
        record("2026-04-28", HearingOutcome::NotSettled),
    )
}
