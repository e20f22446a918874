//! Logging in and out of the back office, the login throttle, and the one-time setup link.

use domain::complaint::Role;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};

use crate::helpers::{STAFF_PASSWORD, TestApp, squash};

/// The value of the session cookie a response sets.
fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("wederhoor_sessie="))
        .expect("a session cookie")
        .to_owned()
}

fn location(response: &reqwest::Response) -> &str {
    response.headers()[LOCATION].to_str().unwrap()
}

/// The error summary's message on the login page.
fn login_error(html: &str) -> String {
    let start = html.find("<a href=\"#").expect("an error message");
    let rest = &html[start..];
    let text = &rest[rest.find('>').unwrap() + 1..rest.find("</a>").unwrap()];
    text.to_owned()
}

#[tokio::test]
async fn a_staff_member_who_logs_in_lands_on_the_work_queue() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;

    let response = t.login(&t.client, &user.email, STAFF_PASSWORD).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/kantoor");
    let cookie = session_cookie(&response);
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604800"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let (status, html) = t.get("/kantoor").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&user.name) && html.contains("klachtbehandelaar"));
    assert!(html.contains("Uitloggen"));
}

#[tokio::test]
async fn a_wrong_password_gets_the_same_answer_as_an_unknown_address() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;

    let wrong = t
        .login(&t.client, &user.email, "niet het goede wachtwoord")
        .await;
    let wrong_status = wrong.status();
    let wrong_html = wrong.text().await.unwrap();
    let unknown = t
        .login(&t.client, "niemand@example.nl", STAFF_PASSWORD)
        .await;
    let unknown_status = unknown.status();
    let unknown_html = unknown.text().await.unwrap();

    assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_status, wrong_status);
    assert_eq!(login_error(&wrong_html), login_error(&unknown_html));
    assert_eq!(
        login_error(&wrong_html),
        "Onjuist e-mailadres of wachtwoord (of code)."
    );
    assert!(!wrong_html.contains(STAFF_PASSWORD) && !unknown_html.contains(STAFF_PASSWORD));
}

#[tokio::test]
async fn after_five_failures_even_the_right_password_must_wait() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    for _ in 0..5 {
        let response = t
            .login(&t.client, &user.email, "geraden wachtwoord 123")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }

    let sixth = t.login(&t.client, &user.email, STAFF_PASSWORD).await;
    assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sixth.headers()["retry-after"], "1");
    let html = sixth.text().await.unwrap();
    assert_eq!(
        login_error(&html),
        "Te veel mislukte pogingen; probeer het over 1 seconde opnieuw."
    );
    let (status, _) = t.get("/kantoor").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "no session was started");

    t.advance_secs(2);
    let later = t.login(&t.client, &user.email, STAFF_PASSWORD).await;
    assert_eq!(later.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&later), "/kantoor");
}

