//! `GET/POST /kantoor/klachten/nieuw`: staff register a complaint received by phone, by letter
//! or in person. The form becomes an [`Intake`] at the edge (field errors beside the fields,
//! values kept, 422); `App::register` decides it as this staff member. A hidden key generated
//! with the empty form makes a double submit return the first complaint. A handler who
//! registers becomes its assignee.

use app::{AppError, Intake};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::complaint::Channel;
use domain::time::amsterdam;
use jiff::civil::{Date, Time};

use super::complaint::fields::{Errors, FieldError, Fields, date};
use super::complaint::refusal::{input_text, refusal_text};
use super::staff::{Staff, StaffForm, StaffHeader};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::registration::{self, Field, Given, Refused};

/// The channels staff register here (web and e-mail complaints arrive by themselves), with
/// their Dutch and English labels.
const CHANNELS: [(Channel, &str, &str); 3] = [
    (Channel::Phone, "Telefonisch", "By phone"),
    (Channel::Letter, "Per brief", "By letter"),
    (
        Channel::InPerson,
        "Persoonlijk op kantoor",
        "In person at the office",
    ),
];

#[derive(Template, WebTemplate)]
#[template(path = "office/register.html")]
struct RegisterPage {
    lang: Lang,
    staff: StaffHeader,
    channels: Vec<(&'static str, &'static str)>,
    regions: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    values: Fields,
    errors: Vec<FieldError>,
}

impl RegisterPage {
    fn v(&self, name: &str) -> &str {
        self.values.get(name)
    }
    fn err(&self, name: &str) -> Option<&str> {
        let e = self.errors.iter().find(|e| e.field == name);
        e.map(|e| e.message.as_str())
    }
}

pub(crate) async fn register_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
) -> Response {
    // The form is not shown to whoever may not send it (lezer, beheerder).
    if let Err(e) = crate::access::may_register(&staff.session().user) {
        return e.page(lang);
    }
    let mut values = Fields::default();
    let now = state.app.clock().now().to_zoned_datetime(amsterdam());
    values.preset("sleutel", uuid::Uuid::new_v4().to_string());
    values.preset("kanaal", "phone");
    values.preset("datum", now.date().to_string());
    values.preset("tijd", now.strftime("%H:%M").to_string());
    page(&state, lang, &staff, values, Vec::new(), StatusCode::OK)
        .await
        .unwrap_or_else(|e| e.page(lang))
}

