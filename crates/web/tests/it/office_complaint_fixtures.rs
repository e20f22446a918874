//! Driving the complaint page over HTTP as a staff member: read the page's CSRF token, post a
//! step's form, follow the procedure up to a given status.

use domain::complaint::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::{TestApp, input_value};

/// The complaint page's path.
pub fn page(reference: &str) -> String {
    format!("/kantoor/klachten/{reference}")
}

/// Posts `fields` (plus the session's CSRF token) to the step `step` of `reference`: the
/// status, the redirect target (if any) and the body.
pub async fn step(
    t: &TestApp,
    client: &reqwest::Client,
    reference: &str,
    step: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let csrf = csrf(t, client).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    let response = client
        .post(t.url(&format!("{}/{step}", page(reference))))
        .form(&form)
        .send()
        .await
        .expect("POST step");
    let status = response.status();
    let location = response
        .headers()
        .get(LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

/// Like [`step`], asserting it was recorded (303 back to the page with the confirmation).
pub async fn done(
    t: &TestApp,
    client: &reqwest::Client,
    reference: &str,
    name: &str,
    fields: &[(&str, &str)],
) {
    let (status, location, body) = step(t, client, reference, name, fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{name}: {body}");
    assert_eq!(
        location.as_deref(),
        Some(format!("{}?gedaan={name}", page(reference)).as_str())
    );
}

/// The session's CSRF token (from the queue page's logout form).
pub async fn csrf(t: &TestApp, client: &reqwest::Client) -> String {
    let (_, html) = t.get_with(client, "/kantoor").await;
    input_value(&html, "csrf").expect("csrf field")
}

/// Registers a complaint by phone in noord over HTTP, received today at 09:30; its reference.
pub async fn register_by_phone(t: &TestApp, client: &reqwest::Client) -> String {
    let (status, html) = t.get_with(client, "/kantoor/klachten/nieuw").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let key = input_value(&html, "sleutel").expect("idempotency key");
    let csrf = csrf(t, client).await;
    let today = t
        .now()
        .to_zoned_datetime(domain::time::amsterdam())
        .date()
        .to_string();
    let response = client
        .post(t.url("/kantoor/klachten/nieuw"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("sleutel", &key),
            ("kanaal", "phone"),
            ("datum", &today),
            ("tijd", "09:30"),
            ("naam", "Jan Jansen"),
            ("telefoon", "06 1234 5678"),
            ("regio", "noord"),
            ("categorie", "bejegening"),
            ("beschrijving", "De chauffeur was onbeleefd tegen mij."),
            ("uitkomst", "Excuses"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = response.headers()[LOCATION].to_str().unwrap().to_owned();
    to.strip_prefix("/kantoor/klachten/")
        .and_then(|r| r.strip_suffix("?gedaan=geregistreerd"))
        .expect("redirect to the new complaint")
        .to_owned()
}

/// Moves the clock `days` on; sessions end after 8 idle hours, so this returns a browser
/// logged in afresh as a new staff member of `role` for noord.
pub async fn days_later(t: &TestApp, days: i64, role: Role) -> reqwest::Client {
    t.advance_secs(days * 24 * 3600);
    t.login_as(role, &["noord"]).await
}

/// Answers `reference` (dated today), then three days later registers an objection by letter
/// received then; the browser to go on with (logged in again as a handler).
pub async fn answered_and_objected(
    t: &TestApp,
    client: &reqwest::Client,
    reference: &str,
) -> reqwest::Client {
    let today = t
        .now()
        .to_zoned_datetime(domain::time::amsterdam())
        .date()
        .to_string();
    done(t, client, reference, "antwoord", &answer(&today)).await;
    let client = days_later(t, 3, Role::Klachtbehandelaar).await;
    let received = now_local(t);
    done(
        t,
        &client,
        reference,
        "bezwaar",
        &[
            ("bezwaar_via", "brief"),
            ("bezwaar_ontvangen", &received),
            ("bezwaar_tekst", "Ik ben het er niet mee eens."),
        ],
    )
    .await;
    client
}

/// A complete answer dated `dagtekening`.
pub fn answer(dagtekening: &str) -> [(&'static str, &str); 5] {
    [
        ("actie", "versturen"),
        ("antwoord_dagtekening", dagtekening),
        ("antwoord_klacht", "U vond de chauffeur onbeleefd."),
        ("antwoord_oplossing", "Wij bieden excuses aan."),
        ("antwoord_procedure", "Bezwaar binnen 15 dagen."),
    ]
}

/// Now, as `<input type="datetime-local">` writes it.
pub fn now_local(t: &TestApp) -> String {
    t.now()
        .to_zoned_datetime(domain::time::amsterdam())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}
