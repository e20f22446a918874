//! The work queue page (`/kantoor`): open complaints of the staff member's regions, nearest
//! deadline first, with the filters and the next-page link. Which rows, and how they are
//! fetched, is in [`super::paging`]; what the codes mean is in [`super::labels`].

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use domain::complaint::Channel;
use domain::time::civil_date;

use super::labels::{
    Nearness, OPEN_STATES, date_short, deadline_kind_label, state_label, status_label,
};
use super::paging::{Filter, Handler, QueueParams, fetch};
use super::staff::{Staff, StaffHeader};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;

#[derive(Template, WebTemplate)]
#[template(path = "office/queue.html")]
struct QueuePage {
    lang: Lang,
    staff: StaffHeader,
    /// "Alle regio's" or the user's region names.
    scope: String,
    read_only: bool,
    /// Whether to link to the registration form (handlers and regional directors).
    may_register: bool,
    regions: Vec<Choice>,
    states: Vec<Choice>,
    overdue_only: bool,
    /// Handler choices: everyone's, mine, unassigned.
    handlers: Vec<Choice>,
    channels: Vec<Choice>,
    categories: Vec<Choice>,
    /// The search input as typed.
    search: String,
    rows: Vec<Line>,
    /// The next page, when there is one.
    next: Option<String>,
    /// The first page, when this is a later one.
    first: Option<String>,
}

/// An option of a filter.
struct Choice {
    code: String,
    label: String,
    selected: bool,
}

/// One row of the table.
struct Line {
    reference: String,
    received: String,
    received_iso: String,
    name: String,
    region: String,
    category: String,
    state: String,
    deadline: Option<DeadlineCell>,
}

struct DeadlineCell {
    date: String,
    iso: String,
    kind: String,
    nearness: String,
    class: &'static str,
}

pub(crate) async fn queue_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(params): Query<QueueParams>,
) -> Response {
    queue(&state, lang, &staff, &params)
        .await
        .map_or_else(|e| e.page(lang), IntoResponse::into_response)
}

async fn queue(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    params: &QueueParams,
) -> Result<QueuePage, WebError> {
    // A filter the user may not use is not found, like an unknown page.
    let filter =
        Filter::parse(&params.input(), &staff.session().user).map_err(|_| WebError::NotFound)?;
    let today = civil_date(state.app.clock().now());
    let limit = state.office.queue_page_size.max(1);
    let (rows, more) = fetch(state, &staff.session().user, &filter, limit, today).await?;
    let next = more
        .then(|| rows.last().map(|r| filter.href(Some(r.cursor()))))
        .flatten();
    let first = filter.after.is_some().then(|| filter.href(None));

    let store = state.app.store();
    let all_regions = store.regions().await?;
    let categories = store.categories().await?;
    let user = &staff.session().user;
    let region_name = |code: &str| {
        all_regions
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let category_name = |code: &str| {
        categories.iter().find(|c| c.code == code).map_or_else(
            || code.to_owned(),
            |c| lang.t(&c.name_nl, &c.name_en).to_owned(),
        )
    };
    let near = state.office.due_soon_working_days;
    let calendar = state.app.calendar();
    let lines = rows
        .iter()
        .map(|r| {
            let received = civil_date(r.received_at);
            Line {
                reference: r.reference.to_string(),
                received: date_short(received),
                received_iso: received.to_string(),
                name: r.complainant_name.clone(),
                region: region_name(&r.region),
                category: category_name(&r.category),
                state: state_label(&r.state, lang),
                deadline: r.next_deadline.map(|end| {
                    let n = Nearness::of(end, today, near, &calendar);
                    DeadlineCell {
                        date: date_short(end),
                        iso: end.to_string(),
                        kind: deadline_kind_label(r.next_deadline_kind.as_deref(), lang),
                        nearness: n.label(lang),
                        class: n.class(),
                    }
                }),
            }
        })
        .collect();

    let visible: Vec<&store::Region> = all_regions
        .iter()
        .filter(|r| user.may_see_region(&r.code))
        .collect();
    let scope = if user.all_regions {
        lang.t("Alle regio's", "All regions").to_owned()
    } else {
        visible
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let regions = visible
        .iter()
        .map(|r| Choice {
            code: r.code.clone(),
            label: r.name.clone(),
            selected: filter.region.as_deref() == Some(&r.code),
        })
        .collect();
    let states = OPEN_STATES
        .iter()
        .map(|s| Choice {
            code: s.code().to_owned(),
            label: status_label(*s, lang).to_owned(),
            selected: filter.state.as_deref() == Some(s.code()),
        })
        .collect();
    let handlers = [
        (Handler::Mine, lang.t("Mijn klachten", "My complaints")),
        (
            Handler::Unassigned,
            lang.t("Zonder behandelaar", "Unassigned"),
        ),
    ]
    .into_iter()
    .map(|(h, label)| Choice {
        code: h.code().to_owned(),
        label: label.to_owned(),
        selected: filter.handler == Some(h),
    })
    .collect();
    let channels = Channel::ALL
        .into_iter()
        .map(|c| Choice {
            code: c.as_str().to_owned(),
            label: lang.t(c.label_nl(), channel_label_en(c)).to_owned(),
            selected: filter.channel == Some(c),
        })
        .collect();
    let category_choices = categories
        .iter()
        .filter(|c| c.active || filter.category.as_deref() == Some(&c.code))
        .map(|c| Choice {
            code: c.code.clone(),
            label: lang.t(&c.name_nl, &c.name_en).to_owned(),
            selected: filter.category.as_deref() == Some(&c.code),
        })
        .collect();
    Ok(QueuePage {
        lang,
        staff: staff.header(),
        scope,
        read_only: staff.session().role() == domain::complaint::Role::Lezer,
        may_register: crate::access::may_register(&staff.session().user).is_ok(),
        regions,
        states,
        overdue_only: filter.overdue_only,
        handlers,
        channels,
        categories: category_choices,
        search: filter.search.clone().unwrap_or_default(),
        rows: lines,
        next,
        first,
    })
}

fn channel_label_en(c: Channel) -> &'static str {
    match c {
        Channel::Web => "the online complaint form",
        Channel::Email => "e-mail",
        Channel::Phone => "phone",
        Channel::Letter => "letter",
        Channel::InPerson => "in person at the office",
    }
}
