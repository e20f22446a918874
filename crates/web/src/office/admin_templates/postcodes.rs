//! `/kantoor/beheer/postcodes`: the postcode ranges that give the public form a complainant's
//! region (see `public::postcode`). Add (an overlapping range or an unknown region is refused
//! beside the field, values kept) and remove.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::{PostcodeRange, PostcodeRangeAdded};

use super::beheerder;
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, FieldError, Fields};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_postcodes.html")]
struct PostcodesPage {
    lang: Lang,
    staff: StaffHeader,
    /// (from, to, region code, region name)
    ranges: Vec<(u16, u16, String, String)>,
    regions: Vec<(String, String)>,
    values: Fields,
    errors: Vec<FieldError>,
    done: Option<&'static str>,
}

impl PostcodesPage {
    fn v(&self, name: &str) -> &str {
        self.values.get(name)
    }
    fn err(&self, name: &str) -> Option<&str> {
        let e = self.errors.iter().find(|e| e.field == name);
        e.map(|e| e.message.as_str())
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Done {
    gedaan: Option<String>,
}

pub(crate) async fn postcodes_get(
    State(state): State<AppState>,
    lang: Lang,
    Query(done): Query<Done>,
    staff: Staff,
) -> Response {
    let done = match done.gedaan.as_deref() {
        Some("toegevoegd") => Some(lang.t("Het gebied is toegevoegd.", "The range was added.")),
        Some("verwijderd") => Some(lang.t("Het gebied is verwijderd.", "The range was removed.")),
        _ => None,
    };
    page(&state, lang, &staff, Fields::default(), Vec::new(), done)
        .await
        .unwrap_or_else(|e| e.page(lang))
}

async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    values: Fields,
    errors: Vec<FieldError>,
    done: Option<&'static str>,
) -> Result<Response, WebError> {
    beheerder(staff)?;
    let store = state.app.store();
    let regions: Vec<(String, String)> = store
        .regions()
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let name = |code: &str| {
        regions
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_owned(), |(_, n)| n.clone())
    };
    let ranges = store
        .postcode_ranges()
        .await?
        .into_iter()
        .map(|r| {
            let n = name(&r.region);
            (r.from, r.to, r.region, n)
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PostcodesPage {
        lang,
        staff: staff.header(),
        ranges,
        regions,
        values,
        errors,
        done,
    };
    Ok((status, page).into_response())
}

/// A 4-digit postcode (1000–9999).
fn postcode(lang: Lang, text: &str, which: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|p| (1000..=9999).contains(p))
        .ok_or_else(|| {
            format!(
                "{} {which} {}",
                lang.t("Vul als", "Enter as"),
                lang.t(
                    "de vier cijfers van een postcode in (1000 tot en met 9999).",
                    "the four digits of a postcode (1000 to 9999)."
                )
            )
        })
}

/// The form as a range, or every field that is not right.
fn range(lang: Lang, f: &Fields) -> Result<PostcodeRange, Errors> {
    let mut e = Errors::default();
    let from = e.check(
        "van",
        postcode(
            lang,
            f.get("van"),
            lang.t("eerste postcode", "first postcode"),
        ),
    );
    let to = e.check(
        "tot",
        postcode(
            lang,
            f.get("tot"),
            lang.t("laatste postcode", "last postcode"),
        ),
    );
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        e.add(
            "tot",
            lang.t(
                "De laatste postcode mag niet lager zijn dan de eerste.",
                "The last postcode may not be lower than the first.",
            ),
        );
    }
    let region = f.get("regio").trim().to_owned();
    if region.is_empty() {
        e.add("regio", lang.t("Kies een regio.", "Choose a region."));
    }
    let range = from
        .zip(to)
        .map(|(from, to)| PostcodeRange { from, to, region });
    e.or(range)
}

pub(crate) async fn postcodes_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let values = Fields(form).typed();
        let range = match range(lang, &values) {
            Ok(range) => range,
            Err(errors) => return page(&state, lang, &staff, values, errors.0, None).await,
        };
        let mut errors = Errors::default();
        match state.app.store().add_postcode_range(&range).await? {
            PostcodeRangeAdded::Added => {
                tracing::info!(user.id = %staff.session().user.id, from = range.from, to = range.to, region = %range.region, "postcode range added");
                return Ok(Redirect::to("/kantoor/beheer/postcodes?gedaan=toegevoegd").into_response());
            }
            PostcodeRangeAdded::Overlaps(other) => errors.add(
                "van",
                format!(
                    "{} {}–{} ({} {}). {}",
                    lang.t(
                        "Dit gebied overlapt met het gebied",
                        "This range overlaps the range"
                    ),
                    other.from,
                    other.to,
                    lang.t("regio", "region"),
                    other.region,
                    lang.t(
                        "Een postcode hoort bij één regio; pas de grenzen aan of verwijder eerst het andere gebied.",
                        "A postcode belongs to one region; change the bounds or remove the other range first."
                    )
                ),
            ),
            PostcodeRangeAdded::UnknownRegion => errors.add(
                "regio",
                lang.t("Kies een regio uit de lijst.", "Choose a region from the list."),
            ),
        }
        page(&state, lang, &staff, values, errors.0, None).await
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

pub(crate) async fn remove_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    let result = async {
        // The role first: nobody else learns anything from how the form is read.
        beheerder(&staff)?;
        // The hidden field of a listed range; anything else names no range.
        let from: u16 = form
            .iter()
            .find(|(k, _)| k == "van")
            .and_then(|(_, v)| v.parse().ok())
            .ok_or(WebError::NotFound)?;
        if !state.app.store().remove_postcode_range(from).await? {
            return Err(WebError::NotFound);
        }
        tracing::info!(user.id = %staff.session().user.id, from, "postcode range removed");
        Ok(Redirect::to("/kantoor/beheer/postcodes?gedaan=verwijderd").into_response())
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
