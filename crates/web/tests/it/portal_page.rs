//! The portal page over HTTP: what a valid link shows, and the one neutral answer for every
//! link that does not work.

use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;

use crate::helpers::*;
use crate::portal_fixtures::*;

#[tokio::test]
async fn the_page_shows_the_reference_timeline_and_next_dates_with_their_explanation() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (reference, id) = register(&t, "anna@example.nl").await;
    let page = link(&t, id).await;

    let response = t.client.get(t.url(&page)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    assert_eq!(response.headers()["x-robots-tag"], "noindex, nofollow");
    let html = squash(&response.text().await.unwrap());
    assert!(html.contains(&reference.to_string()), "{html}");
    assert!(
        html.contains(r#"<strong id="status">in behandeling</strong>"#),
        "{html}"
    );
    assert!(
        html.contains(
            "maandag 13 april 2026, 10:00</time><br><strong>Klacht ontvangen (per e-mail)</strong>"
        ),
        "the timeline in Amsterdam time: {html}"
    );
    // 2 weeks from Mon 13 Apr end on Mon 27 Apr, Koningsdag: the next day.
    assert!(
        html.contains(r#"U ontvangt onze schriftelijke reactie</strong>: uiterlijk <time class="date" datetime="2026-04-28">dinsdag 28 april 2026</time>"#),
        "{html}"
    );
    assert!(
        html.contains(
            "Zo is deze datum berekend: 2 weken na ontvangst van de klacht op maandag 13 april 2026. \
             De termijn zelf eindigt op maandag 27 april 2026. \
             Niet meegeteld: maandag 27 april 2026: Koningsdag."
        ),
        "each date explains itself: {html}"
    );
    assert!(html.contains("Wij nemen telefonisch of per e-mail contact met u op"));
    assert!(
        html.contains("woensdag 15 april 2026"),
        "2 working days: {html}"
    );
    assert!(
        html.contains(r#"<h2 id="brieven">Brieven</h2>"#),
        "the letters section"
    );
    assert!(html.contains("Op 10 april werd ik aan de telefoon onvriendelijk behandeld."));
    assert!(
        !html.contains("Bezwaar maken"),
        "no objection before the answer"
    );
}

#[tokio::test]
async fn the_timeline_never_shows_staff_notes_or_staff_ids() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (reference, id) = register(&t, "anna@example.nl").await;
    set_clock(&t, "2026-04-14 09:30");
    let contact = domain::complaint::Command::LogFirstContact {
        via: domain::complaint::ContactMethod::Phone,
        contacted_at: t.now(),
        note: Some("Interne notitie: klaagt vaker".try_into().unwrap()),
    };
    staff(&t, reference, handler(), contact).await;
    let (_, html) = open(&t, &link(&t, id).await).await;
    assert!(html.contains("Contact opgenomen (telefonisch)"), "{html}");
    assert!(html.contains("dinsdag 14 april 2026, 09:30"), "{html}");
    assert!(
        !html.contains("Interne notitie"),
        "the handler's note stays internal"
    );
    assert!(!html.contains("behandelaar-1"), "no staff ids");
    assert!(
        !html.contains("B. de Vries"),
        "not the employee concerned either"
    );
}

#[tokio::test]
async fn an_unknown_or_malformed_link_gets_the_neutral_page() {
    let t = TestApp::spawn().await;
    for path in [
        format!("/mijn-klacht/{}", "0".repeat(64)),
        "/mijn-klacht/kort".to_owned(),
        format!("/mijn-klacht/{}", "G".repeat(64)),
    ] {
        let (status, html) = open(&t, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Deze link werkt niet (meer)"), "{html}");
        assert!(html.contains(r#"href="/mijn-klacht/link-opnieuw""#));
    }
}

#[tokio::test]
async fn a_revoked_link_gets_the_same_neutral_page() {
    let t = TestApp::spawn().await;
    let (_, id) = register(&t, "anna@example.nl").await;
    let page = link(&t, id).await;
    let (unknown_status, unknown) = open(&t, &format!("/mijn-klacht/{}", "0".repeat(64))).await;
    assert_eq!(open(&t, &page).await.0, StatusCode::OK);

    let token = page.trim_start_matches("/mijn-klacht/");
    assert!(t.accounts().revoke_portal_link(token).await.unwrap());
    let (status, html) = open(&t, &page).await;
    assert_eq!((status, html), (unknown_status, unknown), "never says why");
}

#[tokio::test]
async fn a_link_expires_ninety_days_after_the_complaint_closed() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (reference, id) = register(&t, "anna@example.nl").await;
    let page = link(&t, id).await;
    set_clock(&t, "2026-04-14 10:00");
    let withdraw = domain::complaint::Command::Withdraw { reason: None };
    staff(&t, reference, handler(), withdraw).await;

    set_clock(&t, "2026-07-13 09:00");
    let (status, html) = open(&t, &page).await;
    assert_eq!(status, StatusCode::OK, "within 90 days of closure");
    assert!(html.contains("Klacht ingetrokken"), "{html}");
    assert!(html.contains("Uw klacht is afgesloten"), "{html}");

    set_clock(&t, "2026-07-13 11:00");
    let (status, html) = open(&t, &page).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "90 days after closure");
    assert!(html.contains("Deze link werkt niet (meer)"));
}

#[tokio::test]
async fn the_link_of_one_complaint_never_shows_another() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (a, a_id) = register(&t, "anna@example.nl").await;
    let (b, _) = register(&t, "bert@example.nl").await;
    let (_, html) = open(&t, &link(&t, a_id).await).await;
    assert!(html.contains(&a.to_string()));
    assert!(!html.contains(&b.to_string()), "{html}");
    assert!(!html.contains("bert@example.nl"));
}

#[tokio::test]
async fn the_page_is_in_english_on_request() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (_, id) = register(&t, "anna@example.nl").await;
    let (_, html) = open(&t, &format!("{}?taal=en", link(&t, id).await)).await;
    assert!(html.contains("What comes next"), "{html}");
    assert!(html.contains("Tuesday 28 April 2026"), "{html}");
    assert!(
        html.contains("2 weeks after receipt of the complaint on Monday 13 April 2026"),
        "{html}"
    );
}
