//! `GET /kantoor/klachten/{reference}`: the page, its rendering after a step (with the step's
//! errors, values and preview), and the download of an attachment.

use app::Loaded;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::complaint::{Role, Status};
use domain::time::civil_date;
use jiff::SignedDuration;
use serde::Deserialize;

use super::answer::{self, LetterPreview};
use super::fields::{FieldError, Fields, moment_value};
use super::forms::{self, Assignable, Step, hearing_form_value};
use super::history::{self, Entry};
use super::offers::{self, Offered};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::labels::{self, date_short};
use crate::office::staff::{Staff, StaffHeader};
use crate::portal::explain::{self, Next, moment_in};
use crate::portal::{content_disposition, size_text};

#[derive(Template, WebTemplate)]
#[template(path = "office/complaint.html")]
pub(crate) struct ComplaintPage {
    lang: Lang,
    staff: StaffHeader,
    reference: String,
    status: &'static str,
    read_only: bool,
    facts: Vec<(&'static str, String)>,
    description: String,
    deadlines: Vec<Deadline>,
    timeline: Vec<Entry>,
    files: Vec<(String, String, String)>,
    /// The letters sent: (title, href, dagtekening).
    letters: Vec<(String, String, String)>,
    offered: Offered,
    /// The offered hearing's forms and moments: (value, label).
    hearing_forms: Vec<(&'static str, &'static str)>,
    hearing_moments: Vec<(String, String)>,
    employee_invited: bool,
    assignable: Vec<Assignable>,
    /// Whose account can be linked as the employee concerned.
    linkable: Vec<Assignable>,
    /// The linked account's user id, when one is linked (the link form preselects it).
    linked: String,
    feedback: Feedback,
}

/// An open deadline as staff read it: what is due, by whom, and the portal's explanation.
pub(crate) struct Deadline {
    what: &'static str,
    who: &'static str,
    next: Next,
}

/// The outcome of the step just tried, shown on the page.
#[derive(Debug, Default)]
pub(crate) struct Feedback {
    pub notice: Option<&'static str>,
    /// The domain's refusal, in its own words.
    pub error: Option<String>,
    pub errors: Vec<FieldError>,
    /// What was typed (kept), over the forms' defaults.
    pub values: Fields,
    /// The step whose form is shown open.
    pub open: Option<Step>,
    pub preview: Option<LetterPreview>,
}

impl ComplaintPage {
    fn v(&self, name: &str) -> &str {
        self.feedback.values.get(name)
    }
    fn checked(&self, name: &str, value: &str) -> bool {
        self.feedback.values.has(name, value)
    }
    fn err(&self, name: &str) -> Option<&str> {
        let e = self.feedback.errors.iter().find(|e| e.field == name);
        e.map(|e| e.message.as_str())
    }
    fn offers(&self, path: &str) -> bool {
        self.offered.steps.iter().any(|s| s.path() == path)
    }
    fn is_open(&self, path: &str) -> bool {
        self.feedback.open.is_some_and(|s| s.path() == path)
    }
}

#[derive(Deserialize)]
pub(crate) struct PageQuery {
    #[serde(default)]
    gedaan: String,
}

pub(crate) async fn complaint_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(reference): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let result = async {
        let loaded = staff.complaint(&state, &reference).await?;
        let notice = match q.gedaan.as_str() {
            "geregistreerd" => Some(lang.t(
                "De klacht is geregistreerd.",
                "The complaint has been registered.",
            )),
            done => Step::from_path(done).map(|s| s.done(lang)),
        };
        let feedback = Feedback {
            notice,
            ..Feedback::default()
        };
        render(&state, lang, &staff, &loaded, feedback, StatusCode::OK).await
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

/// The page of `loaded` for `staff`, with `feedback`, answered with `status`.
pub(crate) async fn render(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    loaded: &Loaded,
    mut feedback: Feedback,
    status: StatusCode,
) -> Result<Response, WebError> {
    let store = state.app.store();
    let c = &loaded.complaint;
    let reg = c.registration();
    let now = state.app.clock().now();
    let today = civil_date(now);
    let regions = store.regions().await?;
    let region = regions.iter().find(|r| r.code == reg.region.as_ref());
    let categories = store.categories().await?;
    let users = store.users().await?;
    let assignable = forms::assignable(&users, reg.region.as_ref(), lang);
    let linkable = forms::linkable(&users, lang);
    let user_label = |a: &domain::complaint::UserId| {
        let found = users.iter().find(|u| u.id.to_string() == a.as_ref());
        found.map_or_else(
            || a.to_string(),
            |u| format!("{} ({})", u.name, labels::role(u.role, lang)),
        )
    };
    let assignee = c.assignee().map(user_label);
    let linked_account = c.employee_account().map(user_label);
    let person = &reg.complainant;
    let optional = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let t = |nl: &'static str, en: &'static str| lang.t(nl, en);
    let facts = vec![
        (t("Klager", "Complainant"), person.name.to_string()),
        (
            t("E-mailadres", "E-mail address"),
            optional(person.contact.email().map(ToString::to_string)),
        ),
        (
            t("Telefoonnummer", "Phone number"),
            optional(person.contact.phone().map(ToString::to_string)),
        ),
        (
            t("Postadres", "Postal address"),
            optional(person.address.as_ref().map(ToString::to_string)),
        ),
        (
            t("Gemachtigde", "Representative"),
            optional(person.representative.as_ref().map(|r| r.name.to_string())),
        ),
        (
            t("Regio", "Region"),
            region.map_or_else(|| reg.region.to_string(), |r| r.name.clone()),
        ),
        (
            t("Categorie", "Category"),
            categories
                .iter()
                .find(|k| k.code == reg.category.as_ref())
                .map_or_else(
                    || reg.category.to_string(),
                    |k| lang.t(&k.name_nl, &k.name_en).to_owned(),
                ),
        ),
        (
            t("Kanaal", "Channel"),
            labels::channel(reg.channel, lang).to_owned(),
        ),
        (t("Ontvangen", "Received"), moment_in(reg.received_at, lang)),
        (
            t("Medewerker om wie het gaat", "Employee concerned"),
            optional(reg.employee_concerned.as_ref().map(ToString::to_string)),
        ),
        (
            t("Account van de medewerker", "Employee's account"),
            optional(linked_account),
        ),
        (
            t("Gewenste uitkomst", "Desired outcome"),
            optional(reg.desired_outcome.as_ref().map(ToString::to_string)),
        ),
        (t("Behandelaar", "Handler"), optional(assignee)),
        (t("Procedure", "Procedure"), reg.procedure.clone()),
    ];
    let deadlines = c
        .open_deadlines()
        .iter()
        .map(|d| Deadline {
            what: labels::deadline_kind(d.kind, lang),
            who: labels::party(d.who, lang),
            next: explain::next(d, today, lang),
        })
        .collect();
    let files = store
        .attachments(loaded.id)
        .await?
        .into_iter()
        .map(|a| {
            let href = format!("/kantoor/klachten/{}/bijlagen/{}", loaded.reference, a.id);
            (
                a.filename,
                href,
                format!(
                    "{}, {} {}",
                    size_text(a.size),
                    lang.t("ontvangen", "received"),
                    date_short(civil_date(a.created_at))
                ),
            )
        })
        .collect();
    let letters = store
        .documents(loaded.id)
        .await?
        .into_iter()
        .map(|d| {
            let href = format!("/kantoor/klachten/{}/brieven/{}", loaded.reference, d.id);
            (
                crate::notify::title(&d.kind, lang).to_owned(),
                href,
                format!(
                    "PDF, {} {}",
                    lang.t("dagtekening", "dated"),
                    date_short(d.dagtekening)
                ),
            )
        })
        .collect();
    let offer = c
        .hearing_offer()
        .filter(|_| c.status() == Status::HearingOffered);
    let v = &mut feedback.values;
    v.preset("contact_via", "telefoon");
    v.preset("contact_moment", moment_value(now));
    v.preset("antwoord_dagtekening", today.to_string());
    v.preset(
        "antwoord_procedure",
        answer::further_procedure(state, today, region),
    );
    v.preset("bezwaar_via", "brief");
    v.preset("bezwaar_ontvangen", moment_value(now));
    v.preset(
        "uitnodiging_moment1",
        moment_value(now + SignedDuration::from_hours(24 * 7)),
    );
    v.preset("verslag_datum", today.to_string());
    v.preset("beslissing_dagtekening", today.to_string());
    let page = ComplaintPage {
        lang,
        staff: staff.header(),
        reference: loaded.reference.to_string(),
        status: labels::status_label(c.status(), lang),
        read_only: staff.session().role() == Role::Lezer,
        facts,
        description: reg.description.to_string(),
        deadlines,
        timeline: history::entries(loaded, &users, lang),
        files,
        letters,
        offered: offers::offered(state, c, &staff.session().actor(), lang),
        hearing_forms: offer
            .map(|o| {
                o.forms
                    .iter()
                    .map(|f| (hearing_form_value(*f), form_label(*f, lang)))
                    .collect()
            })
            .unwrap_or_default(),
        hearing_moments: offer
            .map(|o| {
                o.proposed_moments
                    .iter()
                    .map(|m| (m.to_string(), moment_in(*m, lang)))
                    .collect()
            })
            .unwrap_or_default(),
        employee_invited: offer.is_some_and(|o| o.employee_invited),
        assignable,
        linkable,
        linked: c
            .employee_account()
            .map(ToString::to_string)
            .unwrap_or_default(),
        feedback,
    };
    Ok((status, page).into_response())
}

fn form_label(form: domain::complaint::HearingForm, lang: Lang) -> &'static str {
    match form {
        domain::complaint::HearingForm::Phone => lang.t("Telefonisch", "By phone"),
        domain::complaint::HearingForm::Office => lang.t("Op kantoor", "At the office"),
    }
}

/// `GET /kantoor/klachten/{reference}/bijlagen/{id}`: a file of this complaint, for staff who
/// may see its region (any other id, or another complaint's file, is 404).
pub(crate) async fn attachment_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path((reference, id)): Path<(String, String)>,
) -> Response {
    let result = async {
        let loaded = staff.complaint(&state, &reference).await?;
        let id = id.parse::<uuid::Uuid>().map_err(|_| WebError::NotFound)?;
        let file = state.app.store().attachment(id).await?;
        let file = file
            .filter(|f| f.info.complaint_id == loaded.id)
            .ok_or(WebError::NotFound)?;
        let content_type = HeaderValue::from_str(&file.info.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        let headers = [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&file.info.filename),
            ),
        ];
        Ok((headers, file.bytes).into_response())
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}

/// `GET /kantoor/klachten/{reference}/brieven/{id}`: a letter sent about this complaint, as
/// PDF, for staff who may see its region (any other id, or another complaint's letter, is 404).
pub(crate) async fn letter_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path((reference, id)): Path<(String, String)>,
) -> Response {
    let result = async {
        let loaded = staff.complaint(&state, &reference).await?;
        let id = id.parse::<uuid::Uuid>().map_err(|_| WebError::NotFound)?;
        let document = state.app.store().document(id).await?;
        let document = document
            .filter(|d| d.info.complaint_id == loaded.id)
            .ok_or(WebError::NotFound)?;
        let headers = [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&document.info.filename),
            ),
        ];
        Ok((headers, document.bytes).into_response())
    };
    result.await.unwrap_or_else(|e: WebError| e.page(lang))
}
