//! The staff complaint page and the registration page in English: chosen with `?taal=en` or
//! the `taal` cookie (set by `/taal/en`), at several states of the procedure, with field errors
//! and a refusal. Dutch stays the default (the other office tests assert the Dutch texts).

use domain::complaint::Role;
use reqwest::StatusCode;

use crate::helpers::{TestApp, input_value, squash};
use crate::office_complaint_fixtures::*;

/// Sets the `taal=en` cookie in `client`, as the language link does.
async fn english(t: &TestApp, client: &reqwest::Client) {
    let response = client.get(t.url("/taal/en")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

fn assert_english(html: &str, present: &[&str], absent: &[&str]) {
    let html = squash(html);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    for p in present {
        assert!(html.contains(p), "expected {p:?} in {html}");
    }
    for a in absent {
        assert!(!html.contains(a), "unexpected {a:?} in {html}");
    }
}

/// Dutch texts of the page frame that must not be left on an English page. (The prefilled
/// further-procedure paragraph of the answer form is letter text and stays Dutch.)
const DUTCH: [&str; 6] = [
    "Wat u nu kunt doen",
    "Lopende termijnen",
    "Tijdlijn",
    "Gegevens",
    "Klacht ontvangen",
    "Status:",
];

fn today(t: &TestApp) -> String {
    t.now()
        .to_zoned_datetime(domain::time::amsterdam())
        .date()
        .to_string()
}

#[tokio::test]
async fn the_complaint_page_is_english_when_asked_at_every_state() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register_by_phone(&t, &handler).await;

    // New, with `?taal=en` only (no cookie yet).
    let (status, html) = t
        .get_with(&handler, &format!("{}?taal=en", page(&reference)))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut absent = DUTCH.to_vec();
    absent.extend(["Contact met de klager vastleggen", "in behandeling"]);
    assert_english(
        &html,
        &[
            "<title>Complaint ",
            "What you can do now",
            "Running deadlines",
            "Record contact with the complainant",
            "How was contact made?",
            "Note (optional, internal only)",
            "Send a written answer",
            "State: <strong id=\"status\">in progress</strong>",
            "Complaint received (by phone)",
            "Friday 1 May 2026, 09:30",
            "Complainant</dt><dd>Jan Jansen",
            "Channel</dt><dd>phone",
            "contacting the complainant",
            "the complaint handler",
            "Calculation:",
        ],
        &absent,
    );
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    assert!(
        html.contains("<html lang=\"nl\">") && html.contains("Contact met de klager vastleggen"),
        "`?taal=en` alone sets no cookie: Dutch again"
    );

    // With the cookie from here on; the confirmation after registering too.
    english(&t, &handler).await;
    let (_, html) = t
        .get_with(
            &handler,
            &format!("{}?gedaan=geregistreerd", page(&reference)),
        )
        .await;
    assert_english(&html, &["The complaint has been registered."], &DUTCH);

    // Answered.
    done(&t, &handler, &reference, "antwoord", &answer(&today(&t))).await;
    let (_, html) = t
        .get_with(&handler, &format!("{}?gedaan=antwoord", page(&reference)))
        .await;
    let mut absent = DUTCH.to_vec();
    absent.extend(["Bezwaar registreren", "beantwoord, bezwaartermijn loopt"]);
    assert_english(
        &html,
        &[
            "The written answer has been recorded.",
            "answered, objection period running",
            "Written answer sent (dated Friday 1 May 2026)",
            "Register an objection (by letter, e-mail or phone)",
            "How did the objection come in?",
            "Term written answer to the complaint closed: met",
            "Letters",
        ],
        &absent,
    );

    // Objection received (three days later, a new session: the cookie is per browser).
    let handler = days_later(&t, 3, Role::Klachtbehandelaar).await;
    english(&t, &handler).await;
    done(
        &t,
        &handler,
        &reference,
        "bezwaar",
        &[
            ("bezwaar_via", "brief"),
            ("bezwaar_ontvangen", &now_local(&t)),
            ("bezwaar_tekst", "Ik ben het er niet mee eens."),
        ],
    )
    .await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    let mut absent = DUTCH.to_vec();
    absent.extend([
        "Uitnodigen voor een mondelinge toelichting",
        "bezwaar ontvangen",
    ]);
    assert_english(
        &html,
        &[
            "objection received",
            "Objection received (by letter)",
            "Invite to explain orally",
            "Which forms are offered?",
            "invitation to explain orally",
            "Ik ben het er niet mee eens.",
        ],
        &absent,
    );

    // Hearing offered.
    done(
        &t,
        &handler,
        &reference,
        "uitnodiging",
        &[
            ("uitnodiging_vorm", "telefonisch"),
            ("uitnodiging_vorm", "kantoor"),
            ("uitnodiging_moment1", "2026-05-07T10:00"),
        ],
    )
    .await;
    let (_, html) = t.get_with(&handler, &page(&reference)).await;
    let mut absent = DUTCH.to_vec();
    absent.extend([
        "Keuze van de klager vastleggen",
        "uitgenodigd voor mondelinge toelichting",
        "Op kantoor",
    ]);
    assert_english(
        &html,
        &[
            "invited to explain orally",
            "Record the complainant&#39;s choice (plan the conversation)",
            "At the office",
            "Thursday 7 May 2026, 10:00",
            "Form: by phone or at the office.",
            "The complainant declines an oral explanation",
        ],
        &absent,
    );
}

#[tokio::test]
async fn a_steps_field_errors_and_a_refusal_are_english() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let reference = register_by_phone(&t, &handler).await;
    english(&t, &handler).await;

    let (status, _, html) = step(
        &t,
        &handler,
        &reference,
        "contact",
        &[("contact_moment", "morgen")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_english(
        &html,
        &[
            "<title>Error: Complaint ",
            "There is a problem",
            "Choose how contact was made: by phone or by e-mail.",
            "Enter the moment of contact as a valid date and time.",
            "<span class=\"visually-hidden\">Error:</span>",
        ],
        &["Fout:", "Er is een probleem", "Kies hoe", "Vul het moment"],
    );

    let (status, _, html) = step(
        &t,
        &handler,
        &reference,
        "antwoord",
        &[
            ("actie", "versturen"),
            ("antwoord_dagtekening", &today(&t)),
            ("antwoord_klacht", "U vond de chauffeur onbeleefd."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_english(
        &html,
        &[
            "The answer is not complete. Missing: the proposed solution or measures to be \
             taken; the further procedure if the complainant does not agree.",
        ],
        &["De reactie is niet volledig"],
    );
}

#[tokio::test]
async fn the_registration_page_and_its_errors_are_english() {
    let t = TestApp::spawn().await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    english(&t, &handler).await;

    let (status, html) = t.get_with(&handler, "/kantoor/klachten/nieuw").await;
    assert_eq!(status, StatusCode::OK);
    assert_english(
        &html,
        &[
            "<h1>Register a complaint</h1>",
            "How did the complaint come in?",
            "By phone",
            "In person at the office",
            "Date of receipt",
            "Choose a region",
            "What happened, and when?",
        ],
        &[
            "Klacht registreren",
            "Telefonisch",
            "Kies een regio",
            "Hoe kwam",
        ],
    );

    let key = input_value(&html, "sleutel").unwrap();
    let csrf = csrf(&t, &handler).await;
    let response = handler
        .post(t.url("/kantoor/klachten/nieuw"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("sleutel", &key),
            ("kanaal", "phone"),
            ("datum", &today(&t)),
            ("tijd", "half tien"),
            ("naam", ""),
            ("email", "geen-adres"),
            ("regio", ""),
            ("categorie", "bejegening"),
            ("beschrijving", " "),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert_english(
        &html,
        &[
            "<title>Error: Register a complaint",
            "There is a problem",
            "Enter the time of receipt (hh:mm).",
            "The name is not filled in.",
            "Enter a valid e-mail address, such as name@example.com.",
            "Choose a region from the list.",
            "Describe what happened, and when.",
        ],
        &[
            "Fout:",
            "Er is een probleem",
            "Kies een regio uit de lijst.",
            "De naam is niet ingevuld",
        ],
    );
}

/// GETs `path` as `client` (English by cookie) and checks it as [`assert_english`] does.
async fn english_page(
    t: &TestApp,
    client: &reqwest::Client,
    path: &str,
    present: &[&str],
    absent: &[&str],
) {
    let (status, html) = t.get_with(client, path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {html}");
    assert_english(&html, present, absent);
}

#[tokio::test]
async fn the_staff_bar_dashboard_and_administration_are_english_when_asked() {
    let t = TestApp::spawn().await;
    let admin = t.login_as(Role::Beheerder, &[]).await;
    english(&t, &admin).await;
    let handler = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    register_by_phone(&t, &handler).await;
    let day: jiff::civil::Date = "2026-05-15".parse().unwrap();
    t.store.add_closure_day(day, "Brugdag").await.unwrap();

    // The role in the staff bar, on every office page.
    english_page(
        &t,
        &admin,
        "/kantoor",
        &["(administrator)"],
        &["(beheerder)"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/dashboard",
        &[
            "(administrator)",
            "Open complaints per state",
            "in progress",
        ],
        &["(beheerder)", "in behandeling", "Openstaande klachten"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/sluitingsdagen",
        &["Friday 15 May 2026", "Brugdag"],
        &["vrijdag", "15 mei 2026"],
    )
    .await;
    // Roles in the user list and the role choice (the submitted value stays the code).
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/gebruikers",
        &["<td>complaint handler</td>"],
        &["<td>klachtbehandelaar</td>"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/gebruikers/nieuw",
        &[
            "<option value=\"klachtbehandelaar\" selected>complaint handler</option>",
            "<option value=\"regiodirecteur\">regional director</option>",
        ],
        &[">klachtbehandelaar<", ">lezer<"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/regios/noord",
        &["complaint handler"],
        &[">klachtbehandelaar<"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/procedure",
        &["contacting the complainant", "2 working days", "15 days"],
        &["contact opnemen met de klager", "2 werkdagen", "15 dagen"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/brieven",
        &["Answer to the complaint", "Final decision"],
        &["Reactie op uw klacht", "Definitieve beslissing"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/mails",
        &["Acknowledgement of receipt", "Cover e-mail of a letter"],
        &["Ontvangstbevestiging", "Begeleidende mail"],
    )
    .await;
    english_page(
        &t,
        &admin,
        "/kantoor/beheer/mails/receipt",
        &[
            "Acknowledgement of receipt",
            "name of the complainant",
            "date of receipt",
        ],
        &["naam van de klager", "datum van ontvangst"],
    )
    .await;
    // A field error of the mail editor.
    let csrf = csrf(&t, &admin).await;
    let response = admin
        .post(t.url("/kantoor/beheer/mails/receipt"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("actie", "voorbeeld"),
            ("onderwerp", "Klacht {{ nummer }}"),
            ("tekst", "Beste {{ naam"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_english(
        &response.text().await.unwrap(),
        &[
            "‘{{ nummer }}’ does not exist in this e-mail; use one of: {{ naam }},",
            "There is a ‘{{’ without a ‘}}’ after it.",
        ],
        &["bestaat niet", "Er staat een"],
    );
}
