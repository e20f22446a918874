//! Which rows the work queue shows: the filters (checked against the staff member's regions),
//! the region scope of the store queries, and the keyset cursor of the next page.
//!
//! Region scoping is in the query. The store serves one region per query from its
//! `(region, next_deadline, id)` partial index without a sort; a user with several regions gets
//! one such query per region (each at most a page plus one row), merged here by the same key.
//! That keeps every query on an index, where an `IN` list would need a sort of all matching
//! rows. Staff with all regions get the single unfiltered query.
//!
//! Handler ("mine", "unassigned"), channel, category and the search words go to the store as
//! they are (the search is user text: the store binds and quotes it).
//!
//! "Only overdue" needs no query of its own: overdue rows (last day before today) are a prefix
//! of the deadline order, so the page stops at the first row that is not overdue.

use domain::complaint::Channel;
use jiff::civil::Date;
use serde::Deserialize;
use store::{AssigneeFilter, ComplaintId, QueueQuery, QueueRow, UserRecord};

use super::labels::open_state;
use super::staff::percent_encode;
use crate::AppState;
use crate::error::WebError;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct QueueParams {
    #[serde(default)]
    pub(crate) regio: String,
    #[serde(default)]
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) verlopen: String,
    /// `mij` (assigned to me) or `niemand` (unassigned).
    #[serde(default)]
    pub(crate) behandelaar: String,
    #[serde(default)]
    pub(crate) kanaal: String,
    #[serde(default)]
    pub(crate) categorie: String,
    /// Search words or a reference.
    #[serde(default)]
    pub(crate) zoek: String,
    /// The cursor: `<date>_<uuid>` of the previous page's last row.
    #[serde(default)]
    pub(crate) na: String,
}

impl QueueParams {
    /// The office's Dutch parameters as the neutral input of [`Filter::parse`].
    pub(crate) fn input(&self) -> FilterInput<'_> {
        FilterInput {
            region: &self.regio,
            state: &self.status,
            overdue_only: !self.verlopen.is_empty(),
            handler: match self.behandelaar.trim() {
                "" => None,
                "mij" => Some(Ok(Handler::Mine)),
                "niemand" => Some(Ok(Handler::Unassigned)),
                _ => Some(Err(())),
            },
            channel: &self.kanaal,
            category: &self.categorie,
            search: &self.zoek,
            after: &self.na,
        }
    }
}

/// The queue's filters as a front end read them, by neutral names: the office from its Dutch
/// query ([`QueueParams::input`]), the API from its English one. A blank text is no filter.
#[derive(Debug, Default)]
pub(crate) struct FilterInput<'a> {
    pub region: &'a str,
    pub state: &'a str,
    pub overdue_only: bool,
    /// None: any handler; `Err`: a word the front end does not know.
    pub handler: Option<Result<Handler, ()>>,
    pub channel: &'a str,
    pub category: &'a str,
    pub search: &'a str,
    /// The cursor: `<date>_<uuid>` of the previous page's last row.
    pub after: &'a str,
}

/// A filter [`Filter::parse`] refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Unknown, or a region the user may not see (the two are not told apart).
    Region,
    /// Not an open state.
    State,
    Handler,
    Channel,
    /// Not a cursor from a previous page.
    After,
}

/// The filters, checked against what this staff member may see.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    pub region: Option<String>,
    pub state: Option<String>,
    pub overdue_only: bool,
    pub handler: Option<Handler>,
    pub channel: Option<Channel>,
    pub category: Option<String>,
    /// At most [`MAX_SEARCH`] characters.
    pub search: Option<String>,
    pub after: Option<(Date, ComplaintId)>,
}

/// The handler filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handler {
    /// Complaints assigned to the staff member looking.
    Mine,
    Unassigned,
}

impl Handler {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Handler::Mine => "mij",
            Handler::Unassigned => "niemand",
        }
    }
}

/// Longer search input is cut (the store uses at most 16 words anyway).
const MAX_SEARCH: usize = 200;

impl Filter {
    /// The filters `input` names, or every one that is refused (in the order of the fields):
    /// a region the user may not see, an unknown state, handler or channel, a malformed cursor.
    pub(crate) fn parse(input: &FilterInput, user: &UserRecord) -> Result<Filter, Vec<Refused>> {
        let mut refused = Vec::new();
        let mut refuse = |r: Refused| refused.push(r);
        let region = non_empty(input.region);
        if region.as_deref().is_some_and(|r| !user.may_see_region(r)) {
            refuse(Refused::Region);
        }
        let state = non_empty(input.state);
        if state.as_deref().is_some_and(|s| open_state(s).is_none()) {
            refuse(Refused::State);
        }
        let handler = input
            .handler
            .and_then(|h| h.map_err(|()| refuse(Refused::Handler)).ok());
        let channel = non_empty(input.channel).and_then(|c| {
            let parsed = Channel::parse(&c);
            if parsed.is_none() {
                refuse(Refused::Channel);
            }
            parsed
        });
        let search = non_empty(input.search).map(|s| s.chars().take(MAX_SEARCH).collect());
        let after = non_empty(input.after).and_then(|c| {
            let parsed = parse_cursor(&c);
            if parsed.is_none() {
                refuse(Refused::After);
            }
            parsed
        });
        if !refused.is_empty() {
            return Err(refused);
        }
        Ok(Filter {
            region,
            state,
            overdue_only: input.overdue_only,
            handler,
            channel,
            category: non_empty(input.category),
            search,
            after,
        })
    }

