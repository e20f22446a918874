//! `POST /api/v1/complaints`: staff register a complaint received by phone, by letter or in
//! person, as the office's registration form does: the body becomes an [`app::Intake`] at the
//! edge (422 naming each field), `App::register` decides it as the caller, and the receipt mail
//! is queued with it.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::{
    Category, Channel, Complainant, ContactDetails, EmailAddress, PersonName, PhoneNumber,
    PostalAddress, RegionCode, Role, Text, UserId,
};
use serde_json::json;

use super::ApiCaller;
use super::error::ApiError;
use super::input::Input;
use crate::AppState;
use crate::access;

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
    let name = p.str("name").and_then(|n| {
        p.check(
            "name",
            PersonName::try_from(n)
                .map_err(|_| "must be a name on one line of at most 200 characters".to_owned()),
        )
    });
    let email = match p.optional_str("email") {
        None => Some(None),
        Some(v) => p.check(
            "email",
            EmailAddress::try_from(v)
                .map(Some)
                .map_err(|_| "is not a valid e-mail address".to_owned()),
        ),
    };
    let phone = match p.optional_str("phone") {
        None => Some(None),
        Some(v) => p.check(
            "phone",
            PhoneNumber::try_from(v)
                .map(Some)
                .map_err(|_| "is not a valid phone number".to_owned()),
        ),
    };
    let contact = match (email, phone) {
        (Some(email), Some(phone)) => p.check(
            "email",
            ContactDetails::new(email, phone)
                .map_err(|_| "give an e-mail address or a phone number (or both)".to_owned()),
        ),
        _ => None,
    };
    let address = match p.optional_str("address") {
        None => Some(None),
        Some(v) => p.check(
            "address",
            PostalAddress::try_from(v)
                .map(Some)
                .map_err(|_| "must be an address of at most 500 characters".to_owned()),
        ),
    };
    i.absorb("complainant", p);
    let region = i
        .str("region")
        .and_then(|code| match RegionCode::try_from(code.clone()) {
            // Another region is refused like an unknown one.
            Ok(r) if caller.user.may_see_region(r.as_ref()) => Some(r),
            _ => {
                i.add("region", "unknown region");
                None
            }
        });
    let category = i.str("category").and_then(|c| {
        i.check(
            "category",
            Category::try_from(c).map_err(|_| "unknown category".to_owned()),
        )
    });
    let description = i.str("description").and_then(|d| {
        i.check(
            "description",
            Text::try_from(d).map_err(|_| "must be a text of at most 20000 characters".to_owned()),
        )
    });
    let employee = match i.optional_str("employee_concerned") {
        None => Some(None),
        Some(v) => i.check(
            "employee_concerned",
            PersonName::try_from(v)
                .map(Some)
                .map_err(|_| "must be a name on one line of at most 200 characters".to_owned()),
        ),
    };
    let desired = match i.optional_str("desired_outcome") {
        None => Some(None),
        Some(v) => i.check(
            "desired_outcome",
            Text::try_from(v)
                .map(Some)
                .map_err(|_| "must be a text of at most 20000 characters".to_owned()),
        ),
    };
    let assignee = (caller.user.role == Role::Klachtbehandelaar)
        .then(|| UserId::try_from(caller.user.id.to_string()).ok())
        .flatten();
    Some(app::Intake {
        channel: channel?,
        received_at: received_at?,
        complainant: Complainant {
            name: name?,
            contact: contact?,
            address: address?,
            representative: None,
        },
        region: region?,
        category: category?,
        description: description?,
        employee_concerned: employee?,
        desired_outcome: desired?,
        assignee,
    })
}
