//! Each step's form becomes the domain's command here, once (parse, don't validate): dates,
//! moments, choices and names are parsed, with a Dutch message beside each field that is not
//! right. What the procedure itself requires of the content (the three parts of the answer, a
//! reason, a referral) is left to the domain, whose refusal names everything missing at once.

use domain::complaint::{
    AnswerDraft, Command, Complaint, ConfirmationVia, ContactMethod, ExtendTo, HearingForm,
    HearingOutcome, HearingRecordInput, ObjectionVia, PersonName, Role, SettlementParty, UserId,
};
use domain::procedure::DeadlineKind;
use domain::terms::Term;

use super::fields::{Errors, Fields, date, moment, optional_text};
pub(crate) use super::step::Step;

/// Someone a complaint can be assigned to.
#[derive(Debug, Clone)]
pub(crate) struct Assignable {
    /// The user id (as the domain's `UserId`).
    pub id: String,
    /// "Naam (rol)".
    pub label: String,
}

/// Active handlers and regional directors among `users` who may see `region`.
pub(crate) fn assignable(users: &[store::UserRecord], region: &str) -> Vec<Assignable> {
    users
        .iter()
        .filter(|u| u.active && matches!(u.role, Role::Klachtbehandelaar | Role::Regiodirecteur))
        .filter(|u| u.may_see_region(region))
        .map(|u| Assignable {
            id: u.id.to_string(),
            label: format!("{} ({})", u.name, u.role.label_nl()),
        })
        .collect()
}

/// What parsing may look up besides the form.
pub(crate) struct Known<'a> {
    pub complaint: &'a Complaint,
    pub assignable: &'a [Assignable],
}

/// The command for `step`, or every field that is not right.
pub(crate) fn command(step: Step, f: &Fields, k: &Known<'_>) -> Result<Command, Errors> {
    let mut e = Errors::default();
    let command = match step {
        Step::Contact => {
            let via = e.check("contact_via", contact_via(f.get("contact_via")));
            let at = e.check(
                "contact_moment",
                moment(f.get("contact_moment"), "het moment van contact"),
            );
            let note = e.check("contact_notitie", optional_text(f.get("contact_notitie")));
            match (via, at, note) {
                (Some(via), Some(contacted_at), Some(note)) => Some(Command::LogFirstContact {
                    via,
                    contacted_at,
                    note,
                }),
                _ => None,
            }
        }
        Step::Answer => answer_draft(f, &mut e).map(Command::IssueAnswer),
        Step::Objection => {
            let via = e.check("bezwaar_via", objection_via(f.get("bezwaar_via")));
            let at = e.check(
                "bezwaar_ontvangen",
                moment(f.get("bezwaar_ontvangen"), "wanneer het bezwaar binnenkwam"),
            );
            match (via, at) {
                (Some(via), Some(received_at)) => Some(Command::RegisterObjection {
                    received_at,
                    via,
                    text: f.get("bezwaar_tekst").to_owned(),
                }),
                _ => None,
            }
        }
        Step::LateObjection => {
            let take_up = match f.get("laat_besluit") {
                "ja" => Some(true),
                "nee" => Some(false),
                _ => {
                    e.add(
                        "laat_besluit",
                        "Kies of het bezwaar nog in behandeling wordt genomen.",
                    );
                    None
                }
            };
            take_up.map(|take_up| Command::DecideLateObjection {
                take_up,
                reason: f.get("laat_reden").to_owned(),
            })
        }
        Step::HearingOffer => {
            let forms: Vec<HearingForm> = f
                .all("uitnodiging_vorm")
                .into_iter()
                .filter_map(hearing_form)
                .collect();
            if forms.is_empty() {
                e.add(
                    "uitnodiging_vorm",
                    "Kies ten minste één vorm: telefonisch of op kantoor.",
                );
            }
            let mut moments = Vec::new();
            for (i, name) in [
                "uitnodiging_moment1",
                "uitnodiging_moment2",
                "uitnodiging_moment3",
            ]
            .into_iter()
            .enumerate()
            {
                if i > 0 && f.get(name).trim().is_empty() {
                    continue;
                }
                moments.extend(e.check(name, moment(f.get(name), "een voorgesteld moment")));
            }
            Some(Command::OfferHearing {
                forms,
                proposed_moments: moments,
                employee_invited: f.has("uitnodiging_medewerker", "ja"),
            })
        }
        Step::HearingChoice => {
            let form = hearing_form(f.get("keuze_vorm"));
            if form.is_none() {
                e.add("keuze_vorm", "Kies hoe het gesprek wordt gevoerd.");
            }
            let offered = k
                .complaint
                .hearing_offer()
                .map(|o| o.proposed_moments.clone())
                .unwrap_or_default();
            let moment = f
                .get("keuze_moment")
                .parse()
                .ok()
                .filter(|m| offered.contains(m));
            if moment.is_none() {
                e.add("keuze_moment", "Kies een van de voorgestelde momenten.");
            }
            form.zip(moment)
                .map(|(form, moment)| Command::ChooseHearing {
                    form,
                    moment,
                    employee_present: f.has("keuze_medewerker", "ja"),
                })
        }
        Step::HearingDecline => e
            .check("afzien_reden", optional_text(f.get("afzien_reden")))
            .map(|reason| Command::DeclineHearing { reason }),
        Step::HearingRecord => hearing_record(f, &mut e).map(Command::RecordHearing),
        Step::Settlement => {
            let party = match f.get("bevestiging_partij") {
                "organisatie" => Some(SettlementParty::Organisation),
                "klager" => Some(SettlementParty::Complainant {
                    via: ConfirmationVia::PaperCopy,
                }),
                _ => {
                    e.add("bevestiging_partij", "Kies wie de afhandeling bevestigt.");
                    None
                }
            };
            party.map(Command::ConfirmSettlement)
        }
        Step::FinalDecision => e
            .check(
                "beslissing_dagtekening",
                date(f.get("beslissing_dagtekening"), "de dagtekening"),
            )
            .map(|dagtekening| Command::IssueFinalDecision {
                dagtekening,
                text: f.get("beslissing_tekst").to_owned(),
            }),
        Step::Withdraw => e
            .check("intrekking_reden", optional_text(f.get("intrekking_reden")))
            .map(|reason| Command::Withdraw { reason }),
        Step::Extend => extension(f, &mut e),
        Step::NotAComplaint => Some(Command::CloseAsNotAComplaint {
            reason: f.get("geen_reden").to_owned(),
            referral: f.get("geen_verwijzing").to_owned(),
        }),
        Step::Reassign => {
            let chosen = f.get("toewijzing_aan");
            let known = k.assignable.iter().any(|a| a.id == chosen);
            match UserId::try_from(chosen.to_owned()) {
                Ok(to) if known => Some(Command::Reassign { to }),
                _ => {
                    e.add("toewijzing_aan", "Kies een behandelaar uit de lijst.");
                    None
                }
            }
        }
    };
    e.or(command)
}

