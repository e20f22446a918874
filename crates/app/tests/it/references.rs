//! References through the app: numbered per Amsterdam year of receipt without gaps, also under
//! concurrency; a resubmission and a refused registration use no number.

use std::collections::BTreeSet;
use std::sync::Arc;

use app::{AppError, IntakeRequest};
use domain::complaint::{Category, Channel, RegionCode};
use jiff::SignedDuration;

use crate::checks::expect_refused;
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

async fn fifty_concurrent_registrations_get_numbers_1_to_50(t: &TestApp) {
    t.at("2026-04-13 12:00");
    let mut tasks = Vec::new();
    for i in 0..50 {
        let app = Arc::clone(&t.app);
        let received = at("2026-04-13 10:00") + SignedDuration::from_secs(i);
        let mut form = intake(Channel::Email, "2026-04-13 10:00");
        form.received_at = received;
        tasks.push(tokio::spawn(async move {
            app.register(form, handler(), None).await
        }));
    }
    let mut numbers = BTreeSet::new();
    for task in tasks {
        let registered = task.await.expect("task").expect("register");
        assert!(!registered.existed);
        assert_eq!(registered.reference.year(), 2026);
        assert!(numbers.insert(registered.reference.number()), "duplicate");
        let stored = t.app.load(registered.reference).await.unwrap();
        assert_eq!(
            stored.id, registered.id,
            "the reference names its complaint"
        );
    }
    assert_eq!(numbers, (1..=50).collect(), "K-2026-000001..000050");
    assert_eq!(t.store.count_open().await.unwrap(), 50);
    assert!(t.store.verify_audit().await.unwrap().is_clean());
}
app_test!(fifty_concurrent_registrations_get_numbers_1_to_50);

async fn the_year_of_a_reference_is_the_year_in_amsterdam(t: &TestApp) {
    t.at("2027-01-01 00:45");
    let register = |received: &str| {
        let form = intake(Channel::Letter, received);
        async move { t.app.register(form, handler(), None).await.unwrap() }
    };
    // 31 Dec 23:30 in Amsterdam (22:30 UTC) and 1 Jan 00:30 in Amsterdam (still 2026 in UTC).
    let old_year = register("2026-12-31 23:30").await;
    assert_eq!(old_year.reference, reference(2026, 1));
    let new_year = register("2027-01-01 00:30").await;
    assert_eq!(at("2027-01-01 00:30").to_string(), "2026-12-31T23:30:00Z");
    assert_eq!(new_year.reference, reference(2027, 1));
    let again = register("2027-01-01 00:40").await;
    assert_eq!(again.reference, reference(2027, 2));
    assert_eq!(
        register("2026-12-30 10:00").await.reference,
        reference(2026, 2)
    );
}
app_test!(the_year_of_a_reference_is_the_year_in_amsterdam);

async fn a_resubmission_with_the_same_key_returns_the_first_complaint(t: &TestApp) {
    let form = intake(Channel::Web, "2026-04-13 10:00");
    let key = Some("formulier-7f3a".to_string());
    let submit = || t.app.register(form.clone(), handler(), key.clone());
    let first = submit().await.unwrap();
    t.clock.advance(SignedDuration::from_mins(2));
    let second = submit().await.unwrap();
    assert!(!first.existed);
    assert!(second.existed);
    assert_eq!((second.id, second.reference), (first.id, first.reference));
    assert_eq!(t.store.count_open().await.unwrap(), 1);
    assert_eq!(t.app.load(first.reference).await.unwrap().seq, 1);
    // The resubmission used no number.
    let next = t.app.register(form, handler(), None).await.unwrap();
    assert_eq!(next.reference, reference(2026, 2));
}
app_test!(a_resubmission_with_the_same_key_returns_the_first_complaint);

async fn concurrent_resubmissions_create_one_complaint(t: &TestApp) {
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let app = Arc::clone(&t.app);
        let form = intake(Channel::Web, "2026-04-13 10:00");
        let key = Some("dubbelklik".to_string());
        tasks.push(tokio::spawn(async move {
            app.register(form, handler(), key).await
        }));
    }
    let mut created = Vec::new();
    for task in tasks {
        created.push(task.await.expect("task").expect("register"));
    }
    assert_eq!(created.iter().filter(|c| !c.existed).count(), 1);
    assert!(created.iter().all(|c| c.reference == reference(2026, 1)));
    assert_eq!(t.store.count_open().await.unwrap(), 1);
    assert!(t.store.verify_audit().await.unwrap().is_clean());
}
app_test!(concurrent_resubmissions_create_one_complaint);

async fn a_refused_item_of_a_batch_uses_no_number_and_holds_up_nothing(t: &TestApp) {
    t.at("2026-04-13 11:00");
    let ok = || request(intake(Channel::Email, "2026-04-13 10:00"));
    let mut unknown_region = ok();
    unknown_region.intake.region = RegionCode::try_from("atlantis").unwrap();
    let mut unknown_category = ok();
    unknown_category.intake.category = Category::try_from("parkeren").unwrap();
    // More than the tolerated clock skew ahead of the app's clock.
    let future = request(intake(Channel::Email, "2026-04-13 11:30"));
    let batch: Vec<IntakeRequest> =
        vec![ok(), unknown_region, ok(), future, unknown_category, ok()];

    let results = t.app.register_batch(batch).await.expect("the batch");
    assert_eq!(results.len(), 6);
    let refs: Vec<_> = [0, 2, 5]
        .iter()
        .map(|&i| results[i].as_ref().expect("a valid item").reference)
        .collect();
    assert_eq!(refs, [1, 2, 3].map(|n| reference(2026, n)));
    assert!(matches!(&results[1], Err(AppError::UnknownRegion(r)) if r == "atlantis"));
    assert!(matches!(&results[4], Err(AppError::UnknownCategory(c)) if c == "parkeren"));
    let mut rest = results;
    let future = rest.swap_remove(3);
    expect_refused(future, "received_in_future");

    assert_eq!(t.store.count_open().await.unwrap(), 3);
    // The audit counts numbers issued against complaints present: no number was used up.
    assert!(t.store.verify_audit().await.unwrap().is_clean());
    let next = t.app.register(ok().intake, handler(), None).await.unwrap();
    assert_eq!(next.reference, reference(2026, 4));
}
app_test!(a_refused_item_of_a_batch_uses_no_number_and_holds_up_nothing);
