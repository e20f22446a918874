//! `/kantoor/beheer/categorieen`: what a complaint can be about (list, add, edit), with a Dutch
//! and an English name for the public form. The code is fixed once made: complaints record it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use store::Category;

use super::{Admin, Form, Saved, page, required, save_or_show};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::complaint::fields::{Errors, Fields};
use crate::office::staff::{Staff, StaffForm, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/categories.html")]
struct CategoriesPage {
    lang: Lang,
    staff: StaffHeader,
    categories: Vec<Category>,
}

#[derive(Template, WebTemplate)]
#[template(path = "office/admin/category.html")]
struct CategoryPage {
    lang: Lang,
    staff: StaffHeader,
    /// None for a new category (the code is then a field).
    code: Option<String>,
    form: Form,
    saved: bool,
}

pub(crate) async fn categories_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let categories = state.app.store().categories().await?;
        Ok(CategoriesPage {
            lang,
            staff: admin.header(),
            categories,
        }
        .into_response())
    })
    .await
}

pub(crate) async fn category_new_get(lang: Lang, staff: Staff) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let form = Form::new(Fields(vec![("actief".into(), "1".into())]));
        Ok(category_page(lang, &admin, None, form, false))
    })
    .await
}

pub(crate) async fn category_new_post(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let values = Fields(form).typed();
        let mut e = Errors::default();
        let code = values.get("code").trim().to_ascii_lowercase();
        // `/kantoor/beheer/categorieen/nieuw` is the form, not a category.
        let valid = code != "nieuw"
            && (1..=40).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && domain::complaint::Category::try_from(code.as_str()).is_ok();
        if !valid {
            e.add(
                "code",
                lang.t(
                    "Vul een code in van kleine letters, cijfers, streepjes of liggende streepjes (hoogstens 40 tekens), zoals ‘bejegening’.",
                    "Enter a code of lower-case letters, digits, dashes or underscores (at most 40 characters), like ‘bejegening’.",
                ),
            );
        } else if state
            .app
            .store()
            .categories()
            .await?
            .iter()
            .any(|c| c.code == code)
        {
            e.add(
                "code",
                lang.t(
                    "Er is al een categorie met deze code. Kies een andere code, of wijzig die categorie.",
                    "There is a category with this code already. Choose another code, or edit that category.",
                ),
            );
        }
        let category = parse(&mut e, &values, code, lang);
        let added = async |category: Category| {
            state.app.store().upsert_category(&category).await?;
            let user = admin.staff().session().user.id;
            tracing::info!(user.id = %user, category = %category.code, "category added");
            Ok(saved_at(&category.code))
        };
        let shown = async |errors| {
            let form = Form::with_errors(values, errors);
            Ok(category_page(lang, &admin, None, form, false))
        };
        save_or_show(e.or(category), added, shown).await
    })
    .await
}

pub(crate) async fn category_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(code): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let category = find(&state, &code).await?;
        let values = Fields(vec![
            ("naam".into(), category.name_nl),
            ("naam_en".into(), category.name_en),
            (
                "actief".into(),
                if category.active { "1" } else { "" }.into(),
            ),
        ]);
        let (code, saved) = (Some(category.code), q.opgeslagen.is_some());
        Ok(category_page(lang, &admin, code, Form::new(values), saved))
    })
    .await
}

pub(crate) async fn category_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(code): Path<String>,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    page(lang, async {
        let admin = Admin::of(staff)?;
        let category = find(&state, &code).await?;
        let values = Fields(form).typed();
        let mut e = Errors::default();
        let edited = parse(&mut e, &values, category.code.clone(), lang);
        let changed = async |edited: Category| {
            state.app.store().upsert_category(&edited).await?;
            let user = admin.staff().session().user.id;
            tracing::info!(user.id = %user, category = %edited.code, "category changed");
            Ok(saved_at(&edited.code))
        };
        let shown = async |errors| {
            let form = Form::with_errors(values, errors);
            Ok(category_page(
                lang,
                &admin,
                Some(category.code),
                form,
                false,
            ))
        };
        save_or_show(e.or(edited), changed, shown).await
    })
    .await
}

/// The category's page after a save, which says so.
fn saved_at(code: &str) -> String {
    format!("/kantoor/beheer/categorieen/{code}?opgeslagen=1")
}

/// A category's page (`code` None: a new one) with `form`.
fn category_page(
    lang: Lang,
    admin: &Admin,
    code: Option<String>,
    form: Form,
    saved: bool,
) -> Response {
    CategoryPage {
        lang,
        staff: admin.header(),
        code,
        form,
        saved,
    }
    .into_response()
}

async fn find(state: &AppState, code: &str) -> Result<Category, WebError> {
    let categories = state.app.store().categories().await?;
    categories
        .into_iter()
        .find(|c| c.code == code)
        .ok_or(WebError::NotFound)
}

fn parse(e: &mut Errors, f: &Fields, code: String, lang: Lang) -> Option<Category> {
    let nl = required(
        e,
        f,
        "naam",
        100,
        lang,
        (
            "Vul de Nederlandse naam in, zoals ‘Bejegening door een medewerker’.",
            "Enter the Dutch name, like ‘Bejegening door een medewerker’.",
        ),
    );
    let en = required(
        e,
        f,
        "naam_en",
        100,
        lang,
        (
            "Vul de Engelse naam in, zoals ‘How staff treated you’.",
            "Enter the English name, like ‘How staff treated you’.",
        ),
    );
    Some(Category {
        code,
        name_nl: nl?,
        name_en: en?,
        active: f.has("actief", "1"),
    })
}
