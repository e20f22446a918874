//! `/kantoor/beheer/sluitingsdagen`: the organisation's closure days by year; add one (date and
//! name, today or later), remove one that is still to come. After a change this instance's
//! calendar is reloaded at once; other instances reload theirs within a minute
//! (`App::spawn_calendar_refresh`). Deadlines already computed keep their dates: they are
//! recorded in the complaint's events. Whether a closure day stretches a term at all is the
//! procedure's policy (`closure_days_extend`); the work queue's "binnen N werkdagen" always
//! counts closure days as non-working.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::calendar::Calendar;
use domain::time::civil_date;
use jiff::civil::Date;
use serde::Deserialize;

use super::{Admin, Form, page, required, save_or_show};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, Fields, date};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/closure_days.html")]
struct ClosureDaysPage {
    lang: Lang,
    staff: StaffHeader,
    year: i16,
    days: Vec<Day>,
    form: Form,
    /// What was just done: "toegevoegd" or "verwijderd".
    done: Option<String>,
    /// The current procedure lets closure days stretch terms.
    closures_extend: bool,
    procedure: String,
}

struct Day {
    iso: String,
    label: String,
    name: String,
    /// After today: it may still be removed.
    removable: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct YearQuery {
    #[serde(default)]
    jaar: Option<String>,
    #[serde(default)]
    gedaan: Option<String>,
}

pub(crate) async fn closure_days_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(q): Query<YearQuery>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let today = civil_date(state.app.clock().now());
        let year = q
            .jaar
            .as_deref()
            .and_then(|y| y.parse::<i16>().ok())
            .filter(|y| Calendar::supports_year(*y))
            .unwrap_or(today.year());
        let done = q.gedaan.filter(|d| d == "toegevoegd" || d == "verwijderd");
        let values = Fields(vec![("jaar".into(), year.to_string())]);
        render(&state, lang, &admin, year, Form::new(values), done).await
    })
    .await
}

pub(crate) async fn closure_days_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(form).typed();
        let today = civil_date(state.app.clock().now());
        let mut e = Errors::default();
        let day = e
            .check(
                "datum",
                date(values.get("datum"), lang.t("de datum", "the date"), lang),
            )
            .and_then(|d| {
                if d < today {
                    e.add(
                        "datum",
                        lang.t(
                            "Kies vandaag of een latere datum: een sluitingsdag in het verleden verandert niets meer.",
                            "Choose today or a later date: a closure day in the past changes nothing any more.",
                        ),
                    );
                    None
                } else if !Calendar::supports_year(d.year()) {
                    e.add(
                        "datum",
                        lang.t(
                            "Kies een datum vóór het jaar 2201.",
                            "Choose a date before the year 2201.",
                        ),
                    );
                    None
                } else {
                    Some(d)
                }
            });
        let name = required(
            &mut e,
            &values,
            "naam",
            100,
            lang,
            (
                "Vul de naam van de sluitingsdag in, zoals ‘Brugdag na Hemelvaart’.",
                "Enter the closure day's name, like ‘Brugdag na Hemelvaart’.",
            ),
        );
        let year = day_year(values.get("datum")).unwrap_or(today.year());
        let added = async |(day, name): (Date, String)| {
            state.app.store().add_closure_day(day, &name).await?;
            state.app.reload_calendar().await?;
            let user = admin.staff().session().user.id;
            tracing::info!(user.id = %user, %day, "closure day added");
            Ok(format!(
                "/kantoor/beheer/sluitingsdagen?jaar={}&gedaan=toegevoegd",
                day.year()
            ))
        };
        let shown = async |errors| {
            let form = Form::with_errors(values, errors);
            render(&state, lang, &admin, year, form, None).await
        };
        save_or_show(e.or(day.zip(name)), added, shown).await
    })
    .await
}

pub(crate) async fn closure_day_remove_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(form).typed();
        let today = civil_date(state.app.clock().now());
        let day: Date = values.get("datum").parse().map_err(|_| WebError::NotFound)?;
        if day <= today {
            return Err(WebError::Refused(
                lang.t(
                    "Een sluitingsdag van vandaag of eerder kan niet meer worden verwijderd: termijnen zijn er misschien al mee berekend.",
                    "A closure day of today or earlier can no longer be removed: deadlines may have been computed with it.",
                )
                .to_owned(),
            ));
        }
        if !state.app.store().remove_closure_day(day).await? {
            return Err(WebError::NotFound);
        }
        state.app.reload_calendar().await?;
        let user = admin.staff().session().user.id;
        tracing::info!(user.id = %user, %day, "closure day removed");
        Ok(Redirect::to(&format!(
            "/kantoor/beheer/sluitingsdagen?jaar={}&gedaan=verwijderd",
            day.year()
        ))
        .into_response())
    })
    .await
}

fn day_year(value: &str) -> Option<i16> {
    value
        .trim()
        .parse::<Date>()
        .ok()
        .map(|d| d.year())
        .filter(|y| Calendar::supports_year(*y))
}

async fn render(
    state: &AppState,
    lang: Lang,
    admin: &Admin,
    year: i16,
    form: Form,
    done: Option<String>,
) -> Result<Response, WebError> {
    let today = civil_date(state.app.clock().now());
    let days = state
        .app
        .store()
        .closure_days()
        .await?
        .into_iter()
        .filter(|(d, _)| d.year() == year)
        .map(|(d, name)| Day {
            iso: d.to_string(),
            label: crate::office::labels::date_long(d, lang),
            name,
            removable: d > today,
        })
        .collect();
    let procedure = state.app.current_procedure();
    Ok(ClosureDaysPage {
        lang,
        staff: admin.header(),
        year,
        days,
        form,
        done,
        closures_extend: procedure.policy().closure_days_extend,
        procedure: procedure.key(),
    }
    .into_response())
}
