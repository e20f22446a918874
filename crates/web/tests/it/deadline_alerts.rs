//! The deadline watch as staff see it: the alert mail (reference, complainant's name, the term,
//! its last day, a link to the complaint; nothing else of the complaint), the line in the staff
//! timeline, and nothing in the complainant's portal.

use domain::complaint::Role;
use jiff::SignedDuration;
use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::office_fixtures::register;

#[tokio::test]
async fn a_missed_contact_term_mails_the_regions_director_and_shows_in_the_staff_timeline() {
    // Fri 1 May 2026, 10:00: contact is due Wed 6 May (Tue 5 May is Bevrijdingsdag).
    let t = TestApp::spawn().await;
    let director = t.staff_user(Role::Regiodirecteur, &["noord"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-05-01T08:00:00Z").await;
    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    let w = t.alert_worker(&outbox);

    // Thu 7 May, 00:05 in Amsterdam.
    t.clock.set("2026-05-06T22:05:00Z".parse().unwrap());
    w.drain().await.unwrap();
    let sent = outbox.list().await.unwrap();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let mail = &sent[0];
    assert_eq!(
        mail.subject,
        format!(
            "Termijn gemist bij klacht {reference}: contact opnemen met de klager (uiterlijk woensdag 6 mei 2026)"
        )
    );
    let to: Vec<_> = mail.to.iter().map(|m| m.address.clone()).collect();
    assert_eq!(to, std::slice::from_ref(&director.email));
    let raw = String::from_utf8_lossy(&outbox.read(&mail.name).await.unwrap()).into_owned();
    let flat = raw.replace("=\r\n", "").replace("=\n", "");
    for expected in [
        format!("https://klachten.example.nl/kantoor/klachten/{reference}"),
        "Anna de Vries".to_string(),
        "woensdag 6 mei 2026".to_string(),
        "Auto-Submitted: auto-generated".to_string(),
    ] {
        assert!(flat.contains(&expected), "{expected} in {flat}");
    }
    for private in ["klager@example.nl", "onvriendelijk"] {
        assert!(!flat.contains(private), "{private} must not be in the mail");
    }

    // Run again a day later: nothing new.
    t.clock.advance(SignedDuration::from_hours(24));
    w.drain().await.unwrap();
    assert_eq!(outbox.list().await.unwrap().len(), 1);

    // The staff timeline names the escalation and its recipient.
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (status, html) = t
        .get_with(&client, &format!("/kantoor/klachten/{reference}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(
            "Termijn gemist: contact opnemen met de klager (laatste dag woensdag 6 mei 2026)"
        ),
        "{html}"
    );
    assert!(html.contains(&director.name), "{html}");

    // The complainant's portal does not show it.
    let loaded = t.app.load(reference.parse().unwrap()).await.unwrap();
    let token = t.accounts().create_portal_link(loaded.id).await.unwrap();
    let (status, portal) = t.get(&format!("/mijn-klacht/{}", token.expose())).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!portal.contains("Termijn gemist"), "{portal}");
}

#[tokio::test]
async fn an_approaching_term_of_an_unassigned_complaint_reminds_every_handler_of_the_region() {
    let t = TestApp::spawn().await;
    let a = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let b = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let _elsewhere = t.staff_user(Role::Klachtbehandelaar, &["zuid"]).await;
    let reference = register(&t, "noord", "Anna de Vries", "2026-05-01T08:00:00Z").await;
    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    let w = t.alert_worker(&outbox);
    // The answer is due Mon 18 May (Thu 14 May is Hemelvaartsdag, Fri 15 May put on a par by
    // decree), so the reminder is Tue 12 May, 07:00.
    t.clock.set("2026-05-12T04:59:00Z".parse().unwrap());
    w.drain().await.unwrap();
    assert!(outbox.list().await.unwrap().is_empty(), "not yet");
    t.clock.set("2026-05-12T05:00:00Z".parse().unwrap());
    w.drain().await.unwrap();
    let sent = outbox.list().await.unwrap();
    let reminder = sent
        .iter()
        .find(|m| m.subject.starts_with("Herinnering"))
        .unwrap_or_else(|| panic!("{sent:?}"));
    assert_eq!(
        reminder.subject,
        format!(
            "Herinnering klacht {reference}: schriftelijke reactie op de klacht uiterlijk maandag 18 mei 2026"
        )
    );
    let mut to: Vec<_> = reminder.to.iter().map(|m| m.address.clone()).collect();
    to.sort();
    let mut expected = vec![a.email.clone(), b.email.clone()];
    expected.sort();
    assert_eq!(to, expected);
}
