//! `/kantoor/beheer/gebruikers`: staff accounts with their role, regions and whether they may
//! log in; a beheerder changes name, role and regions, and disables or enables an account
//! (disabling ends its sessions at once). Adding an account is `user_new` (with a one-time link
//! to set a password, like `wederhoor user add … --setup-link`).
//! A beheerder cannot disable their own account or give up their own beheerder role here, so
//! the organisation cannot lock itself out by a slip.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::complaint::Role;
use store::{AccountId, UserRecord, UserUpdate};

use super::{Admin, Form, Saved, page, required};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, Fields};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

pub(crate) const ROLES: [Role; 4] = [
    Role::Klachtbehandelaar,
    Role::Regiodirecteur,
    Role::Beheerder,
    Role::Lezer,
];

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/users.html")]
struct UsersPage {
    lang: Lang,
    staff: StaffHeader,
    users: Vec<Line>,
    done: Option<String>,
}

struct Line {
    id: String,
    name: String,
    email: String,
    role: &'static str,
    regions: String,
    active: bool,
    /// The beheerder looking at the list.
    is_self: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/user.html")]
struct UserPage {
    lang: Lang,
    staff: StaffHeader,
    id: String,
    email: String,
    active: bool,
    is_self: bool,
    /// (value, label in the page's language)
    roles: Vec<(&'static str, &'static str)>,
    /// Every region: code and name.
    regions: Vec<(String, String)>,
    form: Form,
    saved: bool,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct Done {
    #[serde(default)]
    gedaan: Option<String>,
}

pub(crate) async fn users_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(q): Query<Done>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let me = admin.staff().session().user.id;
        let users = state
            .app
            .store()
            .users()
            .await?
            .into_iter()
            .map(|u| Line {
                id: u.id.to_string(),
                regions: regions_text(&u, lang),
                name: u.name,
                email: u.email,
                role: crate::office::labels::role(u.role, lang),
                active: u.active,
                is_self: u.id == me,
            })
            .collect();
        let done = q
            .gedaan
            .filter(|d| d == "uitgeschakeld" || d == "ingeschakeld");
        Ok(UsersPage {
            lang,
            staff: admin.header(),
            users,
            done,
        }
        .into_response())
    })
    .await
}

pub(crate) async fn user_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let user = find(&state, &id).await?;
        let form = Form::new(values_of(&user));
        render(&state, lang, &admin, &user, form, q.opgeslagen.is_some()).await
    })
    .await
}

pub(crate) async fn user_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<String>,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let user = find(&state, &id).await?;
        let values = Fields(form).typed();
        let mut e = Errors::default();
        let name = required(
            &mut e,
            &values,
            "naam",
            200,
            lang,
            ("Vul de naam in.", "Enter the name."),
        );
        let role = ROLES.iter().copied().find(|r| r.label_nl() == values.get("rol"));
        let role = match role {
            None => {
                e.add(
                    "rol",
                    lang.t("Kies een rol uit de lijst.", "Choose a role from the list."),
                );
                None
            }
            Some(r) if user.id == admin.staff().session().user.id && r != Role::Beheerder => {
                e.add(
                    "rol",
                    lang.t(
                        "U kunt uw eigen rol als beheerder hier niet opgeven; laat een andere beheerder dat doen.",
                        "You cannot give up your own administrator role here; ask another administrator.",
                    ),
                );
                None
            }
            Some(r) => Some(r),
        };
        let known = state.app.store().regions().await?;
        let all_regions = values.has("alle_regios", "1");
        let chosen: Vec<String> = values
            .all("regio")
            .into_iter()
            .filter(|c| known.iter().any(|r| r.code == *c))
            .map(str::to_owned)
            .collect();
        if !all_regions && chosen.is_empty() {
            e.add(
                "regio",
                lang.t(
                    "Kies ten minste één regio, of ‘alle regio’s’.",
                    "Choose at least one region, or ‘all regions’.",
                ),
            );
        }
        let update = name.zip(role).map(|(name, role)| UserUpdate {
            name,
            role,
            all_regions,
            regions: if all_regions { Vec::new() } else { chosen },
        });
        match e.or(update) {
            Ok(update) => {
                state.app.store().update_user(user.id, &update).await?;
                let me = admin.staff().session().user.id;
                tracing::info!(user.id = %me, subject.id = %user.id, role = update.role.label_nl(), "user changed");
                Ok(Redirect::to(&format!("/kantoor/beheer/gebruikers/{}?opgeslagen=1", user.id))
                    .into_response())
            }
            Err(errors) => {
                let form = Form::with_errors(values, errors);
                // 422: the form has errors.
                render(&state, lang, &admin, &user, form, false).await
            }
        }
    })
    .await
}

pub(crate) async fn user_active_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<String>,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let user = find(&state, &id).await?;
        let active = Fields(form).get("actief") == "1";
        if !active && user.id == admin.staff().session().user.id {
            return Err(WebError::Refused(
                lang.t(
                    "U kunt uw eigen account niet uitschakelen; laat een andere beheerder dat doen.",
                    "You cannot disable your own account; ask another administrator.",
                )
                .to_owned(),
            ));
        }
        state.app.store().set_user_active(user.id, active).await?;
        let me = admin.staff().session().user.id;
        tracing::info!(user.id = %me, subject.id = %user.id, active, "user enabled or disabled");
        let done = if active { "ingeschakeld" } else { "uitgeschakeld" };
        Ok(Redirect::to(&format!("/kantoor/beheer/gebruikers?gedaan={done}")).into_response())
    })
    .await
}

async fn find(state: &AppState, id: &str) -> Result<UserRecord, WebError> {
    let id: AccountId = id.parse().map_err(|_| WebError::NotFound)?;
    state.app.store().user(id).await?.ok_or(WebError::NotFound)
}

fn regions_text(u: &UserRecord, lang: Lang) -> String {
    if u.all_regions {
        lang.t("alle regio's", "all regions").to_owned()
    } else {
        u.regions.join(", ")
    }
}

async fn render(
    state: &AppState,
    lang: Lang,
    admin: &Admin,
    user: &UserRecord,
    form: Form,
    saved: bool,
) -> Result<Response, WebError> {
    let regions = state
        .app
        .store()
        .regions()
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let status = form.status();
    let page = UserPage {
        lang,
        staff: admin.header(),
        id: user.id.to_string(),
        email: user.email.clone(),
        active: user.active,
        is_self: user.id == admin.staff().session().user.id,
        roles: ROLES
            .iter()
            .map(|r| (r.label_nl(), crate::office::labels::role(*r, lang)))
            .collect(),
        regions,
        form,
        saved,
    };
    Ok((status, page).into_response())
}

/// The edit form's values for `user` as stored.
fn values_of(user: &UserRecord) -> Fields {
    let mut values = vec![
        ("naam".to_owned(), user.name.clone()),
        ("rol".to_owned(), user.role.label_nl().to_owned()),
    ];
    if user.all_regions {
        values.push(("alle_regios".into(), "1".into()));
    }
    values.extend(user.regions.iter().map(|r| ("regio".to_owned(), r.clone())));
    Fields(values)
}
