//! The authorisation matrix: every staff route (back office and JSON API) × every role × a
//! complaint of the caller's own region and one of another region. Any answer that lets a role
//! do or see what it should not fails the test, naming the route, the role and the region.
//!
//! The matrix checks the access layer: who reaches a route and which records they see. Which
//! step of the procedure each role may take (the final decision is the regional director's,
//! the settlement the handler's) is decided by the domain and tested there and in the step
//! tests; here a handler's empty form may well be refused with 422, which is not a leak.
//!
//! A refused caller (403 or 404) posts malformed bodies too, and must get the same refusal:
//! who may use a route is settled before its form is parsed.
//!
//! Add every new staff route to [`office_routes`] or [`api_routes`]; the API's list is checked
//! against the routes the API serves.

use domain::complaint::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::api_fixtures::{Api, api_as, api_for};
use crate::api_procedure::answered_and_objected;
use crate::helpers::{STAFF_PASSWORD, TestApp, input_value};
use crate::office_complaint_access::STEPS;
use crate::office_fixtures::register;

const ROLES: [Role; 4] = [
    Role::Klachtbehandelaar,
    Role::Regiodirecteur,
    Role::Beheerder,
    Role::Lezer,
];

/// Who may use a route (for a record they may see).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Every staff member.
    Staff,
    /// Klachtbehandelaar and regiodirecteur: registering complaints.
    Registrars,
    /// Everyone but the lezer reaches a step; the domain then refuses the beheerder every step
    /// but reassignment (403), and judges the rest on the form.
    Steps,
    /// Reassignment and the link to the employee concerned: handlers, directors and
    /// administrators.
    Reassign,
    /// Only the beheerder.
    Admin,
}

/// A route: method, path (`{ref}` is replaced by a reference), who may use it, and whether it
/// is about one complaint (then another region's complaint must be invisible).
#[derive(Debug, Clone)]
struct Route {
    method: &'static str,
    path: String,
    who: Who,
    per_complaint: bool,
    /// The route names a record that does not exist here (a form field the matrix leaves
    /// empty, an outbox file that was never written), so a caller who is allowed gets 404.
    absent_record: bool,
}

fn route(method: &'static str, path: &str, who: Who) -> Route {
    Route {
        method,
        path: path.to_owned(),
        who,
        per_complaint: path.contains("{ref}"),
        absent_record: path.ends_with("/verwijderen")
            || path.contains("/uitgaand/")
            || path.contains("/taken/"),
    }
}

/// Every back-office route that needs a session.
fn office_routes() -> Vec<Route> {
    let mut routes = vec![
        route("GET", "/kantoor", Who::Staff),
        route("GET", "/kantoor/klachten/nieuw", Who::Registrars),
        route("POST", "/kantoor/klachten/nieuw", Who::Registrars),
        route("GET", "/kantoor/klachten/{ref}", Who::Staff),
        route("GET", "/kantoor/dashboard", Who::Staff),
        route("GET", "/kantoor/dashboard.csv", Who::Staff),
    ];
    // Every step but reassignment and the link to the employee concerned (their own rule,
    // below), and the answer's PDF preview.
    let steps = STEPS
        .iter()
        .filter(|s| **s != "toewijzing" && **s != "medewerker");
    for step in steps.chain(std::iter::once(&"antwoord/voorbeeld")) {
        routes.push(route(
            "POST",
            &format!("/kantoor/klachten/{{ref}}/{step}"),
            Who::Steps,
        ));
    }
    for step in ["toewijzing", "medewerker"] {
        routes.push(route(
            "POST",
            &format!("/kantoor/klachten/{{ref}}/{step}"),
            Who::Reassign,
        ));
    }
    // Administration (`{user}` is a handler's account id).
    for path in [
        "/kantoor/beheer",
        "/kantoor/beheer/organisatie",
        "/kantoor/beheer/regios",
        "/kantoor/beheer/regios/nieuw",
        "/kantoor/beheer/regios/noord",
        "/kantoor/beheer/categorieen",
        "/kantoor/beheer/categorieen/nieuw",
        "/kantoor/beheer/categorieen/bejegening",
        "/kantoor/beheer/sluitingsdagen",
        "/kantoor/beheer/gebruikers",
        "/kantoor/beheer/gebruikers/nieuw",
        "/kantoor/beheer/gebruikers/{user}",
        "/kantoor/beheer/procedure",
        "/kantoor/beheer/brieven",
        "/kantoor/beheer/brieven/answer",
        "/kantoor/beheer/mails",
        "/kantoor/beheer/mails/receipt",
        "/kantoor/beheer/uitgaand",
        "/kantoor/beheer/uitgaand/0000000000-missing.eml",
        "/kantoor/beheer/uitgaand/0000000000-missing.eml/bijlage/0",
        "/kantoor/beheer/postcodes",
        "/kantoor/beheer/taken",
    ] {
        routes.push(route("GET", path, Who::Admin));
    }
    for path in [
        "/kantoor/beheer/organisatie",
        "/kantoor/beheer/regios/nieuw",
        "/kantoor/beheer/regios/noord",
        "/kantoor/beheer/categorieen/nieuw",
        "/kantoor/beheer/categorieen/bejegening",
        "/kantoor/beheer/sluitingsdagen",
        "/kantoor/beheer/sluitingsdagen/verwijderen",
        "/kantoor/beheer/gebruikers/nieuw",
        "/kantoor/beheer/gebruikers/{user}",
        "/kantoor/beheer/gebruikers/{user}/actief",
        "/kantoor/beheer/brieven/answer",
        "/kantoor/beheer/mails/receipt",
        "/kantoor/beheer/postcodes",
        "/kantoor/beheer/postcodes/verwijderen",
        "/kantoor/beheer/taken/999999/opnieuw",
    ] {
        routes.push(route("POST", path, Who::Admin));
    }
    routes
}

