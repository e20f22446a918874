//! The letters of the procedure: a step that requires one queues `letter.send` with it; the
//! worker renders the PDF, stores it once and mails it; the portal lists and serves it.

use domain::complaint::{Actor, Command, Role, UserId};
use reqwest::StatusCode;

use crate::portal_fixtures::*;

#[tokio::test]
async fn an_answer_is_mailed_as_pdf_listed_in_the_portal_and_stored_once() {
    let (t, reference, page) = answered("anna@example.nl").await;

    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    let subject = format!("Reactie op uw klacht {reference}");
    let letters_sent = || async {
        let sent = outbox.list().await.unwrap();
        let mut raw = Vec::new();
        for m in sent.iter().filter(|m| m.subject == subject) {
            raw.push(String::from_utf8_lossy(&outbox.read(&m.name).await.unwrap()).into_owned());
        }
        raw
    };

    // A worker claims the letter job, renders, stores and mails the letter, and dies before
    // completing the job: the job stays leased to it.
    let lease = jiff::SignedDuration::from_mins(5);
    let claimed = t
        .store
        .claim_jobs("crashed", t.now(), lease, 20)
        .await
        .unwrap();
    let job = claimed
        .iter()
        .find(|j| j.kind == web::notify::LETTER_JOB)
        .unwrap_or_else(|| panic!("the answer's letter job is due: {claimed:?}"));
    let handler = t.letter_mail(outbox.clone());
    app::worker::JobHandler::run(&handler, &t.app, job)
        .await
        .unwrap();
    assert_eq!(letters_sent().await.len(), 1, "the dead worker mailed it");
    let before = t.store.job_counts().await.unwrap();
    assert!(before.running >= 1, "still leased: {before:?}");

    // Once the lease has expired, the next worker claims the same job and runs it to the end:
    // the job is done (only a handler that returned Ok is completed), no second document is
    // stored, and the outbox still holds one copy (a Message-ID is written once).
    t.advance_secs(lease.as_secs() + 1);
    let worker = t.letter_worker(outbox.clone());
    assert!(
        worker.drain().await.unwrap() >= 1,
        "the expired lease is claimed"
    );
    let after = t.store.job_counts().await.unwrap();
    assert_eq!(after.running, 0, "{after:?}");
    let late = t.store.complete_job(job.id, "crashed").await.unwrap_err();
    assert!(late.to_string().contains("is done"), "{late}");
    let raw = letters_sent().await;
    assert_eq!(raw.len(), 1, "one copy");
    let raw = &raw[0];
    assert!(raw.contains("application/pdf"), "a PDF attachment");
    assert!(
        raw.contains("In-Reply-To: <receipt."),
        "answers the receipt"
    );

    let loaded = t.app.load(reference).await.unwrap();
    let documents = t.store.documents(loaded.id).await.unwrap();
    assert_eq!(documents.len(), 1, "stored once: {documents:?}");
    let document = &documents[0];
    assert_eq!(document.kind, "answer");
    assert_eq!(document.dagtekening.to_string(), "2026-04-20");

    let (status, html) = open(&t, &page).await;
    assert_eq!(status, StatusCode::OK);
    let href = format!("{page}/brief/{}", document.id);
    assert!(html.contains(&href), "{html}");
    assert!(html.contains("Reactie op uw klacht"), "{html}");
    assert!(html.contains("20 april 2026"), "{html}");

    let response = t.client.get(t.url(&href)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("attachment"));
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    match pdf_text(&pdf) {
        Some(text) => {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(&reference.to_string()), "{text}");
            assert!(text.contains("20 april 2026"), "the dagtekening: {text}");
            assert!(
                text.contains("6 mei 2026"),
                "the last day to object: {text}"
            );
        }
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is required on CI")
        }
        None => eprintln!("pdftotext not found: the PDF's text is not checked"),
    }

    // Another complaint's link does not reach this letter.
    let (_, other) = register(&t, "bert@example.nl").await;
    let other_page = link(&t, other).await;
    let (status, _) = t.get(&format!("{other_page}/brief/{}", document.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A klachtbehandelaar of region noord named `name`.
async fn handler_named(t: &crate::helpers::TestApp, name: &str) -> store::UserRecord {
    let new = app::accounts::NewAccount {
        email: format!("{}@example.nl", uuid::Uuid::new_v4().simple()),
        name: name.to_owned(),
        role: Role::Klachtbehandelaar,
        regions: vec!["noord".to_owned()],
        all_regions: false,
        password: None,
    };
    t.accounts().create_user(new).await.expect("staff user")
}

fn acting(user: &store::UserRecord, role: Role) -> Actor {
    Actor::Staff {
        user: UserId::try_from(user.id.to_string()).unwrap(),
        role,
    }
}

/// The text of the one letter `reference` has, once the letter jobs ran (squashed).
async fn letter_text(
    t: &crate::helpers::TestApp,
    reference: domain::reference::Reference,
) -> Option<String> {
    let outbox_dir = tempfile::tempdir().unwrap();
    t.letter_worker(mail::FileOutbox::new(outbox_dir.path()))
        .drain()
        .await
        .unwrap();
    let loaded = t.app.load(reference).await.unwrap();
    let documents = t.store.documents(loaded.id).await.unwrap();
    assert_eq!(documents.len(), 1, "{documents:?}");
    let pdf = t
        .store
        .document(documents[0].id)
        .await
        .unwrap()
        .unwrap()
        .bytes;
    match pdf_text(&pdf) {
        Some(text) => Some(text.split_whitespace().collect::<Vec<_>>().join(" ")),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is required on CI")
        }
        None => {
            eprintln!("pdftotext not found: the PDF's text is not checked");
            None
        }
    }
}

#[tokio::test]
async fn the_answer_is_signed_by_the_staff_member_who_issued_it_even_once_disabled() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (reference, _) = register(&t, "carla@example.nl").await;
    let karin = handler_named(&t, "Karin de Wit").await;
    set_clock(&t, "2026-04-20 11:00");
    staff(
        &t,
        reference,
        acting(&karin, Role::Klachtbehandelaar),
        answer(),
    )
    .await;
    // Disabled before the letter job runs: the letter reads her name by id all the same.
    t.store.set_user_active(karin.id, false).await.unwrap();
    if let Some(text) = letter_text(&t, reference).await {
        assert!(
            text.contains("Karin de Wit Klachtbehandelaar"),
            "signed with her name and function: {text}"
        );
    }
}

