//! `POST /api/v1/complaints`: staff register a complaint received by phone, by letter or in
//! person, as the office's registration form does: the body becomes an [`app::Intake`] at the
//! edge (422 naming each field), `App::register` decides it as the caller, and the receipt mail
//! is queued with it.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::Channel;
use serde_json::json;

use super::ApiCaller;
use super::error::ApiError;
use super::input::Input;
use crate::AppState;
use crate::access;
use crate::registration::{self, Field, Given, Refused};

/// `POST /api/v1/complaints`: registers a complaint received by phone, by letter or in person
/// (`received_at` may lie in the past). An `Idempotency-Key` header makes a retry return the
/// first complaint (200 instead of 201). A handler who registers becomes the assignee.
pub(crate) async fn complaints_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    access::may_register(&caller.user)?;
    let mut i = Input::parse(&body)?;
    let intake = intake(&mut i, &caller);
    let intake = i.finish(intake)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|k| format!("api:{}:{}", caller.user.id, k.trim()))
        .filter(|k| !k.ends_with(':'));
    let registered = state.app.register(intake, caller.actor(), key).await?;
    let location = format!("/api/v1/complaints/{}", registered.reference);
    tracing::info!(complaint.reference = %registered.reference, user.id = %caller.user.id, "API registration");
    let status = if registered.existed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let body = json!({ "reference": registered.reference.to_string(), "location": location });
    Ok((status, [(header::LOCATION, location)], Json(body)).into_response())
}

/// The body as an intake; errors are recorded in `i`.
fn intake(i: &mut Input, caller: &ApiCaller) -> Option<app::Intake> {
    let channel = i.choice(
        "channel",
        &[
            ("phone", Channel::Phone),
            ("letter", Channel::Letter),
            ("in_person", Channel::InPerson),
        ],
    );
    let received_at = i.timestamp("received_at");
    let mut p = i.nested("complainant");
    let (name, email, phone, address) = (
        p.str("name"),
        p.optional_str("email"),
        p.optional_str("phone"),
        p.optional_str("address"),
    );
    i.absorb("complainant", p);
    let given = Given {
        channel,
        received_at,
        name,
        email,
        phone,
        address,
        region: i.str("region"),
        category: i.str("category"),
        description: i.str("description"),
        employee_concerned: i.optional_str("employee_concerned"),
        desired_outcome: i.optional_str("desired_outcome"),
    };
    let intake = registration::intake(given, &caller.user).map_err(|refused| {
        for r in &refused {
            let (field, message) = refusal(r);
            i.add(field, message);
        }
    });
    intake.ok()
}

/// A refused value as the API's 422 names it: the member and what it must be.
fn refusal(refused: &Refused) -> (&'static str, &'static str) {
    const NAME: &str = "must be a name on one line of at most 200 characters";
    const TEXT: &str = "must be a text of at most 20000 characters";
    let Refused::Invalid(field, _) = refused else {
        return ("region", "unknown region");
    };
    match field {
        Field::Name => ("complainant.name", NAME),
        Field::Email => ("complainant.email", "is not a valid e-mail address"),
        Field::Phone => ("complainant.phone", "is not a valid phone number"),
        Field::Contact => (
            "complainant.email",
            "give an e-mail address or a phone number (or both)",
        ),
        Field::Address => (
            "complainant.address",
            "must be an address of at most 500 characters",
        ),
        Field::Category => ("category", "unknown category"),
        Field::Description => ("description", TEXT),
        Field::EmployeeConcerned => ("employee_concerned", NAME),
        Field::DesiredOutcome => ("desired_outcome", TEXT),
    }
}
