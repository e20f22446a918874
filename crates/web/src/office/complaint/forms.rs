//! Each step's form becomes the domain's command here, once (parse, don't validate): dates,
//! moments, choices and names are parsed, with a message in the page's language beside each
//! field that is not right. What the procedure itself requires of the content (the three parts of the answer, a
//! reason, a referral) is left to the domain, whose refusal names everything missing at once.

use domain::complaint::{
    AnswerDraft, Command, Complaint, ConfirmationVia, ContactMethod, ExtendTo, HearingForm,
    HearingOutcome, HearingRecordInput, ObjectionVia, PersonName, Role, SettlementParty, UserId,
};
use domain::procedure::DeadlineKind;
use domain::terms::Term;

use super::fields::{Errors, Fields, date, moment, optional_text};
pub(crate) use super::step::Step;
use crate::lang::Lang;
use crate::office::labels;

/// Someone a complaint can be assigned to.
#[derive(Debug, Clone)]
pub(crate) struct Assignable {
    /// The user id (as the domain's `UserId`).
    pub id: String,
    /// "Naam (rol)".
    pub label: String,
}

/// Active handlers and regional directors among `users` who may see `region`.
pub(crate) fn assignable(users: &[store::UserRecord], region: &str, lang: Lang) -> Vec<Assignable> {
    users
        .iter()
        .filter(|u| u.active && matches!(u.role, Role::Klachtbehandelaar | Role::Regiodirecteur))
        .filter(|u| u.may_see_region(region))
        .map(|u| Assignable {
            id: u.id.to_string(),
            label: format!("{} ({})", u.name, labels::role(u.role, lang)),
        })
        .collect()
}

/// Every active staff user, any role: whose account can be linked as the employee a complaint
/// is about (the complaint is about the person, whatever they do in Wederhoor).
pub(crate) fn linkable(users: &[store::UserRecord], lang: Lang) -> Vec<Assignable> {
    let mut linkable: Vec<Assignable> = users
        .iter()
        .filter(|u| u.active)
        .map(|u| Assignable {
            id: u.id.to_string(),
            label: format!("{} ({})", u.name, labels::role(u.role, lang)),
        })
        .collect();
    linkable.sort_by(|a, b| a.label.cmp(&b.label));
    linkable
}

/// The form value of "no linked account" in the link form.
pub(crate) const NO_EMPLOYEE: &str = "geen";

/// What parsing may look up besides the form.
pub(crate) struct Known<'a> {
    pub complaint: &'a Complaint,
    pub assignable: &'a [Assignable],
    /// Whose account can be linked as the employee concerned ([`linkable`]).
    pub linkable: &'a [Assignable],
    /// The language of the messages.
    pub lang: Lang,
}