#[tokio::test]
async fn a_step_by_no_known_staff_member_is_signed_by_the_assignee_else_the_organisation() {
    let t = spawn_on("2026-04-13 10:00").await;
    let (assigned, _) = register(&t, "dirk@example.nl").await;
    let (unassigned, _) = register(&t, "els@example.nl").await;
    let piet = handler_named(&t, "Piet Jansen").await;
    let to = UserId::try_from(piet.id.to_string()).unwrap();
    staff(&t, assigned, director(), Command::Reassign { to }).await;
    set_clock(&t, "2026-04-20 11:00");
    // `handler()` is an actor whose id names no account.
    staff(&t, assigned, handler(), answer()).await;
    staff(&t, unassigned, handler(), answer()).await;
    if let Some(text) = letter_text(&t, assigned).await {
        assert!(
            text.contains("Piet Jansen Klachtbehandelaar"),
            "the assignee: {text}"
        );
    }
    if let Some(text) = letter_text(&t, unassigned).await {
        assert!(
            text.contains("Wederhoor (organisatie niet ingesteld) Klachtbehandelaar"),
            "the organisation: {text}"
        );
        assert!(!text.contains("Piet Jansen"), "{text}");
    }
}

/// The PDF's text by `pdftotext`, or None when it is not installed.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
