//! The beheerder's pages for letter templates, e-mail wording and the outbox: access by role,
//! preview and refusal of templates, a saved template in the next letter or mail, the outbox
//! after a mail job. Postcode ranges: `admin_postcodes`; the answer's PDF preview:
//! `office_answer_pdf`.

use std::sync::Arc;

use domain::complaint::Role;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};

use crate::helpers::*;
use crate::letters::pdf_text;
use crate::office_complaint_fixtures::csrf;
use crate::portal_fixtures::answered;

const OWN_TEMPLATE: &str = r#"#import "/base.typ": *
#let d = json("/data.json")
#show: letter.with(d, subject: "Eigen onderwerp")

#d.salutation,

Eigen tekst van de organisatie, laatste dag #d.body.objection.last_day.full.

#closing(d)
"#;

const BROKEN_TEMPLATE: &str = "#let d = json(\"/data.json\")\n\nTekst\n#d.body.no_such_field\n";

/// Posts `fields` plus the session's CSRF token to `path`.
pub async fn post(
    t: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf(t, client).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    client
        .post(t.url(path))
        .form(&form)
        .send()
        .await
        .expect("POST")
}

/// The PDF's text with whitespace squashed, when pdftotext is installed.
pub fn text(pdf: &[u8]) -> Option<String> {
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    pdf_text(pdf).map(|t| squash(&t))
}

pub fn content_type(response: &reqwest::Response) -> String {
    response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned()
}

const PAGES: [&str; 7] = [
    "/kantoor/beheer/brieven",
    "/kantoor/beheer/brieven/answer",
    "/kantoor/beheer/mails",
    "/kantoor/beheer/mails/receipt",
    "/kantoor/beheer/uitgaand",
    "/kantoor/beheer/postcodes",
    "/kantoor/beheer/uitgaand/20260415T101112.345678Z-x@example.nl.eml",
];

