//! Access to the back office: a session on every route, the session's CSRF token on every
//! form, and region scoping on the queue.

use domain::complaint::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::{TestApp, input_value};
use crate::office_fixtures::{references, register};

/// Every office route, with the method it answers. Add new routes here.
const OFFICE_ROUTES: &[(&str, &str)] = &[
    ("GET", "/kantoor"),
    ("GET", "/kantoor?regio=noord&verlopen=1"),
    ("POST", "/kantoor/uitloggen"),
    ("GET", "/kantoor/klachten/nieuw"),
    ("POST", "/kantoor/klachten/nieuw"),
    ("GET", "/kantoor/klachten/K-2026-000001"),
    (
        "GET",
        "/kantoor/klachten/K-2026-000001/bijlagen/0196a1b2-0000-7000-8000-000000000001",
    ),
    (
        "GET",
        "/kantoor/klachten/K-2026-000001/brieven/0196a1b2-0000-7000-8000-000000000001",
    ),
    ("POST", "/kantoor/klachten/K-2026-000001/contact"),
    ("POST", "/kantoor/klachten/K-2026-000001/antwoord"),
    ("POST", "/kantoor/klachten/K-2026-000001/bezwaar"),
    ("POST", "/kantoor/klachten/K-2026-000001/te-laat-bezwaar"),
    ("POST", "/kantoor/klachten/K-2026-000001/uitnodiging"),
    ("POST", "/kantoor/klachten/K-2026-000001/gesprek-gekozen"),
    ("POST", "/kantoor/klachten/K-2026-000001/afzien-gesprek"),
    ("POST", "/kantoor/klachten/K-2026-000001/verslag"),
    ("POST", "/kantoor/klachten/K-2026-000001/bevestiging"),
    ("POST", "/kantoor/klachten/K-2026-000001/beslissing"),
    ("POST", "/kantoor/klachten/K-2026-000001/intrekking"),
    ("POST", "/kantoor/klachten/K-2026-000001/verlenging"),
    ("POST", "/kantoor/klachten/K-2026-000001/geen-klacht"),
    ("POST", "/kantoor/klachten/K-2026-000001/toewijzing"),
    ("POST", "/kantoor/klachten/K-2026-000001/antwoord/voorbeeld"),
    ("GET", "/kantoor/beheer/brieven"),
    ("GET", "/kantoor/beheer/brieven/answer"),
    ("POST", "/kantoor/beheer/brieven/answer"),
    ("GET", "/kantoor/beheer/mails"),
    ("GET", "/kantoor/beheer/mails/receipt"),
    ("POST", "/kantoor/beheer/mails/receipt"),
    ("GET", "/kantoor/beheer/uitgaand"),
    (
        "GET",
        "/kantoor/beheer/uitgaand/20260415T101112.345678Z-x@example.nl.eml",
    ),
    (
        "GET",
        "/kantoor/beheer/uitgaand/20260415T101112.345678Z-x@example.nl.eml/bijlage/0",
    ),
    ("GET", "/kantoor/beheer/postcodes"),
    ("POST", "/kantoor/beheer/postcodes"),
    ("POST", "/kantoor/beheer/postcodes/verwijderen"),
];

