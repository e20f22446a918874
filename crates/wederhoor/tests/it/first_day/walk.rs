//! Two complaints received by phone on Tuesday 8 December 2026, registered two days later, taken
//! by the handler, the regional director and the complainants (in their portal, opened with the
//! personal link from the receipt mail) to a settlement and to a final decision.

use fantoccini::Locator;

use super::letters::wait_for_mail;
use super::{DIRECTOR, Day, HANDLER};

/// A complaint as the test knows it.
pub struct Complaint {
    pub reference: String,
    pub name: &'static str,
    pub email: &'static str,
    /// The complainant's personal link, from the receipt mail.
    pub portal: String,
}

impl Complaint {
    fn page(&self) -> String {
        format!("/kantoor/klachten/{}", self.reference)
    }
}

/// Anna's complaint ends in a settlement, Bert's in a final decision.
pub async fn both_complaints(day: &Day) -> (Complaint, Complaint) {
    day.log_in(HANDLER).await;
    let mut settled = register(day, "Anna de Vries", "anna@example.nl").await;
    let mut decided = register(day, "Bert Jansen", "bert@example.nl").await;
    for c in [&settled, &decided] {
        contact_and_answer(day, c).await;
    }
    day.log_out().await;

    for c in [&mut settled, &mut decided] {
        c.portal = portal_link(day, c).await;
        object(day, c).await;
    }

    day.log_in(DIRECTOR).await;
    for c in [&settled, &decided] {
        offer_hearing(day, c).await;
    }
    day.log_out().await;

    portal_step(day, &settled, "/gesprek", "gesprek").await;
    portal_step(day, &decided, "/gesprek-afzien", "afgezien").await;

    day.log_in(HANDLER).await;
    record_settlement(day, &settled).await;
    day.log_out().await;
    portal_step(day, &settled, "/afspraak", "bevestigd").await;
    let text = day.browser.main_text().await;
    assert!(text.contains("in overleg afgehandeld"), "{text}");

    day.log_in(DIRECTOR).await;
    day.open(&settled.page()).await;
    let text = day.browser.main_text().await;
    assert!(
        text.contains("afgesloten: in overleg afgehandeld"),
        "{text}"
    );
    final_decision(day, &decided).await;
    day.log_out().await;
    (settled, decided)
}

/// Registers a complaint received by phone on Tuesday 8 December at 14:30.
async fn register(day: &Day, name: &'static str, email: &'static str) -> Complaint {
    let b = &day.browser;
    day.open("/kantoor/klachten/nieuw").await;
    b.click("#kanaal").await;
    b.set_value("datum", "2026-12-08").await;
    b.set_value("tijd", "14:30").await;
    b.fill("naam", name).await;
    b.fill("email", email).await;
    b.fill("telefoon", "06 1234 5678").await;
    b.set_value("regio", "midden").await;
    b.set_value("categorie", "bejegening").await;
    b.fill(
        "beschrijving",
        "Aan de balie werd ik onvriendelijk te woord gestaan.",
    )
    .await;
    b.click("form[action='/kantoor/klachten/nieuw'] button[type=submit]")
        .await;
    let path = b.wait_for_query("gedaan=geregistreerd").await;
    b.assert_accessible("complaint registered").await;
    let reference = path.rsplit('/').next().expect("a reference").to_owned();
    let text = b.main_text().await;
    // Contact within 2 working days after Tuesday 8 December; the answer within 2 weeks.
    for date in ["8 december 2026", "10 december 2026", "22 december 2026"] {
        assert!(text.contains(date), "{date} on the complaint page: {text}");
    }
    Complaint {
        reference,
        name,
        email,
        portal: String::new(),
    }
}

/// The handler records the phone call of Wednesday and issues the answer dated today.
async fn contact_and_answer(day: &Day, c: &Complaint) {
    let b = &day.browser;
    day.open(&c.page()).await;
    b.open_step("contact").await;
    b.click("#contact_via").await;
    b.set_value("contact_moment", "2026-12-09T10:00").await;
    b.fill("contact_notitie", "Teruggebeld en de klacht besproken.")
        .await;
    b.take_step("contact").await;

    b.open_step("antwoord").await;
    b.set_value("antwoord_dagtekening", "2026-12-10").await;
    b.fill(
        "antwoord_klacht",
        "U bent aan de balie onvriendelijk te woord gestaan.",
    )
    .await;
    b.fill(
        "antwoord_oplossing",
        "Wij bieden excuses aan en bespreken dit met het team.",
    )
    .await;
    let prefilled = b
        .client
        .find(Locator::Id("antwoord_procedure"))
        .await
        .expect("the procedure paragraph")
        .prop("value")
        .await
        .expect("its value")
        .unwrap_or_default();
    assert!(
        prefilled.contains("maandag 28 december 2026"),
        "the last day to object, past Christmas: {prefilled}"
    );
    b.take_step("antwoord").await;
}

