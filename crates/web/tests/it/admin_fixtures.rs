//! Driving the administration pages: every page and form, a beheerder's browser, posting a form
//! with the session's CSRF token.

use domain::complaint::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::helpers::{TestApp, squash};
use crate::office_complaint_fixtures::csrf;

/// Every page (GET).
pub const PAGES: [&str; 12] = [
    "/kantoor/beheer",
    "/kantoor/beheer/organisatie",
    "/kantoor/beheer/regios",
    "/kantoor/beheer/regios/nieuw",
    "/kantoor/beheer/regios/noord",
    "/kantoor/beheer/categorieen",
    "/kantoor/beheer/categorieen/nieuw",
    "/kantoor/beheer/categorieen/bejegening",
    "/kantoor/beheer/sluitingsdagen",
    "/kantoor/beheer/gebruikers",
    "/kantoor/beheer/gebruikers/nieuw",
    "/kantoor/beheer/procedure",
];

/// Every form (POST) with valid values; the user routes are added per test (they need an id).
pub fn forms() -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let forms = vec![
        ("/kantoor/beheer/organisatie", organisation()),
        (
            "/kantoor/beheer/regios/nieuw",
            vec![
                ("code", "limburg"),
                ("naam", "Regio Limburg"),
                ("directie", "Directie regio Limburg"),
                ("directieadres", "Postbus 5\n6200 AA Maastricht"),
                ("actief", "1"),
            ],
        ),
        (
            "/kantoor/beheer/regios/noord",
            vec![
                ("naam", "Regio Noord-Nederland"),
                ("directie", "Directie Noord"),
                ("directieadres", "Postbus 1\n9700 AA Groningen"),
                ("actief", "1"),
            ],
        ),
        (
            "/kantoor/beheer/categorieen/nieuw",
            vec![
                ("code", "wachttijd"),
                ("naam", "Wachttijd"),
                ("naam_en", "Waiting time"),
                ("actief", "1"),
            ],
        ),
        (
            "/kantoor/beheer/categorieen/bejegening",
            vec![("naam", "Bejegening"), ("naam_en", "Treatment")],
        ),
        (
            "/kantoor/beheer/sluitingsdagen",
            vec![("datum", "2026-05-04"), ("naam", "Brugdag")],
        ),
        (
            "/kantoor/beheer/gebruikers/nieuw",
            vec![
                ("email", "nieuw@example.nl"),
                ("naam", "Nieuw"),
                ("rol", "beheerder"),
                ("alle_regios", "1"),
            ],
        ),
        (
            "/kantoor/beheer/sluitingsdagen/verwijderen",
            vec![("datum", "2026-05-04")],
        ),
    ];
    forms.into_iter().map(|(p, f)| (p.to_owned(), f)).collect()
}

/// The organisation form, filled in correctly.
pub fn organisation() -> Vec<(&'static str, &'static str)> {
    vec![
        ("naam", "Focus Nederland"),
        ("telefoon", "088 007 1400"),
        ("email", "klachten@focusnederland.nl"),
        ("adres", "Postbus 2045\n3800 CA Amersfoort"),
        ("plaats", "Amersfoort"),
        ("privacy", "privacy@focusnederland.nl"),
        ("website", "https://www.focusnederland.nl"),
    ]
}

/// A browser logged in as a new beheerder.
pub async fn beheerder(t: &TestApp) -> reqwest::Client {
    t.login_as(Role::Beheerder, &[]).await
}

/// Posts `fields` with the session's CSRF token: status, redirect target, squashed body.
pub async fn post(
    t: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let csrf = csrf(t, client).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    post_raw(t, client, path, &form).await
}

/// Posts exactly `form` (no token added).
pub async fn post_raw(
    t: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let response = client
        .post(t.url(path))
        .form(form)
        .send()
        .await
        .expect("POST");
    let status = response.status();
    let location = response
        .headers()
        .get(LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, squash(&response.text().await.unwrap()))
}

/// The message shown beside field `name` (the text of its `…-error` paragraph).
pub fn field_error(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("id=\"{name}-error\">"))?;
    let rest = &html[start..];
    let text = &rest[rest.find('>')? + 1..rest.find("</p>")?];
    Some(
        text.replace("<span class=\"visually-hidden\">Fout:</span>", "")
            .trim()
            .to_owned(),
    )
}
