//! Administrator templates (versioned, newest in force) and postcode ranges (no overlaps).

use jiff::Timestamp;
use store::*;

use crate::helpers::*;

conformance_test!(the_newest_template_version_is_in_force_and_history_is_kept);
async fn the_newest_template_version_is_in_force_and_history_is_kept(db: &TestDb) {
    let s = &db.store;
    assert_eq!(s.templates_version().await.unwrap(), 0);
    assert!(s.current_templates().await.unwrap().is_empty());
    let t1: Timestamp = "2026-05-01T08:00:00Z".parse().unwrap();
    let t2: Timestamp = "2026-05-02T08:00:00Z".parse().unwrap();
    s.save_template("letter.answer", Some("een"), "a@example.nl", t1)
        .await
        .unwrap();
    let v1 = s.templates_version().await.unwrap();
    s.save_template("letter.closed", Some("dicht"), "a@example.nl", t1)
        .await
        .unwrap();
    s.save_template("letter.answer", Some("twee"), "b@example.nl", t2)
        .await
        .unwrap();
    assert!(s.templates_version().await.unwrap() > v1);
    let current = s.current_templates().await.unwrap();
    let pairs: Vec<_> = current
        .iter()
        .map(|t| (t.kind.as_str(), t.source.as_deref(), t.updated_by.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("letter.answer", Some("twee"), "b@example.nl"),
            ("letter.closed", Some("dicht"), "a@example.nl"),
        ]
    );
    assert_eq!(current[0].updated_at, t2);

    s.save_template("letter.answer", None, "b@example.nl", t2)
        .await
        .unwrap();
    let current = s.current_templates().await.unwrap();
    assert_eq!(current[0].source, None, "a reset is the newest version");
    let history = s.template_history("letter.answer", 10).await.unwrap();
    let sources: Vec<_> = history.iter().map(|t| t.source.as_deref()).collect();
    assert_eq!(sources, [None, Some("twee"), Some("een")]);
    assert_eq!(
        s.template_history("letter.answer", 1).await.unwrap().len(),
        1
    );
}

conformance_test!(overlapping_postcode_ranges_are_refused);
async fn overlapping_postcode_ranges_are_refused(db: &TestDb) {
    let s = &db.store;
    for code in ["noord", "zuid"] {
        s.upsert_region(&Region {
            code: code.into(),
            name: format!("Regio {code}"),
            management_name: "Directie".into(),
            management_address: "Postbus 1".into(),
            active: true,
        })
        .await
        .unwrap();
    }
    let range = |from, to, region: &str| PostcodeRange {
        from,
        to,
        region: region.into(),
    };
    let added = s.add_postcode_range(&range(9000, 9999, "noord")).await;
    assert_eq!(added.unwrap(), PostcodeRangeAdded::Added);
    assert_eq!(
        s.add_postcode_range(&range(5000, 5999, "zuid"))
            .await
            .unwrap(),
        PostcodeRangeAdded::Added
    );
    assert_eq!(
        s.add_postcode_range(&range(5900, 6100, "zuid"))
            .await
            .unwrap(),
        PostcodeRangeAdded::Overlaps(range(5000, 5999, "zuid"))
    );
    assert_eq!(
        s.add_postcode_range(&range(8000, 8999, "oost"))
            .await
            .unwrap(),
        PostcodeRangeAdded::UnknownRegion
    );
    assert!(matches!(
        s.add_postcode_range(&range(999, 1200, "zuid")).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        s.postcode_ranges().await.unwrap(),
        [range(5000, 5999, "zuid"), range(9000, 9999, "noord")]
    );
    assert!(s.remove_postcode_range(5000).await.unwrap());
    assert!(!s.remove_postcode_range(5000).await.unwrap());
    assert_eq!(
        s.postcode_ranges().await.unwrap(),
        [range(9000, 9999, "noord")]
    );
}
