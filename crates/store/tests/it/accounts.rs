//! Staff accounts, sessions and one-time password-setup tokens (credentials.rs has the rest).

use domain::complaint::Role;
use jiff::{SignedDuration, Timestamp};
use store::*;

use crate::helpers::*;

pub(crate) const T0: &str = "2026-03-02T09:00:00Z";
pub(crate) const IDLE: SignedDuration = SignedDuration::from_hours(8);

pub(crate) fn user(email: &str, role: Role, regions: &[&str]) -> NewUser {
    NewUser {
        id: uuid::Uuid::new_v4(),
        email: email.into(),
        name: "Anna de Boer".into(),
        role,
        all_regions: regions.is_empty(),
        regions: regions.iter().map(|r| r.to_string()).collect(),
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
        created_at: at(T0),
    }
}

fn session(id_hash: &str, u: &NewUser, days: i64) -> NewSession {
    NewSession {
        id_hash: id_hash.into(),
        user_id: u.id,
        csrf_token: format!("csrf-{id_hash}"),
        created_at: at(T0),
        expires_at: at(T0) + SignedDuration::from_hours(24 * days),
        ip: Some("192.0.2.1".into()),
        user_agent: None,
    }
}

pub(crate) fn later(hours: i64) -> Timestamp {
    at(T0) + SignedDuration::from_hours(hours)
}