/// The command for `step`, or every field that is not right.
pub(crate) fn command(step: Step, f: &Fields, k: &Known<'_>) -> Result<Command, Errors> {
    let mut e = Errors::default();
    let lang = k.lang;
    let command = match step {
        Step::Contact => {
            let via = e.check("contact_via", contact_via(f.get("contact_via"), lang));
            let at = e.check(
                "contact_moment",
                moment(
                    f.get("contact_moment"),
                    lang.t("het moment van contact", "the moment of contact"),
                    lang,
                ),
            );
            let note = e.check(
                "contact_notitie",
                optional_text(f.get("contact_notitie"), lang),
            );
            match (via, at, note) {
                (Some(via), Some(contacted_at), Some(note)) => Some(Command::LogFirstContact {
                    via,
                    contacted_at,
                    note,
                }),
                _ => None,
            }
        }
        Step::Answer => answer_draft(f, &mut e, lang).map(Command::IssueAnswer),
        Step::Objection => {
            let via = e.check("bezwaar_via", objection_via(f.get("bezwaar_via"), lang));
            let at = e.check(
                "bezwaar_ontvangen",
                moment(
                    f.get("bezwaar_ontvangen"),
                    lang.t(
                        "wanneer het bezwaar binnenkwam",
                        "when the objection came in",
                    ),
                    lang,
                ),
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
                        lang.t(
                            "Kies of het bezwaar nog in behandeling wordt genomen.",
                            "Choose whether the objection is still taken up.",
                        ),
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
                    lang.t(
                        "Kies ten minste één vorm: telefonisch of op kantoor.",
                        "Choose at least one form: by phone or at the office.",
                    ),
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
                let what = lang.t("een voorgesteld moment", "a proposed moment");
                moments.extend(e.check(name, moment(f.get(name), what, lang)));
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
                e.add(
                    "keuze_vorm",
                    lang.t(
                        "Kies hoe het gesprek wordt gevoerd.",
                        "Choose how the conversation is held.",
                    ),
                );
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
                e.add(
                    "keuze_moment",
                    lang.t(
                        "Kies een van de voorgestelde momenten.",
                        "Choose one of the proposed moments.",
                    ),
                );
            }
            form.zip(moment)
                .map(|(form, moment)| Command::ChooseHearing {
                    form,
                    moment,
                    employee_present: f.has("keuze_medewerker", "ja"),
                })
        }
        Step::HearingDecline => e
            .check("afzien_reden", optional_text(f.get("afzien_reden"), lang))
            .map(|reason| Command::DeclineHearing { reason }),
        Step::HearingRecord => hearing_record(f, &mut e, lang).map(Command::RecordHearing),
        Step::Settlement => {
            let party = match f.get("bevestiging_partij") {
                "organisatie" => Some(SettlementParty::Organisation),
                "klager" => Some(SettlementParty::Complainant {
                    via: ConfirmationVia::PaperCopy,
                }),
                _ => {
                    e.add(
                        "bevestiging_partij",
                        lang.t(
                            "Kies wie de afhandeling bevestigt.",
                            "Choose who confirms the settlement.",
                        ),
                    );
                    None
                }
            };
            party.map(Command::ConfirmSettlement)
        }
        Step::FinalDecision => e
            .check(
                "beslissing_dagtekening",
                date(
                    f.get("beslissing_dagtekening"),
                    lang.t("de dagtekening", "the date of the letter"),
                    lang,
                ),
            )
            .map(|dagtekening| Command::IssueFinalDecision {
                dagtekening,
                text: f.get("beslissing_tekst").to_owned(),
            }),
        Step::Withdraw => e
            .check(
                "intrekking_reden",
                optional_text(f.get("intrekking_reden"), lang),
            )
            .map(|reason| Command::Withdraw { reason }),
        Step::Extend => extension(f, &mut e, lang),
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
                    e.add(
                        "toewijzing_aan",
                        lang.t(
                            "Kies een behandelaar uit de lijst.",
                            "Choose a handler from the list.",
                        ),
                    );
                    None
                }
            }
        }
        Step::LinkEmployee => {
            let chosen = f.get("medewerker_account");
            let known = k.linkable.iter().any(|a| a.id == chosen);
            match UserId::try_from(chosen.to_owned()) {
                _ if chosen == NO_EMPLOYEE => Some(Command::LinkEmployeeAccount { user: None }),
                Ok(user) if known => Some(Command::LinkEmployeeAccount { user: Some(user) }),
                _ => {
                    e.add(
                        "medewerker_account",
                        lang.t(
                            "Kies een medewerker uit de lijst, of \u{201c}geen\u{201d}.",
                            "Choose an employee from the list, or \u{201c}none\u{201d}.",
                        ),
                    );
                    None
                }
            }
        }
    };
    e.or(command)
}

