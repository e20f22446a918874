//! Bearer credentials and shared guards: API tokens, complainant portal links, login
//! throttling and server-side secrets.

use std::sync::Arc;

use domain::complaint::Role;
use jiff::Timestamp;
use store::*;

use crate::accounts::{T0, later, user};
use crate::helpers::*;

conformance_test!(a_revoked_api_token_is_refused);
async fn a_revoked_api_token_is_refused(db: &TestDb) {
    let u = user("api@example.nl", Role::Klachtbehandelaar, &["noord"]);
    db.store.create_user(&u).await.unwrap();
    let token = |hash: &str, name: &str, created_at: Timestamp| NewApiToken {
        id: uuid::Uuid::new_v4(),
        token_hash: hash.into(),
        user_id: u.id,
        name: name.into(),
        created_at,
    };
    let first = token("h1", "koppeling", at(T0));
    db.store.create_api_token(&first).await.unwrap();
    let dup = db
        .store
        .create_api_token(&token("h2", "koppeling", at(T0)))
        .await;
    assert!(
        matches!(
            dup,
            Err(StoreError::DuplicateKey(constraint::API_TOKEN_NAME))
        ),
        "{dup:?}"
    );

    let (t, owner) = db
        .store
        .use_api_token("h1", later(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((t.id, owner.id), (first.id, u.id));
    assert_eq!(t.last_used_at, Some(later(1)));
    assert!(
        db.store
            .use_api_token("nope", later(1))
            .await
            .unwrap()
            .is_none()
    );

    assert!(db.store.revoke_api_token(first.id, later(2)).await.unwrap());
    assert!(!db.store.revoke_api_token(first.id, later(3)).await.unwrap());
    assert!(
        db.store
            .use_api_token("h1", later(3))
            .await
            .unwrap()
            .is_none()
    );
    // The name is free again once its token is revoked.
    db.store
        .create_api_token(&token("h3", "koppeling", later(3)))
        .await
        .unwrap();
    let listed = db.store.api_tokens(u.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].revoked_at, Some(later(2)));
    assert_eq!(listed[1].revoked_at, None);
}

conformance_test!(portal_links_expire_after_closing_and_can_be_revoked);
async fn portal_links_expire_after_closing_and_can_be_revoked(db: &TestDb) {
    let c = create(db, complaint(2026)).await;
    for hash in ["p1", "p2", "p3"] {
        let made = db.store.create_portal_link(hash, c.id, at(T0), None).await;
        made.unwrap();
    }
    let link = db
        .store
        .portal_link("p1", later(1000))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((link.complaint_id, link.expires_at), (c.id, None));

    assert!(db.store.revoke_portal_link("p3", later(1)).await.unwrap());
    assert!(
        db.store
            .portal_link("p3", later(1))
            .await
            .unwrap()
            .is_none()
    );

    let closes = later(24 * 90);
    let changed = db.store.set_portal_links_expiry(c.id, Some(closes)).await;
    assert_eq!(changed.unwrap(), 2, "the revoked link is left alone");
    let before = db
        .store
        .portal_link("p1", later(24 * 90 - 1))
        .await
        .unwrap();
    assert_eq!(before.and_then(|l| l.expires_at), Some(closes));
    assert!(db.store.portal_link("p1", closes).await.unwrap().is_none());

    db.store.set_portal_links_expiry(c.id, None).await.unwrap();
    assert!(
        db.store.portal_link("p1", closes).await.unwrap().is_some(),
        "reopened"
    );
    assert_eq!(db.store.revoke_portal_links(c.id, closes).await.unwrap(), 2);
    assert!(db.store.portal_link("p2", closes).await.unwrap().is_none());
}

conformance_test!(login_failures_count_up_reset_and_are_forgotten_after_a_quiet_period);
async fn login_failures_count_up_reset_and_are_forgotten_after_a_quiet_period(db: &TestDb) {
    let key = "email:x@example.nl";
    assert_eq!(db.store.login_failures(key).await.unwrap(), None);
    let forget = at("2026-03-01T00:00:00Z");
    for n in 1..=3 {
        let f = db.store.record_login_failure(key, later(n), forget).await;
        assert_eq!(f.unwrap().failures, n);
    }
    let f = db.store.login_failures(key).await.unwrap().unwrap();
    assert_eq!((f.failures, f.last_failed_at), (3, later(3)));
    // The last failure lies before the forget horizon: counting starts again.
    let f = db
        .store
        .record_login_failure(key, later(48), later(24))
        .await;
    assert_eq!(f.unwrap().failures, 1);
    db.store.reset_login_failures(key).await.unwrap();
    assert_eq!(db.store.login_failures(key).await.unwrap(), None);
}

conformance_test!(concurrent_get_or_create_secret_returns_one_value);
async fn concurrent_get_or_create_secret_returns_one_value(db: &TestDb) {
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = Arc::clone(&db.store);
            tokio::spawn(async move {
                let candidate = format!("candidate-{i}");
                store.secret("hmac", &candidate, at(T0)).await
            })
        })
        .collect();
    let mut values = Vec::new();
    for t in tasks {
        values.push(t.await.unwrap().unwrap());
    }
    assert!(values.iter().all(|v| *v == values[0]), "{values:?}");
    let again = db.store.secret("hmac", "another", at(T0)).await.unwrap();
    assert_eq!(again, values[0]);
}

conformance_test!(of_concurrent_login_attempts_that_saw_one_count_exactly_one_is_counted);
async fn of_concurrent_login_attempts_that_saw_one_count_exactly_one_is_counted(db: &TestDb) {
    let key = "email:burst@example.nl";
    let forget = at("2026-03-01T00:00:00Z");
    for round in 1..=2 {
        let seen = db.store.login_failures(key).await.unwrap();
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                let store = Arc::clone(&db.store);
                tokio::spawn(async move {
                    store
                        .claim_login_attempt(key, seen, later(round), forget)
                        .await
                })
            })
            .collect();
        let mut claimed = Vec::new();
        for t in tasks {
            claimed.extend(t.await.unwrap().unwrap());
        }
        assert_eq!(claimed.len(), 1, "round {round}: {claimed:?}");
        assert_eq!(claimed[0].failures, round);
    }
}
