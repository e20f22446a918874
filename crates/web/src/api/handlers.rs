//! The API's handlers: `complaints_get` (the queue), `complaints_post` (registration),
//! `complaint_get`, `step_post` (every step) and the OpenAPI document.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::{
    Category, Channel, Complainant, ContactDetails, EmailAddress, PersonName, PhoneNumber,
    PostalAddress, RegionCode, Role, Text, UserId,
};
use domain::time::civil_date;
use serde::Deserialize;
use serde_json::json;

use super::commands::{self, ApiStep, Known};
use super::error::ApiError;
use super::input::Input;
use super::{ApiCaller, OPENAPI, view};
use crate::AppState;
use crate::access;
use crate::office::complaint::forms::assignable;
use crate::office::paging::{Filter, QueueParams, fetch};

/// The largest page of the queue a caller may ask for.
const MAX_LIMIT: u32 = 500;

pub(crate) async fn openapi_get() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// The queue's filters by their API names.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListParams {
    region: Option<String>,
    state: Option<String>,
    overdue: Option<bool>,
    after: Option<String>,
    limit: Option<u32>,
}

/// `GET /api/v1/complaints`: open complaints of the caller's regions by nearest deadline, with
/// the office queue's filters and keyset paging (`next` is the `after` of the next page).
pub(crate) async fn complaints_get(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::field("query", e.body_text()))?;
    let limit = p
        .limit
        .unwrap_or(state.office.queue_page_size)
        .clamp(1, MAX_LIMIT);
    #[allow(
        clippy::needless_update,
        reason = "filters the office queue gains later default to off here"
    )]
    let office = QueueParams {
        regio: p.region.clone().unwrap_or_default(),
        status: p.state.clone().unwrap_or_default(),
        verlopen: if p.overdue.unwrap_or(false) {
            "1".into()
        } else {
            String::new()
        },
        na: p.after.clone().unwrap_or_default(),
        ..QueueParams::default()
    };
    // The office answers a filter the user may not use with 404; name the parameter instead,
    // except for another region, which stays indistinguishable from an unknown one.
    let filter = Filter::parse(&office, &caller.user).map_err(|_| {
        let mut fields = std::collections::BTreeMap::new();
        if p.region.is_some() {
            fields.insert("region".to_owned(), "unknown region".to_owned());
        }
        if let Some(s) = &p.state
            && crate::office::labels::open_state(s).is_none()
        {
            fields.insert("state".to_owned(), "not an open state".to_owned());
        }
        if p.after.is_some() {
            fields.insert(
                "after".to_owned(),
                "not a cursor from a previous page".to_owned(),
            );
        }
        ApiError::fields(fields)
    })?;
    let today = civil_date(state.app.clock().now());
    let (rows, more) = fetch(&state, &caller.user, &filter, limit, today).await?;
    let next = more
        .then(|| {
            rows.last().map(|r| {
                let (d, id) = r.cursor();
                format!("{d}_{id}")
            })
        })
        .flatten();
    let items: Vec<_> = rows.iter().map(|r| view::row(&state, r, today)).collect();
    Ok(Json(json!({ "items": items, "next": next })))
}

/// `GET /api/v1/complaints/{reference}`.
pub(crate) async fn complaint_get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(reference): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let loaded = access::complaint_for(&state, &caller.user, &reference).await?;
    Ok(Json(
        view::complaint(&state, &loaded, &caller.actor()).await?,
    ))
}

/// `POST /api/v1/complaints/{reference}/{step}`: the body becomes the command (422), the
/// domain decides as the caller (409, or 403 for a step of another party), and the answer is
/// the complaint as it is now.
pub(crate) async fn step_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(reference): Path<String>,
    body: Bytes,
    step: ApiStep,
) -> Result<Json<serde_json::Value>, ApiError> {
    let loaded = access::complaint_for(&state, &caller.user, &reference).await?;
    access::may_take_steps(&caller.user)?;
    let input = Input::parse(&body)?;
    let users = state.app.store().users().await?;
    let assignable = assignable(&users, loaded.complaint.registration().region.as_ref());
    let known = Known {
        complaint: &loaded.complaint,
        assignable: &assignable,
    };
    let command = commands::command(step, input, &known)?;
    let actor = caller.actor();
    let after = state
        .app
        .execute(loaded.reference, command, actor.clone())
        .await?;
    tracing::info!(complaint.reference = %after.reference, user.id = %caller.user.id, step = step.path(), "API step");
    Ok(Json(view::complaint(&state, &after, &actor).await?))
}

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