#[tokio::test]
async fn logging_out_ends_the_session_and_its_cookie_no_longer_works() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Lezer, &[]).await;
    let login = t.login(&t.client, &user.email, STAFF_PASSWORD).await;
    let cookie = session_cookie(&login);
    let old = cookie.split(';').next().unwrap().to_owned();
    let (_, html) = t.get("/kantoor").await;
    let csrf = crate::helpers::input_value(&html, "csrf").expect("csrf field");

    let response = t
        .client
        .post(t.url("/kantoor/uitloggen"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/kantoor/inloggen?uitgelogd=1");
    assert!(session_cookie(&response).contains("Max-Age=0"));
    let replay = TestApp::new_client()
        .get(t.url("/kantoor"))
        .header("cookie", &old)
        .send()
        .await
        .unwrap();
    assert_eq!(
        replay.status(),
        StatusCode::SEE_OTHER,
        "the old session id opens nothing"
    );
    let (_, page) = t.get("/kantoor/inloggen?uitgelogd=1").await;
    assert!(page.contains("U bent uitgelogd."));
}

#[tokio::test]
async fn a_new_login_replaces_the_session_the_browser_had() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let first = session_cookie(&t.login(&t.client, &user.email, STAFF_PASSWORD).await);
    let second = session_cookie(&t.login(&t.client, &user.email, STAFF_PASSWORD).await);
    assert_ne!(first, second, "a new session id at every login");

    let first = first.split(';').next().unwrap().to_owned();
    let replay = TestApp::new_client()
        .get(t.url("/kantoor"))
        .header("cookie", &first)
        .send()
        .await
        .unwrap();
    assert_eq!(
        replay.status(),
        StatusCode::SEE_OTHER,
        "the previous session was deleted"
    );
    let (status, _) = t.get("/kantoor").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_login_returns_to_the_page_asked_for_but_only_on_this_site() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;

    let (status, _) = t.get("/kantoor?status=in_progress").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let asked = t
        .client
        .get(t.url("/kantoor?status=in_progress"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&asked),
        "/kantoor/inloggen?terug=%2Fkantoor%3Fstatus%3Din_progress"
    );
    let (_, form) = t.get(location(&asked)).await;
    assert!(form.contains("name=\"terug\" value=\"/kantoor?status=in_progress\""));

    let login = |terug: &'static str| {
        let client = TestApp::new_client();
        let url = t.url("/kantoor/inloggen");
        let email = user.email.clone();
        async move {
            client
                .post(url)
                .form(&[
                    ("email", email.as_str()),
                    ("wachtwoord", STAFF_PASSWORD),
                    ("terug", terug),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        location(&login("/kantoor?status=in_progress").await),
        "/kantoor?status=in_progress"
    );
    assert_eq!(location(&login("//evil.example/kantoor").await), "/kantoor");
    assert_eq!(location(&login("https://evil.example/").await), "/kantoor");
}

#[tokio::test]
async fn a_user_with_two_factor_login_also_types_the_code() {
    let t = TestApp::spawn().await;
    let user = t.staff_user(Role::Regiodirecteur, &["noord"]).await;
    let secret = app::accounts::new_totp_secret();
    let code = app::accounts::totp_code(&secret, t.now()).unwrap();
    t.accounts()
        .enable_totp(user.id, &secret, &code)
        .await
        .unwrap();

    let without = t.login(&t.client, &user.email, STAFF_PASSWORD).await;
    assert_eq!(without.status(), StatusCode::UNAUTHORIZED);
    assert!(
        squash(&without.text().await.unwrap())
            .contains("Voer ook de code uit uw authenticator-app in")
    );

    let with = t
        .client
        .post(t.url("/kantoor/inloggen"))
        .form(&[
            ("email", user.email.as_str()),
            ("wachtwoord", STAFF_PASSWORD),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_setup_link_sets_the_password_once() {
    let t = TestApp::spawn().await;
    let accounts = t.accounts();
    let user = accounts
        .create_user(app::accounts::NewAccount {
            email: "nieuw@example.nl".into(),
            name: "Nieuwe Collega".into(),
            role: Role::Klachtbehandelaar,
            regions: vec!["noord".into()],
            all_regions: false,
            password: None,
        })
        .await
        .unwrap();
    let token = accounts.create_setup_link(user.id).await.unwrap();
    let path = format!("/wachtwoord/instellen/{}", token.expose());
    let (status, html) = t.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("nieuw@example.nl") && html.contains("Nieuwe Collega"));

    let post = |pw: &'static str, again: &'static str| {
        let request = t
            .client
            .post(t.url(&path))
            .form(&[("wachtwoord", pw), ("herhaling", again)]);
        async move { request.send().await.unwrap() }
    };
    let mismatch = post(
        "een lange zin als wachtwoord",
        "een andere zin als wachtwoord",
    )
    .await;
    assert_eq!(mismatch.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        mismatch
            .text()
            .await
            .unwrap()
            .contains("De wachtwoorden komen niet overeen.")
    );
    let short = post("te kort", "te kort").await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = short.text().await.unwrap();
    assert!(html.contains("id=\"wachtwoord-error\"") && html.contains("minstens 12 tekens"));

    let set = post(
        "een lange zin als wachtwoord",
        "een lange zin als wachtwoord",
    )
    .await;
    assert_eq!(set.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&set), "/kantoor/inloggen?ingesteld=1");

    let again = post(
        "nog een lange zin als wachtwoord",
        "nog een lange zin als wachtwoord",
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "the link works once");
    let (status, html) = t.get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("ongeldig, al gebruikt of verlopen"));
    let login = t
        .login(
            &t.client,
            "nieuw@example.nl",
            "een lange zin als wachtwoord",
        )
        .await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
}
