//! Who may use the administration pages: only a beheerder, and every form needs the session's
//! CSRF token.

use domain::complaint::Role;
use reqwest::StatusCode;

use crate::admin_fixtures::*;
use crate::helpers::TestApp;

#[tokio::test]
async fn every_administration_page_opens_for_a_beheerder() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    for path in PAGES {
        let (status, html) = t.get_with(&client, path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {html}");
        assert!(html.contains("<h1>"), "{path}");
    }
    let users = t.store.users().await.unwrap();
    let path = format!("/kantoor/beheer/gebruikers/{}", users[0].id);
    let (status, _) = t.get_with(&client, &path).await;
    assert_eq!(status, StatusCode::OK);
    // In English as well.
    let (status, html) = t
        .get_with(&client, "/kantoor/beheer/organisatie?taal=en")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Phone number for complaints"), "{html}");
}

#[tokio::test]
async fn the_office_header_links_to_administration_only_for_a_beheerder() {
    let t = TestApp::spawn().await;
    let (_, html) = t.get_with(&beheerder(&t).await, "/kantoor").await;
    assert!(html.contains("href=\"/kantoor/beheer\""), "{html}");
    let handler = t.login_as(Role::Klachtbehandelaar, &[]).await;
    let (_, html) = t.get_with(&handler, "/kantoor").await;
    assert!(!html.contains("href=\"/kantoor/beheer\""), "{html}");
}

#[tokio::test]
async fn other_roles_are_refused_every_page_and_every_form() {
    let t = TestApp::spawn().await;
    let target = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let regions_before = t.store.regions().await.unwrap();
    let categories_before = t.store.categories().await.unwrap();
    for role in [Role::Klachtbehandelaar, Role::Regiodirecteur, Role::Lezer] {
        let client = t.login_as(role, &[]).await;
        for path in PAGES {
            let (status, _) = t.get_with(&client, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} GET {path}");
        }
        let user_page = format!("/kantoor/beheer/gebruikers/{}", target.id);
        let (status, _) = t.get_with(&client, &user_page).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} GET {user_page}");
        let mut forms = forms();
        let user_active = format!("{user_page}/actief");
        forms.push((
            user_page.clone(),
            vec![
                ("naam", "Ander"),
                ("rol", "beheerder"),
                ("alle_regios", "1"),
            ],
        ));
        forms.push((user_active, vec![("actief", "0")]));
        for (path, fields) in forms {
            let (status, _, _) = post(&t, &client, &path, &fields).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} POST {path}");
        }
    }
    assert_eq!(t.store.organisation().await.unwrap(), None);
    assert_eq!(t.store.regions().await.unwrap(), regions_before);
    assert_eq!(t.store.categories().await.unwrap(), categories_before);
    assert!(t.store.closure_days().await.unwrap().is_empty());
    assert!(
        t.store
            .user_by_email("nieuw@example.nl")
            .await
            .unwrap()
            .is_none()
    );
    let target = t.store.user(target.id).await.unwrap().unwrap();
    assert!(target.active);
    assert_eq!(target.role, Role::Klachtbehandelaar);
}

#[tokio::test]
async fn a_form_without_the_session_token_is_refused_and_changes_nothing() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    for (path, fields) in forms() {
        let (status, _, _) = post_raw(&t, &client, &path, &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "POST {path} without csrf");
        let mut wrong = vec![("csrf", "0000")];
        wrong.extend_from_slice(&fields);
        let (status, _, _) = post_raw(&t, &client, &path, &wrong).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "POST {path} with a wrong csrf"
        );
    }
    assert_eq!(t.store.organisation().await.unwrap(), None);
    assert!(t.store.closure_days().await.unwrap().is_empty());
    assert!(
        t.store
            .user_by_email("nieuw@example.nl")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        !t.store
            .regions()
            .await
            .unwrap()
            .iter()
            .any(|r| r.code == "limburg")
    );
}

#[tokio::test]
async fn without_a_session_the_pages_lead_to_the_login() {
    let t = TestApp::spawn().await;
    let (status, _) = t.get("/kantoor/beheer/organisatie").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}
