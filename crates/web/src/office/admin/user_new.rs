//! `GET/POST /kantoor/beheer/gebruikers/nieuw`: a beheerder adds a staff account without a
//! password; the answer shows the one-time link with which the new colleague sets one (the same
//! link `wederhoor user add --setup-link` prints). The link is shown this once: only its hash is
//! stored, it is never logged, and the page is not cached (`no-store`, like every office page).

use app::accounts::{AccountError, NewAccount};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::Role;

use super::users::ROLES;
use super::{Admin, Form, page};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, Fields};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/user_new.html")]
struct NewUserPage {
    lang: Lang,
    staff: StaffHeader,
    /// (value, label in the page's language)
    roles: Vec<(&'static str, &'static str)>,
    regions: Vec<(String, String)>,
    form: Form,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/user_created.html")]
struct CreatedPage {
    lang: Lang,
    staff: StaffHeader,
    id: String,
    email: String,
    link: String,
    hours: i64,
}

pub(crate) async fn user_new_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(vec![(
            "rol".into(),
            Role::Klachtbehandelaar.label_nl().into(),
        )]);
        render(&state, lang, &admin, Form::new(values)).await
    })
    .await
}

pub(crate) async fn user_new_post(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(form).typed();
        let role = ROLES
            .iter()
            .copied()
            .find(|r| r.label_nl() == values.get("rol"));
        let Some(role) = role else {
            let mut e = Errors::default();
            e.add(
                "rol",
                lang.t("Kies een rol uit de lijst.", "Choose a role from the list."),
            );
            return render(&state, lang, &admin, Form::with_errors(values, e)).await;
        };
        let new = NewAccount {
            email: values.get("email").trim().to_owned(),
            name: values.get("naam").trim().to_owned(),
            role,
            regions: values.all("regio").into_iter().map(str::to_owned).collect(),
            all_regions: values.has("alle_regios", "1"),
            password: None,
        };
        let user = match state.accounts.create_user(new).await {
            Ok(user) => user,
            Err(error) => {
                let mut e = Errors::default();
                match error {
                    AccountError::InvalidEmail(_) => e.add(
                        "email",
                        lang.t(
                            "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.",
                            "Enter a valid e-mail address, like name@organisation.nl.",
                        ),
                    ),
                    AccountError::DuplicateEmail(_) => e.add(
                        "email",
                        lang.t(
                            "Er is al een gebruiker met dit e-mailadres.",
                            "There is a user with this e-mail address already.",
                        ),
                    ),
                    AccountError::EmptyName => {
                        e.add("naam", lang.t("Vul de naam in.", "Enter the name."))
                    }
                    AccountError::NoRegion | AccountError::UnknownRegion(_) => e.add(
                        "regio",
                        lang.t(
                            "Kies ten minste één regio, of ‘alle regio’s’.",
                            "Choose at least one region, or ‘all regions’.",
                        ),
                    ),
                    AccountError::Store(s) => return Err(WebError::Store(s)),
                    other => return Err(WebError::Refused(other.to_string())),
                }
                return render(&state, lang, &admin, Form::with_errors(values, e)).await;
            }
        };
        let token = state.accounts.create_setup_link(user.id).await?;
        let me = admin.staff().session().user.id;
        tracing::info!(user.id = %me, subject.id = %user.id, "staff user added with a setup link");
        let scheme = if state.secure_cookies {
            "https"
        } else {
            "http"
        };
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let link = format!("{scheme}://{host}/wachtwoord/instellen/{}", token.expose());
        Ok(CreatedPage {
            lang,
            staff: admin.header(),
            id: user.id.to_string(),
            email: user.email,
            link,
            hours: state.accounts.policy().setup_link_valid.as_hours(),
        }
        .into_response())
    })
    .await
}

async fn render(
    state: &AppState,
    lang: Lang,
    admin: &Admin,
    form: Form,
) -> Result<Response, WebError> {
    let regions = state
        .app
        .store()
        .regions()
        .await?
        .into_iter()
        .filter(|r| r.active)
        .map(|r| (r.code, r.name))
        .collect();
    let status = form.status();
    let page = NewUserPage {
        lang,
        staff: admin.header(),
        roles: ROLES
            .iter()
            .map(|r| (r.label_nl(), crate::office::labels::role(*r, lang)))
            .collect(),
        regions,
        form,
    };
    Ok((status, page).into_response())
}
