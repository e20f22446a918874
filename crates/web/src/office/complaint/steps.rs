//! One POST handler per step (`complaint_<step>_post` in spirit; the routes are in `mod.rs`).
//! Each takes a [`StaffForm`] (session + CSRF), and [`step`] does the rest the same way for
//! all: region check (404), readers refused (403), the form parsed into the command (422 with
//! field errors), the domain deciding as this staff member (409 with its refusal, the values
//! kept; a refusal of who may act is 403), and on success 303 back with a confirmation.

use app::AppError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::complaint::Refusal;

use super::answer;
use super::fields::{Errors, Fields};
use super::forms::{self, Known, Step};
use super::page::{Feedback, render};
use super::refusal::refusal_text;
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::staff::{Staff, StaffForm};

type Posted = StaffForm<Vec<(String, String)>>;

macro_rules! step_handler {
    ($($name:ident => $step:expr),* $(,)?) => {$(
        pub(crate) async fn $name(
            State(state): State<AppState>,
            lang: Lang,
            Path(reference): Path<String>,
            StaffForm { staff, form }: Posted,
        ) -> Response {
            step(&state, lang, &reference, staff, Fields(form), $step).await
        }
    )*};
}

step_handler! {
    contact_post => Step::Contact,
    answer_post => Step::Answer,
    objection_post => Step::Objection,
    late_objection_post => Step::LateObjection,
    hearing_offer_post => Step::HearingOffer,
    hearing_choice_post => Step::HearingChoice,
    hearing_decline_post => Step::HearingDecline,
    hearing_record_post => Step::HearingRecord,
    settlement_post => Step::Settlement,
    final_decision_post => Step::FinalDecision,
    withdraw_post => Step::Withdraw,
    extend_post => Step::Extend,
    not_a_complaint_post => Step::NotAComplaint,
    reassign_post => Step::Reassign,
    link_employee_post => Step::LinkEmployee,
}

async fn step(
    state: &AppState,
    lang: Lang,
    reference: &str,
    staff: Staff,
    posted: Fields,
    step: Step,
) -> Response {
    let result = async {
        let loaded = staff.complaint(state, reference).await?;
        crate::access::may_take_steps(&staff.session().user)?;
        let preview = step == Step::Answer && posted.get("actie") == "voorbeeld";
        let typed = posted.typed();
        let again = |errors: Errors, error: Option<String>| Feedback {
            error,
            errors: errors.0,
            values: typed.clone(),
            open: Some(step),
            ..Feedback::default()
        };
        if preview {
            let mut errors = Errors::default();
            let draft = forms::answer_draft(&typed, &mut errors, lang);
            let mut feedback = again(errors, None);
            feedback.preview = draft.map(|d| answer::preview(state, &d, lang));
            let status = if feedback.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            return render(state, lang, &staff, &loaded, feedback, status).await;
        }
        let users = state.app.store().users().await?;
        let assignable = forms::assignable(
            &users,
            loaded.complaint.registration().region.as_ref(),
            lang,
        );
        let linkable = forms::linkable(&users, lang);
        let known = Known {
            complaint: &loaded.complaint,
            assignable: &assignable,
            linkable: &linkable,
            lang,
        };
        let command = match forms::command(step, &typed, &known) {
            Ok(command) => command,
            Err(errors) => {
                let feedback = again(errors, None);
                return render(
                    state,
                    lang,
                    &staff,
                    &loaded,
                    feedback,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        };
        let actor = staff.session().actor();
        match state.app.execute(loaded.reference, command, actor).await {
            Ok(_) => {
                tracing::info!(complaint.reference = %loaded.reference, user.id = %staff.session().user.id, step = step.path(), "office step");
                let to = format!(
                    "/kantoor/klachten/{}?gedaan={}",
                    loaded.reference,
                    step.path()
                );
                Ok(Redirect::to(&to).into_response())
            }
            Err(AppError::Refused(Refusal::ActorNotAllowed { .. })) => Err(WebError::Forbidden),
            Err(AppError::Refused(refusal)) => {
                // Decided on the newest state: show the page as it is now, with the reason.
                let loaded = staff.complaint(state, reference).await?;
                let feedback = again(Errors::default(), Some(refusal_text(&refusal, lang)));
                render(state, lang, &staff, &loaded, feedback, StatusCode::CONFLICT).await
            }
            Err(e) => Err(WebError::from(e)),
        }
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
