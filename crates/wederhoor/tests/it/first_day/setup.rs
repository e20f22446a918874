//! The administrator's first hour, in the browser: the organisation's details, a region with its
//! management's address, a category, and two staff members who set their own passwords with the
//! one-time links the users page shows.

use fantoccini::Locator;

use super::{ADMIN, DIRECTOR, Day, HANDLER, PASSWORD};

pub async fn organisation_region_category_and_staff(day: &Day) {
    let b = &day.browser;
    day.log_in(ADMIN).await;

    day.open("/kantoor/beheer/organisatie").await;
    b.fill("naam", "Focus Nederland").await;
    b.fill("telefoon", "030 123 4567").await;
    b.fill("email", "klachten@focus.example").await;
    b.fill("adres", "Postbus 100\n3500 AC Utrecht").await;
    b.fill("plaats", "Utrecht").await;
    b.fill("privacy", "privacy@focus.example").await;
    b.click("form[action='/kantoor/beheer/organisatie'] button[type=submit]")
        .await;
    b.wait_for_query("opgeslagen=1").await;
    b.assert_accessible("organisation saved").await;

    day.open("/kantoor/beheer/regios/nieuw").await;
    b.fill("code", "midden").await;
    b.fill("naam", "Regio Midden").await;
    b.fill("directie", "Directie Regio Midden").await;
    b.fill("directieadres", "Catharijnesingel 55\n3511 GD Utrecht")
        .await;
    b.click("form[action='/kantoor/beheer/regios/nieuw'] button[type=submit]")
        .await;
    assert_eq!(
        b.wait_for_query("opgeslagen=1").await,
        "/kantoor/beheer/regios/midden"
    );
    b.assert_accessible("region saved").await;

    day.open("/kantoor/beheer/categorieen/nieuw").await;
    b.fill("code", "bejegening").await;
    b.fill("naam", "Bejegening").await;
    b.fill("naam_en", "Treatment").await;
    b.click("form[action='/kantoor/beheer/categorieen/nieuw'] button[type=submit]")
        .await;
    assert_eq!(
        b.wait_for_query("opgeslagen=1").await,
        "/kantoor/beheer/categorieen/bejegening"
    );
    b.assert_accessible("category saved").await;

    let handler = add_user(day, HANDLER, "Kees Behandelaar", "klachtbehandelaar").await;
    let director = add_user(day, DIRECTOR, "Dora Directeur", "regiodirecteur").await;
    day.open("/kantoor/beheer/gebruikers").await;
    day.log_out().await;

    for link in [handler, director] {
        set_password(day, &link).await;
    }
}

/// Adds a staff member of region midden on the users page; returns the one-time setup link.
async fn add_user(day: &Day, email: &str, name: &str, role: &str) -> String {
    let b = &day.browser;
    day.open("/kantoor/beheer/gebruikers/nieuw").await;
    b.fill("email", email).await;
    b.fill("naam", name).await;
    b.set_value("rol", role).await;
    b.click("#regio-midden").await;
    b.click("form[action='/kantoor/beheer/gebruikers/nieuw'] button[type=submit]")
        .await;
    let heading = b.heading("Gebruiker toegevoegd").await;
    assert_eq!(heading, "Gebruiker toegevoegd", "{email} added");
    b.assert_accessible("user added").await;
    let link = b
        .client
        .find(Locator::Id("instellink"))
        .await
        .expect("the setup link")
        .text()
        .await
        .expect("its text");
    assert!(
        link.starts_with(&format!("{}/wachtwoord/instellen/", day.base)),
        "the link points at the host the browser used: {link}"
    );
    link
}

/// Opens a setup link, logged out, and sets the password; the login page confirms it.
async fn set_password(day: &Day, link: &str) {
    let b = &day.browser;
    day.open(link).await;
    assert_eq!(
        b.heading("Wachtwoord instellen").await,
        "Wachtwoord instellen"
    );
    b.fill("wachtwoord", PASSWORD).await;
    b.fill("herhaling", PASSWORD).await;
    b.click("form button[type=submit]").await;
    assert_eq!(b.wait_for_query("ingesteld=1").await, "/kantoor/inloggen");
    b.assert_accessible("password set").await;
}
