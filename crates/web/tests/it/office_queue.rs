//! The work queue: order by nearest deadline, what a row shows, filters, paging and the
//! deadline status as the clock moves.

use app::Intake;
use domain::complaint::{
    Actor, Category, Channel, Command, Complainant, ContactDetails, ContactMethod, EmailAddress,
    PersonName, RegionCode, Role, Text, UserId,
};
use reqwest::StatusCode;

use crate::helpers::{STAFF_PASSWORD, TestApp, squash};
use crate::office_fixtures::{next_page, references, register};

#[tokio::test]
async fn the_queue_lists_open_complaints_by_nearest_deadline() {
    let t = TestApp::spawn().await;
    let late = register(&t, "noord", "C. Laatst", "2026-04-20T09:00:00Z").await;
    let first = register(&t, "noord", "A. Eerst", "2026-04-06T09:00:00Z").await;
    let middle = register(&t, "noord", "B. Midden", "2026-04-13T09:00:00Z").await;
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;

    let (status, html) = t.get_with(&client, "/kantoor").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(references(&html), vec![first.clone(), middle, late]);
    let html = squash(&html);
    for shown in [
        format!("<a class=\"ref\" href=\"/kantoor/klachten/{first}\">{first}</a>"),
        "A. Eerst".into(),
        "Regio Noord".into(),
        "Bejegening".into(),
        "in behandeling".into(),
        "contact opnemen met de klager".into(),
        "<time datetime=\"2026-04-06\">06-04-2026</time>".into(),
        "<th scope=\"col\">Eerstvolgende termijn</th>".into(),
        "<span class=\"status-overdue\">verlopen</span>".into(),
    ] {
        assert!(html.contains(&shown), "{shown}");
    }
}

#[tokio::test]
async fn the_deadline_status_follows_the_clock() {
    let t = TestApp::spawn().await;
    let today = register(&t, "noord", "D. Vandaag", "2026-05-01T08:00:00Z").await;
    let contacted = register(&t, "noord", "E. Gebeld", "2026-05-01T08:00:00Z").await;
    let handler = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let actor = Actor::Staff {
        user: handler.id.to_string().try_into().unwrap(),
        role: Role::Klachtbehandelaar,
    };
    let contact = Command::LogFirstContact {
        via: ContactMethod::Phone,
        contacted_at: t.now(),
        note: None,
    };
    t.app
        .execute(contacted.parse().unwrap(), contact, actor)
        .await
        .unwrap();
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;

    let (_, html) = t.get_with(&client, "/kantoor").await;
    assert_eq!(references(&html), vec![today.clone(), contacted.clone()]);
    let html = squash(&html);
    assert!(
        html.contains("<span class=\"status-due\">binnen 2 werkdagen</span>"),
        "{html}"
    );
    assert!(html.contains("schriftelijke reactie op de klacht"));
    assert!(html.contains("<span class=\"status-ok\">op schema</span>"));

    t.advance_secs(7 * 24 * 3600);
    let (status, _) = t.get_with(&client, "/kantoor").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "a week without use ends the session"
    );
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;
    let (_, html) = t.get_with(&client, "/kantoor").await;
    let html = squash(&html);
    assert!(html.contains("<span class=\"status-overdue\">verlopen</span>"));
    // The answer (two weeks, past Ascension and its decreed Friday) is still some way off.
    assert!(html.contains("<span class=\"status-ok\">op schema</span>"));
    let (_, overdue) = t.get_with(&client, "/kantoor?verlopen=1").await;
    assert_eq!(references(&overdue), vec![today]);
}