/// The personal link in the receipt mail.
async fn portal_link(day: &Day, c: &Complaint) -> String {
    let receipt = wait_for_mail(day, c.email, |m| m.text.contains("/mijn-klacht/")).await;
    let text = receipt
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&c.reference), "{text}");
    for date in ["8 december 2026", "10 december 2026", "22 december 2026"] {
        assert!(text.contains(date), "{date} in the receipt: {text}");
    }
    let start = receipt.text.find(&day.base).expect("a link to this server");
    receipt.text[start..]
        .split_whitespace()
        .next()
        .expect("the link")
        .to_owned()
}

/// The complainant objects in the portal.
async fn object(day: &Day, c: &Complaint) {
    day.open(&c.portal).await;
    let text = day.browser.main_text().await;
    assert!(text.contains("maandag 28 december 2026"), "{text}");
    day.browser
        .fill("tekst", "Excuses alleen zijn mij niet genoeg.")
        .await;
    portal_submit(day, c, "/bezwaar", "bezwaar").await;
}

/// Opens the portal and submits the form that posts to `<link><action>`.
async fn portal_step(day: &Day, c: &Complaint, action: &str, done: &str) {
    day.open(&c.portal).await;
    portal_submit(day, c, action, done).await;
}

async fn portal_submit(day: &Day, c: &Complaint, action: &str, done: &str) {
    let b = &day.browser;
    let path = c.portal.trim_start_matches(&day.base);
    b.click(&format!(
        "form[action='{path}{action}'] button[type=submit]"
    ))
    .await;
    b.wait_for_query(&format!("gedaan={done}")).await;
    b.assert_accessible(&format!("portal after {done}")).await;
}

/// The regional director offers a hearing, by phone or at the office: this afternoon or Monday.
async fn offer_hearing(day: &Day, c: &Complaint) {
    let b = &day.browser;
    day.open(&c.page()).await;
    b.open_step("uitnodiging").await;
    b.click("#uitnodiging_vorm").await;
    b.click("#uitnodiging_vorm-kantoor").await;
    b.set_value("uitnodiging_moment1", "2026-12-10T16:30").await;
    b.set_value("uitnodiging_moment2", "2026-12-14T10:00").await;
    b.take_step("uitnodiging").await;
}

/// The handler records the hearing with a settlement and confirms it for the organisation.
async fn record_settlement(day: &Day, c: &Complaint) {
    let b = &day.browser;
    day.open(&c.page()).await;
    b.open_step("verslag").await;
    b.set_value("verslag_datum", "2026-12-10").await;
    b.click("#verslag_vorm-kantoor").await;
    b.fill("verslag_aanwezig", "Anna de Vries\nKees Behandelaar")
        .await;
    b.fill(
        "verslag_klager",
        "De medewerker keek niet op van haar scherm.",
    )
    .await;
    b.fill(
        "verslag_reactie",
        "Een gesprek met de teamleider is genoeg.",
    )
    .await;
    b.click("#verslag_uitkomst").await;
    b.fill(
        "verslag_afspraak",
        "De teamleider belt mevrouw De Vries voor 18 december 2026.",
    )
    .await;
    b.take_step("verslag").await;

    b.open_step("bevestiging").await;
    b.click("#bevestiging_partij").await;
    b.take_step("bevestiging").await;
}

/// The regional director's final decision, dated today.
async fn final_decision(day: &Day, c: &Complaint) {
    let b = &day.browser;
    day.open(&c.page()).await;
    b.open_step("beslissing").await;
    b.set_value("beslissing_dagtekening", "2026-12-10").await;
    b.fill(
        "beslissing_tekst",
        "Wij handhaven ons standpunt en bieden nogmaals excuses aan.",
    )
    .await;
    b.take_step("beslissing").await;
    let text = b.main_text().await;
    assert!(text.contains("afgesloten"), "{text}");
}
