//! `wederhoor audit verify` through the binary, on both databases: an intact record verifies;
//! an edited, deleted or reordered event is named (complaint and event) with exit code 1.

use serde_json::Value;

use crate::db::TestDb;

fn seed(db: &TestDb, n: &str) {
    let out = db.run(&["dev", "seed", "--complaints", n, "--seed", "7"]);
    assert!(
        out.status.success(),
        "seed failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn verify(db: &TestDb) -> (i32, Value) {
    let out = db.run(&["audit", "verify", "--json"]);
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().expect("exit code"), json)
}

/// The reference and id of the complaint with the most events (at least 3).
const TARGET: &str = "(SELECT complaint_id FROM events GROUP BY complaint_id HAVING COUNT(*) >= 3 ORDER BY complaint_id LIMIT 1)";

async fn an_edited_event_is_named(db: TestDb) {
    seed(&db, "30");
    let (code, report) = verify(&db);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["ok"], true);
    assert_eq!(report["complaints"], 30);

    db.tamper(&format!(
        "UPDATE events SET payload = REPLACE(payload, 'e', 'E') WHERE seq = 2 AND complaint_id = {TARGET}"
    ))
    .await;
    let (code, report) = verify(&db);
    assert_eq!(code, 1, "{report}");
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["seq"], 2);
    assert!(
        problems[0]["reference"]
            .as_str()
            .is_some_and(|r| r.starts_with("K-")),
        "{report}"
    );
    assert!(
        problems[0]["problem"].as_str().unwrap().contains("hash"),
        "{report}"
    );
}

async fn a_deleted_event_is_named(db: TestDb) {
    seed(&db, "30");
    db.tamper(&format!(
        "DELETE FROM events WHERE seq = 2 AND complaint_id = {TARGET}"
    ))
    .await;
    let (code, report) = verify(&db);
    assert_eq!(code, 1, "{report}");
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["seq"] == 2),
        "{report}"
    );
}

async fn reordered_events_are_named(db: TestDb) {
    seed(&db, "30");
    db.tamper(&format!(
        "UPDATE events SET seq = 1000 WHERE seq = 2 AND complaint_id = {TARGET};
         UPDATE events SET seq = 2 WHERE seq = 3 AND complaint_id = {TARGET};
         UPDATE events SET seq = 3 WHERE seq = 1000 AND complaint_id = {TARGET};"
    ))
    .await;
    let (code, report) = verify(&db);
    assert_eq!(code, 1, "{report}");
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["seq"] == 2),
        "{report}"
    );
}

#[tokio::test]
async fn sqlite_audit_verify_names_an_edited_event() {
    an_edited_event_is_named(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_audit_verify_names_an_edited_event() {
    if let Some(db) = TestDb::postgres().await {
        an_edited_event_is_named(db).await;
    }
}

#[tokio::test]
async fn sqlite_audit_verify_names_a_deleted_event() {
    a_deleted_event_is_named(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_audit_verify_names_a_deleted_event() {
    if let Some(db) = TestDb::postgres().await {
        a_deleted_event_is_named(db).await;
    }
}

#[tokio::test]
async fn sqlite_audit_verify_names_reordered_events() {
    reordered_events_are_named(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_audit_verify_names_reordered_events() {
    if let Some(db) = TestDb::postgres().await {
        reordered_events_are_named(db).await;
    }
}

#[test]
fn audit_verify_text_output_says_intact() {
    let db = TestDb::sqlite();
    seed(&db, "5");
    let out = db.run(&["audit", "verify"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("5 klachten") && text.contains("intact"),
        "{text}"
    );
}
