//! The employee a complaint is about, once their staff account is linked, sees nothing of it
//! until a hearing offer invites them: not in the queue or its search, not on the page, not in
//! its downloads, not over the API, not in reminder mail. Every answer is the same 404 as for a
//! complaint that does not exist, and names no complainant.

use std::sync::Arc;

use domain::complaint::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::api_fixtures::{Api, api_as, api_for, drain};
use crate::api_procedure::answered_and_objected;
use crate::helpers::{STAFF_PASSWORD, TestApp};
use crate::office_complaint_fixtures::page;
use crate::office_fixtures::register;

/// The complainant `Api::register_by_phone` registers.
const COMPLAINANT: &str = "Jan Jansen";

/// A staff member of noord holding an API token, who also logs in over HTTP.
struct Employee<'a> {
    api: Api<'a>,
    browser: reqwest::Client,
}

async fn employee(t: &TestApp, role: Role) -> Employee<'_> {
    let user = t.staff_user(role, &["noord"]).await;
    let browser = TestApp::new_client();
    let mut e = Employee {
        api: api_for(t, user).await,
        browser,
    };
    e.log_in(t).await;
    e
}

impl Employee<'_> {
    /// A fresh session (the test clock moves past a session's lifetime).
    async fn log_in(&mut self, t: &TestApp) {
        self.browser = TestApp::new_client();
        let user = &self.api.user;
        let response = t.login(&self.browser, &user.email, STAFF_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
}

/// Links `user` as the employee `reference` is about, as `by`.
async fn link(by: &Api<'_>, reference: &str, user: &str) {
    by.step(reference, "employee", json!({ "user": user }))
        .await;
}

/// The href of the first letter on the staff page of `reference`.
fn letter_href(html: &str, reference: &str) -> String {
    let prefix = format!("/kantoor/klachten/{reference}/brieven/");
    let start = html.find(&prefix).expect("a letter link");
    let rest = &html[start..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// Every way `e` could reach `reference`: all 404 (or left out) and none names the complainant.
async fn sees_nothing(t: &TestApp, e: &Employee<'_>, reference: &str, letter: &str) {
    let (status, html) = t.get_with(&e.browser, "/kantoor").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains(reference), "queue lists it");
    for search in ["Jansen", reference] {
        let (_, html) = t
            .get_with(&e.browser, &format!("/kantoor?zoek={search}"))
            .await;
        // The search box repeats the input: look at the listed rows.
        let listed = crate::office_fixtures::references(&html);
        assert!(
            !listed.iter().any(|r| r == reference),
            "search {search} finds it"
        );
        assert!(!html.contains(COMPLAINANT), "search {search} names them");
    }
    for path in [page(reference), letter.to_owned()] {
        let (status, html) = t.get_with(&e.browser, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!html.contains(COMPLAINANT), "{path}");
    }
    let csrf = {
        let (_, html) = t.get_with(&e.browser, "/kantoor").await;
        crate::helpers::input_value(&html, "csrf").unwrap()
    };
    let posted = e
        .browser
        .post(t.url(&format!("{}/contact", page(reference))))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::NOT_FOUND);
    let list = e.api.get("/api/v1/complaints").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.to_string().contains(reference), "API list");
    let one = e.api.get(&format!("/api/v1/complaints/{reference}")).await;
    assert_eq!(one.status, StatusCode::NOT_FOUND);
    assert!(!one.body.to_string().contains(COMPLAINANT));
    for step in ["contact", "employee", "reassign"] {
        let a = e
            .api
            .post(&format!("/api/v1/complaints/{reference}/{step}"), json!({}))
            .await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{step}");
        assert!(!a.body.to_string().contains(COMPLAINANT), "{step}");
    }
}

