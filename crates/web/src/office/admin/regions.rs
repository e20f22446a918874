//! `/kantoor/beheer/regios`: the regions (list, add, edit). A region's code is fixed once it is
//! made: complaints and users refer to it. Its management (name and postal address) is whom
//! objections go to, as the answer letter states. The region page lists its members: the users
//! whose regions include it, and those who work for every region.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::complaint::RegionCode;
use store::Region;

use super::{Admin, Form, Saved, page, postal_address, required, save_or_show};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, Fields};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/regions.html")]
struct RegionsPage {
    lang: Lang,
    staff: StaffHeader,
    regions: Vec<Region>,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/region.html")]
struct RegionPage {
    lang: Lang,
    staff: StaffHeader,
    /// None for a new region (the code is then a field).
    code: Option<String>,
    form: Form,
    members: Vec<Member>,
    saved: bool,
}

/// A user who works in the region.
pub(crate) struct Member {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub all_regions: bool,
    pub active: bool,
}

pub(crate) async fn regions_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let regions = state.app.store().regions().await?;
        Ok(RegionsPage {
            lang,
            staff: admin.header(),
            regions,
        }
        .into_response())
    })
    .await
}

pub(crate) async fn region_new_get(lang: Lang, staff: Staff) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(vec![("actief".into(), "1".into())]);
        let form = Form::new(values);
        Ok(region_page(lang, &admin, None, form, Vec::new(), false))
    })
    .await
}

pub(crate) async fn region_new_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(form).typed();
        let mut e = Errors::default();
        let code = match RegionCode::try_from(values.get("code")) {
            // `/kantoor/beheer/regios/nieuw` is the form, not a region.
            Ok(c) if c.as_ref() != "nieuw" => Some(c.as_ref().to_owned()),
            _ => {
                e.add(
                    "code",
                    lang.t(
                        "Vul een code in van kleine letters, cijfers en streepjes (hoogstens 32 tekens), zoals ‘noord’.",
                        "Enter a code of lower-case letters, digits and dashes (at most 32 characters), like ‘noord’.",
                    ),
                );
                None
            }
        };
        let existing = state.app.store().regions().await?;
        if let Some(c) = &code
            && existing.iter().any(|r| &r.code == c)
        {
            e.add(
                "code",
                lang.t(
                    "Er is al een regio met deze code. Kies een andere code, of wijzig die regio.",
                    "There is a region with this code already. Choose another code, or edit that region.",
                ),
            );
        }
        let region = parse(&mut e, &values, code.unwrap_or_default(), lang);
        let added = async |region: Region| {
            state.app.store().upsert_region(&region).await?;
            let user = admin.staff().session().user.id;
            tracing::info!(user.id = %user, region = %region.code, "region added");
            Ok(saved_at(&region.code))
        };
        let shown = async |errors| {
            let form = Form::with_errors(values, errors);
            Ok(region_page(lang, &admin, None, form, Vec::new(), false))
        };
        save_or_show(e.or(region), added, shown).await
    })
    .await
}

pub(crate) async fn region_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(code): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let region = find(&state, &code).await?;
        let values = Fields(vec![
            ("naam".into(), region.name.clone()),
            ("directie".into(), region.management_name.clone()),
            ("directieadres".into(), region.management_address.clone()),
            ("actief".into(), if region.active { "1" } else { "" }.into()),
        ]);
        let members = members(&state, &region.code, lang).await?;
        let (code, saved) = (Some(region.code), q.opgeslagen.is_some());
        Ok(region_page(
            lang,
            &admin,
            code,
            Form::new(values),
            members,
            saved,
        ))
    })
    .await
}

pub(crate) async fn region_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(code): Path<String>,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let region = find(&state, &code).await?;
        let values = Fields(form).typed();
        let mut e = Errors::default();
        let edited = parse(&mut e, &values, region.code.clone(), lang);
        let changed = async |edited: Region| {
            state.app.store().upsert_region(&edited).await?;
            let user = admin.staff().session().user.id;
            tracing::info!(user.id = %user, region = %edited.code, "region changed");
            Ok(saved_at(&edited.code))
        };
        let shown = async |errors| {
            let form = Form::with_errors(values, errors);
            let members = members(&state, &region.code, lang).await?;
            Ok(region_page(
                lang,
                &admin,
                Some(region.code),
                form,
                members,
                false,
            ))
        };
        save_or_show(e.or(edited), changed, shown).await
    })
    .await
}

/// The region's page after a save, which says so.
fn saved_at(code: &str) -> String {
    format!("/kantoor/beheer/regios/{code}?opgeslagen=1")
}

/// A region's page (`code` None: a new one) with `form`.
fn region_page(
    lang: Lang,
    admin: &Admin,
    code: Option<String>,
    form: Form,
    members: Vec<Member>,
    saved: bool,
) -> Response {
    RegionPage {
        lang,
        staff: admin.header(),
        code,
        form,
        members,
        saved,
    }
    .into_response()
}

async fn find(state: &AppState, code: &str) -> Result<Region, WebError> {
    let regions = state.app.store().regions().await?;
    regions
        .into_iter()
        .find(|r| r.code == code)
        .ok_or(WebError::NotFound)
}

/// The users who work in region `code` (theirs, or all regions), by e-mail address.
async fn members(state: &AppState, code: &str, lang: Lang) -> Result<Vec<Member>, WebError> {
    let users = state.app.store().users().await?;
    Ok(users
        .into_iter()
        .filter(|u| u.may_see_region(code))
        .map(|u| Member {
            id: u.id.to_string(),
            name: u.name,
            email: u.email,
            role: crate::office::labels::role(u.role, lang),
            all_regions: u.all_regions,
            active: u.active,
        })
        .collect())
}

/// The region's fields (all but the code).
fn parse(e: &mut Errors, f: &Fields, code: String, lang: Lang) -> Option<Region> {
    let name = required(
        e,
        f,
        "naam",
        100,
        lang,
        ("Vul de naam van de regio in.", "Enter the region's name."),
    );
    let management = required(
        e,
        f,
        "directie",
        200,
        lang,
        (
            "Vul de naam van de directie in, zoals ‘Directie regio Noord’.",
            "Enter the management's name, like ‘Directie regio Noord’.",
        ),
    );
    let address = postal_address(e, f, "directieadres", lang);
    Some(Region {
        code,
        name: name?,
        management_name: management?,
        management_address: address?,
        active: f.has("actief", "1"),
    })
}
