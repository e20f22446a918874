//! Failed jobs over HTTP: beheerders see the dead letters (without personal data) and put one
//! back in the queue; other roles are refused.

use domain::complaint::Role;
use jiff::SignedDuration;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::{TestApp, input_value};

/// A job that failed permanently; its id.
async fn dead_job(t: &TestApp) -> i64 {
    let job = store::NewJob {
        kind: "send_mail".into(),
        payload: serde_json::json!({ "to": "geheim@example.nl", "complaint_id": "c-1" }),
        run_at: t.now(),
        dedupe_key: None,
    };
    t.store.enqueue_jobs(vec![job]).await.unwrap();
    let claimed = t
        .store
        .claim_jobs("w1", t.now(), SignedDuration::from_mins(5), 10)
        .await
        .unwrap();
    t.store
        .fail_job(claimed[0].id, "w1", "550 mailbox unavailable", None)
        .await
        .unwrap();
    claimed[0].id
}

async fn post_retry(
    t: &TestApp,
    client: &reqwest::Client,
    id: i64,
    csrf: &str,
) -> reqwest::Response {
    client
        .post(t.url(&format!("/kantoor/beheer/taken/{id}/opnieuw")))
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_beheerder_sees_dead_jobs_without_personal_data_and_retries_one() {
    let t = TestApp::spawn().await;
    let id = dead_job(&t).await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let (status, html) = t.get_with(&admin, "/kantoor/beheer/taken").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("send_mail"));
    assert!(html.contains("550 mailbox unavailable"));
    assert!(html.contains("1 / 10"));
    assert!(!html.contains("geheim@example.nl"), "{html}");
    assert!(html.contains("to=…"));
    let csrf = input_value(&html, "csrf").expect("csrf");

    let refused = post_retry(&t, &admin, id, "wrong").await;
    assert_eq!(
        refused.status(),
        StatusCode::FORBIDDEN,
        "the CSRF token is checked"
    );

    let response = post_retry(&t, &admin, id, &csrf).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[LOCATION],
        format!("/kantoor/beheer/taken?opnieuw={id}").as_str()
    );
    assert!(t.store.dead_jobs(10).await.unwrap().is_empty());
    let counts = t.store.job_counts().await.unwrap();
    assert_eq!((counts.pending, counts.dead), (1, 0));
    let (_, html) = t
        .get_with(&admin, &format!("/kantoor/beheer/taken?opnieuw={id}"))
        .await;
    assert!(html.contains("id=\"opnieuw-gepland\""));
    assert!(html.contains("id=\"geen-taken\""));

    let again = post_retry(&t, &admin, id, &csrf).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "no longer dead");
}

#[tokio::test]
async fn other_roles_are_refused_the_failed_jobs() {
    let t = TestApp::spawn().await;
    let id = dead_job(&t).await;
    for role in [Role::Klachtbehandelaar, Role::Regiodirecteur, Role::Lezer] {
        let client = t.login_as(role, &["noord"]).await;
        let (status, html) = t.get_with(&client, "/kantoor/beheer/taken").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
        assert!(!html.contains("send_mail"));
        let (_, queue) = t.get_with(&client, "/kantoor").await;
        assert!(
            !queue.contains("/kantoor/beheer/taken"),
            "no link for {role:?}"
        );
        let csrf = input_value(&queue, "csrf").expect("csrf");
        let response = post_retry(&t, &client, id, &csrf).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    assert_eq!(t.store.dead_jobs(10).await.unwrap().len(), 1, "still dead");
    let anonymous = TestApp::new_client();
    let (status, _) = t.get_with(&anonymous, "/kantoor/beheer/taken").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}
