//! E-mail intake end to end: new complaints, replies, machine mail, duplicates and crashes.

use app::Clock;
use app::mail_intake::{Ignored, IngestOutcome, MailIntakeSettings};
use domain::complaint::{Category, Channel, Event, RegionCode};
use jiff::SignedDuration;
use store::{InboundSource, InboundState, NewInbound};

use crate::fixtures::at;
use crate::helpers::{TestApp, app_test};

fn settings() -> MailIntakeSettings {
    MailIntakeSettings {
        region: RegionCode::try_from("noord").unwrap(),
        category: Category::try_from("anders").unwrap(),
    }
}

fn complaint_mail(id: &str) -> String {
    format!(
        "From: Anna de Vries <anna@example.nl>\r\nTo: klachten@example.nl\r\n\
         Subject: Klacht over de begeleiding\r\nMessage-ID: <{id}>\r\n\
         Date: Mon, 1 Jan 2001 00:00:00 +0000\r\n\r\n\
         Mijn begeleider kwam drie keer niet opdagen.\r\n"
    )
}

async fn ingest(t: &TestApp, raw: &str) -> IngestOutcome {
    t.app
        .ingest_mail(raw.as_bytes(), InboundSource::Imap, &settings())
        .await
        .expect("ingest")
}

async fn new_complaint(t: &TestApp, id: &str) -> app::Registered {
    match ingest(t, &complaint_mail(id)).await {
        IngestOutcome::NewComplaint(r) => r,
        other => panic!("expected a new complaint, got {other:?}"),
    }
}

/// The jobs due now (claimed for a long lease, so a later call sees only new ones).
async fn due_jobs(t: &TestApp) -> Vec<store::Job> {
    let now = t.clock.now();
    t.store
        .claim_jobs("test", now, SignedDuration::from_hours(10_000), 100)
        .await
        .unwrap()
}

async fn kinds(t: &TestApp, r: domain::reference::Reference) -> Vec<String> {
    let loaded = t.app.load(r).await.unwrap();
    loaded.events.iter().map(|e| e.kind.clone()).collect()
}

async fn correspondence(
    t: &TestApp,
    r: domain::reference::Reference,
) -> Vec<domain::complaint::CorrespondenceReceived> {
    let loaded = t.app.load(r).await.unwrap();
    loaded
        .events
        .iter()
        .filter_map(
            |e| match serde_json::from_value::<Event>(e.payload.clone()).unwrap() {
                Event::CorrespondenceReceived(c) => Some(c),
                _ => None,
            },
        )
        .collect()
}

app_test!(a_new_message_becomes_an_email_complaint_received_on_arrival_with_a_receipt_job);
async fn a_new_message_becomes_an_email_complaint_received_on_arrival_with_a_receipt_job(
    t: &TestApp,
) {
    let r = new_complaint(t, "m1@mail.example.nl").await;
    assert!(!r.existed);
    let loaded = t.app.load(r.reference).await.unwrap();
    let reg = loaded.complaint.registration();
    assert_eq!(reg.channel, Channel::Email);
    assert_eq!(
        reg.received_at,
        at(crate::helpers::START),
        "arrival, not the Date header"
    );
    assert_eq!(reg.complainant.name.as_ref(), "Anna de Vries");
    assert_eq!(
        reg.complainant.contact.email().unwrap().as_ref(),
        "anna@example.nl"
    );
    assert_eq!(
        (reg.region.as_ref(), reg.category.as_ref()),
        ("noord", "anders")
    );
    assert!(reg.description.as_ref().contains("drie keer niet opdagen"));
    assert!(
        reg.description
            .as_ref()
            .starts_with("Onderwerp: Klacht over de begeleiding")
    );
    assert_eq!(loaded.events[0].actor, "system");
    let jobs = due_jobs(t).await;
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].kind, app::RECEIPT_JOB);
    let stored = t
        .store
        .inbound_message("m1@mail.example.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.state, InboundState::Processed);
    assert_eq!(stored.complaint_id, Some(r.id));
    assert_eq!(
        stored.raw,
        complaint_mail("m1@mail.example.nl").into_bytes()
    );
}

app_test!(the_same_message_again_is_a_duplicate_with_or_without_a_message_id);
async fn the_same_message_again_is_a_duplicate_with_or_without_a_message_id(t: &TestApp) {
    new_complaint(t, "m1@mail.example.nl").await;
    assert_eq!(
        ingest(t, &complaint_mail("m1@mail.example.nl")).await,
        IngestOutcome::Duplicate
    );
    let no_id = "From: b@example.nl\r\nSubject: Klacht\r\n\r\nGeen Message-ID.\r\n";
    assert!(matches!(
        ingest(t, no_id).await,
        IngestOutcome::NewComplaint(_)
    ));
    assert_eq!(ingest(t, no_id).await, IngestOutcome::Duplicate);
    assert_eq!(t.store.count_open().await.unwrap(), 2);
    assert_eq!(due_jobs(t).await.len(), 2, "one receipt each");
}

