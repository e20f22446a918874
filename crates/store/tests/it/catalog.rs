//! Regions, categories and closure days.

use store::*;

use crate::helpers::*;

conformance_test!(regions_categories_and_closure_days_round_trip);
async fn regions_categories_and_closure_days_round_trip(db: &TestDb) {
    let mut noord = Region {
        code: "noord".into(),
        name: "Regio Noord".into(),
        management_name: "Directie Noord".into(),
        management_address: "Postbus 1\n9700 AA Groningen".into(),
        active: true,
    };
    let west = Region {
        code: "west".into(),
        name: "Regio West".into(),
        management_name: "Directie West".into(),
        management_address: "Postbus 2".into(),
        active: false,
    };
    db.store.upsert_region(&west).await.unwrap();
    db.store.upsert_region(&noord).await.unwrap();
    noord.name = "Regio Noord-Nederland".into();
    db.store.upsert_region(&noord).await.unwrap();
    assert_eq!(db.store.regions().await.unwrap(), [noord, west]);

    let mut gedrag = Category {
        code: "gedrag".into(),
        name_nl: "Gedrag medewerker".into(),
        name_en: "Staff conduct".into(),
        active: true,
    };
    db.store.upsert_category(&gedrag).await.unwrap();
    gedrag.active = false;
    db.store.upsert_category(&gedrag).await.unwrap();
    assert_eq!(db.store.categories().await.unwrap(), [gedrag]);

    db.store
        .add_closure_day(day("2026-12-31"), "Oudejaarsdag")
        .await
        .unwrap();
    db.store
        .add_closure_day(day("2026-05-15"), "Brugdag")
        .await
        .unwrap();
    db.store
        .add_closure_day(day("2026-05-15"), "Brugdag na Hemelvaart")
        .await
        .unwrap();
    assert_eq!(
        db.store.closure_days().await.unwrap(),
        [
            (day("2026-05-15"), "Brugdag na Hemelvaart".to_owned()),
            (day("2026-12-31"), "Oudejaarsdag".to_owned()),
        ]
    );
}

conformance_test!(the_organisation_is_one_row_seeded_once_and_edited);
async fn the_organisation_is_one_row_seeded_once_and_edited(db: &TestDb) {
    let now: jiff::Timestamp = "2026-05-01T08:00:00Z".parse().unwrap();
    assert_eq!(db.store.organisation().await.unwrap(), None);
    let seeded = Organisation {
        name: "Focus Nederland".into(),
        phone: "088 007 1400".into(),
        email: "klachten@focusnederland.nl".into(),
        address: "Postbus 1\n3500 AA Utrecht".into(),
        place: "Utrecht".into(),
        privacy_email: "privacy@focusnederland.nl".into(),
        website: String::new(),
    };
    assert!(db.store.seed_organisation(&seeded, now).await.unwrap());
    assert_eq!(
        db.store.organisation().await.unwrap().as_ref(),
        Some(&seeded)
    );

    let mut edited = seeded.clone();
    edited.phone = "088 007 1500".into();
    edited.website = "https://www.focusnederland.nl".into();
    db.store.set_organisation(&edited, now).await.unwrap();
    // A second start's seed does not undo the administrator's edit.
    assert!(!db.store.seed_organisation(&seeded, now).await.unwrap());
    assert_eq!(db.store.organisation().await.unwrap(), Some(edited));
}

conformance_test!(a_closure_day_can_be_removed);
async fn a_closure_day_can_be_removed(db: &TestDb) {
    db.store
        .add_closure_day(day("2026-05-15"), "Brugdag")
        .await
        .unwrap();
    db.store
        .add_closure_day(day("2026-12-31"), "Oudejaarsdag")
        .await
        .unwrap();
    assert!(
        db.store
            .remove_closure_day(day("2026-05-15"))
            .await
            .unwrap()
    );
    assert!(
        !db.store
            .remove_closure_day(day("2026-05-15"))
            .await
            .unwrap()
    );
    assert_eq!(
        db.store.closure_days().await.unwrap(),
        [(day("2026-12-31"), "Oudejaarsdag".to_owned())]
    );
}
