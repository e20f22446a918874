//! The complainant's own steps, offered only when the procedure is at them: objecting (also
//! late, after closure as handled), choosing or declining the oral explanation, confirming the
//! settlement. The domain decides and may still refuse (a step taken meanwhile by phone, a
//! window that closed): the page is then shown again with the refusal, and what was typed kept.

use std::sync::Arc;

use app::AppError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use domain::complaint::{
    Actor, Command, ConfirmationVia, HearingForm, ObjectionVia, SettlementParty,
};
use jiff::Timestamp;
use serde::Deserialize;

use super::Portal;
use super::access;
use super::page::{self, Feedback};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

#[derive(Debug, Deserialize)]
pub(crate) struct ObjectionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    tekst: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChoiceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    vorm: String,
    #[serde(default)]
    moment: String,
    #[serde(default)]
    medewerker: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

type Ctx = (State<AppState>, Extension<Arc<Portal>>, Path<String>, Lang);

pub(crate) async fn objection_post(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    Path(token): Path<String>,
    lang: Lang,
    Form(form): Form<ObjectionForm>,
) -> Response {
    let ctx = (State(state), Extension(portal), Path(token), lang);
    step(ctx, &form.csrf, "bezwaar", form.tekst.clone(), |now| {
        Ok(Command::RegisterObjection {
            received_at: now,
            via: ObjectionVia::Portal,
            text: form.tekst.clone(),
        })
    })
    .await
}

pub(crate) async fn hearing_choice_post(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    Path(token): Path<String>,
    lang: Lang,
    Form(form): Form<ChoiceForm>,
) -> Response {
    let ctx = (State(state), Extension(portal), Path(token), lang);
    let csrf = form.csrf.clone();
    let choice = move |_| {
        let form_choice = match form.vorm.as_str() {
            "telefonisch" => HearingForm::Phone,
            "kantoor" => HearingForm::Office,
            _ => {
                return Err(lang
                    .t(
                        "Kies hoe u het gesprek wilt voeren.",
                        "Choose how you want to talk.",
                    )
                    .to_owned());
            }
        };
        let Ok(moment) = form.moment.parse::<Timestamp>() else {
            return Err(lang
                .t(
                    "Kies een van de voorgestelde momenten.",
                    "Choose one of the proposed moments.",
                )
                .to_owned());
        };
        Ok(Command::ChooseHearing {
            form: form_choice,
            moment,
            employee_present: form.medewerker == "ja",
        })
    };
    step(ctx, &csrf, "gesprek", String::new(), choice).await
}

pub(crate) async fn hearing_decline_post(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    Path(token): Path<String>,
    lang: Lang,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let ctx = (State(state), Extension(portal), Path(token), lang);
    step(ctx, &form.csrf, "afgezien", String::new(), |_| {
        Ok(Command::DeclineHearing { reason: None })
    })
    .await
}

pub(crate) async fn settlement_confirm_post(
    State(state): State<AppState>,
    Extension(portal): Extension<Arc<Portal>>,
    Path(token): Path<String>,
    lang: Lang,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let ctx = (State(state), Extension(portal), Path(token), lang);
    step(ctx, &form.csrf, "bevestigd", String::new(), |_| {
        Ok(Command::ConfirmSettlement(SettlementParty::Complainant {
            via: ConfirmationVia::Portal,
        }))
    })
    .await
}

/// Opens the link, checks the CSRF value, builds the command (or a message about the form),
/// and performs it as the complainant; 303 back to the page with `?gedaan=<done>`, or the page
/// again with why not.
async fn step(
    ctx: Ctx,
    csrf: &str,
    done: &str,
    typed: String,
    command: impl FnOnce(Timestamp) -> Result<Command, String>,
) -> Response {
    let (State(state), Extension(portal), Path(token), lang) = ctx;
    let result = async {
        let Some(opened) = access::open(&state, &token).await? else {
            return Ok(page::unavailable(lang));
        };
        portal.check_csrf(&state, &opened.token_hash, csrf).await?;
        let again = |error: String| Feedback {
            notice: None,
            error: Some(error),
            objection_text: typed.clone(),
            ..Feedback::default()
        };
        let now = state.app.clock().now();
        let command = match command(now) {
            Ok(c) => c,
            Err(message) => {
                let feedback = again(message);
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return page::render(&state, &portal, &token, &opened, lang, feedback, status)
                    .await;
            }
        };
        if let Command::ChooseHearing { moment, .. } = &command {
            let offered = opened.loaded.complaint.hearing_offer();
            if !offered.is_some_and(|o| o.proposed_moments.contains(moment)) {
                let message = lang.t(
                    "Kies een van de voorgestelde momenten.",
                    "Choose one of the proposed moments.",
                );
                let feedback = again(message.to_owned());
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return page::render(&state, &portal, &token, &opened, lang, feedback, status)
                    .await;
            }
        }
        let reference = opened.loaded.reference;
        match state
            .app
            .execute(reference, command, Actor::Complainant)
            .await
        {
            Ok(_) => {
                tracing::info!(complaint.reference = %reference, step = done, "complainant step through the portal");
                Ok(Redirect::to(&format!("/mijn-klacht/{token}?gedaan={done}")).into_response())
            }
            Err(AppError::Refused(refusal)) => {
                // Decided on the newest state: show the page as it is now, with the reason.
                let Some(opened) = access::open(&state, &token).await? else {
                    return Ok(page::unavailable(lang));
                };
                let feedback = again(refusal.to_string());
                page::render(
                    &state,
                    &portal,
                    &token,
                    &opened,
                    lang,
                    feedback,
                    StatusCode::CONFLICT,
                )
                .await
            }
            Err(e) => Err(WebError::from(e)),
        }
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