app_test!(a_reply_to_the_receipt_joins_the_timeline_with_its_attachments);
async fn a_reply_to_the_receipt_joins_the_timeline_with_its_attachments(t: &TestApp) {
    let r = new_complaint(t, "m1@mail.example.nl").await;
    due_jobs(t).await;
    t.at("2026-04-14 09:00");
    let reply = format!(
        "From: anna@EXAMPLE.nl\r\nSubject: Re: Ontvangstbevestiging\r\nMessage-ID: <r1@mail.example.nl>\r\n\
         In-Reply-To: <receipt.{}@klachten.example.nl>\r\n\
         Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n\
         Hierbij de foto.\r\n--b\r\nContent-Type: image/png\r\n\
         Content-Disposition: attachment; filename=foto.png\r\n\r\nPNGDATA\r\n--b--\r\n",
        r.id
    );
    assert_eq!(ingest(t, &reply).await, IngestOutcome::Reply(r.reference));
    assert_eq!(t.store.count_open().await.unwrap(), 1, "no new complaint");
    assert!(due_jobs(t).await.is_empty(), "a reply is not answered");
    let notes = correspondence(t, r.reference).await;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].from_complainant);
    assert_eq!(notes[0].text.as_ref(), "Hierbij de foto.");
    assert_eq!(notes[0].message_id.as_deref(), Some("r1@mail.example.nl"));
    assert_eq!(notes[0].attachments, ["foto.png"]);
    assert_eq!(notes[0].received_at, at("2026-04-14 09:00"));
    let files = t.store.attachments(r.id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].filename.as_str(), files[0].content_type.as_str()),
        ("foto.png", "image/png")
    );
    assert_eq!(ingest(t, &reply).await, IngestOutcome::Duplicate);
}

app_test!(a_reply_naming_only_the_reference_joins_even_from_another_address);
async fn a_reply_naming_only_the_reference_joins_even_from_another_address(t: &TestApp) {
    let r = new_complaint(t, "m1@mail.example.nl").await;
    let reply = format!(
        "From: Buurman <buurman@example.nl>\r\nSubject: Over klacht {}\r\n\
         Message-ID: <r2@mail.example.nl>\r\n\r\nIk was getuige.\r\n",
        r.reference
    );
    assert_eq!(ingest(t, &reply).await, IngestOutcome::Reply(r.reference));
    let notes = correspondence(t, r.reference).await;
    assert!(
        !notes[0].from_complainant,
        "recorded, but not as the complainant's"
    );
    assert_eq!(
        notes[0].subject.as_ref().unwrap().as_ref(),
        format!("Over klacht {}", r.reference)
    );
    assert_eq!(
        kinds(t, r.reference).await,
        ["complaint_registered", "correspondence_received"]
    );
    let status = t.app.load(r.reference).await.unwrap().complaint.status();
    assert_eq!(status.code(), "in_progress");
}

