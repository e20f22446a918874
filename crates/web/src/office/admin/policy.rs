//! `GET /kantoor/beheer/procedure`: the procedure definition new complaints are registered under,
//! read only: its terms, how they are counted, and every switch where the published text is
//! silent, each with what it means. Changing any of it takes a new version of the definition (a
//! release, not a form): a complaint keeps the definition it started under, so a change never
//! rewrites an open case.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::procedure::{Interpretations, LateObjection};

use super::{Admin, page};
use crate::AppState;
use crate::lang::Lang;
use crate::office::staff::{Staff, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/procedure.html")]
struct ProcedurePage {
    lang: Lang,
    staff: StaffHeader,
    key: String,
    name: String,
    terms: Vec<(String, String, String)>,
    switches: Vec<Switch>,
}

/// One switch: its name in the definition file, its value, and what that value means.
struct Switch {
    key: &'static str,
    value: String,
    meaning: &'static str,
}

pub(crate) async fn procedure_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let p = state.app.current_procedure();
        let terms = p
            .terms()
            .iter()
            .map(|t| {
                (
                    t.kind.as_str().to_owned(),
                    crate::office::labels::deadline_kind(t.kind, lang).to_owned(),
                    match lang {
                        Lang::Nl => t.term.to_string(),
                        Lang::En => crate::public::term_text(t.term, lang),
                    },
                )
            })
            .collect();
        let policy = p.policy();
        let mut switches = vec![
            flag(
                "atw",
                policy.atw,
                lang.t(
                    "Een termijn die op een zaterdag, zondag of feestdag eindigt, loopt door tot de volgende werkdag (Algemene termijnenwet).",
                    "A term ending on a Saturday, Sunday or public holiday runs on to the next working day (Algemene termijnenwet).",
                ),
                lang.t(
                    "Termijnen eindigen op de berekende dag, ook in het weekend.",
                    "Terms end on the computed day, weekends included.",
                ),
            ),
            flag(
                "closure_days_extend",
                policy.closure_days_extend,
                lang.t(
                    "Sluitingsdagen van de organisatie verlengen termijnen zoals feestdagen.",
                    "The organisation's closure days stretch terms like public holidays.",
                ),
                lang.t(
                    "Sluitingsdagen verlengen geen termijnen; ze tellen alleen in de werkvoorraad.",
                    "Closure days do not stretch terms; they count only in the work queue.",
                ),
            ),
        ];
        switches.extend(interpretations(p.interpretations(), lang));
        Ok(ProcedurePage {
            lang,
            staff: admin.header(),
            key: p.key(),
            name: p.name().to_owned(),
            terms,
            switches,
        }
        .into_response())
    })
    .await
}

fn flag(key: &'static str, on: bool, yes: &'static str, no: &'static str) -> Switch {
    Switch {
        key,
        value: on.to_string(),
        meaning: if on { yes } else { no },
    }
}

/// Every interpretation of the definition, with what its value means (PROCEDURE.md, "Where the
/// text is silent").
fn interpretations(i: &Interpretations, lang: Lang) -> Vec<Switch> {
    let t = |nl: &'static str, en: &'static str| lang.t(nl, en);
    vec![
        flag(
            "final_decision_after_unsettled_hearing",
            i.final_decision_after_unsettled_hearing,
            t(
                "Na een gesprek zonder schikking volgt binnen de termijn een schriftelijke definitieve beslissing.",
                "After a hearing without settlement a written final decision follows within the term.",
            ),
            t(
                "Het vastgelegde gesprek is de laatste stap; de klacht sluit daarna als afgehandeld.",
                "The recorded hearing is the last step; the complaint then closes as handled.",
            ),
        ),
        Switch {
            key: "late_objection",
            value: match i.late_objection {
                LateObjection::Decide => "decide".into(),
                LateObjection::TakeUp => "take_up".into(),
            },
            meaning: match i.late_objection {
                LateObjection::Decide => t(
                    "Een te laat bezwaar wordt geregistreerd en gemarkeerd; de regiodirectie beslist met een reden of het nog in behandeling komt.",
                    "A late objection is registered and flagged; regional management decides, with a reason, whether it is still taken up.",
                ),
                LateObjection::TakeUp => t(
                    "Een te laat bezwaar wordt geregistreerd, gemarkeerd en altijd in behandeling genomen.",
                    "A late objection is registered, flagged and always taken up.",
                ),
            },
        },
        flag(
            "close_without_objection",
            i.close_without_objection,
            t(
                "Zonder bezwaar binnen de termijn sluit het systeem de klacht als afgehandeld.",
                "Without an objection within the window the system closes the complaint as handled.",
            ),
            t(
                "Zonder bezwaar blijft de klacht open tot een medewerker haar sluit.",
                "Without an objection the complaint stays open until staff close it.",
            ),
        ),
        flag(
            "notify_close_without_objection",
            i.notify_close_without_objection,
            t(
                "De klager krijgt dan een brief dat de klacht is afgehandeld.",
                "The complainant is then told by letter that the complaint is handled.",
            ),
            t(
                "De klager krijgt dan geen brief.",
                "The complainant is then not told.",
            ),
        ),
        flag(
            "withdrawal_any_moment",
            i.withdrawal_any_moment,
            t(
                "De klager kan de klacht op elk moment intrekken tot ze gesloten is.",
                "The complainant may withdraw at any moment until the complaint is closed.",
            ),
            t(
                "Intrekken kan alleen vóór de reactie.",
                "Withdrawal only before the answer.",
            ),
        ),
        flag(
            "not_a_complaint_closure",
            i.not_a_complaint_closure,
            t(
                "Iets wat geen klacht is onder deze procedure (een claim, een privacyverzoek) wordt geregistreerd en gesloten met een reden.",
                "Something that is not a complaint under this procedure (a claim, a privacy request) is registered and closed with a reason.",
            ),
            t(
                "Zulke meldingen worden als klacht behandeld.",
                "Such reports are handled as complaints.",
            ),
        ),
        flag(
            "not_a_complaint_requires_referral",
            i.not_a_complaint_requires_referral,
            t(
                "…en er moet een doorverwijzing bij: waar de klager wel terecht kan.",
                "…and it must say where the complainant should turn instead.",
            ),
            t(
                "Een doorverwijzing is niet verplicht.",
                "A referral is not required.",
            ),
        ),
        flag(
            "extension_requires_reason",
            i.extension_requires_reason,
            t(
                "Een termijn verlengen kan alleen met een vastgelegde reden.",
                "A term is extended only with a recorded reason.",
            ),
            t("Verlengen kan zonder reden.", "Extension needs no reason."),
        ),
        flag(
            "extension_notifies_complainant",
            i.extension_notifies_complainant,
            t(
                "Bij een verlenging krijgt de klager bericht.",
                "The complainant is told of an extension.",
            ),
            t(
                "Bij een verlenging krijgt de klager geen bericht.",
                "The complainant is not told of an extension.",
            ),
        ),
        Switch {
            key: "contact_term_channels",
            value: i
                .contact_term_channels
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            meaning: t(
                "De kanalen waarop de termijn voor contact met de klager (stap 2) loopt.",
                "The channels on which the term for contacting the complainant (step 2) runs.",
            ),
        },
    ]
}
