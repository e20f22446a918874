//! `/kantoor/beheer/brieven`: the letter templates (Typst), built-in or the beheerder's own.
//!
//! The edit page posts one form with three buttons (`actie`): `voorbeeld` answers the PDF of the
//! kind's sample rendered with the source in the textarea (nothing is stored), `opslaan` stores
//! it as a new version after the same render succeeded, `standaard` stores a reset to the
//! built-in template. A source that does not render is shown again with Typst's message (line
//! and hint) beside the field, 422. The letter job reads the stored versions for every letter.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use letters::{LetterError, LetterKind, Letters, builtin_source};
use serde::Deserialize;

use super::{Done, beheerder, store_versions};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::notify::overrides::{letter_kind_of, letter_template_key};
use crate::notify::title;
use crate::office::admin::save_or_show;
use crate::office::staff::{Staff, StaffForm, StaffHeader};

/// Longer sources are refused: a letter template is a page or two of Typst.
const MAX_SOURCE_CHARS: usize = 100_000;
/// Versions shown on the edit page.
const HISTORY: u32 = 10;

/// One kind in the list.
struct Row {
    kind: &'static str,
    title: &'static str,
    /// "standaard" or "eigen versie van … door …".
    state: String,
    overridden: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_letters.html")]
struct LettersPage {
    lang: Lang,
    staff: StaffHeader,
    rows: Vec<Row>,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin_letter.html")]
struct LetterPage {
    lang: Lang,
    staff: StaffHeader,
    kind: &'static str,
    title: &'static str,
    source: String,
    overridden: bool,
    /// Typst's message(s), beside the field.
    error: Option<String>,
    done: Option<&'static str>,
    /// (when, who, "eigen versie" / "terug naar standaard").
    history: Vec<(String, String, &'static str)>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Posted {
    #[serde(default)]
    bron: String,
    #[serde(default)]
    actie: String,
}

fn when(t: jiff::Timestamp) -> String {
    domain::time::amsterdam()
        .to_datetime(t)
        .strftime("%d-%m-%Y %H:%M")
        .to_string()
}

pub(crate) async fn letters_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let current = state.app.store().current_templates().await?;
        let rows = LetterKind::ALL
            .into_iter()
            .map(|kind| {
                let version = current
                    .iter()
                    .find(|v| letter_kind_of(&v.kind) == Some(kind) && v.source.is_some());
                Row {
                    kind: kind.as_str(),
                    title: title(kind.as_str(), lang),
                    state: version.map_or_else(
                        || lang.t("standaard", "built-in").to_owned(),
                        |v| {
                            format!(
                                "{} {} {} {}",
                                lang.t("eigen versie van", "own version of"),
                                when(v.updated_at),
                                lang.t("door", "by"),
                                v.updated_by
                            )
                        },
                    ),
                    overridden: version.is_some(),
                }
            })
            .collect();
        let page = LettersPage {
            lang,
            staff: staff.header(),
            rows,
        };
        Ok::<_, WebError>(page.into_response())
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}

fn kind(path: &str) -> Result<LetterKind, WebError> {
    path.parse().map_err(|_| WebError::NotFound)
}

pub(crate) async fn letter_get(
    State(state): State<AppState>,
    lang: Lang,
    Path(path): Path<String>,
    Query(done): Query<Done>,
    staff: Staff,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let kind = kind(&path)?;
        let in_force =
            crate::notify::overrides::letters_in_force(&Letters::new(), state.app.store().as_ref())
                .await?;
        let done = done.message(
            lang,
            (
                "Opgeslagen. De volgende brief van deze soort gebruikt dit sjabloon.",
                "Saved. The next letter of this kind uses this template.",
            ),
            (
                "Het standaardsjabloon geldt weer.",
                "The built-in template applies again.",
            ),
        );
        let source = in_force.source(kind).to_owned();
        let overridden = in_force.is_overridden(kind);
        page(&state, lang, &staff, kind, source, overridden, None, done).await
    };
    result.await.unwrap_or_else(|e| e.page(lang))
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    kind: LetterKind,
    source: String,
    overridden: bool,
    error: Option<String>,
    done: Option<&'static str>,
) -> Result<Response, WebError> {
    let history = state
        .app
        .store()
        .template_history(&letter_template_key(kind), HISTORY)
        .await?
        .into_iter()
        .map(|v| {
            let what = if v.source.is_some() {
                lang.t("eigen versie", "own version")
            } else {
                lang.t("terug naar standaard", "back to built-in")
            };
            (when(v.updated_at), v.updated_by, what)
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = LetterPage {
        lang,
        staff: staff.header(),
        kind: kind.as_str(),
        title: title(kind.as_str(), lang),
        source,
        overridden,
        error,
        done,
        history,
    };
    Ok((status, page).into_response())
}

/// The Dutch message beside the field for a source that does not render.
fn message(lang: Lang, error: &LetterError) -> String {
    let lines: Vec<String> = error
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    let detail = if lines.is_empty() {
        error.to_string()
    } else {
        lines.join("\n")
    };
    format!(
        "{}\n{detail}",
        lang.t(
            "Het sjabloon geeft geen brief (getoetst met de voorbeeldgegevens):",
            "The template does not make a letter (checked with the sample data):"
        )
    )
}

/// The kind's sample rendered with `source`, or the message beside the field: an empty or too
/// long source, or one that does not render.
async fn rendered(kind: LetterKind, source: &str, lang: Lang) -> Result<letters::Pdf, String> {
    if source.trim().is_empty() {
        return Err(lang
            .t(
                "Vul het sjabloon in, of kies ‘Terug naar standaard’.",
                "Enter the template, or choose ‘Back to built-in’.",
            )
            .into());
    }
    if source.chars().count() > MAX_SOURCE_CHARS {
        return Err(format!(
            "{} {MAX_SOURCE_CHARS} {}",
            lang.t("Het sjabloon is langer dan", "The template is longer than"),
            lang.t("tekens.", "characters.")
        ));
    }
    preview(kind, source.to_owned())
        .await
        .map_err(|e| message(lang, &e))
}

/// Renders the kind's sample with `source` off the async threads.
async fn preview(kind: LetterKind, source: String) -> Result<letters::Pdf, LetterError> {
    tokio::task::spawn_blocking(move || Letters::preview(kind, &source))
        .await
        .unwrap_or_else(|e| {
            Err(LetterError::Template {
                kind,
                diagnostics: vec![letters::Diagnostic {
                    message: format!("render task: {e}"),
                    file: None,
                    line: None,
                    column: None,
                    hints: Vec::new(),
                }],
            })
        })
}

pub(crate) async fn letter_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(path): Path<String>,
    StaffForm { staff, form }: StaffForm<Posted>,
) -> Response {
    let result = async {
        beheerder(&staff)?;
        let kind = kind(&path)?;
        let key = letter_template_key(kind);
        let edit_page = format!("/kantoor/beheer/brieven/{kind}");
        if form.actie == "standaard" {
            let to = store_versions(&state, &staff, vec![(key, None)], &edit_page, true).await?;
            tracing::info!(user.id = %staff.session().user.id, %kind, "letter template reset");
            return Ok(Redirect::to(&to).into_response());
        }
        // Browsers send CRLF line ends; Typst does not mind, but the stored text should not change
        // with the browser that saved it.
        let source = form.bron.replace("\r\n", "\n");
        let overridden = state
            .app
            .store()
            .current_templates()
            .await?
            .iter()
            .any(|v| v.kind == key && v.source.is_some());
        let checked = match (rendered(kind, &source, lang).await, form.actie.as_str()) {
            (Ok(pdf), "voorbeeld") => {
                let disposition = format!("inline; filename=\"voorbeeld-{kind}.pdf\"");
                return Ok((
                    [
                        (header::CONTENT_TYPE, "application/pdf".to_owned()),
                        (header::CONTENT_DISPOSITION, disposition),
                    ],
                    pdf.bytes,
                )
                    .into_response());
            }
            (checked, _) => checked,
        };
        let saved = async |_pdf| {
            let unchanged = source == builtin_source(kind);
            let stored = (!unchanged).then_some(source.as_str());
            let to = store_versions(&state, &staff, vec![(key, stored)], &edit_page, false).await?;
            tracing::info!(user.id = %staff.session().user.id, %kind, "letter template saved");
            Ok(to)
        };
        let shown = async |message| {
            let source = source.clone();
            page(
                &state,
                lang,
                &staff,
                kind,
                source,
                overridden,
                Some(message),
                None,
            )
            .await
        };
        save_or_show(checked, saved, shown).await
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