/// Every JSON API route that needs a token.
fn api_routes() -> Vec<Route> {
    let mut routes = vec![
        route("GET", "/api/v1/complaints", Who::Staff),
        route("POST", "/api/v1/complaints", Who::Registrars),
        route("GET", "/api/v1/complaints/{ref}", Who::Staff),
    ];
    for step in [
        "contact",
        "answer",
        "objection",
        "late-objection",
        "hearing-offer",
        "hearing-choice",
        "hearing",
        "settlement",
        "decision",
        "withdrawal",
        "extension",
        "not-a-complaint",
    ] {
        routes.push(route(
            "POST",
            &format!("/api/v1/complaints/{{ref}}/{step}"),
            Who::Steps,
        ));
    }
    for step in ["reassign", "employee"] {
        routes.push(route(
            "POST",
            &format!("/api/v1/complaints/{{ref}}/{step}"),
            Who::Reassign,
        ));
    }
    routes
}

/// What a role must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Reached: anything but 401, 403 and 404 (a form may still be refused with 409 or 422).
    Reached,
    /// Refused for the role: 403.
    Forbidden,
    /// Refused for the role, after the domain looked at the step: 403, or 422 for a form
    /// that is not even complete (the beheerder sees the complaint anyway).
    Refused,
    /// The record does not exist for this caller: 404.
    Hidden,
}

fn expect(route: &Route, role: Role, own_region: bool) -> Expect {
    let sees_all = role == Role::Beheerder;
    if route.per_complaint && !own_region && !sees_all {
        return Expect::Hidden;
    }
    match (route.who, role) {
        (Who::Admin, Role::Beheerder) if route.absent_record => Expect::Hidden,
        (Who::Staff, _) => Expect::Reached,
        (Who::Registrars, Role::Klachtbehandelaar | Role::Regiodirecteur) => Expect::Reached,
        (Who::Registrars, _) => Expect::Forbidden,
        (Who::Steps, Role::Lezer) => Expect::Forbidden,
        (Who::Steps, Role::Beheerder) => Expect::Refused,
        (Who::Steps, _) => Expect::Reached,
        (Who::Reassign, Role::Lezer) => Expect::Forbidden,
        (Who::Reassign, _) => Expect::Reached,
        (Who::Admin, Role::Beheerder) => Expect::Reached,
        (Who::Admin, _) => Expect::Forbidden,
    }
}

/// Checks one answer; returns a line describing a violation, if any.
fn judge(
    label: &str,
    expected: Expect,
    status: StatusCode,
    location: Option<&str>,
    body: &str,
    role: Role,
) -> Option<String> {
    let to_login = location.is_some_and(|l| l.starts_with("/kantoor/inloggen"));
    let ok = match expected {
        Expect::Reached => {
            !matches!(status.as_u16(), 401 | 403 | 404) && !to_login && !status.is_server_error()
        }
        Expect::Forbidden => status == StatusCode::FORBIDDEN,
        Expect::Refused => matches!(status.as_u16(), 403 | 422),
        Expect::Hidden => status == StatusCode::NOT_FOUND,
    };
    if !ok {
        return Some(format!("{label}: expected {expected:?}, got {status}"));
    }
    // Only the beheerder works for every region: nothing any other role gets back may name
    // the other region's complainant.
    if role != Role::Beheerder && body.contains(OTHER_NAME) {
        return Some(format!(
            "{label}: the answer names another region's complainant"
        ));
    }
    None
}

