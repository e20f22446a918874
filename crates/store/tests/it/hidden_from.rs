//! A complaint hidden from one staff user (the linked employee it is about): the projection keeps
//! `hidden_from`, and the queue and its search leave the complaint out for that viewer only.

use store::*;

use crate::helpers::*;

const EMPLOYEE: &str = "u-employee";

fn for_viewer(viewer: Option<&str>, search: Option<&str>) -> QueueQuery {
    QueueQuery {
        viewer: viewer.map(Into::into),
        search: search.map(Into::into),
        limit: 50,
        ..Default::default()
    }
}

async fn listed(db: &TestDb, q: &QueueQuery) -> Vec<ComplaintId> {
    db.store
        .queue(q)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// Two open complaints with the same search text; the first is hidden from [`EMPLOYEE`].
async fn seed(db: &TestDb) -> (Created, Created) {
    let mut hidden = complaint(2026);
    hidden.projection.hidden_from = Some(EMPLOYEE.into());
    hidden.projection.search_text = "Jan Smit bejegening".into();
    let mut visible = complaint(2026);
    visible.projection.search_text = "Jan Smit bejegening".into();
    visible.projection.next_deadline = Some(day("2026-03-10"));
    let created = db
        .store
        .create_complaints(vec![hidden, visible])
        .await
        .unwrap();
    (created[0], created[1])
}

conformance_test!(the_projection_keeps_who_a_complaint_is_hidden_from);
async fn the_projection_keeps_who_a_complaint_is_hidden_from(db: &TestDb) {
    let (hidden, visible) = seed(db).await;
    let record = db.store.complaint(hidden.id).await.unwrap().unwrap();
    assert_eq!(record.projection.hidden_from.as_deref(), Some(EMPLOYEE));
    let by_ref = db
        .store
        .complaint_by_reference(hidden.reference)
        .await
        .unwrap();
    assert_eq!(
        by_ref.unwrap().projection.hidden_from.as_deref(),
        Some(EMPLOYEE)
    );
    let record = db.store.complaint(visible.id).await.unwrap().unwrap();
    assert_eq!(record.projection.hidden_from, None);
    let by_email = db.store.complaints_by_email("a@example.nl").await.unwrap();
    let found = by_email.iter().find(|r| r.id == hidden.id).unwrap();
    assert_eq!(found.projection.hidden_from.as_deref(), Some(EMPLOYEE));
}

conformance_test!(the_queue_leaves_a_hidden_complaint_out_for_that_viewer_only);
async fn the_queue_leaves_a_hidden_complaint_out_for_that_viewer_only(db: &TestDb) {
    let (hidden, visible) = seed(db).await;
    for search in [None, Some("smit"), Some(&*hidden.reference.to_string())] {
        let mine = listed(db, &for_viewer(Some(EMPLOYEE), search)).await;
        assert!(!mine.contains(&hidden.id), "{search:?}");
        let other = listed(db, &for_viewer(Some("u-anna"), search)).await;
        assert!(other.contains(&hidden.id), "{search:?}");
        let nobody = listed(db, &for_viewer(None, search)).await;
        assert!(nobody.contains(&hidden.id), "{search:?}");
    }
    assert_eq!(
        listed(db, &for_viewer(Some(EMPLOYEE), None)).await,
        [visible.id]
    );
}

conformance_test!(an_append_changes_who_a_complaint_is_hidden_from);
async fn an_append_changes_who_a_complaint_is_hidden_from(db: &TestDb) {
    let (hidden, _) = seed(db).await;
    let mut p = db
        .store
        .complaint(hidden.id)
        .await
        .unwrap()
        .unwrap()
        .projection;
    p.hidden_from = None;
    db.store
        .append(hidden.id, 1, vec![event("invited", "x")], p.clone(), vec![])
        .await
        .unwrap();
    let stored = db.store.complaint(hidden.id).await.unwrap().unwrap();
    assert_eq!(stored.projection.hidden_from, None);
    assert!(
        listed(db, &for_viewer(Some(EMPLOYEE), None))
            .await
            .contains(&hidden.id)
    );
    p.hidden_from = Some("u-other".into());
    db.store
        .append(hidden.id, 2, vec![event("linked", "x")], p, vec![])
        .await
        .unwrap();
    assert!(
        listed(db, &for_viewer(Some(EMPLOYEE), None))
            .await
            .contains(&hidden.id)
    );
    assert!(
        !listed(db, &for_viewer(Some("u-other"), None))
            .await
            .contains(&hidden.id)
    );
}
