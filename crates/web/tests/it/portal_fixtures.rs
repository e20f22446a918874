//! Shared steps of the portal tests: a complaint registered and moved along by staff through
//! `App::execute`, its personal link, and posts from the portal as a browser sends them.
//! Times are Europe/Amsterdam: received Mon 13 Apr 2026; answer dated Mon 20 Apr (objection
//! window to Wed 6 May, 5 May being a holiday); hearing offered Thu 23 Apr.

use app::Intake;
use domain::complaint::{
    Actor, AnswerDraft, Category, Channel, Command, Complainant, ContactDetails, EmailAddress,
    HearingForm, HearingOutcome, HearingRecordInput, PersonName, RegionCode, Role, Text, UserId,
};
use domain::reference::Reference;
use domain::time::amsterdam;
use jiff::Timestamp;
use reqwest::StatusCode;

use crate::helpers::*;

/// "2026-04-13 10:00" in Europe/Amsterdam.
pub fn at(text: &str) -> Timestamp {
    let dt: jiff::civil::DateTime = text.replace(' ', "T").parse().expect("date and time");
    dt.to_zoned_datetime(amsterdam())
        .expect("zoned")
        .timestamp()
}

/// A server whose clock reads `local` (Amsterdam).
pub async fn spawn_on(local: &str) -> TestApp {
    TestApp::spawn_at(&at(local).to_string()).await
}

pub fn set_clock(t: &TestApp, local: &str) {
    t.clock.set(at(local));
}

pub fn handler() -> Actor {
    Actor::Staff {
        user: UserId::try_from("behandelaar-1").unwrap(),
        role: Role::Klachtbehandelaar,
    }
}

pub fn director() -> Actor {
    Actor::Staff {
        user: UserId::try_from("directeur-noord").unwrap(),
        role: Role::Regiodirecteur,
    }
}

/// A complaint by e-mail from `email`, received now; returns its reference and id.
pub async fn register(t: &TestApp, email: &str) -> (Reference, uuid::Uuid) {
    let contact = ContactDetails::new(Some(EmailAddress::try_from(email).unwrap()), None).unwrap();
    let intake = Intake {
        channel: Channel::Email,
        received_at: t.now(),
        complainant: Complainant {
            name: PersonName::try_from("A. Jansen").unwrap(),
            contact,
            address: None,
            representative: None,
        },
        region: RegionCode::try_from("noord").unwrap(),
        category: Category::try_from("bejegening").unwrap(),
        description: Text::try_from("Op 10 april werd ik aan de telefoon onvriendelijk behandeld.")
            .unwrap(),
        employee_concerned: Some(PersonName::try_from("B. de Vries").unwrap()),
        desired_outcome: None,
        assignee: Some(UserId::try_from("behandelaar-1").unwrap()),
    };
    let r = t
        .app
        .register(intake, handler(), None)
        .await
        .expect("register");
    (r.reference, r.id)
}

/// A fresh personal link for the complaint: the path of its portal page.
pub async fn link(t: &TestApp, id: uuid::Uuid) -> String {
    let token = t.accounts().create_portal_link(id).await.expect("link");
    format!("/mijn-klacht/{}", token.expose())
}

/// Performs a staff step at the clock's time.
pub async fn staff(t: &TestApp, reference: Reference, actor: Actor, command: Command) {
    t.app
        .execute(reference, command, actor)
        .await
        .expect("staff step");
}

/// The written answer, dated Mon 20 Apr 2026.
pub fn answer() -> Command {
    answer_dated(Some("2026-04-20"))
}

/// The written answer, dated `dagtekening` (today when None).
pub fn answer_dated(dagtekening: Option<&str>) -> Command {
    Command::IssueAnswer(AnswerDraft {
        dagtekening: dagtekening.map(|d| d.parse().unwrap()),
        complaint_as_understood: "U was ontevreden over het telefoongesprek.".into(),
        proposed_solution: "Wij bieden excuses aan en bespreken dit met de medewerker.".into(),
        further_procedure: "Bent u het niet eens, maak dan binnen 15 dagen bezwaar.".into(),
    })
}

pub fn offer() -> Command {
    Command::OfferHearing {
        forms: vec![HearingForm::Phone, HearingForm::Office],
        proposed_moments: vec![at("2026-04-28 14:00"), at("2026-04-29 10:00")],
        employee_invited: true,
    }
}

pub fn record_settled() -> Command {
    Command::RecordHearing(HearingRecordInput {
        held_on: "2026-04-28".parse().unwrap(),
        form: HearingForm::Office,
        attendees: vec![PersonName::try_from("A. Jansen").unwrap()],
        complainant_account: "Mevrouw licht toe dat zij werd onderbroken.".into(),
        employee_account: None,
        proposal: Some("Een gesprek met de teamleider.".into()),
        complainant_reaction: "Mevrouw gaat akkoord.".into(),
        outcome: HearingOutcome::Settled {
            settlement: "Excuses aanvaard; de teamleider belt binnen een week.".into(),
        },
    })
}

/// A complaint answered on Mon 20 Apr, its portal open on Tue 21 Apr.
pub async fn answered(email: &str) -> (TestApp, Reference, String) {
    let t = spawn_on("2026-04-13 10:00").await;
    let (reference, id) = register(&t, email).await;
    set_clock(&t, "2026-04-20 11:00");
    staff(&t, reference, handler(), answer()).await;
    set_clock(&t, "2026-04-21 09:00");
    let page = link(&t, id).await;
    (t, reference, page)
}

/// GET the portal page: status and squashed HTML.
pub async fn open(t: &TestApp, page: &str) -> (StatusCode, String) {
    let (status, html) = t.get(page).await;
    (status, squash(&html))
}

/// The CSRF value in the page's forms.
pub async fn csrf(t: &TestApp, page: &str) -> String {
    let (status, html) = t.get(page).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    input_value(&html, "csrf").expect("a CSRF value in the page")
}

/// POSTs a form from the portal as a same-origin browser does.
pub async fn post(t: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    t.client
        .post(t.url(path))
        .header("sec-fetch-site", "same-origin")
        .form(fields)
        .send()
        .await
        .expect("POST")
}

/// The complaint's status code now.
pub async fn status(t: &TestApp, reference: Reference) -> &'static str {
    t.app
        .load(reference)
        .await
        .unwrap()
        .complaint
        .status()
        .code()
}
