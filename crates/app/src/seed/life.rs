//! One simulated complaint's life: a plausible sequence of steps, each decided by the real
//! domain with `now` set to the moment the step happens, stopping at the seed's "today". So a
//! seeded database holds only histories the procedure allows, in every state.

use domain::calendar::Calendar;
use domain::complaint::{
    Actor, AnswerDraft, Command, Complaint, ConfirmationVia, ContactMethod, Context, Event,
    HearingForm, HearingOutcome, HearingRecordInput, ObjectionVia, PersonName, Registration, Role,
    SettlementParty, UserId, decide,
};
use domain::procedure::{DeadlineKind, ProcedureDefinition};
use domain::time::civil_date;
use jiff::{SignedDuration, Timestamp};
use store::NewEvent;

use super::names::{DESIRED_OUTCOMES, EMPLOYEES};
use crate::record::to_records;

/// A complaint's life so far.
pub(super) struct Life<'a> {
    rng: fastrand::Rng,
    until: Timestamp,
    now: Timestamp,
    calendar: &'a Calendar,
    procedure: &'a ProcedureDefinition,
    complaint: Option<Complaint>,
    pub(super) records: Vec<NewEvent>,
    handler: Actor,
    director: Actor,
}

/// Why a life ended before "today": not an error, the seed just stops there.
pub(super) struct Stop;

