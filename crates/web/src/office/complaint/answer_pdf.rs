//! `POST /kantoor/klachten/{reference}/antwoord/voorbeeld`: the answer letter as PDF, rendered
//! from the draft in the answer form with the letter template in force, without issuing it
//! (no event, no document, no job). The form's "Voorbeeld (PDF)" button posts here and opens
//! the PDF in a new tab; a draft that is not complete enough shows the form again (422).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::answer;
use super::fields::{Errors, Fields};
use super::forms::{self, Step};
use super::page::{Feedback, render};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::notify::{AnswerPreview, answer_preview, staff_signatory};
use crate::office::staff::StaffForm;

pub(crate) async fn answer_pdf_post(
    State(state): State<AppState>,
    lang: Lang,
    Path(reference): Path<String>,
    StaffForm { staff, form }: StaffForm<Vec<(String, String)>>,
) -> Response {
    let result = async {
        let loaded = staff.complaint(&state, &reference).await?;
        crate::access::may_take_steps(&staff.session().user)?;
        let typed = Fields(form).typed();
        let mut errors = Errors::default();
        let draft = forms::answer_draft(&typed, &mut errors, lang);
        let dagtekening = draft.as_ref().and_then(|d| d.dagtekening);
        let last_day = dagtekening.and_then(|d| answer::last_day_to_object(&state, d));
        let (Some(draft), Some(dagtekening), Some(last_day)) = (draft, dagtekening, last_day)
        else {
            if errors.0.is_empty() {
                errors.add(
                    "antwoord_dagtekening",
                    lang.t(
                        "Met deze dagtekening is de laatste dag voor bezwaar niet te berekenen.",
                        "With this date the last day to object cannot be computed.",
                    ),
                );
            }
            let feedback = Feedback {
                errors: errors.0,
                values: typed,
                open: Some(Step::Answer),
                ..Feedback::default()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&state, lang, &staff, &loaded, feedback, status).await;
        };
        let regions = state.app.store().regions().await?;
        let region_code = loaded.complaint.registration().region.to_string();
        let region = regions.iter().find(|r| r.code == region_code);
        // The organisation as letters print it now (the database, else the start-up settings).
        let organisation = crate::notify::OrganisationDetails::current(
            state.app.store().as_ref(),
            &state.outgoing.organisation,
        )
        .await?;
        let letter = answer_preview(
            &state.app,
            &organisation,
            &loaded,
            region,
            staff_signatory(&staff.session().user, staff.session().role(), region),
            AnswerPreview {
                dagtekening,
                complaint: draft.complaint_as_understood,
                solution: draft.proposed_solution,
                last_day,
            },
        )?;
        let letters = crate::notify::overrides::letters_in_force(
            &letters::Letters::new(),
            state.app.store().as_ref(),
        )
        .await?;
        let rendered = tokio::task::spawn_blocking(move || letters.render(&letter)).await;
        let pdf = match rendered {
            Ok(Ok(pdf)) => pdf,
            Ok(Err(e)) => {
                tracing::warn!(complaint.reference = %loaded.reference, error = %e, "answer preview does not render");
                return Err(WebError::Refused(format!(
                    "De brief kon niet worden opgemaakt met het briefsjabloon dat nu geldt: {e}"
                )));
            }
            Err(e) => {
                return Err(WebError::Refused(format!(
                    "De brief kon niet worden opgemaakt: {e}"
                )));
            }
        };
        let disposition = format!(
            "inline; filename=\"voorbeeld-reactie-{}.pdf\"",
            loaded.reference
        );
        Ok((
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            pdf.bytes,
        )
            .into_response())
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
