//! The work queue: order, filters, keyset paging.

use store::*;

use crate::helpers::*;

/// Creates open complaints (region, state, deadline) and one closed one; returns the open ids in
/// expected queue order.
async fn seed(db: &TestDb) -> Vec<(ComplaintId, &'static str, &'static str)> {
    let specs: [(&str, &str, Option<&str>); 7] = [
        ("noord", "received", Some("2026-03-10")),
        ("zuid", "received", Some("2026-03-05")),
        ("noord", "acknowledged", None),
        ("zuid", "acknowledged", Some("2026-03-10")),
        ("noord", "received", Some("2026-03-01")),
        ("zuid", "received", None),
        ("noord", "acknowledged", Some("2026-03-07")),
    ];
    let mut batch = Vec::new();
    for (region, state, deadline) in specs {
        let mut nc = complaint(2026);
        nc.projection = projection(region, state, deadline);
        batch.push(nc);
    }
    let mut closed = complaint(2026);
    closed.projection.closed = true;
    closed.projection.next_deadline = Some(day("2026-01-01"));
    batch.push(closed);
    db.store.create_complaints(batch.clone()).await.unwrap();

    let mut open: Vec<_> = batch[..7]
        .iter()
        .zip(specs)
        .map(|(nc, (r, s, d))| ((d.unwrap_or("9999-12-31"), nc.id), r, s))
        .collect();
    open.sort_by_key(|(key, _, _)| *key);
    open.into_iter().map(|((_, id), r, s)| (id, r, s)).collect()
}

fn q(region: Option<&str>, state: Option<&str>, limit: u32) -> QueueQuery {
    QueueQuery {
        region: region.map(Into::into),
        state: state.map(Into::into),
        after: None,
        limit,
        ..Default::default()
    }
}

conformance_test!(the_queue_lists_open_complaints_by_nearest_deadline);
async fn the_queue_lists_open_complaints_by_nearest_deadline(db: &TestDb) {
    let expected = seed(db).await;
    let rows = db.store.queue(&q(None, None, 100)).await.unwrap();
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let want: Vec<_> = expected.iter().map(|e| e.0).collect();
    assert_eq!(ids, want, "closed excluded, no-deadline last");
    assert_eq!(rows[0].next_deadline, Some(day("2026-03-01")));
    assert_eq!(rows[0].next_deadline_kind.as_deref(), Some("acknowledge"));
    assert_eq!(rows[6].next_deadline, None);
    assert_eq!(rows[0].complainant_name, "A. de Vries");
    assert_eq!(db.store.count_open().await.unwrap(), 7);
}

conformance_test!(the_queue_filters_by_region_and_state);
async fn the_queue_filters_by_region_and_state(db: &TestDb) {
    let expected = seed(db).await;
    for (region, state) in [
        (Some("noord"), None),
        (None, Some("received")),
        (Some("zuid"), Some("acknowledged")),
        (Some("oost"), None),
    ] {
        let rows = db.store.queue(&q(region, state, 100)).await.unwrap();
        let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
        let want: Vec<_> = expected
            .iter()
            .filter(|(_, r, s)| region.is_none_or(|x| x == *r) && state.is_none_or(|x| x == *s))
            .map(|e| e.0)
            .collect();
        assert_eq!(ids, want, "region {region:?}, state {state:?}");
    }
}

conformance_test!(keyset_paging_visits_every_open_complaint_once);
async fn keyset_paging_visits_every_open_complaint_once(db: &TestDb) {
    let expected = seed(db).await;
    for (region, want) in [
        (None, expected.iter().map(|e| e.0).collect::<Vec<_>>()),
        (
            Some("noord"),
            expected
                .iter()
                .filter(|e| e.1 == "noord")
                .map(|e| e.0)
                .collect(),
        ),
    ] {
        let mut query = q(region, None, 2);
        let mut seen = Vec::new();
        loop {
            let page = db.store.queue(&query).await.unwrap();
            assert!(page.len() <= 2);
            let Some(last) = page.last() else { break };
            query.after = Some(last.cursor());
            seen.extend(page.iter().map(|r| r.id));
        }
        assert_eq!(seen, want, "region {region:?}");
    }
}