pub(crate) async fn register_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    let result = async {
        crate::access::may_register(&staff.session().user)?;
        let values = Fields(form).typed();
        let intake = match intake(&values, &staff, lang) {
            Ok(intake) => intake,
            Err(errors) => {
                return page(
                    &state,
                    lang,
                    &staff,
                    values,
                    errors.0,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        };
        let key = Some(values.get("sleutel").to_owned()).filter(|k| !k.is_empty());
        let mut errors = Errors::default();
        match state
            .app
            .register(intake, staff.session().actor(), key)
            .await
        {
            Ok(r) => {
                return Ok(Redirect::to(&format!(
                    "/kantoor/klachten/{}?gedaan=geregistreerd",
                    r.reference
                ))
                .into_response());
            }
            Err(AppError::UnknownRegion(_)) => errors.add(
                "regio",
                lang.t(
                    "Kies een regio uit de lijst.",
                    "Choose a region from the list.",
                ),
            ),
            Err(AppError::UnknownCategory(_)) => errors.add(
                "categorie",
                lang.t(
                    "Kies een categorie uit de lijst.",
                    "Choose a category from the list.",
                ),
            ),
            Err(AppError::Refused(refusal)) => errors.add("datum", refusal_text(&refusal, lang)),
            Err(e) => return Err(e.into()),
        }
        page(
            &state,
            lang,
            &staff,
            values,
            errors.0,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    values: Fields,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let store = state.app.store();
    let regions = store
        .regions()
        .await?
        .into_iter()
        .filter(|r| r.active && staff.session().may_see_region(&r.code))
        .map(|r| (r.code, r.name))
        .collect();
    let categories = store
        .categories()
        .await?
        .into_iter()
        .filter(|c| c.active)
        .map(|c| {
            let name = lang.t(&c.name_nl, &c.name_en).to_owned();
            (c.code, name)
        })
        .collect();
    let page = RegisterPage {
        lang,
        staff: staff.header(),
        channels: CHANNELS
            .iter()
            .map(|(c, nl, en)| (c.as_str(), lang.t(nl, en)))
            .collect(),
        regions,
        categories,
        values,
        errors,
    };
    Ok((status, page).into_response())
}

/// The form as an intake, or every field that is not right.
fn intake(f: &Fields, staff: &Staff, lang: Lang) -> Result<Intake, Errors> {
    let mut e = Errors::default();
    let field = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let channel = CHANNELS
        .iter()
        .map(|(c, _, _)| *c)
        .find(|c| c.as_str() == f.get("kanaal"));
    if channel.is_none() {
        e.add(
            "kanaal",
            lang.t(
                "Kies hoe de klacht binnenkwam.",
                "Choose how the complaint came in.",
            ),
        );
    }
    let day: Option<Date> = e.check(
        "datum",
        date(
            f.get("datum"),
            lang.t("de datum van ontvangst", "the date of receipt"),
            lang,
        ),
    );
    let time = e.check(
        "tijd",
        f.get("tijd").trim().parse::<Time>().map_err(|_| {
            lang.t(
                "Vul de tijd van ontvangst in (uu:mm).",
                "Enter the time of receipt (hh:mm).",
            )
            .to_owned()
        }),
    );
    let received_at = day
        .zip(time)
        .and_then(|(d, t)| d.to_datetime(t).to_zoned_datetime(amsterdam()).ok())
        .map(|z| z.timestamp());
    let given = Given {
        channel,
        received_at,
        name: Some(f.get("naam").to_owned()),
        email: field(f.get("email")),
        phone: field(f.get("telefoon")),
        address: field(f.get("adres")),
        region: Some(f.get("regio").to_owned()),
        category: Some(f.get("categorie").to_owned()),
        description: Some(f.get("beschrijving").to_owned()),
        employee_concerned: field(f.get("medewerker")),
        // Blank is none; otherwise the text as typed (the domain trims it).
        desired_outcome: Some(f.get("uitkomst").to_owned()).filter(|v| !v.trim().is_empty()),
    };
    let intake = registration::intake(given, &staff.session().user).map_err(|refused| {
        for r in &refused {
            let (id, message) = refusal(r, lang);
            e.add(id, message);
        }
    });
    e.or(intake.ok())
}

/// A refused value as the form marks it: the field's id and the message beside it.
fn refusal(refused: &Refused, lang: Lang) -> (&'static str, String) {
    let fixed = |nl: &str, en: &str| lang.t(nl, en).to_owned();
    let Refused::Invalid(field, reason) = refused else {
        let message = fixed(
            "Kies een regio uit de lijst.",
            "Choose a region from the list.",
        );
        return ("regio", message);
    };
    match field {
        Field::Name => ("naam", input_text(reason, lang)),
        Field::Email => (
            "email",
            fixed(
                "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
                "Enter a valid e-mail address, such as name@example.com.",
            ),
        ),
        Field::Phone => (
            "telefoon",
            fixed(
                "Vul een geldig telefoonnummer in.",
                "Enter a valid phone number.",
            ),
        ),
        Field::Contact => ("email", input_text(reason, lang)),
        Field::Address => ("adres", input_text(reason, lang)),
        Field::Category => (
            "categorie",
            fixed(
                "Kies een categorie uit de lijst.",
                "Choose a category from the list.",
            ),
        ),
        Field::Description => (
            "beschrijving",
            fixed(
                "Beschrijf wat er is gebeurd en wanneer.",
                "Describe what happened, and when.",
            ),
        ),
        Field::EmployeeConcerned => ("medewerker", input_text(reason, lang)),
        Field::DesiredOutcome => ("uitkomst", input_text(reason, lang)),
    }
}
