//! The complaint page of the back office (`/kantoor/klachten/{reference}`) and every step of the
//! procedure taken from it.
//!
//! - The page shows the facts, the open deadlines with their explanation (the portal's
//!   [`explain`](crate::portal::explain) pieces), the full timeline with who did what
//!   ([`history`]), the attachments, and only the steps this staff member can take now.
//! - Which steps are offered is asked of the domain ([`offers`]): a representative command
//!   per step is decided on the loaded state with the staff member's actor, so the page never
//!   offers what the domain would refuse for the status or the role.
//! - Each step has its own POST route; the form becomes a command at the edge ([`forms`]:
//!   field errors, 422), the domain decides (a refusal: the page again, 409, values kept), and a
//!   success redirects back with a confirmation (303). See [`steps`].
//! - Every route goes through [`Staff::complaint`](super::staff::Staff::complaint): another
//!   region's complaint is 404, like one that does not exist. A lezer sees the page without
//!   forms; any step they post is 403.

mod answer;
mod answer_pdf;
pub(super) mod fields;
pub(crate) mod forms;
pub(crate) mod history;
pub(crate) mod offers;
mod page;
pub(crate) mod refusal;
mod step;
mod steps;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    let step = |path: &str| format!("/kantoor/klachten/{{reference}}/{path}");
    Router::new()
        .route("/kantoor/klachten/{reference}", get(page::complaint_get))
        .route(
            "/kantoor/klachten/{reference}/bijlagen/{id}",
            get(page::attachment_get),
        )
        .route(
            "/kantoor/klachten/{reference}/brieven/{id}",
            get(page::letter_get),
        )
        .route(&step("contact"), post(steps::contact_post))
        .route(&step("antwoord"), post(steps::answer_post))
        .route(
            &step("antwoord/voorbeeld"),
            post(answer_pdf::answer_pdf_post),
        )
        .route(&step("bezwaar"), post(steps::objection_post))
        .route(&step("te-laat-bezwaar"), post(steps::late_objection_post))
        .route(&step("uitnodiging"), post(steps::hearing_offer_post))
        .route(&step("gesprek-gekozen"), post(steps::hearing_choice_post))
        .route(&step("afzien-gesprek"), post(steps::hearing_decline_post))
        .route(&step("verslag"), post(steps::hearing_record_post))
        .route(&step("bevestiging"), post(steps::settlement_post))
        .route(&step("beslissing"), post(steps::final_decision_post))
        .route(&step("intrekking"), post(steps::withdraw_post))
        .route(&step("verlenging"), post(steps::extend_post))
        .route(&step("geen-klacht"), post(steps::not_a_complaint_post))
        .route(&step("toewijzing"), post(steps::reassign_post))
        .route(&step("medewerker"), post(steps::link_employee_post))
}
