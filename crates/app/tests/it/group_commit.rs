//! The intake committer: concurrent registrations share commits, each gets its own answer, a
//! refusal holds up nothing, and the references stay gap-free.

use std::collections::BTreeSet;
use std::sync::Arc;

use app::{AppError, GroupCommitOptions, IntakeCommitter};
use domain::complaint::{Channel, RegionCode};

use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

async fn concurrent_registrations_through_the_committer_are_numbered_without_gaps(t: &TestApp) {
    t.at("2026-04-13 12:00");
    let committer = IntakeCommitter::start(Arc::clone(&t.app), GroupCommitOptions::default());
    let mut tasks = Vec::new();
    for i in 0..100 {
        let committer = committer.clone();
        let mut r = request(intake(Channel::Web, "2026-04-13 10:00"));
        r.idempotency_key = Some(format!("web-form:{i}"));
        if i % 10 == 3 {
            r.intake.region = RegionCode::try_from("atlantis").unwrap();
        }
        tasks.push(tokio::spawn(async move {
            committer.register(r, Vec::new()).await
        }));
    }
    let mut numbers = BTreeSet::new();
    let mut refused = 0;
    for task in tasks {
        match task.await.expect("task") {
            Ok(registered) => {
                assert!(!registered.existed);
                assert!(numbers.insert(registered.reference.number()), "duplicate");
            }
            Err(AppError::UnknownRegion(r)) => {
                assert_eq!(r, "atlantis");
                refused += 1;
            }
            Err(e) => panic!("unexpected: {e}"),
        }
    }
    assert_eq!(refused, 10);
    assert_eq!(numbers, (1..=90).collect(), "gap-free");
    assert_eq!(t.store.count_open().await.unwrap(), 90);
    assert!(t.store.verify_audit().await.unwrap().is_clean());

    // A resubmission (same key) finds the first complaint.
    let mut again = request(intake(Channel::Web, "2026-04-13 10:00"));
    again.idempotency_key = Some("web-form:0".into());
    let found = committer.register(again, Vec::new()).await.unwrap();
    assert!(found.existed);
    assert_eq!(t.store.count_open().await.unwrap(), 90);
}
app_test!(concurrent_registrations_through_the_committer_are_numbered_without_gaps);
