//! "Bericht sturen" in the portal: a message with files joins the timeline and the store, is
//! validated like the public form (text required, files recognised by content), is recorded
//! once when sent twice, needs the link's CSRF value, and stops with the link.

use reqwest::StatusCode;
use reqwest::header::LOCATION;
use reqwest::multipart::{Form, Part};

use crate::helpers::*;
use crate::portal_fixtures::*;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// The form as a browser posts it: multipart, same origin.
async fn send(
    t: &TestApp,
    page: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    for (name, bytes) in files {
        let part = Part::bytes(bytes.to_vec())
            .file_name(name.to_string())
            .mime_str("application/pdf")
            .expect("mime");
        form = form.part("bijlagen", part);
    }
    t.client
        .post(t.url(&format!("{page}/bericht")))
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .expect("POST")
}

/// The CSRF and idempotency values of the page's message form.
async fn form_values(t: &TestApp, page: &str) -> (String, String) {
    let (status, html) = t.get(page).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let csrf = input_value(&html, "csrf").expect("a CSRF value");
    let key = input_value(&html, "sleutel").expect("an idempotency value");
    (csrf, key)
}

async fn messages(t: &TestApp, reference: domain::reference::Reference) -> usize {
    let loaded = t.app.load(reference).await.unwrap();
    loaded
        .events
        .iter()
        .filter(|e| e.kind == "correspondence_received")
        .count()
}

#[tokio::test]
async fn a_message_with_a_pdf_appears_in_the_timeline_and_is_stored() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (_, html) = open(&t, &page).await;
    assert!(html.contains("Bericht sturen"), "{html}");
    assert!(html.contains(r#"enctype="multipart/form-data""#), "{html}");

    let (csrf, key) = form_values(&t, &page).await;
    let text = "Hierbij de <b>brief</b> die ik noemde.";
    let response = send(
        &t,
        &page,
        &[("csrf", &csrf), ("sleutel", &key), ("bericht", text)],
        &[("brief gemeente.pdf", PDF)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[LOCATION],
        format!("{page}?gedaan=bericht").as_str()
    );
    assert_eq!(messages(&t, reference).await, 1);

    let loaded = t.app.load(reference).await.unwrap();
    let files = t.store.attachments(loaded.id).await.unwrap();
    let file = files
        .iter()
        .find(|f| f.filename == "brief gemeente.pdf")
        .expect("the file is stored with the complaint");
    assert_eq!(file.content_type, "application/pdf");

    let (_, html) = open(&t, &format!("{page}?gedaan=bericht")).await;
    assert!(html.contains("Uw bericht is ontvangen."), "{html}");
    assert!(
        html.contains("Bericht van u ontvangen (via deze pagina)"),
        "{html}"
    );
    assert!(
        html.contains("Hierbij de &#60;b&#62;brief"),
        "escaped: {html}"
    );
    assert!(!html.contains("<b>brief</b>"), "never unescaped");
    let href = format!("{page}/bijlage/{}", file.id);
    assert!(html.contains(&href), "a download link: {html}");

    let response = t.client.get(t.url(&href)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.bytes().await.unwrap().as_ref(), PDF);
}

#[tokio::test]
async fn files_staff_added_are_not_downloadable_from_the_portal() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let loaded = t.app.load(reference).await.unwrap();
    let staff_file = store::NewAttachment {
        id: uuid::Uuid::now_v7(),
        filename: "intern.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: PDF.to_vec(),
    };
    let id = staff_file.id;
    t.store
        .add_attachments(loaded.id, vec![staff_file])
        .await
        .unwrap();
    let (_, html) = open(&t, &page).await;
    assert!(!html.contains("intern.pdf"), "{html}");
    let (status, _) = t.get(&format!("{page}/bijlage/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_empty_message_is_refused_beside_the_field() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (csrf, key) = form_values(&t, &page).await;
    let response = send(
        &t,
        &page,
        &[("csrf", &csrf), ("sleutel", &key), ("bericht", "  \n ")],
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains(
            r#"id="bericht-error"><span class="visually-hidden">Fout:</span> Schrijf uw bericht."#
        ),
        "{html}"
    );
    assert_eq!(messages(&t, reference).await, 0);
}

#[tokio::test]
async fn a_disguised_executable_is_refused_and_the_text_kept() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (csrf, key) = form_values(&t, &page).await;
    let exe: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.";
    let response = send(
        &t,
        &page,
        &[
            ("csrf", &csrf),
            ("sleutel", &key),
            ("bericht", "Zie bijlage."),
        ],
        &[("factuur.pdf", exe)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains("factuur.pdf is geen PDF, JPEG, PNG, DOCX of ODT"),
        "{html}"
    );
    assert!(
        html.contains(">Zie bijlage.</textarea>"),
        "text kept: {html}"
    );
    assert_eq!(
        input_value(&html, "sleutel").as_deref(),
        Some(key.as_str()),
        "the same idempotency value"
    );
    assert_eq!(messages(&t, reference).await, 0);
    let loaded = t.app.load(reference).await.unwrap();
    assert!(t.store.attachments(loaded.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_same_form_sent_twice_is_recorded_once() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (csrf, key) = form_values(&t, &page).await;
    for _ in 0..2 {
        let response = send(
            &t,
            &page,
            &[
                ("csrf", &csrf),
                ("sleutel", &key),
                ("bericht", "Nog een vraag."),
            ],
            &[("bewijs.pdf", PDF)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(messages(&t, reference).await, 1);
    let loaded = t.app.load(reference).await.unwrap();
    assert_eq!(t.store.attachments(loaded.id).await.unwrap().len(), 1);

    // A new page gives a new value: a second message is a message of its own.
    let (csrf, key2) = form_values(&t, &page).await;
    assert_ne!(key, key2);
    let response = send(
        &t,
        &page,
        &[
            ("csrf", &csrf),
            ("sleutel", &key2),
            ("bericht", "Nog een vraag."),
        ],
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(messages(&t, reference).await, 2);
}

#[tokio::test]
async fn a_message_without_the_links_csrf_value_is_forbidden() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (_, key) = form_values(&t, &page).await;
    let wrong = "00".repeat(32);
    let response = send(
        &t,
        &page,
        &[("csrf", &wrong), ("sleutel", &key), ("bericht", "Hallo")],
        &[("brief.pdf", PDF)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(messages(&t, reference).await, 0);
    let loaded = t.app.load(reference).await.unwrap();
    assert!(t.store.attachments(loaded.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn after_revoking_the_links_the_page_and_the_form_are_the_neutral_404() {
    let (t, reference, page) = answered("anna@example.nl").await;
    let (csrf, key) = form_values(&t, &page).await;
    let loaded = t.app.load(reference).await.unwrap();
    let revoked = t.accounts().revoke_portal_links(loaded.id).await.unwrap();
    assert_eq!(revoked, 1);

    let (status, html) = open(&t, &page).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains(&reference.to_string()), "{html}");
    let response = send(
        &t,
        &page,
        &[("csrf", &csrf), ("sleutel", &key), ("bericht", "Hallo")],
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(messages(&t, reference).await, 0);
}
