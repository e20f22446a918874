//! `wederhoor dashboard rebuild` through the binary: on a seeded database it recomputes the
//! deadline outcomes from the event log, also after the table was emptied, the same each time.

use crate::db::TestDb;

fn rebuild(db: &TestDb) -> String {
    let out = db.run(&["dashboard", "rebuild"]);
    assert!(
        out.status.success(),
        "rebuild failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

async fn a_rebuild_restores_the_outcomes_from_the_event_log(db: TestDb) {
    let out = db.run(&["dev", "seed", "--complaints", "30", "--seed", "7"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = rebuild(&db);
    assert!(first.contains("30 klachten"), "{first}");
    assert!(
        !first.contains(" 0 uitkomsten"),
        "the seed closes deadlines: {first}"
    );
    db.tamper("DELETE FROM deadline_outcomes").await;
    assert_eq!(rebuild(&db), first, "the same rows again from the log");
}

#[tokio::test]
async fn sqlite_dashboard_rebuild_restores_the_outcomes() {
    a_rebuild_restores_the_outcomes_from_the_event_log(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_dashboard_rebuild_restores_the_outcomes() {
    if let Some(db) = TestDb::postgres().await {
        a_rebuild_restores_the_outcomes_from_the_event_log(db).await;
    }
}
