//! Complaints for the back-office tests, registered through the app (not the public form), and
//! reading the queue page back.

use app::Intake;
use domain::complaint::{
    Actor, Category, Channel, Complainant, ContactDetails, EmailAddress, PersonName, RegionCode,
    Text,
};

use crate::helpers::TestApp;

/// Registers a web complaint of `name` in `region`, received at `received` (RFC 3339); its
/// next deadline is the contact term, two working days later. Returns the reference.
pub async fn register(t: &TestApp, region: &str, name: &str, received: &str) -> String {
    let contact = ContactDetails::new(
        Some(EmailAddress::try_from("klager@example.nl").unwrap()),
        None,
    )
    .unwrap();
    let intake = Intake {
        channel: Channel::Web,
        received_at: received.parse().expect("timestamp"),
        complainant: Complainant {
            name: PersonName::try_from(name).unwrap(),
            contact,
            address: None,
            representative: None,
        },
        region: RegionCode::try_from(region).unwrap(),
        category: Category::try_from("bejegening").unwrap(),
        description: Text::try_from("Ik werd aan de telefoon onvriendelijk behandeld.").unwrap(),
        employee_concerned: None,
        desired_outcome: None,
        assignee: None,
    };
    let registered = t
        .app
        .register(intake, Actor::Complainant, None)
        .await
        .expect("registered");
    registered.reference.to_string()
}

/// The references in the queue table, top to bottom.
pub fn references(html: &str) -> Vec<String> {
    html.split("class=\"ref\" href=\"/kantoor/klachten/")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("end of link")].to_owned())
        .collect()
}

/// The href of the "next page" link, HTML-unescaped.
pub fn next_page(html: &str) -> Option<String> {
    let end = html.find("\" rel=\"next\"")?;
    let start = html[..end].rfind("href=\"")? + 6;
    Some(html[start..end].replace("&#38;", "&").replace("&amp;", "&"))
}
