//! The beheerder's pages (`/kantoor/beheer/…`): the organisation's contact details, regions,
//! categories, closure days, users, and (read only) the procedure's switches.
//!
//! Only a beheerder may open them or post to them: every handler starts with [`Admin::of`],
//! which answers anyone else with the 403 page (the page exists; it is no secret that there is
//! an administration). As everywhere in the office, GET handlers take [`Staff`] and POST
//! handlers [`StaffForm`](super::staff::StaffForm), which checks the CSRF token first.
//!
//! Everything edited here is organisation data and lives in the database (STYLE habit 7), so an
//! edit counts on every instance: letters read the organisation's details when they are made;
//! the closure days are reloaded into this instance's calendar at once and by every instance
//! each minute (`App::spawn_calendar_refresh`). See `docs/administration.md`.

mod categories;
mod closure_days;
mod organisation;
mod policy;
mod regions;
mod user_new;
mod users;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::complaint::Role;

use super::complaint::fields::{Errors, FieldError, Fields};
use super::staff::{Staff, StaffHeader};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/kantoor/beheer", get(index_get))
        .route(
            "/kantoor/beheer/organisatie",
            get(organisation::organisation_get).post(organisation::organisation_post),
        )
        .route("/kantoor/beheer/regios", get(regions::regions_get))
        .route(
            "/kantoor/beheer/regios/nieuw",
            get(regions::region_new_get).post(regions::region_new_post),
        )
        .route(
            "/kantoor/beheer/regios/{code}",
            get(regions::region_get).post(regions::region_post),
        )
        .route(
            "/kantoor/beheer/categorieen",
            get(categories::categories_get),
        )
        .route(
            "/kantoor/beheer/categorieen/nieuw",
            get(categories::category_new_get).post(categories::category_new_post),
        )
        .route(
            "/kantoor/beheer/categorieen/{code}",
            get(categories::category_get).post(categories::category_post),
        )
        .route(
            "/kantoor/beheer/sluitingsdagen",
            get(closure_days::closure_days_get).post(closure_days::closure_days_post),
        )
        .route(
            "/kantoor/beheer/sluitingsdagen/verwijderen",
            post(closure_days::closure_day_remove_post),
        )
        .route("/kantoor/beheer/gebruikers", get(users::users_get))
        .route(
            "/kantoor/beheer/gebruikers/nieuw",
            get(user_new::user_new_get).post(user_new::user_new_post),
        )
        .route(
            "/kantoor/beheer/gebruikers/{id}",
            get(users::user_get).post(users::user_post),
        )
        .route(
            "/kantoor/beheer/gebruikers/{id}/actief",
            post(users::user_active_post),
        )
        .route("/kantoor/beheer/procedure", get(policy::procedure_get))
}

/// A staff member who is a beheerder: the only way into these pages.
pub(crate) struct Admin(Staff);

impl Admin {
    /// `staff` when they are a beheerder, else [`WebError::Forbidden`].
    pub(crate) fn of(staff: Staff) -> Result<Admin, WebError> {
        beheerder(&staff)?;
        Ok(Admin(staff))
    }

    pub(crate) fn staff(&self) -> &Staff {
        &self.0
    }

    pub(crate) fn header(&self) -> StaffHeader {
        self.0.header()
    }
}

/// Refuses (403) anyone but a beheerder: the check behind [`Admin::of`], for the pages that
/// keep the [`Staff`] (templates, outbox, postcodes, failed jobs).
pub(crate) fn beheerder(staff: &Staff) -> Result<(), WebError> {
    if staff.session().role() == Role::Beheerder {
        Ok(())
    } else {
        tracing::info!(user.id = %staff.session().user.id, "not a beheerder: 403");
        Err(WebError::Forbidden)
    }
}

/// `?opgeslagen=1`: the page after a successful save says so.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Saved {
    #[serde(default)]
    pub opgeslagen: Option<String>,
}

