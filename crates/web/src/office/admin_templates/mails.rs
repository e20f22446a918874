//! `/kantoor/beheer/mails`: the beheerder's own wording for the complainant's e-mails (see
//! `notify::mail_templates`). The edit page posts subject, text and HTML with one of three
//! buttons (`actie`): `voorbeeld` shows the mail filled in with sample values on the page (the
//! HTML part as escaped source, never rendered), `opslaan` stores every part after the same check,
//! `standaard` goes back to the built-in mail. The form starts from the built-in wording (as a
//! template of placeholders) where there is no override; a part left as it is, or emptied,
//! keeps the built-in one (nothing is stored for it).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Done, beheerder, store_versions};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::notify::mail_templates::{MailKind, Part, builtin_template, key, overrides, preview};
use crate::office::admin::save_or_show;
use crate::office::staff::{Staff, StaffForm, StaffHeader};

/// Longer parts are refused.
const MAX_PART_CHARS: usize = 50_000;

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_mails.html")]
struct MailsPage {
    lang: Lang,
    staff: StaffHeader,
    /// (name, title, own parts, e.g. "onderwerp, tekst")
    rows: Vec<(&'static str, &'static str, String)>,
}

/// One part's field: name, label, value, error.
struct Field {
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
    rows: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_mail.html")]
struct MailPage {
    lang: Lang,
    staff: StaffHeader,
    kind: &'static str,
    title: &'static str,
    /// (name, meaning in the page's language, sample value)
    placeholders: Vec<(&'static str, &'static str, &'static str)>,
    fields: Vec<Field>,
    /// The preview: (label, rendered) per part.
    preview: Vec<(&'static str, String)>,
    done: Option<&'static str>,
}

impl MailPage {
    fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Posted {
    #[serde(default)]
    onderwerp: String,
    #[serde(default)]
    tekst: String,
    #[serde(default)]
    html: String,
    #[serde(default)]
    actie: String,
}

fn field_name(part: Part) -> &'static str {
    match part {
        Part::Subject => "onderwerp",
        Part::Text => "tekst",
        Part::Html => "html",
    }
}

fn label(lang: Lang, part: Part) -> &'static str {
    match part {
        Part::Subject => lang.t("Onderwerp", "Subject"),
        Part::Text => lang.t("Tekst (platte tekst)", "Text (plain text)"),
        Part::Html => lang.t("HTML", "HTML"),
    }
}

fn kind(name: &str) -> Result<MailKind, WebError> {
    MailKind::parse(name).ok_or(WebError::NotFound)
}

pub(crate) async fn mails_get(State(state): State<AppState>, lang: Lang, staff: Staff) -> Response {
    let result = async {
        beheerder(&staff)?;
        let mut rows = Vec::new();
        for kind in MailKind::ALL {
            let own = overrides(state.app.store().as_ref(), kind).await?;
            let parts: Vec<&str> = Part::ALL
                .iter()
                .zip(&own)
                .filter(|(_, o)| o.is_some())
                .map(|(p, _)| field_name(*p))
                .collect();
            let state = if parts.is_empty() {
                lang.t("standaard", "built-in").to_owned()
            } else {
                format!("{}: {}", lang.t("eigen", "own"), parts.join(", "))
            };
            rows.push((kind.as_str(), kind.title(lang), state));
        }
        let page = MailsPage {
            lang,
            staff: staff.header(),
            rows,
        };
        Ok::<_, WebError>(page.into_response())
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}

fn page(
    lang: Lang,
    staff: &Staff,
    kind: MailKind,
    fields: Vec<Field>,
    preview: Vec<(&'static str, String)>,
    done: Option<&'static str>,
) -> Response {
    let page = MailPage {
        lang,
        staff: staff.header(),
        kind: kind.as_str(),
        title: kind.title(lang),
        placeholders: kind
            .placeholders()
            .iter()
            .map(|(name, _, sample)| (*name, kind.meaning(name, lang), *sample))
            .collect(),
        fields,
        preview,
        done,
    };
    let status = if page.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (status, page).into_response()
}

fn fields(lang: Lang, values: [String; 3]) -> Vec<Field> {
    Part::ALL
        .into_iter()
        .zip(values)
        .map(|(part, value)| Field {
            name: field_name(part),
            label: label(lang, part),
            value,
            error: None,
            rows: if part == Part::Subject { 1 } else { 12 },
        })
        .collect()
}

pub(crate) async fn mail_get(
    State(state): State<AppState>,
    lang: Lang,
    Path(name): Path<String>,
    Query(done): Query<Done>,
    staff: Staff,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let kind = kind(&name)?;
        let own = overrides(state.app.store().as_ref(), kind).await?;
        let done = done.message(
            lang,
            (
                "Opgeslagen. De volgende e-mail van deze soort gebruikt deze tekst.",
                "Saved. The next mail of this kind uses this wording.",
            ),
            (
                "De standaardtekst geldt weer.",
                "The built-in wording applies again.",
            ),
        );
        // Without an override, a part starts from the built-in wording: edit, not write.
        let builtin = builtin_template(kind);
        let [subject, text, html] = own;
        let values = [
            subject.unwrap_or(builtin.subject),
            text.unwrap_or(builtin.text),
            html.unwrap_or(builtin.html),
        ];
        Ok::<_, WebError>(page(
            lang,
            &staff,
            kind,
            fields(lang, values),
            Vec::new(),
            done,
        ))
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}

pub(crate) async fn mail_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(name): Path<String>,
    StaffForm { staff, form }: StaffForm<Posted>,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let kind = kind(&name)?;
        let edit_page = format!("/kantoor/beheer/mails/{}", kind.as_str());
        if form.actie == "standaard" {
            let versions = Part::ALL.map(|part| (key(kind, part), None)).to_vec();
            let to = store_versions(&state, &staff, versions, &edit_page, true).await?;
            tracing::info!(user.id = %staff.session().user.id, mail = kind.as_str(), "mail templates reset");
            return Ok(Redirect::to(&to).into_response());
        }
        let posted = [form.onderwerp, form.tekst, form.html].map(|v| v.replace("\r\n", "\n"));
        let mut fields = fields(lang, posted);
        let mut shown = Vec::new();
        for (part, field) in Part::ALL.into_iter().zip(&mut fields) {
            if field.value.trim().is_empty() {
                shown.push((
                    field.label,
                    lang.t("(standaardtekst)", "(built-in wording)").to_owned(),
                ));
                continue;
            }
            if field.value.chars().count() > MAX_PART_CHARS {
                field.error = Some(format!(
                    "{} {MAX_PART_CHARS} {}",
                    lang.t("Dit deel is langer dan", "This part is longer than"),
                    lang.t("tekens.", "characters.")
                ));
                continue;
            }
            match preview(kind, part, &field.value) {
                Ok(text) => shown.push((field.label, text)),
                Err(e) => field.error = Some(e.message(lang)),
            }
        }
        let failed = fields.iter().any(|f| f.error.is_some());
        if !failed && form.actie == "voorbeeld" {
            return Ok(page(lang, &staff, kind, fields, shown, None));
        }
        let checked = if failed { Err(fields) } else { Ok(fields) };
        // A part left as the built-in wording (or emptied) stays built-in: no override.
        let builtin = builtin_template(kind);
        let saved = async |fields: Vec<Field>| {
            let versions = Part::ALL
                .into_iter()
                .zip(&fields)
                .map(|(part, field)| {
                    let source = Some(field.value.as_str()).filter(|v| {
                        !v.trim().is_empty() && v.trim_end() != builtin.part(part).trim_end()
                    });
                    (key(kind, part), source)
                })
                .collect();
            let to = store_versions(&state, &staff, versions, &edit_page, false).await?;
            tracing::info!(user.id = %staff.session().user.id, mail = kind.as_str(), "mail templates saved");
            Ok(to)
        };
        let refused = async |fields| Ok(page(lang, &staff, kind, fields, Vec::new(), None));
        save_or_show(checked, saved, refused).await
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