/// The answer as typed; a dagtekening is required here (the letter prints it).
pub(crate) fn answer_draft(f: &Fields, e: &mut Errors) -> Option<AnswerDraft> {
    let dagtekening = e.check(
        "antwoord_dagtekening",
        date(f.get("antwoord_dagtekening"), "de dagtekening"),
    )?;
    Some(AnswerDraft {
        dagtekening: Some(dagtekening),
        complaint_as_understood: f.get("antwoord_klacht").to_owned(),
        proposed_solution: f.get("antwoord_oplossing").to_owned(),
        further_procedure: f.get("antwoord_procedure").to_owned(),
    })
}

fn hearing_record(f: &Fields, e: &mut Errors) -> Option<HearingRecordInput> {
    let held_on = e.check(
        "verslag_datum",
        date(f.get("verslag_datum"), "de datum van het gesprek"),
    );
    let form = hearing_form(f.get("verslag_vorm"));
    if form.is_none() {
        e.add("verslag_vorm", "Kies hoe het gesprek is gevoerd.");
    }
    let mut attendees = Vec::new();
    for line in f
        .get("verslag_aanwezig")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        match PersonName::try_from(line) {
            Ok(name) => attendees.push(name),
            Err(err) => e.add("verslag_aanwezig", format!("{line:?}: {err}.")),
        }
    }
    let outcome = match f.get("verslag_uitkomst") {
        "afgehandeld" => Some(HearingOutcome::Settled {
            settlement: f.get("verslag_afspraak").to_owned(),
        }),
        "niet" => Some(HearingOutcome::NotSettled),
        _ => {
            e.add(
                "verslag_uitkomst",
                "Kies of er een afspraak is gemaakt die beide partijen tevredenstelt.",
            );
            None
        }
    };
    let text = |name: &str| Some(f.get(name).to_owned()).filter(|t| !t.trim().is_empty());
    Some(HearingRecordInput {
        held_on: held_on?,
        form: form?,
        attendees,
        complainant_account: f.get("verslag_klager").to_owned(),
        employee_account: text("verslag_medewerker"),
        proposal: text("verslag_voorstel"),
        complainant_reaction: f.get("verslag_reactie").to_owned(),
        outcome: outcome?,
    })
}

fn extension(f: &Fields, e: &mut Errors) -> Option<Command> {
    let kind = DeadlineKind::parse(f.get("verlenging_termijn"));
    if kind.is_none() {
        e.add("verlenging_termijn", "Kies de termijn die wordt verlengd.");
    }
    let (new_date, new_term) = (
        f.get("verlenging_datum").trim(),
        f.get("verlenging_nieuwe_termijn").trim(),
    );
    let to = match (new_date.is_empty(), new_term.is_empty()) {
        (false, true) => e
            .check("verlenging_datum", date(new_date, "de nieuwe laatste dag"))
            .map(ExtendTo::Date),
        (true, false) => e
            .check(
                "verlenging_nieuwe_termijn",
                new_term
                    .parse::<Term>()
                    .map_err(|err| super::fields::capitalised(&err.to_string())),
            )
            .map(ExtendTo::Term),
        _ => {
            e.add(
                "verlenging_datum",
                "Vul een nieuwe laatste dag of een nieuwe termijn in (één van beide).",
            );
            None
        }
    };
    Some(Command::ExtendDeadline {
        kind: kind?,
        to: to?,
        reason: f.get("verlenging_reden").to_owned(),
    })
}

fn contact_via(v: &str) -> Result<ContactMethod, String> {
    match v {
        "telefoon" => Ok(ContactMethod::Phone),
        "email" => Ok(ContactMethod::Email),
        _ => Err("Kies hoe er contact is opgenomen: telefonisch of per e-mail.".into()),
    }
}

fn objection_via(v: &str) -> Result<ObjectionVia, String> {
    match v {
        "brief" => Ok(ObjectionVia::Letter),
        "email" => Ok(ObjectionVia::Email),
        "telefoon" => Ok(ObjectionVia::Phone),
        _ => Err("Kies hoe het bezwaar binnenkwam: per brief, per e-mail of telefonisch.".into()),
    }
}

pub(crate) fn hearing_form(v: &str) -> Option<HearingForm> {
    match v {
        "telefonisch" => Some(HearingForm::Phone),
        "kantoor" => Some(HearingForm::Office),
        _ => None,
    }
}

pub(crate) fn hearing_form_value(form: HearingForm) -> &'static str {
    match form {
        HearingForm::Phone => "telefonisch",
        HearingForm::Office => "kantoor",
    }
}
