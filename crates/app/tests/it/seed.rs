//! The seed, with its event log (demonstrations) and without it (the work queue bench, which
//! reads nothing but the projection).

use app::seed::SeedOptions;
use store::QueueQuery;

use crate::helpers::*;

fn options(event_log: bool) -> SeedOptions {
    SeedOptions {
        complaints: 60,
        seed: 7,
        years: 1,
        batch: 25,
        event_log,
    }
}

async fn open_ids(t: &TestApp) -> Vec<store::ComplaintId> {
    let q = QueueQuery {
        limit: 1000,
        ..Default::default()
    };
    let rows = t.store.queue(&q).await.unwrap();
    rows.iter().map(|r| r.id).collect()
}

app_test!(seeding_without_the_event_log_stores_the_same_complaints_without_events);
async fn seeding_without_the_event_log_stores_the_same_complaints_without_events(t: &TestApp) {
    t.app.seed(options(false), |_| {}).await.unwrap();
    let without = open_ids(t).await;
    assert!(!without.is_empty(), "the seed leaves some complaints open");
    for id in &without {
        assert!(t.store.events(*id).await.unwrap().is_empty(), "{id}");
        let record = t.store.complaint(*id).await.unwrap().expect("stored");
        assert_eq!(record.seq, 0, "{id}");
    }
    // The same seed and "today" with the log: as many open complaints again, each with events.
    t.app.seed(options(true), |_| {}).await.unwrap();
    let all = open_ids(t).await;
    assert_eq!(all.len(), 2 * without.len());
    for id in all.iter().filter(|id| !without.contains(id)) {
        assert!(!t.store.events(*id).await.unwrap().is_empty(), "{id}");
    }
}
