//! Closure days from the administration page: they count at once in what is computed
//! afterwards, never in what was already recorded.

use domain::complaint::Role;
use domain::terms::{self, TermPolicy};
use jiff::civil::date;
use reqwest::StatusCode;

use crate::admin_fixtures::*;
use crate::helpers::{START, TestApp, squash};
use crate::office_fixtures::register;

const PAGE: &str = "/kantoor/beheer/sluitingsdagen";

async fn contact_deadline(t: &TestApp, reference: &str) -> jiff::civil::Date {
    let record = t
        .store
        .complaint_by_reference(reference.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    record.projection.next_deadline.expect("a contact deadline")
}

#[tokio::test]
async fn a_closure_day_counts_at_once_in_new_computations_but_recorded_deadlines_keep_their_date() {
    // Fri 1 May 2026: a web complaint's contact term (2 werkdagen) ends Wed 6 May (Tue 5 May,
    // Bevrijdingsdag, is a general holiday).
    let t = TestApp::spawn().await;
    let before = register(&t, "noord", "Anna de Vries", START).await;
    assert_eq!(contact_deadline(&t, &before).await, date(2026, 5, 6));
    let handler = t.login_as(Role::Klachtbehandelaar, &[]).await;
    let (_, queue) = t.get_with(&handler, "/kantoor").await;
    assert!(squash(&queue).contains("binnen 2 werkdagen"), "{queue}");

    let client = beheerder(&t).await;
    let (status, location, html) = post(
        &t,
        &client,
        PAGE,
        &[("datum", "2026-05-04"), ("naam", "Brugdag")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert_eq!(
        location.as_deref(),
        Some("/kantoor/beheer/sluitingsdagen?jaar=2026&gedaan=toegevoegd")
    );
    let (_, html) = t.get_with(&client, location.as_deref().unwrap()).await;
    let html = squash(&html);
    assert!(html.contains("Brugdag"), "{html}");
    assert!(html.contains("4 mei 2026"), "{html}");
    assert!(
        html.contains("Termijnen die al berekend zijn, houden hun datum"),
        "{html}"
    );

    // This instance's calendar has the day without a restart: the work queue (which counts
    // closure days as non-working) now says one working day.
    let (_, queue) = t.get_with(&handler, "/kantoor").await;
    assert!(squash(&queue).contains("binnen 1 werkdag"), "{queue}");
    // A deadline computed from now on with a policy that lets closure days stretch terms
    // skips the day.
    let stretching = TermPolicy {
        atw: true,
        closure_days_extend: true,
    };
    let contact = "2 werkdagen".parse().unwrap();
    let end = terms::deadline(date(2026, 5, 1), contact, stretching, &t.app.calendar())
        .unwrap()
        .end;
    assert_eq!(end, date(2026, 5, 7));

    // The recorded deadline keeps its date; and the shipped procedure (focus@2026.1,
    // closure_days_extend = false) does not stretch a complaint registered afterwards either.
    assert_eq!(contact_deadline(&t, &before).await, date(2026, 5, 6));
    let after = register(&t, "noord", "Bert Jansen", START).await;
    assert!(
        !t.app.current_procedure().policy().closure_days_extend,
        "if the shipped policy changes, this test should expect 7 May"
    );
    assert_eq!(contact_deadline(&t, &after).await, date(2026, 5, 6));
}

#[tokio::test]
async fn a_closure_day_needs_a_date_from_today_and_a_name() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    let (status, _, html) = post(&t, &client, PAGE, &[("datum", "2026-04-30"), ("naam", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&html, "datum")
            .unwrap()
            .starts_with("Kies vandaag of een latere datum"),
        "{html}"
    );
    assert!(
        field_error(&html, "naam")
            .unwrap()
            .starts_with("Vul de naam van de sluitingsdag in"),
        "{html}"
    );
    assert!(html.contains("value=\"2026-04-30\""), "kept: {html}");
    let (status, _, html) = post(&t, &client, PAGE, &[("datum", "morgen"), ("naam", "X")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&html, "datum").is_some(), "{html}");
    assert!(t.store.closure_days().await.unwrap().is_empty());
}

#[tokio::test]
async fn only_a_closure_day_still_to_come_can_be_removed() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    for (day, name) in [("2026-05-01", "Storing"), ("2026-12-24", "Kerstavond")] {
        let (status, _, html) = post(&t, &client, PAGE, &[("datum", day), ("naam", name)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    }
    let (_, html) = t
        .get_with(&client, "/kantoor/beheer/sluitingsdagen?jaar=2026")
        .await;
    assert_eq!(
        html.matches("action=\"/kantoor/beheer/sluitingsdagen/verwijderen\"")
            .count(),
        1,
        "only the future day has a remove button: {html}"
    );
    let remove = format!("{PAGE}/verwijderen");
    let (status, _, _) = post(&t, &client, &remove, &[("datum", "2026-05-01")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, location, _) = post(&t, &client, &remove, &[("datum", "2026-12-24")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/kantoor/beheer/sluitingsdagen?jaar=2026&gedaan=verwijderd")
    );
    let (status, _, _) = post(&t, &client, &remove, &[("datum", "2026-12-24")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        t.store.closure_days().await.unwrap(),
        [(date(2026, 5, 1), "Storing".to_owned())]
    );
    assert!(
        t.app.calendar().is_working_day(date(2026, 12, 24), true),
        "the calendar was reloaded"
    );
}
