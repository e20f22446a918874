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
use domain::complaint::{
    Category, Channel, Complainant, ContactDetails, EmailAddress, PersonName, PhoneNumber,
    PostalAddress, RegionCode, Role, Text, UserId,
};
use domain::time::amsterdam;
use jiff::civil::{Date, Time};

use super::complaint::fields::{Errors, FieldError, Fields, date, optional_text};
use super::complaint::refusal::{input_text, refusal_text};
use super::staff::{Staff, StaffForm, StaffHeader};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

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
    let name = e.check(
        "naam",
        PersonName::try_from(f.get("naam")).map_err(|err| input_text(&err, lang)),
    );
    let email = match field(f.get("email")) {
        None => Some(None),
        Some(v) => e.check(
            "email",
            EmailAddress::try_from(v).map(Some).map_err(|_| {
                lang.t(
                    "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
                    "Enter a valid e-mail address, such as name@example.com.",
                )
                .to_owned()
            }),
        ),
    };
    let phone = match field(f.get("telefoon")) {
        None => Some(None),
        Some(v) => e.check(
            "telefoon",
            PhoneNumber::try_from(v).map(Some).map_err(|_| {
                lang.t(
                    "Vul een geldig telefoonnummer in.",
                    "Enter a valid phone number.",
                )
                .to_owned()
            }),
        ),
    };
    let contact = match (email, phone) {
        (Some(email), Some(phone)) => e.check(
            "email",
            ContactDetails::new(email, phone).map_err(|err| input_text(&err, lang)),
        ),
        _ => None,
    };
    let address = match field(f.get("adres")) {
        None => Some(None),
        Some(v) => e.check(
            "adres",
            PostalAddress::try_from(v)
                .map(Some)
                .map_err(|err| input_text(&err, lang)),
        ),
    };
    let region_code = f.get("regio");
    let region = match RegionCode::try_from(region_code.to_owned()) {
        Ok(r) if staff.session().may_see_region(region_code) => Some(r),
        _ => {
            e.add(
                "regio",
                lang.t(
                    "Kies een regio uit de lijst.",
                    "Choose a region from the list.",
                ),
            );
            None
        }
    };
    let category = e.check(
        "categorie",
        Category::try_from(f.get("categorie")).map_err(|_| {
            lang.t(
                "Kies een categorie uit de lijst.",
                "Choose a category from the list.",
            )
            .to_owned()
        }),
    );
    let description = e.check(
        "beschrijving",
        Text::try_from(f.get("beschrijving")).map_err(|_| {
            lang.t(
                "Beschrijf wat er is gebeurd en wanneer.",
                "Describe what happened, and when.",
            )
            .to_owned()
        }),
    );
    let employee = match field(f.get("medewerker")) {
        None => Some(None),
        Some(v) => e.check(
            "medewerker",
            PersonName::try_from(v)
                .map(Some)
                .map_err(|err| input_text(&err, lang)),
        ),
    };
    let desired = e.check("uitkomst", optional_text(f.get("uitkomst"), lang));
    let assignee = (staff.session().role() == Role::Klachtbehandelaar)
        .then(|| UserId::try_from(staff.session().user.id.to_string()).ok())
        .flatten();
    let intake = (|| {
        Some(Intake {
            channel: channel?,
            received_at: received_at?,
            complainant: Complainant {
                name: name?,
                contact: contact?,
                address: address?,
                representative: None,
            },
            region: region?,
            category: category?,
            description: description?,
            employee_concerned: employee?,
            desired_outcome: desired?,
            assignee,
        })
    })();
    e.or(intake)
}
