//! The JSON API under `/api/v1`, for integrations (a telephony system registering calls, a
//! reporting tool reading the queue). See `docs/api.md`.
//!
//! - Authentication is `Authorization: Bearer <token>` only ([`auth`]); tokens come from
//!   `wederhoor token create`. The caller has the token user's role and regions, checked by the
//!   same functions as the back office ([`crate::access`]): another region's complaint is 404,
//!   a lezer's POST is 403.
//! - Every step goes through the same use case as the office (`App::execute` as the caller), so
//!   its events, letters and mails follow exactly as they do there.
//! - Errors are JSON in one shape ([`error`]); a refusal by the procedure is 409 with its code
//!   and its Dutch and English sentence.
//! - The routes are listed once, in [`ROUTES`]: the router is built from it and a test compares
//!   it with the OpenAPI document (`openapi.json`, served at `/api/v1/openapi.json` without a
//!   token: it describes the API, not any data).

mod auth;
mod commands;
mod error;
mod handlers;
mod input;
mod register;
mod view;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, Method, header};
use axum::routing::{MethodRouter, any, get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;
use auth::ApiCaller;
use commands::ApiStep;

/// The OpenAPI 3.1 document, written by hand.
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// What a route does (the router maps each to its handler).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    OpenApi,
    List,
    Register,
    Show,
    Step(ApiStep),
}

/// Every route of the API: method, path (axum syntax) and what it does.
pub(crate) fn routes_list() -> Vec<(Method, String, Endpoint)> {
    let mut list = vec![
        (
            Method::GET,
            "/api/v1/openapi.json".to_owned(),
            Endpoint::OpenApi,
        ),
        (Method::GET, "/api/v1/complaints".to_owned(), Endpoint::List),
        (
            Method::POST,
            "/api/v1/complaints".to_owned(),
            Endpoint::Register,
        ),
        (
            Method::GET,
            "/api/v1/complaints/{reference}".to_owned(),
            Endpoint::Show,
        ),
    ];
    for step in ApiStep::ALL {
        list.push((
            Method::POST,
            format!("/api/v1/complaints/{{reference}}/{}", step.path()),
            Endpoint::Step(step),
        ));
    }
    list
}

fn handler(endpoint: Endpoint) -> MethodRouter<AppState> {
    match endpoint {
        Endpoint::OpenApi => get(handlers::openapi_get),
        Endpoint::List => get(handlers::complaints_get),
        Endpoint::Register => post(register::complaints_post),
        Endpoint::Show => get(handlers::complaint_get),
        Endpoint::Step(step) => post(
            move |state: State<AppState>,
                  caller: ApiCaller,
                  reference: Path<String>,
                  body: Bytes| {
                handlers::step_post(state, caller, reference, body, step)
            },
        ),
    }
}

pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    let mut paths: Vec<(String, MethodRouter<AppState>)> = Vec::new();
    for (_, path, endpoint) in routes_list() {
        let method_router = handler(endpoint);
        match paths.iter_mut().find(|(p, _)| *p == path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(method_router),
            None => paths.push((path, method_router)),
        }
    }
    for (path, method_router) in paths {
        router = router.route(&path, method_router);
    }
    router
        // Anything else under /api/v1 is a JSON 404, not the site's HTML page.
        .route("/api/v1/{*rest}", any(handlers::not_found))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The (method, path) pairs the OpenAPI document describes, paths in axum syntax.
    fn documented() -> BTreeSet<(String, String)> {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().expect("paths");
        let mut out = BTreeSet::new();
        for (path, item) in paths {
            for method in ["get", "post", "put", "patch", "delete"] {
                if item.get(method).is_some() {
                    out.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        out
    }

    #[test]
    fn the_openapi_document_lists_exactly_the_routes_served() {
        let served: BTreeSet<(String, String)> = routes_list()
            .into_iter()
            .map(|(m, p, _)| (m.to_string(), p))
            .collect();
        assert_eq!(documented(), served);
    }

    #[test]
    fn every_schema_the_document_refers_to_exists() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        assert!(!refs.is_empty());
        for r in refs {
            let pointer = r.strip_prefix('#').expect("a local reference");
            assert!(doc.pointer(pointer).is_some(), "{r} is not defined");
        }
    }

    fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("$ref", serde_json::Value::String(s)) => out.push(s.clone()),
                        _ => collect_refs(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
            _ => {}
        }
    }
}
