//! The queue is served from a partial index in index order: no full scan, no sort step. On
//! PostgreSQL `explain_queue` plans with sequential scans disabled (see its docs), as a large
//! table would be planned.

use store::*;

use crate::helpers::*;

fn queries() -> Vec<QueueQuery> {
    let mut out = Vec::new();
    for (region, state) in [
        (None, None),
        (Some("noord"), None),
        (None, Some("received")),
        (Some("noord"), Some("received")),
    ] {
        for after in [None, Some((day("2026-03-05"), uuid::Uuid::nil()))] {
            // A staff viewer adds the hidden-from filter; it must not change the index walk.
            for viewer in [None, Some("u-anna")] {
                out.push(QueueQuery {
                    region: region.map(Into::into),
                    state: state.map(Into::into),
                    viewer: viewer.map(Into::into),
                    after,
                    limit: 50,
                    ..Default::default()
                });
            }
        }
    }
    out
}

conformance_test!(every_queue_query_uses_a_partial_index_without_sorting);
async fn every_queue_query_uses_a_partial_index_without_sorting(db: &TestDb) {
    let batch: Vec<_> = (0..50).map(|_| complaint(2026)).collect();
    db.store.create_complaints(batch).await.unwrap();
    for q in queries() {
        let plan = db.store.explain_queue(&q).await.unwrap();
        assert!(plan.contains("complaints_open_by_"), "{q:?}\n{plan}");
        match db.backend() {
            Backend::Sqlite => {
                assert!(!plan.contains("TEMP B-TREE"), "sorts: {q:?}\n{plan}");
                assert!(
                    plan.lines().all(|l| l.trim() != "SCAN complaints"),
                    "full scan: {q:?}\n{plan}"
                );
            }
            Backend::Postgres => {
                assert!(!plan.contains("Sort"), "sorts: {q:?}\n{plan}");
                assert!(!plan.contains("Seq Scan"), "full scan: {q:?}\n{plan}");
            }
        }
    }
}