impl<'a> Life<'a> {
    pub(super) fn new(
        rng_seed: u64,
        until: Timestamp,
        calendar: &'a Calendar,
        procedure: &'a ProcedureDefinition,
        region: &str,
    ) -> Life<'a> {
        let mut rng = fastrand::Rng::with_seed(rng_seed);
        let handler = staff(
            &format!("behandelaar-{region}-{}", rng.u8(1..=3)),
            Role::Klachtbehandelaar,
        );
        let director = staff(&format!("directeur-{region}"), Role::Regiodirecteur);
        Life {
            rng,
            until,
            now: Timestamp::UNIX_EPOCH,
            calendar,
            procedure,
            complaint: None,
            records: Vec::new(),
            handler,
            director,
        }
    }

    pub(super) fn complaint(&self) -> Option<&Complaint> {
        self.complaint.as_ref()
    }

    /// Registers, then lives on until a closure or "today".
    pub(super) fn live(&mut self, registration: Registration, web: bool) -> Result<(), String> {
        let actor = if web {
            Actor::Complainant
        } else {
            self.handler.clone()
        };
        self.now = registration.received_at;
        self.step(Command::Register(registration), actor)
            .map_err(|_| "registration refused".to_string())?;
        let _ = self.after_registration();
        Ok(())
    }

    fn after_registration(&mut self) -> Result<(), Stop> {
        let handler = self.handler.clone();
        if self.chance(3) {
            self.wait_hours(1, 48)?;
            let cmd = Command::CloseAsNotAComplaint {
                reason: "Het betreft een schadeclaim, geen klacht over onze dienstverlening."
                    .into(),
                referral: "Schadeformulier via de afdeling Juridische Zaken.".into(),
            };
            return self.step(cmd, handler);
        }
        self.wait_hours(2, 60)?;
        let via = if self.rng.bool() {
            ContactMethod::Phone
        } else {
            ContactMethod::Email
        };
        let cmd = Command::LogFirstContact {
            via,
            contacted_at: self.now,
            note: None,
        };
        self.step(cmd, handler.clone())?;
        if self.chance(2) {
            self.wait_hours(24, 120)?;
            return self.step(Command::Withdraw { reason: None }, Actor::Complainant);
        }
        self.wait_hours(72, 360)?;
        let answer = AnswerDraft {
            dagtekening: Some(civil_date(self.now)),
            complaint_as_understood: "U bent ontevreden over de manier waarop uw aanvraag is behandeld.".into(),
            proposed_solution: self.pick(DESIRED_OUTCOMES).to_string(),
            further_procedure: "Bent u het niet eens met deze afhandeling, dan kunt u binnen 15 dagen na de dagtekening van deze brief schriftelijk bezwaar maken bij de directie van uw regio.".into(),
        };
        self.step(Command::IssueAnswer(answer), handler)?;
        if self.chance(35) {
            self.objection()
        } else {
            self.close_without_objection()
        }
    }

    fn close_without_objection(&mut self) -> Result<(), Stop> {
        let end = self
            .complaint()
            .and_then(|c| c.objection_window_end())
            .ok_or(Stop)?;
        self.wait_until_after(end)?;
        self.step(Command::CloseWithoutObjection, Actor::System)
    }

    fn objection(&mut self) -> Result<(), Stop> {
        self.wait_hours(24, 400)?;
        let via = *self.pick(&[
            ObjectionVia::Portal,
            ObjectionVia::Letter,
            ObjectionVia::Email,
        ]);
        let cmd = Command::RegisterObjection {
            received_at: self.now,
            via,
            text: "Ik ben het niet eens met de voorgestelde oplossing.".into(),
        };
        self.step(cmd, Actor::Complainant)?;
        let director = self.director.clone();
        if self
            .complaint()
            .is_some_and(|c| c.status().code() == "late_objection_pending")
        {
            self.wait_hours(24, 96)?;
            let take_up = self.rng.bool();
            let reason = if take_up {
                "De klager was met vakantie; redelijk om het bezwaar alsnog te behandelen."
            } else {
                "Ruim na de termijn ingediend zonder reden voor de vertraging."
            };
            self.step(
                Command::DecideLateObjection {
                    take_up,
                    reason: reason.into(),
                },
                director.clone(),
            )?;
            if !take_up {
                return Ok(());
            }
        }
        self.wait_hours(24, 150)?;
        let moments = vec![
            self.now + SignedDuration::from_hours(72),
            self.now + SignedDuration::from_hours(120),
        ];
        let employee_invited = self.rng.bool();
        let offer = Command::OfferHearing {
            forms: vec![HearingForm::Phone, HearingForm::Office],
            proposed_moments: moments.clone(),
            employee_invited,
        };
        self.step(offer, director)?;
        self.hearing_choice(moments, employee_invited)
    }

    fn hearing_choice(
        &mut self,
        moments: Vec<Timestamp>,
        employee_invited: bool,
    ) -> Result<(), Stop> {
        let roll = self.rng.u8(0..100);
        if roll < 60 {
            self.wait_hours(4, 48)?;
            let form = *self.pick(&[HearingForm::Phone, HearingForm::Office]);
            let moment = *self.pick(&moments);
            let cmd = Command::ChooseHearing {
                form,
                moment,
                employee_present: employee_invited && self.rng.bool(),
            };
            self.step(cmd, Actor::Complainant)?;
            self.wait_until(moment)?;
            self.hearing(form, employee_invited)
        } else if roll < 80 {
            self.wait_hours(4, 96)?;
            self.step(Command::DeclineHearing { reason: None }, Actor::Complainant)?;
            self.final_decision()
        } else {
            let end = self
                .complaint()
                .and_then(|c| c.deadline(DeadlineKind::HearingResponse))
                .map(|d| d.end())
                .ok_or(Stop)?;
            self.wait_until_after(end)?;
            self.step(Command::LapseHearingOffer, Actor::System)?;
            self.final_decision()
        }
    }

    fn hearing(&mut self, form: HearingForm, employee_present: bool) -> Result<(), Stop> {
        let settled = self.rng.bool();
        let mut attendees = vec![name("Klager"), name("Klachtbehandelaar")];
        if employee_present {
            let employee = *self.pick::<&str>(EMPLOYEES);
            attendees.push(name(employee));
        }
        let record = HearingRecordInput {
            held_on: civil_date(self.now),
            form,
            attendees,
            complainant_account:
                "Klager licht toe dat de gang van zaken veel onrust heeft veroorzaakt.".into(),
            employee_account: employee_present
                .then(|| "De medewerker herkent het beeld en betreurt de gang van zaken.".into()),
            proposal: Some(
                "Een vaste contactpersoon en een nieuwe afspraak binnen een week.".into(),
            ),
            complainant_reaction: if settled {
                "Klager gaat akkoord."
            } else {
                "Klager vindt dit onvoldoende."
            }
            .into(),
            outcome: if settled {
                HearingOutcome::Settled {
                    settlement: "Vaste contactpersoon; nieuwe afspraak binnen een week.".into(),
                }
            } else {
                HearingOutcome::NotSettled
            },
        };
        self.step(Command::RecordHearing(record), self.handler.clone())?;
        if settled {
            self.step(
                Command::ConfirmSettlement(SettlementParty::Organisation),
                self.handler.clone(),
            )?;
            self.wait_hours(1, 72)?;
            let party = SettlementParty::Complainant {
                via: ConfirmationVia::Portal,
            };
            self.step(Command::ConfirmSettlement(party), Actor::Complainant)
        } else {
            self.final_decision()
        }
    }

    fn final_decision(&mut self) -> Result<(), Stop> {
        self.wait_hours(48, 300)?;
        let cmd = Command::IssueFinalDecision {
            dagtekening: civil_date(self.now),
            text: "Na zorgvuldige afweging verklaren wij de klacht gedeeltelijk gegrond.".into(),
        };
        self.step(cmd, self.director.clone())
    }

    /// Decides `command` at the current moment and records the events.
    fn step(&mut self, command: Command, actor: Actor) -> Result<(), Stop> {
        let ctx = Context {
            now: self.now,
            actor: actor.clone(),
            calendar: self.calendar,
            procedure: self.procedure,
        };
        let events: Vec<Event> =
            decide(self.complaint.as_ref(), command, &ctx).map_err(|_| Stop)?;
        for e in &events {
            match &mut self.complaint {
                Some(c) => c.apply(e),
                None => self.complaint = Complaint::replay(std::slice::from_ref(e)).ok(),
            }
        }
        self.records
            .extend(to_records(&events, &actor, self.now).map_err(|_| Stop)?);
        Ok(())
    }

    fn wait_hours(&mut self, min: i64, max: i64) -> Result<(), Stop> {
        let hours = self.rng.i64(min..=max);
        let minutes = self.rng.i64(0..60);
        self.wait_until(
            self.now + SignedDuration::from_hours(hours) + SignedDuration::from_mins(minutes),
        )
    }

    fn wait_until(&mut self, at: Timestamp) -> Result<(), Stop> {
        if at > self.until {
            return Err(Stop);
        }
        self.now = self.now.max(at);
        Ok(())
    }

    /// Early the day after `date` (Amsterdam): when the deadline worker would act.
    fn wait_until_after(&mut self, date: jiff::civil::Date) -> Result<(), Stop> {
        let next = date.tomorrow().map_err(|_| Stop)?;
        let at = next
            .at(2, 0, 0, 0)
            .to_zoned_datetime(domain::time::amsterdam())
            .map_err(|_| Stop)?
            .timestamp();
        self.wait_until(at)
    }

    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(0..100) < percent
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.rng.usize(0..items.len())]
    }
}

fn staff(user: &str, role: Role) -> Actor {
    Actor::Staff {
        user: UserId::try_from(user).expect("seed user ids are valid"),
        role,
    }
}

fn name(s: &str) -> PersonName {
    PersonName::try_from(s).expect("seed names are valid")
}
