//! The account use cases on a real (SQLite) store with a [`FixedClock`]: login and its
//! throttle, sessions, setup links, API tokens. The store's own behaviour on both databases is
//! covered by the store's conformance suite.

use std::path::PathBuf;
use std::sync::Arc;

use domain::complaint::Role;
use jiff::{SignedDuration, Timestamp};
use store::Region;

use super::*;
use crate::{Clock, FixedClock};

const PASSWORD: &str = "correct paard batterij";

struct World {
    accounts: Accounts,
    clock: Arc<FixedClock>,
    dir: PathBuf,
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn world() -> World {
    let dir = std::env::temp_dir().join(format!("wederhoor-accounts-{}", uuid::Uuid::new_v4()));
    let url = format!("sqlite://{}/test.db", dir.display());
    let store = store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let noord = Region {
        code: "noord".into(),
        name: "Regio Noord".into(),
        management_name: "Directie Noord".into(),
        management_address: "Postbus 1".into(),
        active: true,
    };
    store.upsert_region(&noord).await.unwrap();
    let start: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
    let clock = Arc::new(FixedClock::new(start));
    World {
        accounts: Accounts::new(store, clock.clone()),
        clock,
        dir,
    }
}

fn account(email: &str, password: Option<&str>) -> NewAccount {
    NewAccount {
        email: email.into(),
        name: "Anna de Boer".into(),
        role: Role::Klachtbehandelaar,
        regions: vec!["Noord".into()],
        all_regions: false,
        password: password.map(Into::into),
    }
}

fn attempt<'a>(email: &'a str, password: &'a str) -> LoginAttempt<'a> {
    LoginAttempt {
        email,
        password,
        totp: None,
        ip: Some("192.0.2.7"),
        user_agent: Some("test"),
    }
}

fn secs(s: i64) -> SignedDuration {
    SignedDuration::from_secs(s)
}

#[tokio::test]
async fn a_session_lives_while_used_and_ends_when_idle_or_logged_out() {
    let w = world().await;
    w.accounts
        .create_user(account("Anna@Example.nl", Some(PASSWORD)))
        .await
        .unwrap();
    let made = w
        .accounts
        .authenticate(attempt("anna@example.NL", PASSWORD))
        .await
        .unwrap();
    let id = made.session_id.expose().to_owned();

    let s = w.accounts.session(&id).await.unwrap().expect("live");
    assert_eq!(
        (s.role(), s.regions()),
        (Role::Klachtbehandelaar, &["noord".to_owned()][..])
    );
    assert!(s.may_see_region("noord") && !s.may_see_region("zuid"));
    assert!(s.csrf_matches(&made.csrf_token) && !s.csrf_matches("x"));
    w.clock.advance(SignedDuration::from_hours(7));
    assert!(
        w.accounts.session(&id).await.unwrap().is_some(),
        "used within 8 h"
    );
    w.clock.advance(SignedDuration::from_hours(8));
    assert!(
        w.accounts.session(&id).await.unwrap().is_none(),
        "idle for 8 h"
    );

    let again = w
        .accounts
        .authenticate(attempt("anna@example.nl", PASSWORD))
        .await
        .unwrap();
    let id = again.session_id.expose().to_owned();
    assert!(w.accounts.logout(&id).await.unwrap());
    assert!(w.accounts.session(&id).await.unwrap().is_none());
}

#[tokio::test]
async fn after_five_failures_each_attempt_waits_twice_as_long_and_success_resets() {
    let w = world().await;
    w.accounts
        .create_user(account("jan@example.nl", Some(PASSWORD)))
        .await
        .unwrap();
    let wrong = || attempt("jan@example.nl", "wrong password!!");
    for _ in 0..5 {
        let e = w.accounts.authenticate(wrong()).await.unwrap_err();
        assert!(matches!(e, LoginError::InvalidCredentials), "{e:?}");
    }
    // Too soon: refused before the (correct) password is looked at.
    let e = w
        .accounts
        .authenticate(attempt("jan@example.nl", PASSWORD))
        .await
        .unwrap_err();
    let LoginError::TooSoon { retry_after } = e else {
        panic!("{e:?}")
    };
    assert_eq!(retry_after, secs(1));
    assert!(e.to_string().contains("over 1 seconden"), "{e}");

    w.clock.advance(secs(1));
    let e = w.accounts.authenticate(wrong()).await.unwrap_err();
    assert!(matches!(e, LoginError::InvalidCredentials), "{e:?}");
    w.clock.advance(secs(1));
    let e = w
        .accounts
        .authenticate(attempt("jan@example.nl", PASSWORD))
        .await
        .unwrap_err();
    assert!(matches!(e, LoginError::TooSoon { retry_after } if retry_after == secs(1)));
    w.clock.advance(secs(1));
    w.accounts
        .authenticate(attempt("jan@example.nl", PASSWORD))
        .await
        .unwrap();
    // Reset: a typo now costs no wait.
    let e = w.accounts.authenticate(wrong()).await.unwrap_err();
    assert!(matches!(e, LoginError::InvalidCredentials), "{e:?}");
    w.accounts
        .authenticate(attempt("jan@example.nl", PASSWORD))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_unknown_address_is_answered_and_throttled_like_a_wrong_password() {
    let w = world().await;
    for _ in 0..5 {
        let e = w
            .accounts
            .authenticate(attempt("niemand@example.nl", "x"))
            .await;
        assert!(matches!(e, Err(LoginError::InvalidCredentials)), "{e:?}");
    }
    let e = w
        .accounts
        .authenticate(attempt("niemand@example.nl", "x"))
        .await;
    assert!(matches!(e, Err(LoginError::TooSoon { .. })), "{e:?}");
}

#[test]
fn the_delay_doubles_from_the_fifth_failure_and_stops_at_fifteen_minutes() {
    let max = SignedDuration::from_mins(15);
    let delays: Vec<i64> = [0, 4, 5, 6, 7, 14, 15, 1000]
        .iter()
        .map(|&n| login_delay(n, 5, max).as_secs())
        .collect();
    assert_eq!(delays, [0, 0, 1, 2, 4, 512, 900, 900]);
}

#[tokio::test]
async fn a_disabled_user_cannot_log_in_and_loses_their_session() {
    let w = world().await;
    w.accounts
        .create_user(account("piet@example.nl", Some(PASSWORD)))
        .await
        .unwrap();
    let made = w
        .accounts
        .authenticate(attempt("piet@example.nl", PASSWORD))
        .await
        .unwrap();
    w.accounts
        .set_active("piet@example.nl", false)
        .await
        .unwrap();
    let id = made.session_id.expose();
    assert!(w.accounts.session(id).await.unwrap().is_none());
    let e = w
        .accounts
        .authenticate(attempt("piet@example.nl", PASSWORD))
        .await;
    assert!(matches!(e, Err(LoginError::InvalidCredentials)), "{e:?}");
}

#[tokio::test]
async fn a_user_with_totp_needs_the_current_code() {
    let w = world().await;
    let user = account("t@example.nl", Some(PASSWORD));
    let user = w.accounts.create_user(user).await.unwrap();
    let secret = new_totp_secret();
    let code = totp_code(&secret, w.clock.now()).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let e = w.accounts.enable_totp(user.id, &secret, wrong).await;
    assert!(matches!(e, Err(AccountError::WrongTotpCode)), "{e:?}");
    w.accounts
        .enable_totp(user.id, &secret, &code)
        .await
        .unwrap();

    let e = w
        .accounts
        .authenticate(attempt("t@example.nl", PASSWORD))
        .await;
    assert!(matches!(e, Err(LoginError::TotpRequired)), "{e:?}");
    let mut with_code = attempt("t@example.nl", PASSWORD);
    with_code.totp = Some(wrong);
    let e = w.accounts.authenticate(with_code).await;
    assert!(matches!(e, Err(LoginError::InvalidCredentials)), "{e:?}");
    with_code.totp = Some(&code);
    w.accounts.authenticate(with_code).await.unwrap();
}

#[tokio::test]
async fn a_setup_link_sets_a_policy_password_once() {
    let w = world().await;
    let user = w
        .accounts
        .create_user(account("nieuw@example.nl", None))
        .await
        .unwrap();
    assert!(user.password_hash.is_none());
    let link = w.accounts.create_setup_link(user.id).await.unwrap();
    let weak = w.accounts.redeem_setup_link(link.expose(), "kort").await;
    assert!(
        matches!(weak, Err(AccountError::Password(PasswordError::TooShort))),
        "{weak:?}"
    );
    let id = w
        .accounts
        .redeem_setup_link(link.expose(), PASSWORD)
        .await
        .unwrap();
    assert_eq!(id, user.id);
    let again = w
        .accounts
        .redeem_setup_link(link.expose(), "een ander wachtwoord")
        .await;
    assert!(matches!(again, Err(AccountError::LinkInvalid)), "{again:?}");
    w.accounts
        .authenticate(attempt("nieuw@example.nl", PASSWORD))
        .await
        .unwrap();

    let late = w.accounts.create_setup_link(user.id).await.unwrap();
    w.clock.advance(SETUP_LINK_VALID);
    let e = w.accounts.redeem_setup_link(late.expose(), PASSWORD).await;
    assert!(matches!(e, Err(AccountError::LinkInvalid)), "{e:?}");
}

#[tokio::test]
async fn an_api_token_works_until_revoked() {
    let w = world().await;
    let user = w
        .accounts
        .create_user(account("api@example.nl", None))
        .await
        .unwrap();
    let made = w
        .accounts
        .create_api_token(user.id, "koppeling")
        .await
        .unwrap();
    let dup = w.accounts.create_api_token(user.id, "koppeling").await;
    assert!(
        matches!(dup, Err(AccountError::DuplicateTokenName(_))),
        "{dup:?}"
    );
    let (token, caller) = w
        .accounts
        .api_caller(made.token.expose())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((token.id, caller.id), (made.record.id, user.id));
    assert!(
        w.accounts
            .revoke_api_token(user.id, "koppeling")
            .await
            .unwrap()
    );
    assert!(
        w.accounts
            .api_caller(made.token.expose())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn account_input_is_checked_with_dutch_reasons() {
    let w = world().await;
    let mut bad = account("geen-adres", None);
    let e = w.accounts.create_user(bad.clone()).await.unwrap_err();
    assert!(e.to_string().starts_with("ongeldig e-mailadres"), "{e}");
    bad.email = "ok@example.nl".into();
    bad.regions = vec!["atlantis".into()];
    let e = w.accounts.create_user(bad.clone()).await.unwrap_err();
    assert_eq!(e.to_string(), "onbekende regio \"atlantis\"");
    bad.regions = vec![];
    assert!(matches!(
        w.accounts.create_user(bad).await,
        Err(AccountError::NoRegion)
    ));
    w.accounts
        .create_user(account("dup@example.nl", None))
        .await
        .unwrap();
    let e = w
        .accounts
        .create_user(account("DUP@example.nl", None))
        .await;
    assert!(matches!(e, Err(AccountError::DuplicateEmail(_))), "{e:?}");
    let secret = w.accounts.secret("hmac").await.unwrap();
    assert_eq!(secret.len(), 64);
    assert_eq!(w.accounts.secret("hmac").await.unwrap(), secret);
}
