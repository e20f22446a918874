//! Complaints by the complainant's e-mail address, and jobs queued outside a complaint step.

use jiff::SignedDuration;
use store::*;

use crate::helpers::*;

fn with_email(email: Option<&str>, received: &str) -> NewComplaint {
    let mut nc = complaint(2026);
    nc.projection.complainant_email = email.map(Into::into);
    nc.projection.received_at = at(received);
    nc.jobs = Vec::new();
    nc
}

conformance_test!(complaints_are_found_by_email_case_insensitively_newest_first);
async fn complaints_are_found_by_email_case_insensitively_newest_first(db: &TestDb) {
    let older = with_email(Some("Anna.de.Vries@Example.nl"), "2026-03-02T09:00:00Z");
    let newer = with_email(Some("anna.de.vries@example.nl"), "2026-04-02T09:00:00Z");
    let other = with_email(Some("iemand@example.nl"), "2026-04-03T09:00:00Z");
    let none = with_email(None, "2026-04-04T09:00:00Z");
    for nc in [older.clone(), newer.clone(), other, none] {
        create(db, nc).await;
    }

    let found = db
        .store
        .complaints_by_email("  ANNA.de.vries@example.NL ")
        .await
        .unwrap();
    let ids: Vec<_> = found.iter().map(|r| r.id).collect();
    assert_eq!(ids, [newer.id, older.id], "both spellings, newest first");
    assert_eq!(found[0].projection, newer.projection);

    assert!(
        db.store
            .complaints_by_email("onbekend@example.nl")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .complaints_by_email("   ")
            .await
            .unwrap()
            .is_empty(),
        "blank finds nothing"
    );
}

conformance_test!(free_standing_jobs_are_queued_once_per_dedupe_key);
async fn free_standing_jobs_are_queued_once_per_dedupe_key(db: &TestDb) {
    let first = vec![
        job("mail.portal_link", Some("k1")),
        job("mail.portal_link", None),
    ];
    assert_eq!(db.store.enqueue_jobs(first).await.unwrap(), 2);
    let again = vec![
        job("mail.portal_link", Some("k1")),
        job("mail.portal_link", Some("k2")),
    ];
    assert_eq!(
        db.store.enqueue_jobs(again).await.unwrap(),
        1,
        "k1 was queued before"
    );
    assert_eq!(db.store.enqueue_jobs(Vec::new()).await.unwrap(), 0);

    let now = at("2026-03-02T10:00:00Z");
    let claimed = db
        .store
        .claim_jobs("w", now, SignedDuration::from_mins(5), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
    assert!(claimed.iter().all(|j| j.kind == "mail.portal_link"));
}
