//! The form page: `GET /klacht` shows it, `POST /klacht` registers the complaint or shows the
//! form again with what to fix.

use std::sync::Arc;

use app::IntakeRequest;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::complaint::Actor;

use super::attachments::Limits;
use super::errors::FieldErrors;
use super::input::{Choice, ComplaintForm};
use super::spam::{FormToken, TokenProblem};
use super::upload::{self, Upload};
use super::{ClientAddr, Public, spam};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

#[derive(Template, WebTemplate)]
#[template(path = "public/form.html")]
pub(crate) struct ComplaintFormPage {
    lang: Lang,
    form: ComplaintForm,
    errors: FieldErrors,
    regions: Vec<Choice>,
    categories: Vec<Choice>,
    token: String,
    limits: Limits,
    /// Files came with a submission that is shown again: they must be chosen again.
    files_dropped: bool,
}

impl ComplaintFormPage {
    /// The `aria-describedby` value of a field: its hint and its error, as present.
    fn described_by(&self, field: &str, hint: bool) -> String {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{field}-hint"));
        }
        if self.errors.has(field) {
            ids.push(format!("{field}-error"));
        }
        ids.join(" ")
    }

    fn max_mb(&self) -> usize {
        self.limits.max_file_bytes / (1024 * 1024)
    }

    fn is_region(&self, code: &str) -> bool {
        self.form.regio == code
    }

    fn is_category(&self, code: &str) -> bool {
        self.form.categorie == code
    }

    fn respond(self, status: StatusCode) -> Response {
        (status, [(header::CACHE_CONTROL, "no-store")], self).into_response()
    }
}

pub(crate) async fn complaint_form_get(
    State(state): State<AppState>,
    Extension(public): Extension<Arc<Public>>,
    lang: Lang,
) -> Response {
    let shown = async {
        let signer = public.signer(&state).await?;
        let token = FormToken::issue(state.app.clock().now()).encode(signer);
        let page = page(&state, &public, lang, ComplaintForm::default(), token).await?;
        Ok::<_, WebError>(page.respond(StatusCode::OK))
    };
    shown.await.unwrap_or_else(|e| e.page(lang))
}

pub(crate) async fn complaint_form_post(
    State(state): State<AppState>,
    Extension(public): Extension<Arc<Public>>,
    ClientAddr(ip): ClientAddr,
    lang: Lang,
    multipart: Multipart,
) -> Response {
    // Before the body is read: a flood of uploads costs little.
    if let Some(limiter) = &public.limiter
        && let Err(retry) = limiter.hit(ip, state.app.clock().now())
    {
        tracing::info!(client.ip = %ip, "public form rate limit reached");
        return super::receipt::too_many(lang, retry);
    }
    submit(&state, &public, lang, multipart)
        .await
        .unwrap_or_else(|e| e.page(lang))
}

async fn submit(
    state: &AppState,
    public: &Public,
    lang: Lang,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let signer = public.signer(state).await?;
    let Upload {
        mut form,
        files,
        mut errors,
        files_sent,
    } = match upload::read(multipart, public.limits, lang).await {
        Ok(upload) => upload,
        Err(rejection) => return Ok(rejection),
    };
    let now = state.app.clock().now();
    let token = FormToken::decode(signer, &form.token);
    match token.as_ref().map(|t| t.check_timing(now, public.min_fill)) {
        None | Some(Err(TokenProblem::Expired)) => errors.add(
            "verstuur",
            lang.t(
                "Het formulier was verlopen. Controleer uw gegevens en verstuur het opnieuw.",
                "The form had expired. Check your details and send it again.",
            ),
        ),
        Some(Err(TokenProblem::TooFast)) => errors.add(
            "verstuur",
            lang.t(
                "U heeft het formulier erg snel verstuurd. Controleer uw gegevens en verstuur het opnieuw.",
                "You sent the form very quickly. Check your details and send it again.",
            ),
        ),
        Some(Ok(())) => {}
    }
    if !form.website.trim().is_empty() {
        tracing::info!("public form: honeypot filled in; nothing registered");
        form.website.clear();
        errors.add(
            "verstuur",
            lang.t(
                "Uw klacht kon niet worden verwerkt. Controleer uw gegevens en verstuur het formulier opnieuw.",
                "Your complaint could not be processed. Check your details and send the form again.",
            ),
        );
    }
    let (regions, categories) = choices(state, public, lang).await?;
    let ranges = state.app.store().postcode_ranges().await?;
    let derived = super::postcode::derive(&mut form, &ranges, &regions);
    let parsed = form.parse(lang, &regions, &categories).map_err(|e| {
        if derived == super::postcode::Derived::NoMatch {
            super::postcode::explain_no_match(lang, e)
        } else {
            e
        }
    });
    let valid = match (parsed, token) {
        (Ok(valid), Some(token)) if errors.is_empty() => (valid, token),
        (parsed, token) => {
            if let Err(field_errors) = parsed {
                errors.extend(field_errors);
            }
            errors.sort_by_page_order();
            // Keep the token while it is good (its idempotency key and start time); else a new one.
            let token = match token
                .filter(|t| t.check_timing(now, public.min_fill) != Err(TokenProblem::Expired))
            {
                Some(t) => t.encode(signer),
                None => FormToken::issue(now).encode(signer),
            };
            let page = ComplaintFormPage {
                lang,
                form,
                errors,
                regions,
                categories,
                token,
                limits: public.limits,
                files_dropped: files_sent,
            };
            return Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let (valid, token) = valid;
    let intake = valid.into_intake(now);
    let request = IntakeRequest {
        intake,
        actor: Actor::Complainant,
        idempotency_key: Some(token.idempotency_key()),
    };
    // Answered after the batch it joins is committed with a full sync (group commit).
    let registered = public.committer(state).register(request, files).await?;
    tracing::info!(
        complaint.reference = %registered.reference,
        complaint.existed = registered.existed,
        "public form: complaint registered"
    );
    let receipt = spam::receipt_token(signer, registered.reference, now);
    let to = format!(
        "/klacht/ontvangen/{}?t={receipt}&taal={}",
        registered.reference,
        lang.code()
    );
    Ok(Redirect::to(&to).into_response())
}

/// The form page with `form`'s values and no errors.
async fn page(
    state: &AppState,
    public: &Public,
    lang: Lang,
    form: ComplaintForm,
    token: String,
) -> Result<ComplaintFormPage, WebError> {
    let (regions, categories) = choices(state, public, lang).await?;
    Ok(ComplaintFormPage {
        lang,
        form,
        errors: FieldErrors::default(),
        regions,
        categories,
        token,
        limits: public.limits,
        files_dropped: false,
    })
}

/// The organisation's active regions and categories, labelled in `lang`.
async fn choices(
    state: &AppState,
    public: &Public,
    lang: Lang,
) -> Result<(Vec<Choice>, Vec<Choice>), WebError> {
    let catalog = public.catalog(state).await?;
    let mut regions: Vec<Choice> = catalog
        .regions
        .iter()
        .filter(|r| r.active)
        .map(|r| Choice {
            code: r.code.clone(),
            label: r.name.clone(),
        })
        .collect();
    if !state.app.store().postcode_ranges().await?.is_empty() {
        regions.push(super::postcode::derive_choice(lang));
    }
    let categories = catalog
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| Choice {
            code: c.code.clone(),
            label: match lang {
                Lang::Nl => c.name_nl.clone(),
                Lang::En => c.name_en.clone(),
            },
        })
        .collect();
    Ok((regions, categories))
}