app_test!(machine_mail_is_kept_but_never_registered_or_answered);
async fn machine_mail_is_kept_but_never_registered_or_answered(t: &TestApp) {
    let machine = [
        (
            "Auto-Submitted: auto-replied\r\nSubject: Afwezig\r\n",
            "auto_reply",
        ),
        ("Return-Path: <>\r\nSubject: Bericht\r\n", "auto_generated"),
        ("Precedence: bulk\r\nSubject: Nieuwsbrief\r\n", "bulk"),
        (
            "List-Id: <nieuws.example.nl>\r\nSubject: Lijst\r\n",
            "mailing_list",
        ),
    ];
    for (i, (headers, why)) in machine.iter().enumerate() {
        let raw = format!(
            "From: robot@example.nl\r\nMessage-ID: <auto{i}@example.nl>\r\n{headers}\r\nTekst.\r\n"
        );
        let outcome = ingest(t, &raw).await;
        assert!(
            matches!(outcome, IngestOutcome::Ignored(Ignored::Automatic(_))),
            "{why}: {outcome:?}"
        );
        let stored = t
            .store
            .inbound_message(&format!("auto{i}@example.nl"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.state, InboundState::Ignored);
        assert_eq!(
            stored.outcome.as_deref(),
            Some(format!("ignored: {why}").as_str())
        );
    }
    let bounce = "From: MAILER-DAEMON@mx.example.nl\r\nMessage-ID: <b@mx.example.nl>\r\n\
                  Subject: Undelivered Mail\r\n\r\nDelivery failed.\r\n";
    assert!(matches!(
        ingest(t, bounce).await,
        IngestOutcome::Ignored(Ignored::Automatic(mail::Automatic::Bounce))
    ));
    assert_eq!(t.store.count_open().await.unwrap(), 0);
    assert!(due_jobs(t).await.is_empty());
}

app_test!(html_only_mail_becomes_safe_text);
async fn html_only_mail_becomes_safe_text(t: &TestApp) {
    let raw = "From: c@example.nl\r\nMessage-ID: <h@example.nl>\r\nSubject: HTML\r\n\
               Content-Type: text/html; charset=utf-8\r\n\r\n\
               <html><head><style>p{color:red}</style><script>alert(1)</script></head>\
               <body><p>Ik ben <b>boos</b> &amp; teleurgesteld.</p></body></html>\r\n";
    let IngestOutcome::NewComplaint(r) = ingest(t, raw).await else {
        panic!("expected a complaint")
    };
    let loaded = t.app.load(r.reference).await.unwrap();
    let text = loaded.complaint.registration().description.to_string();
    assert!(text.contains("Ik ben boos & teleurgesteld."), "{text}");
    assert!(
        !text.contains('<') && !text.contains("alert") && !text.contains("color"),
        "{text}"
    );
}

app_test!(unreadable_mail_and_mail_without_a_sender_are_kept_and_ignored);
async fn unreadable_mail_and_mail_without_a_sender_are_kept_and_ignored(t: &TestApp) {
    let junk = b" \r\n\t";
    let outcome = t
        .app
        .ingest_mail(junk, InboundSource::Stdin, &settings())
        .await
        .unwrap();
    assert!(
        matches!(outcome, IngestOutcome::Ignored(Ignored::Unreadable(_))),
        "{outcome:?}"
    );
    let no_from = "Message-ID: <nf@example.nl>\r\nSubject: Klacht\r\n\r\nWie ben ik?\r\n";
    assert_eq!(
        ingest(t, no_from).await,
        IngestOutcome::Ignored(Ignored::NoSender)
    );
    let stored = t
        .store
        .inbound_message("nf@example.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.state, InboundState::Ignored);
    assert_eq!(t.store.count_open().await.unwrap(), 0);
}

app_test!(a_crash_between_acting_and_marking_takes_nothing_twice);
async fn a_crash_between_acting_and_marking_takes_nothing_twice(t: &TestApp) {
    let r = new_complaint(t, "m1@mail.example.nl").await;
    let reply = format!(
        "From: anna@example.nl\r\nMessage-ID: <r1@x.nl>\r\nReferences: <receipt.{}@x.nl>\r\n\r\nNog iets.\r\n",
        r.id
    );
    ingest(t, &reply).await;
    // As if the process died after acting, before marking: both rows are back to "received".
    t.raw(
        "UPDATE inbound_messages SET state = 'received', complaint_id = NULL, \
           outcome = NULL, processed_at = NULL",
    )
    .await;
    t.at("2026-04-13 12:00");
    let again = new_complaint(t, "m1@mail.example.nl").await;
    assert_eq!(
        (again.id, again.existed),
        (r.id, true),
        "the first complaint, not a second"
    );
    assert_eq!(ingest(t, &reply).await, IngestOutcome::Reply(r.reference));
    assert_eq!(t.store.count_open().await.unwrap(), 1);
    assert_eq!(
        kinds(t, r.reference).await,
        ["complaint_registered", "correspondence_received"]
    );
    assert_eq!(due_jobs(t).await.len(), 1, "one receipt");
    let stored = t
        .store
        .inbound_message("m1@mail.example.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.state, stored.complaint_id),
        (InboundState::Processed, Some(r.id))
    );
}

app_test!(a_message_recorded_before_a_crash_keeps_its_moment_of_receipt);
async fn a_message_recorded_before_a_crash_keeps_its_moment_of_receipt(t: &TestApp) {
    let raw = complaint_mail("early@mail.example.nl");
    let first = NewInbound {
        key: "early@mail.example.nl".into(),
        received_at: at("2026-04-13 08:00"),
        source: InboundSource::Stdin,
        raw: raw.clone().into_bytes(),
    };
    t.store.record_inbound(first).await.unwrap();
    let r = new_complaint(t, "early@mail.example.nl").await;
    let reg = t.app.load(r.reference).await.unwrap();
    assert_eq!(
        reg.complaint.registration().received_at,
        at("2026-04-13 08:00")
    );
}
