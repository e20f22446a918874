//! "Send me my link again": one neutral answer for every address, a mail job only for a known
//! one (once per complaint and hour), and rate limits per client and per address.

use std::time::Duration;

use jiff::SignedDuration;
use reqwest::StatusCode;
use reqwest::header::RETRY_AFTER;

use crate::helpers::*;
use crate::portal_fixtures::*;

const PATH: &str = "/mijn-klacht/link-opnieuw";

async fn ask(t: &TestApp, email: &str, reference: &str) -> (StatusCode, String) {
    let response = post(t, PATH, &[("email", email), ("kenmerk", reference)]).await;
    let status = response.status();
    (status, squash(&response.text().await.unwrap()))
}

/// The portal-link jobs queued since the last call (claimed, so each is seen once).
async fn new_link_jobs(t: &TestApp) -> Vec<store::Job> {
    let later = t.now() + SignedDuration::from_hours(1);
    // Longer than any test runs its clock, so a claimed job is never claimed again.
    let lease = SignedDuration::from_hours(24 * 365);
    let jobs = t.store.claim_jobs("test", later, lease, 100).await.unwrap();
    jobs.into_iter()
        .filter(|j| j.kind == "mail.portal_link")
        .collect()
}

/// Waits for the lookup that runs after the answer, until `n` jobs came (or 5 s passed).
async fn wait_for_link_jobs(t: &TestApp, n: usize) -> Vec<store::Job> {
    let mut seen = Vec::new();
    for _ in 0..50 {
        seen.extend(new_link_jobs(t).await);
        if seen.len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Anything more would come right after.
    tokio::time::sleep(Duration::from_millis(200)).await;
    seen.extend(new_link_jobs(t).await);
    seen
}

#[tokio::test]
async fn the_answer_is_the_same_for_known_and_unknown_addresses_and_only_the_known_gets_a_mail() {
    let t = TestApp::spawn().await;
    let (_, id) = register(&t, "Anna@Example.nl").await;
    let (status, form) = t.get(PATH).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains(r#"<label for="email">E-mailadres</label>"#),
        "{form}"
    );

    let (unknown_status, unknown) = ask(&t, "niemand@example.nl", "").await;
    assert!(
        wait_for_link_jobs(&t, 1).await.is_empty(),
        "no mail for an unknown address"
    );

    let (known_status, known) = ask(&t, "anna@example.nl", "").await;
    assert_eq!(
        (known_status, &known),
        (unknown_status, &unknown),
        "nothing tells them apart"
    );
    assert_eq!(known_status, StatusCode::OK);
    assert!(known.contains("Als dit adres bij ons bekend is, sturen wij u een nieuwe link."));
    let jobs = wait_for_link_jobs(&t, 1).await;
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].payload, serde_json::json!({ "complaint_id": id }));
}

#[tokio::test]
async fn repeated_requests_within_an_hour_queue_one_mail_per_complaint() {
    let t = TestApp::spawn().await;
    register(&t, "anna@example.nl").await;
    register(&t, "anna@example.nl").await;
    ask(&t, "anna@example.nl", "").await;
    ask(&t, "anna@example.nl", "").await;
    assert_eq!(
        wait_for_link_jobs(&t, 2).await.len(),
        2,
        "one per complaint"
    );

    t.advance_secs(3600);
    ask(&t, "anna@example.nl", "").await;
    assert_eq!(
        wait_for_link_jobs(&t, 2).await.len(),
        2,
        "the next hour, again"
    );
}

#[tokio::test]
async fn a_reference_limits_the_mail_to_that_complaint() {
    let t = TestApp::spawn().await;
    let (reference, id) = register(&t, "anna@example.nl").await;
    register(&t, "anna@example.nl").await;
    let (other, _) = register(&t, "bert@example.nl").await;
    ask(&t, "anna@example.nl", &reference.to_string()).await;
    let jobs = wait_for_link_jobs(&t, 1).await;
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].payload["complaint_id"], id.to_string());

    ask(&t, "anna@example.nl", &other.to_string()).await;
    assert!(
        wait_for_link_jobs(&t, 1).await.is_empty(),
        "not someone else's complaint"
    );
}

#[tokio::test]
async fn a_complaint_closed_longer_than_links_live_gets_no_new_link() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (reference, _) = register(&t, "anna@example.nl").await;
    staff(
        &t,
        reference,
        handler(),
        domain::complaint::Command::Withdraw { reason: None },
    )
    .await;
    set_clock(&t, "2026-08-01 10:00");
    let (status, html) = ask(&t, "anna@example.nl", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Als dit adres bij ons bekend is"));
    assert!(wait_for_link_jobs(&t, 1).await.is_empty());
}

#[tokio::test]
async fn requests_are_limited_per_email_address() {
    let t = TestApp::spawn().await;
    for _ in 0..3 {
        assert_eq!(ask(&t, "iemand@example.nl", "").await.0, StatusCode::OK);
    }
    let response = post(&t, PATH, &[("email", "IEMAND@example.nl"), ("kenmerk", "")]).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key(RETRY_AFTER));
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains("Probeer het over 60 minuten opnieuw"),
        "{html}"
    );
    assert_eq!(
        ask(&t, "ander@example.nl", "").await.0,
        StatusCode::OK,
        "another address"
    );
}

#[tokio::test]
async fn requests_are_limited_per_client_address() {
    let t = TestApp::spawn().await;
    for i in 0..5 {
        let (status, _) = ask(&t, &format!("persoon{i}@example.nl"), "").await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _) = ask(&t, "persoon5@example.nl", "").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    t.advance_secs(3600);
    assert_eq!(
        ask(&t, "persoon5@example.nl", "").await.0,
        StatusCode::OK,
        "an hour later"
    );
}

#[tokio::test]
async fn a_malformed_address_is_asked_again_without_looking_anything_up() {
    let t = TestApp::spawn().await;
    let (status, html) = ask(&t, "geen adres", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Vul een geldig e-mailadres in"), "{html}");
    assert!(html.contains(r#"value="geen adres""#), "kept: {html}");
}

#[tokio::test]
async fn the_requested_link_is_mailed_and_opens_the_complaint() {
    let t = TestApp::spawn().await;
    let (reference, _) = register(&t, "anna@example.nl").await;
    ask(&t, "anna@example.nl", "").await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    let mailer = crate::helpers::test_mailer(outbox.clone());
    let handler = web::notify::PortalLinkMail {
        mailer,
        accounts: std::sync::Arc::new(t.accounts()),
    };
    let worker = app::worker::Worker::new(t.app.clone(), "test")
        .handle(web::notify::PORTAL_LINK_JOB, std::sync::Arc::new(handler));
    worker.drain().await.unwrap();

    let sent: Vec<_> = outbox.list().await.unwrap();
    let link_mail = sent
        .iter()
        .find(|m| m.subject.starts_with("Uw persoonlijke link"))
        .expect("the link was mailed");
    assert_eq!(
        link_mail.subject,
        format!("Uw persoonlijke link voor klacht {reference}")
    );
    assert_eq!(link_mail.to[0].address, "anna@example.nl");
    let raw = outbox.read(&link_mail.name).await.unwrap();
    let message = mail::parse(&raw).unwrap();
    let text = message.text;
    let start = text
        .find("https://klachten.example.nl/mijn-klacht/")
        .expect("a link")
        + 27;
    let path = &text[start..start + "/mijn-klacht/".len() + 64];
    let (status, html) = open(&t, path).await;
    assert_eq!(status, StatusCode::OK, "the new link works");
    assert!(html.contains(&reference.to_string()));
}