#[tokio::test]
async fn the_linked_employee_sees_nothing_until_invited_to_the_hearing() {
    let t = TestApp::spawn().await;
    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let colleague = api_as(&t, Role::Klachtbehandelaar, &["noord"]).await;
    let mut e = employee(&t, Role::Klachtbehandelaar).await;
    let reference = director.register_by_phone().await;
    answered_and_objected(&t, &director, &reference).await;
    drain(&t).await;
    e.log_in(&t).await;
    let colleague_browser = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (_, html) = t.get_with(&colleague_browser, &page(&reference)).await;
    let letter = letter_href(&html, &reference);

    // Before the link the employee is an ordinary handler of the region.
    let (status, _) = t.get_with(&e.browser, &page(&reference)).await;
    assert_eq!(status, StatusCode::OK);

    let c = director
        .step(
            &reference,
            "employee",
            json!({ "user": e.api.user.id.to_string() }),
        )
        .await;
    assert!(
        c["events"].to_string().contains("employee_account_linked"),
        "{c}"
    );
    sees_nothing(&t, &e, &reference, &letter).await;
    // Colleagues still see everything, in the queue and its search too.
    for path in ["/kantoor".to_owned(), "/kantoor?zoek=Jansen".to_owned()] {
        let (_, html) = t.get_with(&colleague_browser, &path).await;
        let listed = crate::office_fixtures::references(&html);
        assert!(listed.contains(&reference), "{path}: {listed:?}");
    }
    let (status, _) = t.get_with(&colleague_browser, &letter).await;
    assert_eq!(status, StatusCode::OK);
    let listed = colleague.get("/api/v1/complaints").await.body.to_string();
    assert!(listed.contains(&reference));
    let (_, html) = t.get_with(&colleague_browser, &page(&reference)).await;
    assert!(
        html.contains("Account van de medewerker om wie het gaat gekoppeld"),
        "staff timeline"
    );

    // An offer that does not invite the employee changes nothing...
    let offer = |invited: bool| {
        json!({
            "forms": ["phone"],
            "proposed_moments": ["2026-05-08T10:00:00+02:00"],
            "employee_invited": invited,
        })
    };
    director
        .step(&reference, "hearing-offer", offer(false))
        .await;
    sees_nothing(&t, &e, &reference, &letter).await;
    // ...an offer that does lets them see it (here on a second complaint), but not act in it.
    let reference2 = director.register_by_phone().await;
    link(&director, &reference2, &e.api.user.id.to_string()).await;
    answered_and_objected(&t, &director, &reference2).await;
    e.log_in(&t).await;
    let (status, _) = t.get_with(&e.browser, &page(&reference2)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    director
        .step(&reference2, "hearing-offer", offer(true))
        .await;
    let (status, html) = t.get_with(&e.browser, &page(&reference2)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(COMPLAINANT));
    assert!(!html.contains("id=\"stap-"), "no step is offered to them");
    let (_, queue) = t.get_with(&e.browser, "/kantoor").await;
    assert!(queue.contains(&reference2));
    let one = e.api.get(&format!("/api/v1/complaints/{reference2}")).await;
    assert_eq!(one.status, StatusCode::OK);
    let tried = e
        .api
        .post(
            &format!("/api/v1/complaints/{reference2}/hearing-choice"),
            json!({ "choice": "decline" }),
        )
        .await;
    assert_eq!(tried.status, StatusCode::CONFLICT, "{}", tried.body);
    assert_eq!(
        tried.body["error"], "actor_is_employee_concerned",
        "{}",
        tried.body
    );
}

#[tokio::test]
async fn the_complaint_cannot_go_to_the_employee_it_is_about_nor_the_handler_be_linked() {
    let t = TestApp::spawn().await;
    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let e = employee(&t, Role::Klachtbehandelaar).await;
    let reference = director.register_by_phone().await;
    let id = e.api.user.id.to_string();
    director
        .step(&reference, "reassign", json!({ "assignee": id }))
        .await;
    let linked = director
        .post(
            &format!("/api/v1/complaints/{reference}/employee"),
            json!({ "user": id }),
        )
        .await;
    assert_eq!(linked.status, StatusCode::CONFLICT, "{}", linked.body);
    assert_eq!(linked.body["error"], "employee_is_assignee");
    let missing = director
        .post(
            &format!("/api/v1/complaints/{reference}/employee"),
            json!({}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = director
        .post(
            &format!("/api/v1/complaints/{reference}/employee"),
            json!({ "user": "onbekend" }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

    let other = director.register_by_phone().await;
    link(&director, &other, &id).await;
    let reassigned = director
        .post(
            &format!("/api/v1/complaints/{other}/reassign"),
            json!({ "assignee": id }),
        )
        .await;
    assert_eq!(reassigned.status, StatusCode::CONFLICT);
    assert_eq!(reassigned.body["error"], "assignee_is_employee_concerned");
    // Unlinking shows it again.
    director
        .step(&other, "employee", json!({ "user": null }))
        .await;
    let (status, _) = t.get_with(&e.browser, &page(&other)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_office_form_links_and_unlinks_in_both_languages() {
    let t = TestApp::spawn().await;
    let director = t.login_as(Role::Regiodirecteur, &["noord"]).await;
    let e = employee(&t, Role::Klachtbehandelaar).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-04-30T09:00:00Z").await;
    let (_, html) = t.get_with(&director, &page(&reference)).await;
    assert!(html.contains("Medewerker koppelen"), "{html}");
    let id = e.api.user.id.to_string();
    crate::office_complaint_fixtures::done(
        &t,
        &director,
        &reference,
        "medewerker",
        &[("medewerker_account", id.as_str())],
    )
    .await;
    let (status, _) = t.get_with(&e.browser, &page(&reference)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, html) = crate::office_complaint_fixtures::step(
        &t,
        &director,
        &reference,
        "medewerker",
        &[("medewerker_account", "")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Kies een medewerker uit de lijst"), "{html}");
    let (status, _, html) = crate::office_complaint_fixtures::step(
        &t,
        &director,
        &reference,
        "medewerker",
        &[("medewerker_account", id.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains("Deze medewerker is al aan de klacht gekoppeld."),
        "{html}"
    );
    // In English: the form, the timeline line and the refusal.
    director.get(t.url("/taal/en")).send().await.unwrap();
    let (_, html) = t.get_with(&director, &page(&reference)).await;
    assert!(html.contains("Link the employee"), "{html}");
    assert!(
        html.contains("Account of the employee concerned linked"),
        "{html}"
    );
    let (status, _, html) = crate::office_complaint_fixtures::step(
        &t,
        &director,
        &reference,
        "medewerker",
        &[("medewerker_account", id.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains("This employee is already linked to the complaint."),
        "{html}"
    );
    crate::office_complaint_fixtures::done(
        &t,
        &director,
        &reference,
        "medewerker",
        &[("medewerker_account", "geen")],
    )
    .await;
    let (status, html) = t.get_with(&e.browser, &page(&reference)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Koppeling met het account van de medewerker om wie het gaat opgeheven"),
        "{html}"
    );
}

#[tokio::test]
async fn reminders_and_escalations_do_not_go_to_the_linked_employee() {
    let t = TestApp::spawn().await;
    let colleague = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    // One complaint is about a handler of the region, the other about a director of it.
    let handler = employee(&t, Role::Klachtbehandelaar).await;
    let other_director = employee(&t, Role::Regiodirecteur).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-05-01T08:00:00Z").await;
    link(&director, &reference, &handler.api.user.id.to_string()).await;
    let about_director = register(&t, "noord", "Bert Bakker", "2026-05-01T08:00:00Z").await;
    link(
        &director,
        &about_director,
        &other_director.api.user.id.to_string(),
    )
    .await;
    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    let w = t.alert_worker(&outbox);
    // The unassigned complaint's reminders go to every handler of noord but the employee
    // (answer due Mon 18 May: reminder Tue 12 May, 07:00), and the escalation of the missed
    // contact term to the directors.
    t.clock.set("2026-05-12T05:00:00Z".parse().unwrap());
    w.drain().await.unwrap();
    let sent = outbox.list().await.unwrap();
    let to = |reference: &str, kind: &str| -> Vec<String> {
        let mail = sent
            .iter()
            .find(|m| m.subject.starts_with(kind) && m.subject.contains(reference))
            .unwrap_or_else(|| panic!("{kind} {reference}: {sent:?}"));
        let mut to: Vec<_> = mail.to.iter().map(|m| m.address.clone()).collect();
        to.sort();
        to
    };
    // The handler linked to the first complaint hears nothing of it; the colleague does.
    assert_eq!(
        to(&reference, "Herinnering"),
        std::slice::from_ref(&colleague.email)
    );
    let mut both = vec![colleague.email.clone(), handler.api.user.email.clone()];
    both.sort();
    assert_eq!(to(&about_director, "Herinnering"), both);
    // The director linked to the second complaint gets no escalation of it; the other does.
    let mut directors = vec![
        director.user.email.clone(),
        other_director.api.user.email.clone(),
    ];
    directors.sort();
    assert_eq!(to(&reference, "Termijn gemist"), directors);
    assert_eq!(
        to(&about_director, "Termijn gemist"),
        std::slice::from_ref(&director.user.email)
    );
}

#[tokio::test]
async fn an_offer_that_invites_the_linked_employee_mails_them_once() {
    let t = TestApp::spawn().await;
    let director = api_as(&t, Role::Regiodirecteur, &["noord"]).await;
    let e = employee(&t, Role::Klachtbehandelaar).await;
    let reference = director.register_by_phone().await;
    link(&director, &reference, &e.api.user.id.to_string()).await;
    answered_and_objected(&t, &director, &reference).await;
    director
        .step(
            &reference,
            "hearing-offer",
            json!({
                "forms": ["phone"],
                "proposed_moments": ["2026-05-08T10:00:00+02:00"],
                "employee_invited": true,
            }),
        )
        .await;
    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    let mailer = crate::helpers::test_mailer(outbox.clone());
    let w = app::worker::Worker::new(t.app.clone(), "test").handle(
        web::notify::EMPLOYEE_INVITED_JOB,
        Arc::new(web::notify::EmployeeInvitedMail { mailer }),
    );
    w.drain().await.unwrap();
    w.drain().await.unwrap();
    let sent = outbox.list().await.unwrap();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0].subject,
        format!("Uitnodiging mondelinge toelichting bij klacht {reference}")
    );
    let to: Vec<_> = sent[0].to.iter().map(|m| m.address.clone()).collect();
    assert_eq!(to, std::slice::from_ref(&e.api.user.email));
    let raw = String::from_utf8_lossy(&outbox.read(&sent[0].name).await.unwrap()).into_owned();
    let flat = raw.replace("=\r\n", "").replace("=\n", "");
    assert!(
        flat.contains(&format!(
            "https://klachten.example.nl/kantoor/klachten/{reference}"
        )),
        "{flat}"
    );
    assert!(
        !flat.contains(COMPLAINANT),
        "only the reference and the link"
    );
}