#[tokio::test]
async fn filters_narrow_the_queue_by_region_state_and_overdue() {
    let t = TestApp::spawn().await;
    let old_noord = register(&t, "noord", "F. Oud", "2026-04-06T09:00:00Z").await;
    let new_noord = register(&t, "noord", "G. Nieuw", "2026-05-01T07:00:00Z").await;
    let old_oost = register(&t, "oost", "H. Oost", "2026-04-07T09:00:00Z").await;
    let withdrawn = register(&t, "oost", "I. Ingetrokken", "2026-04-08T09:00:00Z").await;
    t.app
        .execute(
            withdrawn.parse().unwrap(),
            Command::Withdraw { reason: None },
            Actor::Complainant,
        )
        .await
        .unwrap();
    let client = t.login_as(Role::Beheerder, &[]).await;

    let (_, all) = t.get_with(&client, "/kantoor").await;
    assert_eq!(
        references(&all),
        vec![old_noord.clone(), old_oost.clone(), new_noord.clone()],
        "closed complaints are not in the queue"
    );
    let (_, noord) = t.get_with(&client, "/kantoor?regio=noord").await;
    assert_eq!(
        references(&noord),
        vec![old_noord.clone(), new_noord.clone()]
    );
    assert!(noord.contains("<option value=\"noord\" selected>"));
    let (_, overdue) = t.get_with(&client, "/kantoor?verlopen=1").await;
    assert_eq!(references(&overdue), vec![old_noord.clone(), old_oost]);
    let (_, overdue_noord) = t.get_with(&client, "/kantoor?regio=noord&verlopen=1").await;
    assert_eq!(references(&overdue_noord), vec![old_noord]);
    let (_, in_progress) = t.get_with(&client, "/kantoor?status=in_progress").await;
    assert_eq!(references(&in_progress).len(), 3);
    let (_, answered) = t.get_with(&client, "/kantoor?status=answered").await;
    assert!(references(&answered).is_empty());
    assert!(answered.contains("Er zijn geen openstaande klachten die aan deze filters voldoen."));
    let (status, _) = t.get_with(&client, "/kantoor?status=verzonnen").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn paging_walks_the_whole_queue_without_duplicates_or_gaps() {
    let t = TestApp::spawn().await;
    let mut registered = Vec::new();
    let mut earliest = Vec::new();
    // 60 complaints over two regions on three days: many share a deadline, so the pages must
    // split ties by id.
    for i in 0..60 {
        let region = if i % 2 == 0 { "noord" } else { "oost" };
        let day = ["2026-04-06", "2026-04-13", "2026-04-20"][i % 3];
        let reference = register(
            &t,
            region,
            &format!("Klager {i}"),
            &format!("{day}T09:00:00Z"),
        )
        .await;
        if i % 3 == 0 {
            earliest.push(reference.clone());
        }
        registered.push(reference);
    }
    let client = t
        .login_as(Role::Klachtbehandelaar, &["noord", "oost"])
        .await;

    let (_, page1) = t.get_with(&client, "/kantoor").await;
    let next = next_page(&page1).expect("a next page");
    assert!(next.starts_with("/kantoor?na=2026-04-"), "{next}");
    let (status, page2) = t.get_with(&client, &next).await;
    assert_eq!(status, StatusCode::OK);

    let (first, second) = (references(&page1), references(&page2));
    assert_eq!((first.len(), second.len()), (50, 10));
    assert_eq!(next_page(&page2), None, "the last page has no next link");
    assert!(page2.contains("Naar het begin"));
    let mut walked: Vec<String> = first.into_iter().chain(second).collect();
    let in_order = walked.clone();
    walked.sort();
    walked.dedup();
    registered.sort();
    assert_eq!(walked, registered, "every complaint once");
    let (_, filtered) = t.get_with(&client, "/kantoor?status=in_progress").await;
    let next = next_page(&filtered).expect("a next page");
    assert!(
        next.starts_with("/kantoor?status=in_progress&na="),
        "filters are kept: {next}"
    );
    // The nearest deadlines come first, across both regions.
    let mut head = in_order[..20].to_vec();
    head.sort();
    earliest.sort();
    assert_eq!(head, earliest);
}

/// Registers a complaint like [`register`], then adjusts channel, category, handler and text.
async fn register_as(
    t: &TestApp,
    region: &str,
    name: &str,
    channel: Channel,
    category: &str,
    assignee: Option<&str>,
    description: &str,
) -> String {
    let intake = Intake {
        channel,
        received_at: "2026-04-06T09:00:00Z".parse().unwrap(),
        complainant: Complainant {
            name: PersonName::try_from(name).unwrap(),
            contact: ContactDetails::new(
                Some(EmailAddress::try_from("klager@example.nl").unwrap()),
                None,
            )
            .unwrap(),
            address: None,
            representative: None,
        },
        region: RegionCode::try_from(region).unwrap(),
        category: Category::try_from(category).unwrap(),
        description: Text::try_from(description).unwrap(),
        employee_concerned: None,
        desired_outcome: None,
        assignee: assignee.map(|a| UserId::try_from(a.to_owned()).unwrap()),
    };
    // Only the web form is the complainant's own; other channels are registered by staff.
    let actor = match channel {
        Channel::Web => Actor::Complainant,
        _ => Actor::Staff {
            user: UserId::try_from("balie".to_owned()).unwrap(),
            role: Role::Klachtbehandelaar,
        },
    };
    let registered = t
        .app
        .register(intake, actor, None)
        .await
        .expect("registered");
    registered.reference.to_string()
}

#[tokio::test]
async fn filters_narrow_the_queue_by_handler_channel_and_category() {
    let t = TestApp::spawn().await;
    let me = t.staff_user(Role::Klachtbehandelaar, &["noord"]).await;
    let my_id = me.id.to_string();
    let mine = register_as(
        &t,
        "noord",
        "A. Mijn",
        Channel::Phone,
        "bejegening",
        Some(&my_id),
        "Onbeleefd aan de balie.",
    )
    .await;
    let nobody = register_as(
        &t,
        "noord",
        "B. Niemand",
        Channel::Letter,
        "bejegening",
        None,
        "Brief over de wachttijd.",
    )
    .await;
    let other = register_as(
        &t,
        "noord",
        "C. Ander",
        Channel::Web,
        "bereikbaarheid",
        Some("iemand-anders"),
        "Telefoon werd niet opgenomen.",
    )
    .await;
    let client = TestApp::new_client();
    t.login(&client, &me.email, STAFF_PASSWORD).await;

    let (status, all) = t.get_with(&client, "/kantoor").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(references(&all).len(), 3);
    let form = squash(&all);
    for field in [
        "<label for=\"behandelaar\">Behandelaar</label>",
        "<option value=\"mij\">Mijn klachten</option>",
        "<option value=\"niemand\">Zonder behandelaar</option>",
        "<label for=\"kanaal\">Binnengekomen via</label>",
        "<option value=\"letter\">brief</option>",
        "<label for=\"categorie\">Categorie</label>",
        "<label for=\"zoek\">Zoeken</label>",
    ] {
        assert!(form.contains(field), "{field}");
    }
    let (_, page) = t.get_with(&client, "/kantoor?behandelaar=mij").await;
    assert_eq!(references(&page), vec![mine.clone()]);
    assert!(page.contains("<option value=\"mij\" selected>"));
    let (_, page) = t.get_with(&client, "/kantoor?behandelaar=niemand").await;
    assert_eq!(references(&page), vec![nobody.clone()]);
    let (_, page) = t.get_with(&client, "/kantoor?kanaal=letter").await;
    assert_eq!(references(&page), vec![nobody.clone()]);
    assert!(page.contains("<option value=\"letter\" selected>"));
    let (_, page) = t
        .get_with(&client, "/kantoor?categorie=bereikbaarheid")
        .await;
    assert_eq!(references(&page), vec![other]);
    let (_, page) = t
        .get_with(
            &client,
            "/kantoor?categorie=bejegening&kanaal=phone&behandelaar=mij",
        )
        .await;
    assert_eq!(references(&page), vec![mine]);
    let (_, page) = t.get_with(&client, "/kantoor?zoek=wachttijd").await;
    assert_eq!(references(&page), vec![nobody.clone()]);
    let (_, page) = t
        .get_with(&client, &format!("/kantoor?zoek={nobody}"))
        .await;
    assert_eq!(references(&page), vec![nobody], "an exact reference");
    for bad in ["behandelaar=iedereen", "kanaal=duif"] {
        let (status, _) = t.get_with(&client, &format!("/kantoor?{bad}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn search_keeps_region_scope_survives_nasty_input_and_pages() {
    let t = TestApp::spawn().await;
    let mut noord = Vec::new();
    for i in 0..55 {
        noord.push(register(&t, "noord", &format!("Jansen {i}"), "2026-04-06T09:00:00Z").await);
    }
    register(&t, "oost", "Jansen Oost", "2026-04-06T09:00:00Z").await;
    register(&t, "noord", "Pietersen", "2026-04-06T09:00:00Z").await;
    let client = t.login_as(Role::Klachtbehandelaar, &["noord"]).await;

    let (_, page1) = t.get_with(&client, "/kantoor?zoek=Jansen").await;
    assert!(
        page1.contains("value=\"Jansen\""),
        "the search is shown in its field"
    );
    let next = next_page(&page1).expect("a next page");
    assert!(next.starts_with("/kantoor?zoek=Jansen&na="), "{next}");
    let (_, page2) = t.get_with(&client, &next).await;
    let mut seen: Vec<String> = references(&page1)
        .into_iter()
        .chain(references(&page2))
        .collect();
    assert_eq!(seen.len(), 55, "only noord, no Pietersen");
    seen.sort();
    noord.sort();
    assert_eq!(seen, noord);

    for nasty in [
        "%22",
        "-",
        "AND",
        "NEAR(",
        "%22jansen%22%20OR%20*",
        "%27%3B--",
        "%5C",
        "%00",
        "%F0%9F%98%80",
    ] {
        let (status, html) = t.get_with(&client, &format!("/kantoor?zoek={nasty}")).await;
        assert_eq!(status, StatusCode::OK, "{nasty}");
        assert!(!html.contains("Jansen Oost"), "{nasty}");
    }
    let (_, quoted) = t
        .get_with(&client, "/kantoor?zoek=%22Jansen%22%20-oost")
        .await;
    assert!(
        references(&quoted).is_empty(),
        "every word must occur, '-' is no operator"
    );
}
