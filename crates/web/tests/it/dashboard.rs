//! The dashboard over HTTP: complaints walked with the test clock through deadlines met and
//! missed, and the figures on the page and in the CSV compared with a count made directly in
//! the database, with plain SQL over the events table (payloads parsed here). And scope: a
//! handler of one region never sees another region's counts.

use std::collections::BTreeMap;

use domain::complaint::{Actor, AnswerDraft, Command, ContactMethod, Role, UserId};
use domain::reference::Reference;
use reqwest::StatusCode;
use sqlx::Connection;

use crate::helpers::{TestApp, squash};
use crate::office_fixtures::register;

fn handler() -> Actor {
    Actor::Staff {
        user: UserId::try_from("behandelaar-1").unwrap(),
        role: Role::Klachtbehandelaar,
    }
}

async fn contact(t: &TestApp, r: &str) {
    let reference: Reference = r.parse().unwrap();
    let command = Command::LogFirstContact {
        via: ContactMethod::Phone,
        contacted_at: t.now(),
        note: None,
    };
    t.app
        .execute(reference, command, handler())
        .await
        .expect("contact");
}

async fn answer(t: &TestApp, r: &str) {
    let reference: Reference = r.parse().unwrap();
    let today = domain::time::civil_date(t.now());
    let command = Command::IssueAnswer(AnswerDraft {
        dagtekening: Some(today),
        complaint_as_understood: "U vond de chauffeur onbeleefd.".into(),
        proposed_solution: "Wij bieden excuses aan.".into(),
        further_procedure: "Bezwaar binnen 15 dagen.".into(),
    });
    t.app
        .execute(reference, command, handler())
        .await
        .expect("answer");
}

const DAY: i64 = 24 * 3600;

/// Three complaints from Fri 1 May 2026: A (noord) contacted and answered in time, B (noord)
/// contacted and answered late, C (zuid) contacted in time and answered late.
async fn walked(t: &TestApp) {
    let a = register(t, "noord", "Anna de Vries", "2026-05-01T07:00:00Z").await;
    let b = register(t, "noord", "Bert Bakker", "2026-05-01T07:05:00Z").await;
    let c = register(t, "zuid", "Cor Visser", "2026-05-01T07:10:00Z").await;
    t.advance_secs(3600);
    contact(t, &a).await;
    contact(t, &c).await;
    t.advance_secs(2 * DAY);
    answer(t, &a).await;
    t.advance_secs(10 * DAY);
    contact(t, &b).await;
    t.advance_secs(40 * DAY);
    answer(t, &b).await;
    answer(t, &c).await;
    t.advance_secs(DAY);
}

