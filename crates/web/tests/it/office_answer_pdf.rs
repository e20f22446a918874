//! The answer form's "Voorbeeld (PDF)": the answer letter from the draft, nothing recorded.

use domain::complaint::Role;
use reqwest::StatusCode;

use crate::admin_templates::{content_type, post, text};
use crate::helpers::*;
use crate::office_complaint_fixtures::register_by_phone;

#[tokio::test]
async fn the_answer_draft_is_previewed_as_pdf_without_issuing_it() {
    let t = TestApp::spawn().await;
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register_by_phone(&t, &client).await;
    let before = t.app.load(reference.parse().unwrap()).await.unwrap();
    let path = format!("/kantoor/klachten/{reference}/antwoord/voorbeeld");
    let (_, page) = t
        .get_with(&client, &format!("/kantoor/klachten/{reference}"))
        .await;
    assert!(page.contains(&format!("formaction=\"{path}\"")), "{page}");

    let fields = [
        ("antwoord_dagtekening", "2026-05-04"),
        ("antwoord_klacht", "U vond de chauffeur onbeleefd."),
        (
            "antwoord_oplossing",
            "Wij bieden onze excuses aan en spreken de chauffeur aan.",
        ),
        ("antwoord_procedure", "Bezwaar binnen 15 dagen."),
    ];
    let response = post(&t, &client, &path, &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(content_type(&response), "application/pdf");
    let pdf = response.bytes().await.unwrap();
    if let Some(text) = text(&pdf) {
        assert!(text.contains("U vond de chauffeur onbeleefd."), "{text}");
        assert!(text.contains("Wij bieden onze excuses aan"), "{text}");
        // 15 days after Mon 4 May 2026 (5 May, Bevrijdingsdag, within the term).
        assert!(
            text.contains("19 mei 2026"),
            "the last day to object: {text}"
        );
        // Signed as the answer will be: by the staff member issuing it (here, previewing).
        assert!(
            text.contains("Test klachtbehandelaar Klachtbehandelaar"),
            "the signatory: {text}"
        );
    }
    let after = t.app.load(reference.parse().unwrap()).await.unwrap();
    assert_eq!(after.seq, before.seq, "no event");
    assert!(t.store.documents(after.id).await.unwrap().is_empty());

    let response = post(&t, &client, &path, &[("antwoord_dagtekening", "gisteren")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("antwoord_dagtekening-error"), "{html}");
    assert!(html.contains("value=\"gisteren\""), "value kept");
}