conformance_test!(users_round_trip_with_regions_and_case_insensitive_email);
async fn users_round_trip_with_regions_and_case_insensitive_email(db: &TestDb) {
    let anna = user(
        " Anna@Example.NL ",
        Role::Klachtbehandelaar,
        &["zuid", "noord"],
    );
    db.store.create_user(&anna).await.unwrap();
    let admin = user("beheer@example.nl", Role::Beheerder, &[]);
    db.store.create_user(&admin).await.unwrap();

    let found = db.store.user_by_email("ANNA@example.nl").await.unwrap();
    let found = found.expect("found case-insensitively");
    assert_eq!(found.email, "anna@example.nl");
    assert_eq!(found.regions, ["noord", "zuid"]);
    assert!(found.active && !found.all_regions);
    assert!(found.may_see_region("zuid") && !found.may_see_region("west"));
    assert_eq!(db.store.user(anna.id).await.unwrap(), Some(found.clone()));

    let update = UserUpdate {
        name: "Anna de Boer-Smit".into(),
        role: Role::Regiodirecteur,
        all_regions: false,
        regions: vec!["west".into()],
    };
    db.store.update_user(anna.id, &update).await.unwrap();
    db.store
        .set_totp_secret(anna.id, Some("JBSWY3DP"))
        .await
        .unwrap();
    db.store
        .set_password_hash(anna.id, "$argon2id$new")
        .await
        .unwrap();
    let all = db.store.users().await.unwrap();
    let emails: Vec<_> = all.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(emails, ["anna@example.nl", "beheer@example.nl"]);
    assert_eq!(all[0].role, Role::Regiodirecteur);
    assert_eq!(all[0].regions, ["west"]);
    assert_eq!(all[0].totp_secret.as_deref(), Some("JBSWY3DP"));
    assert_eq!(all[0].password_hash.as_deref(), Some("$argon2id$new"));
    assert!(all[1].all_regions && all[1].regions.is_empty());

    let nobody = uuid::Uuid::new_v4();
    let missing = db.store.update_user(nobody, &update).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

conformance_test!(a_second_user_with_the_same_email_is_refused_with_the_named_constraint);
async fn a_second_user_with_the_same_email_is_refused_with_the_named_constraint(db: &TestDb) {
    db.store
        .create_user(&user("jan@example.nl", Role::Lezer, &[]))
        .await
        .unwrap();
    let again = db
        .store
        .create_user(&user("Jan@Example.nl", Role::Beheerder, &[]))
        .await;
    assert!(
        matches!(again, Err(StoreError::DuplicateKey(constraint::USER_EMAIL))),
        "{again:?}"
    );
    assert_eq!(db.store.users().await.unwrap().len(), 1);
}

conformance_test!(a_session_is_written_at_most_once_a_minute);
async fn a_session_is_written_at_most_once_a_minute(db: &TestDb) {
    let u = user("m@example.nl", Role::Klachtbehandelaar, &["noord"]);
    db.store.create_user(&u).await.unwrap();
    db.store
        .create_session(&session("minute", &u, 1))
        .await
        .unwrap();
    let first = later(1);
    let seen = |s: Option<SessionRecord>| s.expect("live").last_seen_at;
    let touched = db.store.touch_session("minute", first, IDLE).await.unwrap();
    assert_eq!(seen(touched), first);
    // Within the minute: served without a write, last seen stays put.
    let soon = first + SignedDuration::from_secs(59);
    let s = db.store.touch_session("minute", soon, IDLE).await.unwrap();
    assert_eq!(seen(s), first);
    // A minute on: touched again.
    let minute = first + SignedDuration::from_secs(60);
    let s = db
        .store
        .touch_session("minute", minute, IDLE)
        .await
        .unwrap();
    assert_eq!(seen(s), minute);
}

conformance_test!(expired_and_idle_sessions_are_refused);
async fn expired_and_idle_sessions_are_refused(db: &TestDb) {
    let u = user("s@example.nl", Role::Klachtbehandelaar, &["noord"]);
    db.store.create_user(&u).await.unwrap();
    db.store
        .create_session(&session("busy", &u, 1))
        .await
        .unwrap();
    db.store
        .create_session(&session("idle", &u, 7))
        .await
        .unwrap();

    let live = db
        .store
        .touch_session("busy", later(1), IDLE)
        .await
        .unwrap();
    let live = live.expect("a fresh session is live");
    assert_eq!(live.user.id, u.id);
    assert_eq!(live.csrf_token, "csrf-busy");
    assert_eq!(live.last_seen_at, later(1));
    // Used every 7 hours, it never idles out, but the absolute expiry (24 h) ends it.
    for h in [8, 15, 22] {
        let s = db
            .store
            .touch_session("busy", later(h), IDLE)
            .await
            .unwrap();
        assert!(s.is_some(), "live at {h} h");
    }
    let s = db
        .store
        .touch_session("busy", later(24), IDLE)
        .await
        .unwrap();
    assert!(s.is_none(), "past its absolute expiry");

    // Untouched for 8 hours: idle, refused, and a lookup does not revive it.
    assert!(
        db.store
            .touch_session("idle", later(8), IDLE)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.store
            .touch_session("idle", later(1), IDLE)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        db.store
            .touch_session("unknown", later(1), IDLE)
            .await
            .unwrap()
            .is_none()
    );

    assert!(db.store.delete_session("idle").await.unwrap());
    assert!(!db.store.delete_session("idle").await.unwrap());
    assert!(
        db.store
            .touch_session("idle", later(2), IDLE)
            .await
            .unwrap()
            .is_none()
    );

    let dup = db.store.create_session(&session("busy", &u, 1)).await;
    assert!(
        matches!(dup, Err(StoreError::DuplicateKey(constraint::SESSION_ID))),
        "{dup:?}"
    );
}

conformance_test!(disabling_a_user_ends_their_sessions);
async fn disabling_a_user_ends_their_sessions(db: &TestDb) {
    let u = user("d@example.nl", Role::Lezer, &[]);
    db.store.create_user(&u).await.unwrap();
    for id in ["a", "b"] {
        db.store.create_session(&session(id, &u, 7)).await.unwrap();
    }
    db.store.set_user_active(u.id, false).await.unwrap();
    assert!(
        db.store
            .touch_session("a", later(1), IDLE)
            .await
            .unwrap()
            .is_none()
    );
    assert!(!db.store.user(u.id).await.unwrap().unwrap().active);

    db.store.set_user_active(u.id, true).await.unwrap();
    db.store.create_session(&session("c", &u, 7)).await.unwrap();
    assert_eq!(db.store.delete_sessions_of_user(u.id).await.unwrap(), 1);

    // Housekeeping removes the expired ("d") and the idle, not the busy ("e").
    db.store.create_session(&session("d", &u, 1)).await.unwrap();
    db.store.create_session(&session("e", &u, 7)).await.unwrap();
    db.store.create_session(&session("f", &u, 7)).await.unwrap();
    for h in [7, 14] {
        let s = db.store.touch_session("e", later(h), IDLE).await.unwrap();
        assert!(s.is_some());
    }
    assert!(
        db.store
            .touch_session("e", later(20), IDLE)
            .await
            .unwrap()
            .is_some()
    );
    let pruned = db.store.prune_accounts(later(25), IDLE, at(T0)).await;
    assert_eq!(pruned.unwrap(), 2);
    assert!(
        db.store
            .touch_session("e", later(26), IDLE)
            .await
            .unwrap()
            .is_some()
    );
}

conformance_test!(a_setup_token_works_once_and_not_after_expiry);
async fn a_setup_token_works_once_and_not_after_expiry(db: &TestDb) {
    let mut u = user("new@example.nl", Role::Beheerder, &[]);
    u.password_hash = None;
    db.store.create_user(&u).await.unwrap();
    db.store
        .create_session(&session("old", &u, 7))
        .await
        .unwrap();
    let (now, until) = (at(T0), later(48));
    for hash in ["first", "second", "late"] {
        db.store
            .create_setup_token(hash, u.id, now, until)
            .await
            .unwrap();
    }

    assert!(
        db.store
            .setup_token_user("late", later(48))
            .await
            .unwrap()
            .is_none()
    );
    let late = db.store.redeem_setup_token("late", "$h0", later(48)).await;
    assert_eq!(late.unwrap(), None, "expired");
    let shown = db.store.setup_token_user("first", later(1)).await.unwrap();
    assert_eq!(shown.map(|s| s.id), Some(u.id));

    let redeemed = db.store.redeem_setup_token("first", "$h1", later(1)).await;
    assert_eq!(redeemed.unwrap(), Some(u.id));
    let stored = db.store.user(u.id).await.unwrap().unwrap();
    assert_eq!(stored.password_hash.as_deref(), Some("$h1"));
    assert!(
        db.store
            .touch_session("old", later(1), IDLE)
            .await
            .unwrap()
            .is_none()
    );

    let again = db.store.redeem_setup_token("first", "$h2", later(2)).await;
    assert_eq!(again.unwrap(), None, "used");
    let other = db.store.redeem_setup_token("second", "$h3", later(2)).await;
    assert_eq!(other.unwrap(), None, "voided by the first redemption");
    let stored = db.store.user(u.id).await.unwrap().unwrap();
    assert_eq!(stored.password_hash.as_deref(), Some("$h1"));
}
