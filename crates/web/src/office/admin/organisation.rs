//! `GET/POST /kantoor/beheer/organisatie`: the organisation's contact details as letters and
//! mails print them (name, the procedure's phone number, e-mail, postal address, place of the
//! dagtekening, privacy contact, website). Stored in the database; read when each letter is
//! made, so an edit counts from the next letter on, on every instance.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use domain::complaint::{EmailAddress, PhoneNumber};

use super::{Admin, Form, Saved, page, postal_address, required, save_or_show};
use crate::AppState;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, Fields};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/organisation.html")]
struct OrganisationPage {
    lang: Lang,
    staff: StaffHeader,
    form: Form,
    /// No details stored yet: letters use the settings or placeholders.
    unset: bool,
    saved: bool,
}

pub(crate) async fn organisation_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(q): Query<Saved>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let stored = state.app.store().organisation().await?;
        let o = stored.clone().unwrap_or_default();
        let values = Fields(vec![
            ("naam".into(), o.name),
            ("telefoon".into(), o.phone),
            ("email".into(), o.email),
            ("adres".into(), o.address),
            ("plaats".into(), o.place),
            ("privacy".into(), o.privacy_email),
            ("website".into(), o.website),
        ]);
        Ok(OrganisationPage {
            lang,
            staff: admin.header(),
            form: Form::new(values),
            unset: stored.is_none(),
            saved: q.opgeslagen.is_some(),
        }
        .into_response())
    })
    .await
}

pub(crate) async fn organisation_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(form).typed();
        let parsed = parse(&values, lang);
        let saved = async |o: store::Organisation| {
            let now = state.app.clock().now();
            state.app.store().set_organisation(&o, now).await?;
            let user = admin.staff().session().user.id;
            tracing::info!(user.id = %user, "organisation details changed");
            Ok("/kantoor/beheer/organisatie?opgeslagen=1".to_owned())
        };
        let shown = async |errors| {
            let form = Form::with_errors(values, errors);
            let unset = state.app.store().organisation().await?.is_none();
            let page = OrganisationPage {
                lang,
                staff: admin.header(),
                form,
                unset,
                saved: false,
            };
            Ok(page.into_response())
        };
        save_or_show(parsed, saved, shown).await
    })
    .await
}

/// The form as the organisation's details, or every field that is not right.
fn parse(f: &Fields, lang: Lang) -> Result<store::Organisation, Errors> {
    let mut e = Errors::default();
    let name = required(
        &mut e,
        f,
        "naam",
        200,
        lang,
        (
            "Vul de naam van de organisatie in.",
            "Enter the organisation's name.",
        ),
    );
    let phone = required(
        &mut e,
        f,
        "telefoon",
        40,
        lang,
        (
            "Vul het telefoonnummer voor klachten in.",
            "Enter the phone number for complaints.",
        ),
    )
    .and_then(|v| match PhoneNumber::try_from(v.as_str()) {
        Ok(_) => Some(v),
        Err(_) => {
            e.add(
                "telefoon",
                lang.t(
                    "Vul een geldig telefoonnummer in, zoals 088 007 1400.",
                    "Enter a valid phone number, like 088 007 1400.",
                ),
            );
            None
        }
    });
    let email = address(&mut e, f, "email", lang, "klachten@organisatie.nl");
    let address_text = postal_address(&mut e, f, "adres", lang);
    let place = required(
        &mut e,
        f,
        "plaats",
        100,
        lang,
        (
            "Vul de plaats in die boven de brieven staat (bij de datum).",
            "Enter the place printed with the date on letters.",
        ),
    );
    let privacy = address(&mut e, f, "privacy", lang, "privacy@organisatie.nl");
    let website = website(&mut e, f, lang);
    let o = (|| {
        Some(store::Organisation {
            name: name?,
            phone: phone?,
            email: email?,
            address: address_text?,
            place: place?,
            privacy_email: privacy?,
            website: website?,
        })
    })();
    e.or(o)
}

fn address(
    e: &mut Errors,
    f: &Fields,
    field: &'static str,
    lang: Lang,
    example: &str,
) -> Option<String> {
    let v = f.get(field).trim();
    match EmailAddress::try_from(v) {
        Ok(a) => Some(a.as_ref().to_owned()),
        Err(_) if v.is_empty() => {
            e.add(
                field,
                match lang {
                    Lang::Nl => format!("Vul een e-mailadres in, zoals {example}."),
                    Lang::En => format!("Enter an e-mail address, like {example}."),
                },
            );
            None
        }
        Err(_) => {
            e.add(
                field,
                match lang {
                    Lang::Nl => format!("Vul een geldig e-mailadres in, zoals {example}."),
                    Lang::En => format!("Enter a valid e-mail address, like {example}."),
                },
            );
            None
        }
    }
}

/// Optional; when given, an http(s) address without spaces.
fn website(e: &mut Errors, f: &Fields, lang: Lang) -> Option<String> {
    let v = f.get("website").trim();
    if v.is_empty() {
        return Some(String::new());
    }
    let ok = (v.starts_with("https://") || v.starts_with("http://"))
        && v.len() > "https://".len()
        && v.len() <= 200
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"');
    if ok {
        Some(v.to_owned())
    } else {
        e.add(
            "website",
            lang.t(
                "Vul het adres van de website in zoals https://www.organisatie.nl, of laat het veld leeg.",
                "Enter the website's address like https://www.organisation.nl, or leave it empty.",
            ),
        );
        None
    }
}