#[tokio::test]
async fn every_office_route_without_a_session_redirects_to_the_login() {
    let t = TestApp::spawn().await;
    for (method, path) in OFFICE_ROUTES {
        let request = match *method {
            "GET" => t.client.get(t.url(path)),
            _ => t.client.post(t.url(path)).form(&[("csrf", "x")]),
        };
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{method} {path}");
        let to = response.headers()[LOCATION].to_str().unwrap();
        assert!(
            to.starts_with("/kantoor/inloggen"),
            "{method} {path} → {to}"
        );
        assert_eq!(
            response.headers()["cache-control"],
            "no-store",
            "{method} {path}"
        );
    }
    // An expired or made-up session id is no session.
    let forged = TestApp::new_client()
        .get(t.url("/kantoor"))
        .header("cookie", format!("wederhoor_sessie={}", "ab".repeat(32)))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_office_form_without_the_sessions_csrf_token_is_forbidden() {
    let t = TestApp::spawn().await;
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (_, html) = t.get_with(&client, "/kantoor").await;
    let csrf = input_value(&html, "csrf").expect("csrf field");

    let missing = client
        .post(t.url("/kantoor/uitloggen"))
        .form(&[("x", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    let wrong = client
        .post(t.url("/kantoor/uitloggen"))
        .form(&[("csrf", "0".repeat(csrf.len()).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let (status, _) = t.get_with(&client, "/kantoor").await;
    assert_eq!(status, StatusCode::OK, "still logged in");

    // Another session's token does not do either.
    let other = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (_, other_html) = t.get_with(&other, "/kantoor").await;
    let other_csrf = input_value(&other_html, "csrf").unwrap();
    assert_ne!(other_csrf, csrf);
    let crossed = client
        .post(t.url("/kantoor/uitloggen"))
        .form(&[("csrf", other_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(crossed.status(), StatusCode::FORBIDDEN);

    let right = client
        .post(t.url("/kantoor/uitloggen"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_before_it_reaches_the_office() {
    let t = TestApp::spawn().await;
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (_, html) = t.get_with(&client, "/kantoor").await;
    let csrf = input_value(&html, "csrf").unwrap();
    let response = client
        .post(t.url("/kantoor/uitloggen"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// Two complaints in each of noord, oost and west, received a week apart per region.
async fn complaints_in_three_regions(t: &TestApp) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut noord = Vec::new();
    let mut oost = Vec::new();
    let mut west = Vec::new();
    for (i, day) in ["2026-04-13", "2026-04-20"].iter().enumerate() {
        noord.push(
            register(
                t,
                "noord",
                &format!("Noord {i}"),
                &format!("{day}T09:00:00Z"),
            )
            .await,
        );
        oost.push(register(t, "oost", &format!("Oost {i}"), &format!("{day}T10:00:00Z")).await);
        west.push(register(t, "west", &format!("West {i}"), &format!("{day}T11:00:00Z")).await);
    }
    (noord, oost, west)
}

#[tokio::test]
async fn a_handler_of_noord_sees_only_noord_complaints() {
    let t = TestApp::spawn().await;
    let (noord, _, _) = complaints_in_three_regions(&t).await;
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;

    let (status, html) = t.get_with(&client, "/kantoor").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(references(&html), noord);
    assert!(!html.contains("Oost 0") && !html.contains("Regio West"));
    let (status, _) = t.get_with(&client, "/kantoor?regio=west").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another region's filter reveals nothing"
    );
}

#[tokio::test]
async fn a_handler_of_two_regions_sees_both_merged_by_deadline() {
    let t = TestApp::spawn().await;
    let (noord, oost, _) = complaints_in_three_regions(&t).await;
    let client = t.login_as(Role::Regiodirecteur, &["noord", "oost"]).await;

    let (_, html) = t.get_with(&client, "/kantoor").await;

    let expected = vec![
        noord[0].clone(),
        oost[0].clone(),
        noord[1].clone(),
        oost[1].clone(),
    ];
    let mut shown = references(&html);
    // Complaints received on the same day share a deadline; the tie is broken by id.
    shown[0..2].sort();
    shown[2..4].sort();
    let mut sorted = expected.clone();
    sorted[0..2].sort();
    sorted[2..4].sort();
    assert_eq!(shown, sorted);
    let (_, only_oost) = t.get_with(&client, "/kantoor?regio=oost").await;
    assert_eq!(references(&only_oost), oost);
}

#[tokio::test]
async fn staff_with_all_regions_and_readers_see_every_region() {
    let t = TestApp::spawn().await;
    let (noord, oost, west) = complaints_in_three_regions(&t).await;
    let mut all: Vec<String> = noord.iter().chain(&oost).chain(&west).cloned().collect();
    all.sort();

    for role in [Role::Beheerder, Role::Lezer] {
        let client = t.login_as(role, &[]).await;
        let (status, html) = t.get_with(&client, "/kantoor").await;
        assert_eq!(status, StatusCode::OK, "{role:?}");
        let mut shown = references(&html);
        shown.sort();
        assert_eq!(shown, all, "{role:?}");
        assert_eq!(
            html.contains("U kunt klachten inzien, niet behandelen."),
            role == Role::Lezer
        );
    }
    let reader_of_west = t.login_as(Role::Lezer, &["west"]).await;
    let (_, html) = t.get_with(&reader_of_west, "/kantoor").await;
    assert_eq!(references(&html), west);
}
