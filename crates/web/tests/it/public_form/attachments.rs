//! Attachments: limits and recognition by content.

use reqwest::StatusCode;

use super::*;
use crate::helpers::*;

#[tokio::test]
async fn a_file_over_10_mb_is_refused_by_name() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let response = post(&t, &token, &valid(), &[file("groot.pdf", &big)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(
        html.contains(r##"<a href="#bijlagen">groot.pdf is groter dan 10 MB</a>"##),
        "{html}"
    );
    assert!(
        html.contains("Kies uw bijlagen opnieuw"),
        "the page says files are not kept"
    );
    assert!(html.contains(r#"name="naam" value="Anna de Vries""#));
    assert_eq!(complaints(&t).await, 0);
}

#[tokio::test]
async fn more_than_five_files_are_refused() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let files: Vec<_> = (1..=6).map(|i| file(&format!("{i}.pdf"), PDF)).collect();
    let response = post(&t, &token, &valid(), &files).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("U kunt hoogstens 5 bestanden meesturen"));
    assert_eq!(complaints(&t).await, 0);
}

#[tokio::test]
async fn a_pdf_name_on_other_content_is_refused() {
    let t = TestApp::spawn().await;
    let token = open_form(&t).await;
    let exe = b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.";
    let response = post(
        &t,
        &token,
        &valid(),
        &[file("factuur.pdf", exe), file("ok.pdf", PDF)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = squash(&response.text().await.unwrap());
    assert!(html.contains("factuur.pdf is geen PDF, JPEG, PNG, DOCX of ODT (het type wordt aan de inhoud herkend, niet aan de naam)"), "{html}");
    assert!(!html.contains("ok.pdf is"), "only the wrong file is named");
    assert_eq!(complaints(&t).await, 0);
}
