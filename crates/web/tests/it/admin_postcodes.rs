//! Postcode ranges on the beheerder's page, and the public form deriving the region from the
//! postcode of the address when the complainant leaves it open.

use domain::complaint::Role;
use reqwest::StatusCode;

use crate::admin_templates::post;
use crate::helpers::*;

#[tokio::test]
async fn postcode_ranges_are_added_refused_when_overlapping_and_removed() {
    let t = TestApp::spawn().await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let path = "/kantoor/beheer/postcodes";
    let response = post(
        &t,
        &admin,
        path,
        &[("van", "9000"), ("tot", "9999"), ("regio", "noord")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let response = post(
        &t,
        &admin,
        path,
        &[("van", "8500"), ("tot", "9100"), ("regio", "oost")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains("Dit gebied overlapt met het gebied 9000–9999"),
        "{html}"
    );
    assert!(
        html.contains("name=\"van\" value=\"8500\""),
        "values kept: {html}"
    );

    let response = post(
        &t,
        &admin,
        path,
        &[("van", "12"), ("tot", "1000"), ("regio", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("van-error") && html.contains("regio-error"),
        "{html}"
    );

    let (_, html) = t.get_with(&admin, path).await;
    assert!(
        squash(&html).contains("<td>9000</td><td>9999</td>"),
        "{html}"
    );
    let response = post(
        &t,
        &admin,
        "/kantoor/beheer/postcodes/verwijderen",
        &[("van", "9000")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(t.store.postcode_ranges().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_public_form_derives_the_region_from_the_postcode_when_left_open() {
    use crate::public_form::{open_form, post as submit, valid, with};

    let t = TestApp::spawn().await;
    let (_, html) = t.get("/klacht").await;
    assert!(
        !html.contains("value=\"postcode\""),
        "no ranges: no such choice"
    );
    t.store
        .add_postcode_range(&store::PostcodeRange {
            from: 9000,
            to: 9999,
            region: "noord".into(),
        })
        .await
        .unwrap();
    let (_, html) = t.get("/klacht").await;
    assert!(
        html.contains("<option value=\"postcode\">Weet ik niet"),
        "{html}"
    );

    let token = open_form(&t).await;
    let fields = with(
        with(valid(), "regio", "postcode"),
        "adres",
        "Dorpsstraat 1\n5611 AB Eindhoven",
    );
    let response = submit(&t, &token, &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("We konden uw regio niet bepalen aan de hand van de postcode van uw adres"),
        "{html}"
    );

    let token = open_form(&t).await;
    let fields = with(
        with(valid(), "regio", ""),
        "adres",
        "Dorpsstraat 1\n9711 AB Groningen",
    );
    let response = submit(&t, &token, &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let loaded = t.app.load("K-2026-000001".parse().unwrap()).await.unwrap();
    assert_eq!(loaded.complaint.registration().region.as_ref(), "noord");
}