/// The answer as typed; a dagtekening is required here (the letter prints it).
pub(crate) fn answer_draft(f: &Fields, e: &mut Errors, lang: Lang) -> Option<AnswerDraft> {
    let dagtekening = e.check(
        "antwoord_dagtekening",
        date(
            f.get("antwoord_dagtekening"),
            lang.t("de dagtekening", "the date of the letter"),
            lang,
        ),
    )?;
    Some(AnswerDraft {
        dagtekening: Some(dagtekening),
        complaint_as_understood: f.get("antwoord_klacht").to_owned(),
        proposed_solution: f.get("antwoord_oplossing").to_owned(),
        further_procedure: f.get("antwoord_procedure").to_owned(),
    })
}

fn hearing_record(f: &Fields, e: &mut Errors, lang: Lang) -> Option<HearingRecordInput> {
    let held_on = e.check(
        "verslag_datum",
        date(
            f.get("verslag_datum"),
            lang.t("de datum van het gesprek", "the date of the conversation"),
            lang,
        ),
    );
    let form = hearing_form(f.get("verslag_vorm"));
    if form.is_none() {
        e.add(
            "verslag_vorm",
            lang.t(
                "Kies hoe het gesprek is gevoerd.",
                "Choose how the conversation was held.",
            ),
        );
    }
    let mut attendees = Vec::new();
    for line in f
        .get("verslag_aanwezig")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        match PersonName::try_from(line) {
            Ok(name) => attendees.push(name),
            Err(err) => e.add(
                "verslag_aanwezig",
                match lang {
                    Lang::Nl => format!("{line:?}: {err}."),
                    Lang::En => format!("{line:?}: {}", super::refusal::input_text(&err, lang)),
                },
            ),
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
                lang.t(
                    "Kies of er een afspraak is gemaakt die beide partijen tevredenstelt.",
                    "Choose whether an agreement was reached that satisfies both parties.",
                ),
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

fn extension(f: &Fields, e: &mut Errors, lang: Lang) -> Option<Command> {
    let kind = DeadlineKind::parse(f.get("verlenging_termijn"));
    if kind.is_none() {
        e.add(
            "verlenging_termijn",
            lang.t(
                "Kies de termijn die wordt verlengd.",
                "Choose the term that is extended.",
            ),
        );
    }
    let (new_date, new_term) = (
        f.get("verlenging_datum").trim(),
        f.get("verlenging_nieuwe_termijn").trim(),
    );
    let to = match (new_date.is_empty(), new_term.is_empty()) {
        (false, true) => e
            .check(
                "verlenging_datum",
                date(
                    new_date,
                    lang.t("de nieuwe laatste dag", "the new last day"),
                    lang,
                ),
            )
            .map(ExtendTo::Date),
        (true, false) => e
            .check(
                "verlenging_nieuwe_termijn",
                new_term
                    .parse::<Term>()
                    .map_err(|err| super::refusal::term_text(&err, lang)),
            )
            .map(ExtendTo::Term),
        _ => {
            e.add(
                "verlenging_datum",
                lang.t(
                    "Vul een nieuwe laatste dag of een nieuwe termijn in (één van beide).",
                    "Enter a new last day or a new term (one of the two).",
                ),
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

fn contact_via(v: &str, lang: Lang) -> Result<ContactMethod, String> {
    match v {
        "telefoon" => Ok(ContactMethod::Phone),
        "email" => Ok(ContactMethod::Email),
        _ => Err(lang
            .t(
                "Kies hoe er contact is opgenomen: telefonisch of per e-mail.",
                "Choose how contact was made: by phone or by e-mail.",
            )
            .into()),
    }
}

fn objection_via(v: &str, lang: Lang) -> Result<ObjectionVia, String> {
    match v {
        "brief" => Ok(ObjectionVia::Letter),
        "email" => Ok(ObjectionVia::Email),
        "telefoon" => Ok(ObjectionVia::Phone),
        _ => Err(lang
            .t(
                "Kies hoe het bezwaar binnenkwam: per brief, per e-mail of telefonisch.",
                "Choose how the objection came in: by letter, by e-mail or by phone.",
            )
            .into()),
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
