//! What the administration pages do: validation beside the field with values kept, and each
//! change where it counts (letters, the work queue, logins).

use domain::complaint::Role;
use reqwest::StatusCode;

use crate::admin_fixtures::*;
use crate::helpers::{STAFF_PASSWORD, TestApp};

#[tokio::test]
async fn the_organisation_form_says_what_is_wrong_beside_each_field_and_keeps_the_values() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    let (status, _, html) = post(
        &t,
        &client,
        "/kantoor/beheer/organisatie",
        &[
            ("naam", "Focus Nederland"),
            ("telefoon", "bel ons"),
            ("email", "klachten-at-focus"),
            ("adres", "Postbus 2045"),
            ("plaats", ""),
            ("privacy", "privacy@focusnederland.nl"),
            ("website", "www.focus"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert_eq!(
        field_error(&html, "telefoon").as_deref(),
        Some("Vul een geldig telefoonnummer in, zoals 088 007 1400.")
    );
    assert_eq!(
        field_error(&html, "email").as_deref(),
        Some("Vul een geldig e-mailadres in, zoals klachten@organisatie.nl.")
    );
    assert!(
        field_error(&html, "adres")
            .unwrap()
            .contains("postcode en plaats")
    );
    assert!(field_error(&html, "plaats").is_some());
    assert!(field_error(&html, "website").is_some());
    assert_eq!(field_error(&html, "naam"), None);
    assert_eq!(field_error(&html, "privacy"), None);
    assert!(html.contains("value=\"Focus Nederland\""), "kept: {html}");
    assert!(html.contains("value=\"bel ons\""), "kept: {html}");
    assert!(html.contains("aria-invalid=\"true\""));
    assert_eq!(t.store.organisation().await.unwrap(), None);

    let (status, location, _) =
        post(&t, &client, "/kantoor/beheer/organisatie", &organisation()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/kantoor/beheer/organisatie?opgeslagen=1")
    );
    let stored = t.store.organisation().await.unwrap().unwrap();
    assert_eq!(stored.phone, "088 007 1400");
    assert_eq!(stored.address, "Postbus 2045\n3800 CA Amersfoort");
    let (_, html) = t
        .get_with(&client, "/kantoor/beheer/organisatie?opgeslagen=1")
        .await;
    assert!(html.contains("De gegevens zijn opgeslagen"), "{html}");
    assert!(
        html.contains("value=\"privacy@focusnederland.nl\""),
        "{html}"
    );
    // The public start page shows the new contact details at once.
    let (_, home) = t.get("/").await;
    assert!(home.contains("088 007 1400"), "{home}");
    assert!(home.contains("mailto:klachten@focusnederland.nl"), "{home}");
    assert!(home.contains("mailto:privacy@focusnederland.nl"), "{home}");
}

#[tokio::test]
async fn an_organisation_edit_is_printed_in_the_next_letter_and_its_mail() {
    let (t, reference, _) = crate::portal_fixtures::answered("anna@example.nl").await;
    let client = beheerder(&t).await;
    let (status, _, body) = post(&t, &client, "/kantoor/beheer/organisatie", &organisation()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");

    let outbox_dir = tempfile::tempdir().unwrap();
    let outbox = mail::FileOutbox::new(outbox_dir.path());
    // The worker was started with the settings' (placeholder) details: the database wins.
    let worker = t.letter_worker(outbox.clone());
    worker.drain().await.unwrap();

    let sent = outbox.list().await.unwrap();
    let letter = sent
        .iter()
        .find(|m| m.subject == format!("Reactie op uw klacht {reference}"))
        .unwrap_or_else(|| panic!("the answer was mailed: {sent:?}"));
    let raw = String::from_utf8_lossy(&outbox.read(&letter.name).await.unwrap()).into_owned();
    assert!(
        raw.contains("Focus Nederland"),
        "signed by the organisation: {raw}"
    );
    assert!(!raw.contains("organisatie niet ingesteld"), "{raw}");

    let loaded = t.app.load(reference).await.unwrap();
    let documents = t.store.documents(loaded.id).await.unwrap();
    let pdf = t.store.document(documents[0].id).await.unwrap().unwrap();
    match pdf_text(&pdf.bytes) {
        Some(text) => {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains("Focus Nederland"), "{text}");
            assert!(text.contains("088 007 1400"), "{text}");
            assert!(text.contains("Amersfoort"), "{text}");
        }
        None => eprintln!("pdftotext not found: the PDF's text is not checked"),
    }
}

/// The PDF's text by `pdftotext`, or None when it is not installed.
fn pdf_text(pdf: &[u8]) -> Option<String> {
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

#[tokio::test]
async fn a_region_is_added_with_a_fixed_code_edited_and_lists_its_staff() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    let fields = [
        ("code", "Limburg"),
        ("naam", "Regio Limburg"),
        ("directie", "Directie regio Limburg"),
        ("directieadres", "Postbus 5\n6200 AA Maastricht"),
        ("actief", "1"),
    ];
    let (status, location, html) = post(&t, &client, "/kantoor/beheer/regios/nieuw", &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert_eq!(
        location.as_deref(),
        Some("/kantoor/beheer/regios/limburg?opgeslagen=1")
    );
    // The same code again.
    let (status, _, html) = post(&t, &client, "/kantoor/beheer/regios/nieuw", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&html, "code")
            .unwrap()
            .starts_with("Er is al een regio met deze code"),
        "{html}"
    );
    // Missing management and a bad code.
    let (status, _, html) = post(
        &t,
        &client,
        "/kantoor/beheer/regios/nieuw",
        &[
            ("code", "zuid west"),
            ("naam", "Zuidwest"),
            ("directieadres", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&html, "code").is_some());
    assert!(field_error(&html, "directie").is_some());
    assert_eq!(
        field_error(&html, "directieadres").as_deref(),
        Some("Vul het postadres in.")
    );
    assert!(html.contains("value=\"Zuidwest\""), "kept: {html}");
    let (status, _, html) = post(
        &t,
        &client,
        "/kantoor/beheer/regios/nieuw",
        &[("code", "nieuw"), ("naam", "Nieuw")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&html, "code").is_some(),
        "a code that is a route: {html}"
    );

    // Editing: a posted code is ignored, inactive when unticked.
    let (status, _, html) = post(
        &t,
        &client,
        "/kantoor/beheer/regios/limburg",
        &[
            ("code", "anders"),
            ("naam", "Regio Zuid-Limburg"),
            ("directie", "Directie Limburg"),
            ("directieadres", "Markt 1\n6211 CK Maastricht"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let limburg = t
        .store
        .regions()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.code == "limburg")
        .unwrap();
    assert_eq!(limburg.name, "Regio Zuid-Limburg");
    assert!(!limburg.active);
    assert!(
        !t.store
            .regions()
            .await
            .unwrap()
            .iter()
            .any(|r| r.code == "anders")
    );

    let member = t.staff_user(Role::Regiodirecteur, &["limburg"]).await;
    let outsider = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let (status, html) = t.get_with(&client, "/kantoor/beheer/regios/limburg").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&member.email), "{html}");
    assert!(html.contains("regiodirecteur"), "{html}");
    assert!(!html.contains(&outsider.email), "{html}");
    let (status, _) = t
        .get_with(&client, "/kantoor/beheer/regios/bestaat-niet")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_category_is_added_and_edited_in_both_languages() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    let (status, _, html) = post(
        &t,
        &client,
        "/kantoor/beheer/categorieen/nieuw",
        &[
            ("code", "wachttijd"),
            ("naam", "Wachttijd"),
            ("naam_en", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&html, "naam_en")
            .unwrap()
            .starts_with("Vul de Engelse naam in")
    );
    assert!(html.contains("value=\"Wachttijd\""), "kept: {html}");
    let (status, _, _) = post(
        &t,
        &client,
        "/kantoor/beheer/categorieen/nieuw",
        &[
            ("code", "wachttijd"),
            ("naam", "Wachttijd"),
            ("naam_en", "Waiting time"),
            ("actief", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = post(
        &t,
        &client,
        "/kantoor/beheer/categorieen/wachttijd",
        &[
            ("naam", "Lange wachttijd"),
            ("naam_en", "Long wait"),
            ("actief", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let stored = t.store.categories().await.unwrap();
    let c = stored.iter().find(|c| c.code == "wachttijd").unwrap();
    assert_eq!(
        (c.name_nl.as_str(), c.name_en.as_str(), c.active),
        ("Lange wachttijd", "Long wait", true)
    );
    // The public form offers it at once.
    let (_, form) = t.get("/klacht?taal=en").await;
    assert!(form.contains("Long wait"), "{form}");
}

#[tokio::test]
async fn a_user_is_given_another_role_and_region_and_disabled_but_not_oneself() {
    let t = TestApp::spawn().await;
    let admin = t.staff_user(Role::Beheerder, &[]).await;
    let client = TestApp::new_client();
    t.login(&client, &admin.email, STAFF_PASSWORD).await;
    let handler = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let handler_browser = TestApp::new_client();
    t.login(&handler_browser, &handler.email, STAFF_PASSWORD)
        .await;
    let page = format!("/kantoor/beheer/gebruikers/{}", handler.id);

    let (status, _, html) = post(&t, &client, &page, &[("naam", "Hanna"), ("rol", "baas")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&html, "rol").as_deref(),
        Some("Kies een rol uit de lijst.")
    );
    assert!(field_error(&html, "regio").is_some());

    let (status, _, html) = post(
        &t,
        &client,
        &page,
        &[
            ("naam", "Hanna"),
            ("rol", "regiodirecteur"),
            ("regio", "noord"),
            ("regio", "oost"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let stored = t.store.user(handler.id).await.unwrap().unwrap();
    assert_eq!(stored.role, Role::Regiodirecteur);
    assert_eq!(stored.regions, ["noord", "oost"]);

    let (status, location, _) =
        post(&t, &client, &format!("{page}/actief"), &[("actief", "0")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/kantoor/beheer/gebruikers?gedaan=uitgeschakeld")
    );
    assert!(!t.store.user(handler.id).await.unwrap().unwrap().active);
    let (status, _) = t.get_with(&handler_browser, "/kantoor").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "their session ended");
    let (_, html) = t.get_with(&client, "/kantoor/beheer/gebruikers").await;
    assert!(html.contains("Inschakelen"), "{html}");

    // Not oneself: neither disabled nor out of the beheerder role.
    let own = format!("/kantoor/beheer/gebruikers/{}", admin.id);
    let (status, _, _) = post(&t, &client, &format!("{own}/actief"), &[("actief", "0")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, html) = post(
        &t,
        &client,
        &own,
        &[("naam", "Beheer"), ("rol", "lezer"), ("alle_regios", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&html, "rol").is_some(), "{html}");
    let me = t.store.user(admin.id).await.unwrap().unwrap();
    assert!(me.active);
    assert_eq!(me.role, Role::Beheerder);
}

#[tokio::test]
async fn the_procedure_page_shows_every_switch_read_only() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    let (status, html) = t.get_with(&client, "/kantoor/beheer/procedure").await;
    assert_eq!(status, StatusCode::OK);
    for key in [
        "focus@2026.1",
        "closure_days_extend",
        "late_objection",
        "final_decision_after_unsettled_hearing",
        "contact_term_channels",
        "2 werkdagen",
        "nieuwe versie",
    ] {
        assert!(html.contains(key), "{key}: {html}");
    }
    assert!(!html.contains("<form method=\"post\" action=\"/kantoor/beheer/procedure"));
}

#[tokio::test]
async fn a_new_user_is_added_with_a_one_time_link_to_set_a_password() {
    let t = TestApp::spawn().await;
    let client = beheerder(&t).await;
    let path = "/kantoor/beheer/gebruikers/nieuw";
    let (status, _, html) = post(
        &t,
        &client,
        path,
        &[
            ("email", "geen-adres"),
            ("naam", "Carla"),
            ("rol", "klachtbehandelaar"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&html, "email").is_some(), "{html}");
    assert!(html.contains("value=\"Carla\""), "kept: {html}");

    let (status, _, html) = post(
        &t,
        &client,
        path,
        &[
            ("email", "carla@example.nl"),
            ("naam", "Carla"),
            ("rol", "klachtbehandelaar"),
            ("regio", "noord"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let start = html.find("/wachtwoord/instellen/").expect("the setup link");
    let rest = &html[start..];
    let link = &rest[..rest.find('<').unwrap()];
    let user = t
        .store
        .user_by_email("carla@example.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role, Role::Klachtbehandelaar);
    assert_eq!(user.regions, ["noord"]);
    assert!(user.password_hash.is_none());
    let (status, _) = t.get(link).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the link opens the form to set a password"
    );

    // The same address again.
    let (status, _, html) = post(
        &t,
        &client,
        path,
        &[
            ("email", "Carla@example.nl"),
            ("naam", "Carla"),
            ("rol", "lezer"),
            ("alle_regios", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&html, "email").as_deref(),
        Some("Er is al een gebruiker met dit e-mailadres.")
    );
    // Not for other roles.
    let handler = t.login_as(Role::Klachtbehandelaar, &[]).await;
    let (status, _) = t.get_with(&handler, path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = post(
        &t,
        &handler,
        path,
        &[
            ("email", "dirk@example.nl"),
            ("naam", "Dirk"),
            ("rol", "beheerder"),
            ("alle_regios", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        t.store
            .user_by_email("dirk@example.nl")
            .await
            .unwrap()
            .is_none()
    );
}