    /// The query string of this filter, from `after`.
    pub(crate) fn href(&self, after: Option<(Date, ComplaintId)>) -> String {
        let mut pairs = Vec::new();
        if let Some(r) = &self.region {
            pairs.push(format!("regio={}", percent_encode(r)));
        }
        if let Some(s) = &self.state {
            pairs.push(format!("status={}", percent_encode(s)));
        }
        if self.overdue_only {
            pairs.push("verlopen=1".to_owned());
        }
        if let Some(h) = self.handler {
            pairs.push(format!("behandelaar={}", h.code()));
        }
        if let Some(c) = self.channel {
            pairs.push(format!("kanaal={}", c.as_str()));
        }
        if let Some(c) = &self.category {
            pairs.push(format!("categorie={}", percent_encode(c)));
        }
        if let Some(z) = &self.search {
            pairs.push(format!("zoek={}", percent_encode(z)));
        }
        if let Some((d, id)) = after {
            pairs.push(format!("na={d}_{id}"));
        }
        if pairs.is_empty() {
            "/kantoor".to_owned()
        } else {
            format!("/kantoor?{}", pairs.join("&"))
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn parse_cursor(c: &str) -> Option<(Date, ComplaintId)> {
    let (d, id) = c.split_once('_')?;
    Some((d.parse().ok()?, id.parse().ok()?))
}

/// One page of rows in queue order, and whether more follow.
pub(crate) async fn fetch(
    state: &AppState,
    user: &UserRecord,
    filter: &Filter,
    limit: u32,
    today: Date,
) -> Result<(Vec<QueueRow>, bool), WebError> {
    let scopes: Vec<Option<String>> = match (&filter.region, user.all_regions) {
        (Some(region), _) => vec![Some(region.clone())],
        (None, true) => vec![None],
        (None, false) => user.regions.iter().cloned().map(Some).collect(),
    };
    let mut rows = Vec::new();
    for region in scopes {
        let q = QueueQuery {
            region,
            state: filter.state.clone(),
            assignee: filter.handler.map(|h| match h {
                Handler::Mine => AssigneeFilter::User(user.id.to_string()),
                Handler::Unassigned => AssigneeFilter::Unassigned,
            }),
            channel: filter.channel.map(|c| c.as_str().to_owned()),
            category: filter.category.clone(),
            search: filter.search.clone(),
            viewer: Some(user.id.to_string()),
            after: filter.after,
            limit: limit + 1,
        };
        rows.extend(state.app.store().queue(&q).await?);
    }
    rows.sort_by_key(QueueRow::cursor);
    let mut more = rows.len() > limit as usize;
    if filter.overdue_only
        && let Some(end) = rows
            .iter()
            .position(|r| r.next_deadline.is_none_or(|d| d >= today))
        && end <= limit as usize
    {
        rows.truncate(end);
        more = false;
    }
    rows.truncate(limit as usize);
    Ok((rows, more))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(regions: &[&str]) -> UserRecord {
        UserRecord {
            id: uuid::Uuid::new_v4(),
            email: "a@example.nl".into(),
            name: "A".into(),
            role: domain::complaint::Role::Klachtbehandelaar,
            all_regions: false,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            active: true,
            password_hash: None,
            totp_secret: None,
            created_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_office_words_become_the_filter() {
        let params = QueueParams {
            regio: " noord ".into(),
            verlopen: "1".into(),
            behandelaar: "niemand".into(),
            kanaal: "phone".into(),
            ..QueueParams::default()
        };
        let f = Filter::parse(&params.input(), &user(&["noord"])).unwrap();
        assert_eq!(f.region.as_deref(), Some("noord"));
        assert!(f.overdue_only);
        assert_eq!(f.handler, Some(Handler::Unassigned));
        assert_eq!(f.channel, Some(Channel::Phone));
        assert_eq!(
            (f.state, f.category, f.search, f.after),
            (None, None, None, None)
        );
    }

    #[test]
    fn every_refused_filter_is_named_at_once() {
        let params = QueueParams {
            regio: "zuid".into(),
            status: "nergens".into(),
            behandelaar: "mine".into(),
            kanaal: "duif".into(),
            categorie: "wat-dan-ook".into(),
            na: "x".into(),
            ..QueueParams::default()
        };
        let refused = Filter::parse(&params.input(), &user(&["noord"])).unwrap_err();
        assert_eq!(
            refused,
            [
                Refused::Region,
                Refused::State,
                Refused::Handler,
                Refused::Channel,
                Refused::After
            ]
        );
    }

    #[test]
    fn a_cursor_reads_back_what_the_next_link_writes() {
        let id: ComplaintId = "0196a1b2-0000-7000-8000-000000000001".parse().unwrap();
        let d = jiff::civil::date(2026, 5, 5);
        let f = Filter {
            region: Some("noord".into()),
            state: None,
            overdue_only: true,
            handler: Some(Handler::Mine),
            channel: Some(Channel::Letter),
            category: None,
            search: Some("de \"Vries\" & co".into()),
            after: None,
        };
        let href = f.href(Some((d, id)));
        assert_eq!(
            href,
            format!(
                "/kantoor?regio=noord&verlopen=1&behandelaar=mij&kanaal=letter\
                 &zoek=de%20%22Vries%22%20%26%20co&na=2026-05-05_{id}"
            )
        );
        assert_eq!(parse_cursor(&format!("2026-05-05_{id}")), Some((d, id)));
        assert_eq!(parse_cursor("2026-05-05"), None);
        assert_eq!(parse_cursor("x_y"), None);
    }
}