/// (kind, met) → count, from the events table: every deadline a payload closed as met or
/// late, whose last day lies in `from..=to`, in `region` (or all).
async fn counted_in_database(
    t: &TestApp,
    region: Option<&str>,
    from: &str,
    to: &str,
) -> BTreeMap<(String, bool), i64> {
    let mut c = sqlx::SqliteConnection::connect(&t.database_url())
        .await
        .expect("open the database");
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.region, e.payload FROM events e JOIN complaints c ON c.id = e.complaint_id",
    )
    .fetch_all(&mut c)
    .await
    .expect("events");
    let mut counts = BTreeMap::new();
    for (r, payload) in rows {
        if region.is_some_and(|want| want != r) {
            continue;
        }
        let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
        let Some(closed) = payload["deadlines"]["closed"].as_array() else {
            continue;
        };
        for d in closed {
            let outcome = d["outcome"].as_str().unwrap();
            let end = d["end"].as_str().unwrap();
            if !matches!(outcome, "met" | "late") || end < from || end > to {
                continue;
            }
            let key = (d["kind"].as_str().unwrap().to_owned(), outcome == "met");
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}

async fn overdue_in_database(t: &TestApp, region: Option<&str>) -> i64 {
    let mut c = sqlx::SqliteConnection::connect(&t.database_url())
        .await
        .unwrap();
    let today = domain::time::civil_date(t.now()).to_string();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT region, next_deadline FROM complaints WHERE closed = 0")
            .fetch_all(&mut c)
            .await
            .unwrap();
    rows.iter()
        .filter(|(r, next)| region.is_none_or(|w| w == r) && *next < today)
        .count() as i64
}

fn kind_row(label: &str, met: i64, late: i64) -> String {
    format!(
        "<th scope=\"row\">{label}</th><td data-figure=\"met\">{met}</td><td data-figure=\"late\">{late}</td>"
    )
}

const KINDS: [(&str, &str); 2] = [
    ("contact", "Contact met de klager"),
    ("answer", "Schriftelijke reactie"),
];

#[tokio::test]
async fn the_dashboard_figures_match_a_count_of_the_events_in_the_database() {
    let t = TestApp::spawn().await;
    walked(&t).await;
    let (from, to) = ("2026-01-01", "2026-12-31");
    let expected = counted_in_database(&t, None, from, to).await;
    let n = |kind: &str, met: bool| expected.get(&(kind.to_owned(), met)).copied().unwrap_or(0);
    assert!(
        n("contact", true) >= 2 && n("contact", false) >= 1,
        "{expected:?}"
    );
    assert!(
        n("answer", true) >= 1 && n("answer", false) >= 1,
        "{expected:?}"
    );

    let client = t.login_as(Role::Beheerder, &[]).await;
    let (status, html) = t
        .get_with(&client, &format!("/kantoor/dashboard?van={from}&tot={to}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let html = squash(&html);
    for (kind, label) in KINDS {
        let row = kind_row(label, n(kind, true), n(kind, false));
        assert!(html.contains(&row), "{row} in {html}");
    }
    let overdue = overdue_in_database(&t, None).await;
    assert!(
        html.contains(&format!("<td data-figure=\"total_overdue\">{overdue}</td>")),
        "{html}"
    );
    assert!(
        html.contains("role=\"img\""),
        "charts are images with a title"
    );
    assert!(html.contains("<title id=\"grafiek-termijnen-titel\">"));

    let response = client
        .get(t.url(&format!("/kantoor/dashboard.csv?van={from}&tot={to}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"wederhoor-dashboard-"),
        "{disposition}"
    );
    let csv = response.text().await.unwrap();
    assert!(csv.starts_with("figure,region,subject,value\r\n"), "{csv}");
    for (kind, _) in KINDS {
        assert!(
            csv.contains(&format!("deadlines_met,,{kind},{}\r\n", n(kind, true))),
            "{csv}"
        );
        assert!(
            csv.contains(&format!("deadlines_late,,{kind},{}\r\n", n(kind, false))),
            "{csv}"
        );
    }
    assert!(csv.contains(&format!("period_from,,,{from}\r\n")));
    assert!(
        !csv.contains("Anna") && !csv.contains("Bakker"),
        "no personal data"
    );

    // English: the same figures.
    let (_, en) = t
        .get_with(
            &client,
            &format!("/kantoor/dashboard?van={from}&tot={to}&taal=en"),
        )
        .await;
    assert!(squash(&en).contains(&kind_row(
        "Contact with the complainant",
        n("contact", true),
        n("contact", false)
    )));
}

#[tokio::test]
async fn a_handler_of_one_region_sees_only_that_regions_counts() {
    let t = TestApp::spawn().await;
    walked(&t).await;
    let (from, to) = ("2026-01-01", "2026-12-31");
    let noord = counted_in_database(&t, Some("noord"), from, to).await;
    let all = counted_in_database(&t, None, from, to).await;
    assert_ne!(noord, all, "the story has outcomes in zuid");
    let n = |kind: &str, met: bool| noord.get(&(kind.to_owned(), met)).copied().unwrap_or(0);

    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (status, html) = t
        .get_with(&client, &format!("/kantoor/dashboard?van={from}&tot={to}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let html = squash(&html);
    for (kind, label) in KINDS {
        let row = kind_row(label, n(kind, true), n(kind, false));
        assert!(html.contains(&row), "{row} in {html}");
    }
    assert!(!html.contains("<th scope=\"row\">Zuid"), "{html}");
    let overdue = overdue_in_database(&t, Some("noord")).await;
    assert!(html.contains(&format!("<td data-figure=\"total_overdue\">{overdue}</td>")));

    let csv = t
        .get_with(
            &client,
            &format!("/kantoor/dashboard.csv?van={from}&tot={to}"),
        )
        .await
        .1;
    assert!(!csv.contains(",zuid,"), "{csv}");
    assert!(csv.contains(",noord,"), "{csv}");

    for path in [
        "/kantoor/dashboard?regio=zuid",
        "/kantoor/dashboard.csv?regio=zuid",
    ] {
        let (status, _) = t.get_with(&client, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }

    // A regiodirecteur of zuid sees zuid; a lezer sees both.
    let director = t.login_as(Role::Regiodirecteur, &["zuid"]).await;
    let csv = t.get_with(&director, "/kantoor/dashboard.csv").await.1;
    assert!(csv.contains(",zuid,") && !csv.contains(",noord,"), "{csv}");
    let reader = t.login_as(Role::Lezer, &["noord"]).await;
    let csv = t.get_with(&reader, "/kantoor/dashboard.csv").await.1;
    assert!(csv.contains(",zuid,") && csv.contains(",noord,"), "{csv}");

    let anonymous = TestApp::new_client();
    let (status, _) = t.get_with(&anonymous, "/kantoor/dashboard").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "to the login");
}