/// A posted form's values with the errors found, for re-showing it.
#[derive(Debug, Default)]
pub(crate) struct Form {
    pub values: Fields,
    pub errors: Vec<FieldError>,
}

impl Form {
    pub(crate) fn new(values: Fields) -> Form {
        Form {
            values,
            errors: Vec::new(),
        }
    }

    pub(crate) fn with_errors(values: Fields, errors: Errors) -> Form {
        Form {
            values,
            errors: errors.0,
        }
    }

    pub(crate) fn v(&self, name: &str) -> &str {
        self.values.get(name)
    }

    pub(crate) fn err(&self, name: &str) -> Option<&str> {
        let e = self.errors.iter().find(|e| e.field == name);
        e.map(|e| e.message.as_str())
    }

    pub(crate) fn checked(&self, name: &str) -> bool {
        self.values.has(name, "1")
    }

    /// 422 when the form has errors, else 200.
    pub(crate) fn status(&self) -> StatusCode {
        if self.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

/// The end of every administration form's POST (post/redirect/get): parsed without errors,
/// `save` stores the value and answers the address of the page that shows it saved; with
/// errors, `show` renders the page again with them (and the posted values), answered with 422.
/// Used by the organisation, region, category and closure-day pages and the letter and mail
/// templates.
pub(crate) async fn save_or_show<T, E>(
    parsed: Result<T, E>,
    save: impl AsyncFnOnce(T) -> Result<String, WebError>,
    show: impl AsyncFnOnce(E) -> Result<Response, WebError>,
) -> Result<Response, WebError> {
    match parsed {
        Ok(value) => Ok(Redirect::to(&save(value).await?).into_response()),
        Err(errors) => {
            let mut response = show(errors).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
    }
}

/// A required one-line text of at most `max` characters, trimmed.
pub(crate) fn required(
    e: &mut Errors,
    f: &Fields,
    field: &'static str,
    max: usize,
    lang: Lang,
    (nl, en): (&str, &str),
) -> Option<String> {
    let v = f.get(field).trim();
    if v.is_empty() {
        e.add(field, lang.t(nl, en));
        return None;
    }
    if v.chars().count() > max {
        e.add(
            field,
            match lang {
                Lang::Nl => format!("Gebruik hoogstens {max} tekens."),
                Lang::En => format!("Use at most {max} characters."),
            },
        );
        return None;
    }
    Some(v.to_owned())
}

/// A Dutch postal address that a letter can print: street line(s), then "postcode place".
pub(crate) fn postal_address(
    e: &mut Errors,
    f: &Fields,
    field: &'static str,
    lang: Lang,
) -> Option<String> {
    let text = required(
        e,
        f,
        field,
        500,
        lang,
        ("Vul het postadres in.", "Enter the postal address."),
    )?;
    let parsed = crate::notify::parse_address(&text);
    if parsed.street.is_empty() || parsed.postcode.is_empty() || parsed.city.is_empty() {
        e.add(
            field,
            lang.t(
                "Vul het postadres in met de straat of postbus op de eerste regel en postcode en plaats op de laatste, zoals ‘Postbus 123’ en ‘3500 AA Utrecht’.",
                "Enter the postal address with the street or PO box on the first line and postcode and place on the last, like ‘Postbus 123’ and ‘3500 AA Utrecht’.",
            ),
        );
        return None;
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Some(lines.join("\n"))
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/index.html")]
struct IndexPage {
    lang: Lang,
    staff: StaffHeader,
}

pub(crate) async fn index_get(lang: Lang, staff: Staff) -> Response {
    match Admin::of(staff) {
        Ok(admin) => IndexPage {
            lang,
            staff: admin.header(),
        }
        .into_response(),
        Err(e) => e.page(lang),
    }
}

/// Runs a handler body and turns its error into the error page.
pub(crate) async fn page(
    lang: Lang,
    body: impl Future<Output = Result<Response, WebError>>,
) -> Response {
    body.await.unwrap_or_else(|e| e.page(lang))
}