#[tokio::test]
async fn only_a_beheerder_may_open_or_post_the_template_outbox_and_postcode_pages() {
    let t = TestApp::spawn().await;
    for role in [Role::Klachtbehandelaar, Role::Regiodirecteur, Role::Lezer] {
        let client = t.login_as(role, &[]).await;
        for path in PAGES {
            let (status, _) = t.get_with(&client, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} GET {path}");
        }
        let posts: [(&str, &[(&str, &str)]); 4] = [
            (
                "/kantoor/beheer/mails/receipt",
                &[("actie", "opslaan"), ("onderwerp", "Eigen {{ kenmerk }}")],
            ),
            (
                "/kantoor/beheer/brieven/answer",
                &[("actie", "opslaan"), ("bron", OWN_TEMPLATE)],
            ),
            (
                "/kantoor/beheer/postcodes",
                &[("van", "1000"), ("tot", "1099"), ("regio", "west")],
            ),
            ("/kantoor/beheer/postcodes/verwijderen", &[("van", "1000")]),
        ];
        for (path, fields) in posts {
            let response = post(&t, &client, path, fields).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{role:?} POST {path}"
            );
        }
    }
    assert!(t.store.current_templates().await.unwrap().is_empty());
    assert!(t.store.postcode_ranges().await.unwrap().is_empty());

    let admin = t.login_as(Role::Beheerder, &[]).await;
    for path in &PAGES[..6] {
        let (status, html) = t.get_with(&admin, path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {html}");
    }
    let (status, _) = t.get_with(&admin, PAGES[6]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no such mail");
    for bad in ["..%2F..%2Fetc%2Fpasswd", ".hidden.eml", "x.txt"] {
        let (status, _) = t
            .get_with(&admin, &format!("/kantoor/beheer/uitgaand/{bad}"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn a_letter_template_is_previewed_as_pdf_and_refused_with_typsts_message_when_broken() {
    let t = TestApp::spawn().await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let (_, list) = t.get_with(&admin, "/kantoor/beheer/brieven").await;
    assert!(list.contains("/kantoor/beheer/brieven/answer"), "{list}");
    assert!(list.contains("standaard"));
    let (status, html) = t.get_with(&admin, "/kantoor/beheer/brieven/answer").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("#import &#34;/base.typ&#34;"),
        "the built-in source in the textarea: {html}"
    );

    let path = "/kantoor/beheer/brieven/answer";
    let response = post(
        &t,
        &admin,
        path,
        &[("actie", "voorbeeld"), ("bron", OWN_TEMPLATE)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(content_type(&response), "application/pdf");
    let pdf = response.bytes().await.unwrap();
    if let Some(text) = text(&pdf) {
        assert!(text.contains("Eigen tekst van de organisatie"), "{text}");
    }
    assert!(
        t.store.current_templates().await.unwrap().is_empty(),
        "a preview stores nothing"
    );

    for actie in ["voorbeeld", "opslaan"] {
        let response = post(
            &t,
            &admin,
            path,
            &[("actie", actie), ("bron", BROKEN_TEMPLATE)],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{actie}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains("Het sjabloon geeft geen brief"), "{html}");
        assert!(html.contains("letter.typ, line 4"), "Typst's line: {html}");
        assert!(html.contains("no_such_field"), "Typst's message: {html}");
        assert!(
            html.contains("#d.body.no_such_field\n</textarea>"),
            "value kept: {html}"
        );
    }
    let response = post(&t, &admin, path, &[("actie", "opslaan"), ("bron", "  ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(t.store.current_templates().await.unwrap().is_empty());
}

/// Runs the letter jobs due now, mailing to the test server's outbox.
async fn drain_letters(t: &TestApp) {
    let outbox = mail::FileOutbox::new(&t.outbox_dir);
    t.letter_worker(outbox).drain().await.unwrap();
}

#[tokio::test]
async fn a_saved_letter_template_is_used_by_the_next_letter_and_the_outbox_shows_the_mail() {
    let (t, reference, _) = answered("anna@example.nl").await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let path = "/kantoor/beheer/brieven/answer";
    let response = post(
        &t,
        &admin,
        path,
        &[("actie", "opslaan"), ("bron", OWN_TEMPLATE)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[LOCATION],
        "/kantoor/beheer/brieven/answer?gedaan=opgeslagen"
    );
    let (_, list) = t.get_with(&admin, "/kantoor/beheer/brieven").await;
    assert!(list.contains("eigen versie van"), "{list}");

    drain_letters(&t).await;
    let loaded = t.app.load(reference).await.unwrap();
    let documents = t.store.documents(loaded.id).await.unwrap();
    let letter = t.store.document(documents[0].id).await.unwrap().unwrap();
    if let Some(text) = text(&letter.bytes) {
        assert!(text.contains("Eigen onderwerp"), "{text}");
        assert!(
            text.contains("Eigen tekst van de organisatie, laatste dag woensdag 6 mei 2026."),
            "{text}"
        );
    }

    // The outbox page lists the letter's mail and opens it.
    let (status, html) = t.get_with(&admin, "/kantoor/beheer/uitgaand").await;
    assert_eq!(status, StatusCode::OK);
    let subject = format!("Reactie op uw klacht {reference}");
    assert!(html.contains(&subject), "{html}");
    assert!(html.contains("anna@example.nl"), "{html}");
    let start = html
        .find("/kantoor/beheer/uitgaand/2")
        .expect("a link to the mail");
    let href = &html[start..];
    let href = &href[..href.find('"').unwrap()];
    let (status, mail) = t.get_with(&admin, href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(mail.contains("In de bijlage vindt u onze brief"), "{mail}");
    assert!(
        mail.contains("&#60;p&#62;Beste"),
        "the HTML part as escaped source: {mail}"
    );
    assert!(!mail.contains("<p>Beste"), "never rendered");
    let response = admin
        .get(t.url(&format!("{href}/bijlage/0")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(content_type(&response), "application/pdf");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(response.bytes().await.unwrap(), letter.bytes);

    // Back to the built-in template.
    let response = post(&t, &admin, path, &[("actie", "standaard")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = t.get_with(&admin, "/kantoor/beheer/brieven").await;
    assert!(!list.contains("eigen versie van"), "{list}");
    let history = t.store.template_history("letter.answer", 10).await.unwrap();
    assert_eq!(history.len(), 2, "both versions kept");
}

#[tokio::test]
async fn own_mail_wording_is_previewed_checked_and_used_by_the_next_receipt() {
    let t = TestApp::spawn().await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let path = "/kantoor/beheer/mails/receipt";
    let own = [
        ("onderwerp", "Wij hebben uw klacht {{ kenmerk }} ontvangen"),
        ("tekst", ""),
        ("html", "<p>Beste {{ naam }},</p><p>{{ vervolg }}</p>"),
    ];
    let mut fields = vec![("actie", "voorbeeld")];
    fields.extend_from_slice(&own);
    let response = post(&t, &admin, path, &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Wij hebben uw klacht K-2026-000123 ontvangen"),
        "{html}"
    );
    assert!(
        html.contains("(standaardtekst)"),
        "an empty part stays built-in"
    );
    assert!(
        html.contains("&#60;p&#62;Beste A. de Vries,"),
        "HTML shown as source: {html}"
    );
    assert!(t.store.current_templates().await.unwrap().is_empty());

    let response = post(
        &t,
        &admin,
        path,
        &[("actie", "opslaan"), ("onderwerp", "Klacht {{ nummer }}")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("onderwerp-error"), "{html}");
    assert!(
        html.contains("{{ nummer }}’ bestaat niet in deze e-mail"),
        "{html}"
    );
    assert!(t.store.current_templates().await.unwrap().is_empty());

    let mut fields = vec![("actie", "opslaan")];
    fields.extend_from_slice(&own);
    let response = post(&t, &admin, path, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = t.get_with(&admin, "/kantoor/beheer/mails").await;
    assert!(list.contains("eigen: onderwerp, html"), "{list}");

    // A complaint by e-mail queues a receipt; its mail has the own subject and HTML.
    let (reference, _) = crate::portal_fixtures::register(&t, "anna@example.nl").await;
    let outbox = mail::FileOutbox::new(&t.outbox_dir);
    let handler = web::notify::ReceiptMail {
        mailer: crate::helpers::test_mailer(outbox.clone()),
        accounts: Arc::new(t.accounts()),
    };
    app::worker::Worker::new(t.app.clone(), "test")
        .handle(web::notify::RECEIPT_JOB, Arc::new(handler))
        .drain()
        .await
        .unwrap();
    let sent = outbox.list().await.unwrap();
    assert_eq!(
        sent[0].subject,
        format!("Wij hebben uw klacht {reference} ontvangen")
    );
    let raw = String::from_utf8_lossy(&outbox.read(&sent[0].name).await.unwrap()).into_owned();
    let parsed = mail::parse(raw.as_bytes()).unwrap();
    assert!(
        parsed.text.contains("Wat er nu gebeurt"),
        "the built-in text part: {}",
        parsed.text
    );
}

/// The text of the textarea `name`, unescaped as a browser submits it.
fn textarea(html: &str, name: &str) -> String {
    let start = html
        .find(&format!("<textarea id=\"{name}\""))
        .unwrap_or_else(|| panic!("textarea {name}: {html}"));
    let rest = &html[start..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let raw = &rest[..rest.find("</textarea>").unwrap()];
    // A browser drops one newline right after the opening tag.
    let raw = raw.strip_prefix('\n').unwrap_or(raw);
    [
        ("&#60;", "<"),
        ("&#62;", ">"),
        ("&#34;", "\""),
        ("&#39;", "'"),
        ("&#38;", "&"),
    ]
    .iter()
    .fold(raw.to_owned(), |s, (entity, c)| s.replace(entity, c))
}

/// The parts of `mail` with an override in force.
async fn overridden(t: &TestApp, mail: &str) -> Vec<String> {
    let prefix = format!("mail.{mail}.");
    let mut kinds: Vec<String> = t
        .store
        .current_templates()
        .await
        .unwrap()
        .into_iter()
        .filter(|v| v.kind.starts_with(&prefix) && v.source.is_some())
        .map(|v| v.kind)
        .collect();
    kinds.sort();
    kinds
}

#[tokio::test]
async fn the_mail_editor_starts_from_the_built_in_wording_and_goes_back_to_it() {
    let t = TestApp::spawn().await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    let path = "/kantoor/beheer/mails/portal_link";

    // No override: every part starts from the built-in wording, placeholders in place.
    let (status, html) = t.get_with(&admin, path).await;
    assert_eq!(status, StatusCode::OK);
    let subject = textarea(&html, "onderwerp");
    let text = textarea(&html, "tekst");
    let html_part = textarea(&html, "html");
    assert_eq!(subject, "Uw persoonlijke link voor klacht {{ kenmerk }}");
    assert!(
        text.starts_with("Beste {{ naam }},\n\nU heeft een nieuwe persoonlijke link gevraagd"),
        "{text}"
    );
    assert!(text.contains("\n{{ link }}\n"), "{text}");
    assert!(
        html_part.contains("<a href=\"{{ link }}\">Open uw klacht via uw persoonlijke link</a>"),
        "{html_part}"
    );

    // Its preview is the built-in mail with the sample values.
    let fields = [
        ("actie", "voorbeeld"),
        ("onderwerp", subject.as_str()),
        ("tekst", text.as_str()),
        ("html", html_part.as_str()),
    ];
    let response = post(&t, &admin, path, &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    let preview = response.text().await.unwrap();
    assert!(
        preview.contains("Uw persoonlijke link voor klacht K-2026-000123"),
        "{preview}"
    );
    assert!(preview.contains("Beste A. de Vries,"), "{preview}");

    // Saved with only the subject edited (the browser sends CRLF line ends): the subject is
    // the beheerder's own, text and HTML stay built-in (nothing stored for them).
    let text_crlf = text.replace('\n', "\r\n");
    let fields = [
        ("actie", "opslaan"),
        ("onderwerp", "Uw nieuwe link voor klacht {{ kenmerk }}"),
        ("tekst", text_crlf.as_str()),
        ("html", html_part.as_str()),
    ];
    let response = post(&t, &admin, path, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        overridden(&t, "portal_link").await,
        ["mail.portal_link.subject"]
    );
    let (_, list) = t.get_with(&admin, "/kantoor/beheer/mails").await;
    assert!(list.contains("eigen: onderwerp"), "{list}");
    let (_, html) = t.get_with(&admin, path).await;
    assert_eq!(
        textarea(&html, "onderwerp"),
        "Uw nieuwe link voor klacht {{ kenmerk }}"
    );
    assert_eq!(textarea(&html, "tekst"), text, "still the built-in text");

    // Back to built-in: nothing own is left, and the form shows the built-in wording again.
    let response = post(&t, &admin, path, &[("actie", "standaard")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(overridden(&t, "portal_link").await.is_empty());
    let (_, html) = t
        .get_with(&admin, &format!("{path}?gedaan=standaard"))
        .await;
    assert!(html.contains("De standaardtekst geldt weer."), "{html}");
    assert_eq!(textarea(&html, "onderwerp"), subject);
    assert_eq!(textarea(&html, "html"), html_part);
}
