//! What the app writes can be verified: every complaint's events form an intact hash chain, and
//! the reference is part of the first event, so the mapping reference → complaint is covered by
//! that chain and cannot be changed quietly.

use domain::complaint::{Channel, Event};
use store::Backend;

use crate::checks::decoded;
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};
use crate::walk::settled;

/// Runs statements after switching off the append-only triggers, as an attacker could.
async fn tamper(t: &TestApp, sql: &str) {
    let disable = match t.backend() {
        Backend::Sqlite => "DROP TRIGGER IF EXISTS events_no_update;",
        Backend::Postgres => "ALTER TABLE events DISABLE TRIGGER USER;",
    };
    t.raw(&format!("{disable} {sql}")).await;
}

async fn after_a_full_walk_the_hash_chain_verifies(t: &TestApp) {
    let r = settled(t).await;
    let report = t.store.verify_audit().await.unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!((report.complaints, report.events), (1, 10));

    let id = t.app.load(r).await.unwrap().id;
    tamper(
        t,
        &format!(
            "UPDATE events SET payload = replace(payload, 'Mevrouw gaat akkoord.', 'Mevrouw gaat niet akkoord.') \
             WHERE complaint_id = '{id}' AND kind = 'hearing_recorded'"
        ),
    )
    .await;
    let report = t.store.verify_audit().await.unwrap();
    let problems: Vec<_> = report.problems.iter().map(|p| (p.seq, &p.what)).collect();
    assert_eq!(report.problems.len(), 1, "{problems:?}");
    assert_eq!(report.problems[0].reference, Some(r));
    assert_eq!(report.problems[0].seq, Some(7), "{problems:?}");
}
app_test!(after_a_full_walk_the_hash_chain_verifies);

async fn the_reference_is_recorded_in_the_first_event(t: &TestApp) {
    let form = || intake(Channel::Email, "2026-04-13 10:00");
    let first = t.app.register(form(), handler(), None).await.unwrap();
    let second = t.app.register(form(), handler(), None).await.unwrap();
    for registered in [first, second] {
        let loaded = t.app.load(registered.reference).await.unwrap();
        let payload = &loaded.events[0].payload;
        assert_eq!(payload["type"], "complaint_registered");
        assert_eq!(payload["reference"], registered.reference.to_string());
        let Event::ComplaintRegistered(e) = &decoded(&loaded.events)[0] else {
            panic!("registration first");
        };
        assert_eq!(e.reference, registered.reference);
        assert_eq!(
            loaded.complaint.registration().reference,
            registered.reference
        );
    }

    // Editing the reference in the event breaks the chain.
    tamper(
        t,
        &format!(
            "UPDATE events SET payload = replace(payload, 'K-2026-000002', 'K-2026-000009') \
             WHERE complaint_id = '{}' AND seq = 1",
            second.id
        ),
    )
    .await;
    // Two findings on event 1: its hash, and the reference it records versus the stored one.
    let report = t.store.verify_audit().await.unwrap();
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.complaint_id == Some(second.id) && p.seq == Some(1))
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.what.contains("hash mismatch"))
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.what.contains("records reference K-2026-000009"))
    );
}
app_test!(the_reference_is_recorded_in_the_first_event);

async fn swapped_reference_columns_are_not_read_as_the_other_complaint(t: &TestApp) {
    let form = || intake(Channel::Email, "2026-04-13 10:00");
    let first = t.app.register(form(), handler(), None).await.unwrap();
    let second = t.app.register(form(), handler(), None).await.unwrap();
    // The chain stays intact; only the (unhashed) reference columns change places.
    t.raw(&format!(
        "UPDATE complaints SET ref_number = 0 WHERE id = '{a}'; \
         UPDATE complaints SET ref_number = 1 WHERE id = '{b}'; \
         UPDATE complaints SET ref_number = 2 WHERE id = '{a}';",
        a = first.id,
        b = second.id
    ))
    .await;
    // The audit names both complaints: their first events record the other reference.
    let report = t.store.verify_audit().await.unwrap();
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    for r in [first.reference, second.reference] {
        let result = t.app.load(r).await;
        assert!(
            matches!(result, Err(app::AppError::Corrupt { .. })),
            "{r}: {result:?}"
        );
        let step = t
            .app
            .execute(r, contact("2026-04-13 10:30"), handler())
            .await;
        assert!(
            matches!(step, Err(app::AppError::Corrupt { .. })),
            "{step:?}"
        );
    }
}
app_test!(swapped_reference_columns_are_not_read_as_the_other_complaint);