struct Fixture {
    own: String,
    other: String,
    /// A handler's account id, for the user administration routes.
    user: String,
}

/// The complainant names: the own region's and the other region's.
const OWN_NAME: &str = "Anna Noordermeer";
const OTHER_NAME: &str = "Otto Oosterhuis";

async fn fixture(t: &TestApp) -> Fixture {
    Fixture {
        own: register(t, "noord", OWN_NAME, "2026-04-30T09:00:00Z").await,
        other: register(t, "oost", OTHER_NAME, "2026-04-30T09:00:00Z").await,
        user: t
            .staff_user(Role::Klachtbehandelaar, &["noord"])
            .await
            .id
            .to_string(),
    }
}

/// The regions a test user of `role` works for: the beheerder works for all.
fn regions_of(role: Role) -> &'static [&'static str] {
    if role == Role::Beheerder {
        &[]
    } else {
        &["noord"]
    }
}

#[tokio::test]
async fn every_office_route_answers_each_role_and_region_as_the_matrix_says() {
    let t = TestApp::spawn().await;
    let f = fixture(&t).await;
    let mut violations = Vec::new();
    for role in ROLES {
        let client = t.login_as(role, regions_of(role)).await;
        let (_, html) = t.get_with(&client, "/kantoor").await;
        let csrf = input_value(&html, "csrf").expect("csrf");
        for route in office_routes() {
            for own in [true, false] {
                let reference = if own { &f.own } else { &f.other };
                let path = route
                    .path
                    .replace("{ref}", reference)
                    .replace("{user}", &f.user);
                let response = match route.method {
                    "GET" => client.get(t.url(&path)).send().await,
                    _ => {
                        client
                            .post(t.url(&path))
                            .form(&[("csrf", csrf.as_str())])
                            .send()
                            .await
                    }
                }
                .expect("request");
                let status = response.status();
                let location = response
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap_or_default().to_owned());
                let body = response.text().await.unwrap_or_default();
                let region = if own { "own region" } else { "other region" };
                let label = format!("{} {} as {:?} ({region})", route.method, path, role);
                let expected = expect(&route, role, own);
                violations.extend(judge(
                    &label,
                    expected,
                    status,
                    location.as_deref(),
                    &body,
                    role,
                ));
                // A caller who may not use the route learns nothing about its form: a malformed
                // form gets the same refusal as an empty one, not a parse error; a body that is
                // no form at all holds no CSRF token (403, whoever asks, whatever the record).
                if route.method == "POST" && matches!(expected, Expect::Forbidden | Expect::Hidden)
                {
                    for (content_type, malformed) in malformed_bodies(&csrf) {
                        let response = client
                            .post(t.url(&path))
                            .header("content-type", content_type)
                            .body(malformed)
                            .send()
                            .await
                            .expect("request");
                        let status = response.status();
                        let label = format!("{label} with a malformed {content_type} body");
                        let expected = if content_type == FORM {
                            expected
                        } else {
                            Expect::Forbidden
                        };
                        violations.extend(judge(&label, expected, status, None, "", role));
                    }
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

const FORM: &str = "application/x-www-form-urlencoded";

/// Bodies no form of the office accepts: every typed field twice (a typed form refuses a
/// duplicate), a broken percent-escape, and one that is not a form at all. The first two carry
/// the session's valid CSRF token.
fn malformed_bodies(csrf: &str) -> [(&'static str, String); 3] {
    let twice = [
        "onderwerp",
        "tekst",
        "html",
        "actie",
        "bron",
        "naam",
        "code",
    ]
    .map(|f| format!("{f}=a&{f}=b"))
    .join("&");
    [
        (FORM, format!("csrf={csrf}&{twice}")),
        (FORM, format!("csrf={csrf}&%zz=%&&=&actie")),
        ("text/plain", format!("csrf={csrf}")),
    ]
}

#[tokio::test]
async fn every_api_route_answers_each_role_and_region_as_the_matrix_says() {
    let t = TestApp::spawn().await;
    let f = fixture(&t).await;
    let mut violations = Vec::new();
    for role in ROLES {
        let api: Api<'_> = api_as(&t, role, regions_of(role)).await;
        for route in api_routes() {
            for own in [true, false] {
                let reference = if own { &f.own } else { &f.other };
                let path = route.path.replace("{ref}", reference);
                let answer = match route.method {
                    "GET" => api.get(&path).await,
                    _ => api.post(&path, json!({})).await,
                };
                let region = if own { "own region" } else { "other region" };
                let label = format!("{} {} as {:?} ({region})", route.method, path, role);
                let expected = expect(&route, role, own);
                violations.extend(judge(
                    &label,
                    expected,
                    answer.status,
                    None,
                    &answer.body.to_string(),
                    role,
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[tokio::test]
async fn the_queues_list_only_the_callers_regions() {
    let t = TestApp::spawn().await;
    let f = fixture(&t).await;
    for role in ROLES {
        let client = t.login_as(role, regions_of(role)).await;
        let (_, html) = t.get_with(&client, "/kantoor").await;
        let api = api_as(&t, role, regions_of(role)).await;
        let listed = api.get("/api/v1/complaints").await.body.to_string();
        for page in [&html, &listed] {
            assert!(page.contains(&f.own), "{role:?} sees its own region");
            assert_eq!(
                page.contains(&f.other) || page.contains(OTHER_NAME),
                role == Role::Beheerder,
                "{role:?}: another region's complaint is listed only for the beheerder"
            );
        }
    }
}

/// Every per-complaint route, office and API, as the employee the complaint is about (a handler
/// of its region whose account is linked): 404 without the complainant's name until a hearing
/// offer invites them, then reached like any handler of the region (their steps are refused by
/// the domain, which is not a 404).
#[tokio::test]
async fn the_employee_a_complaint_is_about_gets_404_on_every_route_until_invited() {
    let t = TestApp::spawn().await;
    let f = fixture(&t).await;
    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let user = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let api = api_for(&t, user.clone()).await;
    director
        .step(&f.own, "employee", json!({ "user": user.id.to_string() }))
        .await;
    let routes: Vec<(bool, Route)> = office_routes()
        .into_iter()
        .map(|r| (true, r))
        .chain(api_routes().into_iter().map(|r| (false, r)))
        .filter(|(_, r)| r.per_complaint)
        .collect();
    let mut violations = Vec::new();
    for invited in [false, true] {
        if invited {
            answered_and_objected(&t, &director, &f.own).await;
            director
                .step(
                    &f.own,
                    "hearing-offer",
                    json!({
                        "forms": ["phone"],
                        "proposed_moments": ["2026-05-08T10:00:00+02:00"],
                        "employee_invited": true,
                    }),
                )
                .await;
        }
        // A fresh session: the steps above move the test clock past a session's lifetime.
        let client = TestApp::new_client();
        t.login(&client, &user.email, STAFF_PASSWORD).await;
        let (_, html) = t.get_with(&client, "/kantoor").await;
        let csrf = input_value(&html, "csrf").expect("csrf");
        for (office, route) in &routes {
            let path = route.path.replace("{ref}", &f.own);
            let answer = |r: reqwest::Response| async move {
                let to_login = r.headers().get("location").is_some_and(|l| {
                    l.to_str()
                        .unwrap_or_default()
                        .starts_with("/kantoor/inloggen")
                });
                assert!(!to_login, "the session ended");
                (r.status(), r.text().await.unwrap_or_default())
            };
            let (status, body) = match (office, route.method) {
                (true, "GET") => answer(client.get(t.url(&path)).send().await.expect("GET")).await,
                (true, _) => {
                    let form = [("csrf", csrf.as_str())];
                    let r = client.post(t.url(&path)).form(&form).send().await;
                    answer(r.expect("POST")).await
                }
                (false, "GET") => {
                    let a = api.get(&path).await;
                    (a.status, a.body.to_string())
                }
                (false, _) => {
                    let a = api.post(&path, json!({})).await;
                    (a.status, a.body.to_string())
                }
            };
            let label = format!("{} {path} (invited: {invited})", route.method);
            if !invited {
                if status != StatusCode::NOT_FOUND {
                    violations.push(format!("{label}: expected 404, got {status}"));
                }
                if body.contains(OWN_NAME) {
                    violations.push(format!("{label}: the answer names the complainant"));
                }
            } else if matches!(status.as_u16(), 401 | 403 | 404) || status.is_server_error() {
                violations.push(format!("{label}: expected to be reached, got {status}"));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_api_matrix_lists_every_route_the_api_serves_with_a_token() {
    let listed: std::collections::BTreeSet<String> = api_routes()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path.replace("{ref}", "{reference}")))
        .collect();
    let document: serde_json::Value =
        serde_json::from_str(include_str!("../../src/api/openapi.json")).expect("openapi.json");
    let mut served = std::collections::BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if path != "/api/v1/openapi.json" {
                served.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    assert_eq!(listed, served);
}
