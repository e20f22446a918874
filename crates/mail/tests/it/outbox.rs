//! The `.eml` outbox on a real file system.

use mail::{Delivery, FileOutbox, MessageId, OutboxError, SendError, Transport};

use crate::acknowledgement;

#[tokio::test]
async fn mails_are_written_listed_newest_first_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = FileOutbox::new(dir.path().join("outbox"));
    assert!(
        outbox.list().await.unwrap().is_empty(),
        "a missing folder is an empty outbox"
    );
    let first = acknowledgement();
    let mut second = acknowledgement();
    second.message_id = MessageId::generate("voorbeeld.nl").unwrap();
    second.subject = "Uitnodiging hoorzitting".into();

    let Delivery::Outbox { name: first_name } = outbox.send(&first).await.unwrap() else {
        panic!()
    };
    let second_name = outbox.write(&second).await.unwrap();

    assert!(
        first_name.ends_with(&format!("-{}.eml", first.message_id.as_str())),
        "{first_name}"
    );
    let listed = outbox.list().await.unwrap();
    let names: Vec<&str> = listed.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, [second_name.as_str(), first_name.as_str()]);
    assert_eq!(listed[0].subject, "Uitnodiging hoorzitting");
    assert_eq!(listed[0].to[0].address, "jan@example.nl");
    assert!(listed[1].written_at.unwrap() <= listed[0].written_at.unwrap());

    let raw = outbox.read(&first_name).await.unwrap();
    assert_eq!(listed[1].size, raw.len() as u64);
    let parsed = mail::parse(&raw).unwrap();
    assert_eq!(parsed.message_id, Some(first.message_id));
    assert_eq!(parsed.attachments[0].bytes, crate::PDF);
    let leftovers: Vec<_> = std::fs::read_dir(outbox.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary files stay behind: {leftovers:?}"
    );
}

#[tokio::test]
async fn the_same_message_id_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = FileOutbox::new(dir.path());
    let mail = acknowledgement();

    let first = outbox.write(&mail).await.unwrap();
    let retried = outbox.write(&mail).await.unwrap();

    assert_eq!(first, retried);
    assert_eq!(outbox.list().await.unwrap().len(), 1);

    // An id that merely ends like an earlier one is a different mail.
    let mut other = acknowledgement();
    other.message_id = format!("x-{}", mail.message_id.as_str()).parse().unwrap();
    assert_ne!(outbox.write(&other).await.unwrap(), first);
    assert_eq!(outbox.list().await.unwrap().len(), 2);
}

#[tokio::test]
async fn names_that_leave_the_outbox_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("secret.eml"),
        b"Subject: geheim\r\n\r\nniet lezen",
    )
    .unwrap();
    let outbox = FileOutbox::new(dir.path().join("outbox"));
    outbox.write(&acknowledgement()).await.unwrap();

    for name in [
        "../secret.eml",
        "..%2Fsecret.eml",
        "/etc/passwd",
        "sub/../../secret.eml",
        ".hidden.eml",
        "",
        "..\\secret.eml",
    ] {
        let error = outbox.read(name).await.unwrap_err();
        assert!(
            matches!(error, OutboxError::InvalidName(_)),
            "{name:?}: {error:?}"
        );
    }
    let missing = outbox
        .read("20260101T000000.000000Z-bestaat-niet@x.nl.eml")
        .await
        .unwrap_err();
    assert!(matches!(missing, OutboxError::NotFound(_)), "{missing:?}");
}

#[tokio::test]
async fn a_mail_that_cannot_be_built_is_a_permanent_failure() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = FileOutbox::new(dir.path());
    let mut mail = acknowledgement();
    mail.to.clear();

    let error = outbox.send(&mail).await.unwrap_err();

    assert!(matches!(error, SendError::Permanent { .. }), "{error:?}");
    assert!(outbox.list().await.unwrap().is_empty());
}
