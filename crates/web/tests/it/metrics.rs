//! `/metrics`: the Prometheus text format, route patterns rather than paths, and the bearer
//! token when one is configured.

use std::sync::Arc;

use reqwest::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_report_the_queue_and_complaints() {
    let t = TestApp::spawn().await;
    crate::office_fixtures::register(&t, "noord", "Anna de Vries", "2026-04-20T07:00:00Z").await;
    let (status, _) = t.get("/mijn-klacht/persoonlijk-geheim-123").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    t.get("/healthz").await;
    let response = t.client.get(t.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let body = response.text().await.unwrap();
    assert!(!body.contains("persoonlijk-geheim-123"), "{body}");
    assert!(
        body.contains("wederhoor_http_requests_total{method=\"GET\",route=\"/mijn-klacht/{token}\",status=\"404\"} 1\n"),
        "{body}"
    );
    assert!(
        body.contains(
            "wederhoor_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1\n"
        ),
        "{body}"
    );
    assert!(body.contains("# TYPE wederhoor_http_requests_total counter\n"));
    assert!(
        body.contains("wederhoor_jobs{state=\"pending\"} 4\n"),
        "the receipt, the answer term's reminder and both terms' escalations: {body}"
    );
    assert!(body.contains("wederhoor_jobs{state=\"dead\"} 0\n"));
    assert!(body.contains("wederhoor_open_complaints 1\n"), "{body}");
    // Received 20 April: the contact term ended before 1 May.
    assert!(body.contains("wederhoor_overdue_deadlines 1\n"), "{body}");
    for line in body.lines().filter(|l| !l.starts_with('#')) {
        let (_, value) = line.rsplit_once(' ').expect("name and value");
        assert!(value.parse::<f64>().is_ok(), "{line}");
    }
}

#[tokio::test]
async fn with_a_token_metrics_require_it_as_a_bearer_token() {
    let t = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = web::AppState {
        app: Arc::clone(&t.app),
        accounts: Arc::new(t.accounts()),
        secure_cookies: false,
        office: web::OfficeSettings::default(),
        public_form: web::PublicFormSettings::default(),
        metrics: web::MetricsSettings {
            token: Some("s3cret-token".into()),
        },
        outgoing: web::OutgoingSettings::default(),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let url = format!("http://{addr}/metrics");
    let client = reqwest::Client::new();
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("s3cret-token"),
        Some("Bearer s3cret-tokenX"),
    ] {
        let mut request = client.get(&url);
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
    }
    let response = client
        .get(&url)
        .header("authorization", "Bearer s3cret-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("wederhoor_open_complaints 0\n")
    );
    let _ = stop.send(());
}
