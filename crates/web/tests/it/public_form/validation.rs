//! Wrong input: a message beside each field, every value kept, nothing registered.

use reqwest::StatusCode;

use super::*;
use crate::helpers::*;

#[tokio::test]
async fn each_wrong_field_gets_a_message_beside_it_and_every_value_is_kept() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let fields = with(
        with(with(valid(), "naam", " "), "telefoon", "123"),
        "email",
        "anna@",
    );
    let fields = with(with(fields, "regio", ""), "toestemming", "");
    let response = post(&t, &token, &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(html.contains("<title>Fout: Klacht indienen · Wederhoor</title>"));
    let summary = [
        ("naam", "Vul uw naam in"),
        (
            "email",
            "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl",
        ),
        (
            "telefoon",
            "Vul een geldig telefoonnummer in, zoals 06 12345678 of +31 20 123 4567",
        ),
        ("regio", "Kies de regio waar uw klacht over gaat"),
        (
            "toestemming",
            "Geef aan dat u akkoord gaat met de privacyverklaring",
        ),
    ];
    let mut last = 0;
    for (field, message) in summary {
        let link = format!(r##"<li><a href="#{field}">{message}"##);
        let at = html
            .find(&link)
            .unwrap_or_else(|| panic!("summary links {field}: {html}"));
        assert!(at > last, "the summary follows the page order ({field})");
        last = at;
        let beside = format!(
            r#"<p class="error-message" id="{field}-error"><span class="visually-hidden">Fout:</span> {message}"#
        );
        assert!(html.contains(&beside), "message beside {field}");
    }
    assert!(html.contains(r#"id="naam" name="naam" value=" " autocomplete="name" required aria-describedby="naam-error" aria-invalid="true">"#));
    assert!(
        html.contains(r#"name="telefoon" value="123""#),
        "wrong values are kept too"
    );
    assert!(html.contains(r#"name="email" value="anna@""#));
    assert!(html.contains("Op 28 april om 14.00 uur werd ik aan de balie &#60;b&#62;onvriendelijk&#60;/b&#62; behandeld.</textarea>"), "kept, escaped: {html}");
    assert!(
        html.contains(r#"value="bejegening" id="categorie-bejegening" checked>"#),
        "{html}"
    );
    assert!(html.contains(r#"name="medewerker" value="J. Jansen""#));
    assert_eq!(
        input_value(&html, "token").as_deref(),
        Some(token.as_str()),
        "the same token: one complaint in the end"
    );
    assert_eq!(complaints(&t).await, 0);
}

#[tokio::test]
async fn neither_email_nor_phone_gets_its_own_message() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let response = post(&t, &token, &with(valid(), "email", ""), &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    let message =
        "Vul een e-mailadres of een telefoonnummer in, zodat we contact met u kunnen opnemen";
    assert!(html.contains(&format!(r##"<a href="#email">{message}</a>"##)));
    assert!(html.contains(&format!(
        r#"id="email-error"><span class="visually-hidden">Fout:</span> {message}"#
    )));
    assert_eq!(complaints(&t).await, 0);

    let response = post(
        &t,
        &token,
        &with(with(valid(), "email", ""), "telefoon", "06 12345678"),
        &[],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a phone number alone is enough"
    );
}
