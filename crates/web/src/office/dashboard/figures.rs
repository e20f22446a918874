//! The dashboard's figures, computed from the store's GROUP BY counts for one staff member's
//! scope. Definitions (also in `docs/dashboard.md`):
//! - **open**: complaints not closed, per region and per state (the projection);
//! - **overdue**: open complaints whose next deadline lies before today;
//! - **due this week**: open complaints whose next deadline lies from today up to and including
//!   Sunday of the current week (Monday–Sunday, Europe/Amsterdam); an overdue one is counted
//!   as overdue only, so the two never overlap;
//! - per deadline kind, over a period of due dates (`van`..=`tot`, both included; by default
//!   the 12 months up to and including today): deadlines closed **met** (the step was taken on
//!   or before the last day, extensions included) and **late**; the **share met** is met /
//!   (met + late); the **median days taken** is the median of calendar days from the day the
//!   deadline started to the day it closed (the mean of the two middle values for an even
//!   count). Deadlines still open are not in these figures (they show as overdue above);
//!   expired and cancelled ones are no outcome (see `app::outcomes`).

use domain::complaint::Role;
use domain::procedure::DeadlineKind;
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Deserialize;
use store::{OpenCount, OutcomeCount};

use super::super::labels::OPEN_STATES;
use super::super::staff::Staff;
use crate::AppState;
use crate::error::WebError;

/// The query string of the page and the CSV.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct DashboardParams {
    #[serde(default)]
    pub regio: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
}

/// Which regions the figures cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    All,
    /// These regions (one when filtered).
    Regions(Vec<String>),
}

impl Scope {
    /// Beheerders and lezers (and anyone given all regions) see every region; klachtbehandelaars
    /// and regiodirecteuren their own. A region filter outside the scope is not found.
    pub(crate) fn of(staff: &Staff, region: Option<&str>) -> Result<Scope, WebError> {
        let user = &staff.session().user;
        let sees_all = user.all_regions || matches!(user.role, Role::Beheerder | Role::Lezer);
        match region {
            Some(r) if sees_all || user.regions.iter().any(|x| x == r) => {
                Ok(Scope::Regions(vec![r.to_owned()]))
            }
            Some(_) => Err(WebError::NotFound),
            None if sees_all => Ok(Scope::All),
            None => Ok(Scope::Regions(user.regions.clone())),
        }
    }

    /// One store query per entry: None for all regions.
    fn queries(&self) -> Vec<Option<&str>> {
        match self {
            Scope::All => vec![None],
            Scope::Regions(rs) => rs.iter().map(|r| Some(r.as_str())).collect(),
        }
    }
}

/// The chosen period of due dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub from: Date,
    pub to: Date,
    /// A date in the query string could not be read (or `van` was after `tot`): the default
    /// period is shown instead, and the page says so.
    pub corrected: bool,
}

impl Period {
    /// The 12 months up to and including `today`: from the day after the same date a year ago.
    pub(crate) fn default_for(today: Date) -> Period {
        let from = today
            .checked_sub(1.year())
            .and_then(|d| d.checked_add(1.day()))
            .unwrap_or(today);
        Period {
            from,
            to: today,
            corrected: false,
        }
    }

    pub(crate) fn parse(van: &str, tot: &str, today: Date) -> Period {
        let default = Period::default_for(today);
        let read = |s: &str, fallback: Date| -> Option<Date> {
            let s = s.trim();
            if s.is_empty() {
                Some(fallback)
            } else {
                s.parse().ok()
            }
        };
        match (read(van, default.from), read(tot, default.to)) {
            (Some(from), Some(to)) if from <= to => Period {
                from,
                to,
                corrected: false,
            },
            _ => Period {
                corrected: true,
                ..default
            },
        }
    }
}

/// Monday and Sunday of the week of `today`.
pub(crate) fn week_of(today: Date) -> (Date, Date) {
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let monday = today.checked_sub(back.days()).unwrap_or(today);
    let sunday = monday.checked_add(6.days()).unwrap_or(today);
    (monday, sunday)
}

/// Open complaints of one region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RegionFigures {
    pub code: String,
    pub open: i64,
    pub overdue: i64,
    pub due_this_week: i64,
}

/// Deadlines of one kind over the period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KindFigures {
    pub kind: DeadlineKind,
    pub met: i64,
    pub late: i64,
    /// Met / (met + late), 0..=1; None without outcomes.
    pub share_met: Option<f64>,
    pub median_days: Option<f64>,
}

/// Everything the page and the CSV show.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figures {
    pub scope: Scope,
    pub today: Date,
    pub week: (Date, Date),
    pub period: Period,
    /// Regions with open complaints, by code.
    pub regions: Vec<RegionFigures>,
    /// Open complaints per state, in procedure order (states without any are left out).
    pub states: Vec<(String, i64)>,
    /// Open complaints per region and state, as the store counted them.
    pub open_counts: Vec<OpenCount>,
    pub total: RegionFigures,
    /// Every deadline kind, in procedure order.
    pub kinds: Vec<KindFigures>,
}

impl Figures {
    pub(crate) async fn load(
        state: &AppState,
        staff: &Staff,
        params: &DashboardParams,
    ) -> Result<Figures, WebError> {
        let region = Some(params.regio.trim()).filter(|r| !r.is_empty());
        let scope = Scope::of(staff, region)?;
        let today = domain::time::civil_date(state.app.clock().now());
        let week = week_of(today);
        let period = Period::parse(&params.van, &params.tot, today);
        let store = state.app.store();
        let mut open_counts = Vec::new();
        let mut outcomes = Vec::new();
        for region in scope.queries() {
            open_counts.extend(store.open_counts(region, today, week.1).await?);
            outcomes.extend(store.outcome_counts(region, period.from, period.to).await?);
        }
        Ok(Figures::compute(
            scope,
            today,
            week,
            period,
            open_counts,
            &outcomes,
        ))
    }

    /// The figures from the store's counts (pure: tested below).
    pub(crate) fn compute(
        scope: Scope,
        today: Date,
        week: (Date, Date),
        period: Period,
        open_counts: Vec<OpenCount>,
        outcomes: &[OutcomeCount],
    ) -> Figures {
        let mut regions: Vec<RegionFigures> = Vec::new();
        let mut total = RegionFigures {
            code: String::new(),
            ..RegionFigures::default()
        };
        for c in &open_counts {
            let i = match regions.iter().position(|r| r.code == c.region) {
                Some(i) => i,
                None => {
                    regions.push(RegionFigures {
                        code: c.region.clone(),
                        ..RegionFigures::default()
                    });
                    regions.len() - 1
                }
            };
            for r in [&mut regions[i], &mut total] {
                r.open += c.open;
                r.overdue += c.overdue;
                r.due_this_week += c.due_this_week;
            }
        }
        regions.sort_by(|a, b| a.code.cmp(&b.code));
        let mut states: Vec<(String, i64)> = OPEN_STATES
            .iter()
            .map(|s| (s.code().to_owned(), 0))
            .collect();
        for c in &open_counts {
            match states.iter_mut().find(|(code, _)| *code == c.state) {
                Some((_, n)) => *n += c.open,
                None => states.push((c.state.clone(), c.open)),
            }
        }
        states.retain(|(_, n)| *n > 0);
        let kinds = DeadlineKind::ALL
            .into_iter()
            .map(|kind| kind_figures(kind, outcomes))
            .collect();
        Figures {
            scope,
            today,
            week,
            period,
            regions,
            states,
            open_counts,
            total,
            kinds,
        }
    }
}

fn kind_figures(kind: DeadlineKind, outcomes: &[OutcomeCount]) -> KindFigures {
    let of_kind: Vec<&OutcomeCount> = outcomes
        .iter()
        .filter(|o| o.kind == kind.as_str())
        .collect();
    let met: i64 = of_kind.iter().filter(|o| o.met).map(|o| o.count).sum();
    let late: i64 = of_kind.iter().filter(|o| !o.met).map(|o| o.count).sum();
    let mut histogram: Vec<(i64, i64)> = of_kind.iter().map(|o| (o.days_taken, o.count)).collect();
    histogram.sort_unstable();
    let total = met + late;
    KindFigures {
        kind,
        met,
        late,
        share_met: (total > 0).then(|| met as f64 / total as f64),
        median_days: median(&histogram),
    }
}

/// The median of a histogram of (value, count), sorted by value: the middle value, or the mean
/// of the two middle values for an even count. None when it is empty.
pub(crate) fn median(histogram: &[(i64, i64)]) -> Option<f64> {
    let n: i64 = histogram.iter().map(|(_, c)| c).sum();
    if n <= 0 {
        return None;
    }
    // The k-th value (0-based) in sorted order.
    let nth = |k: i64| -> i64 {
        let mut seen = 0;
        for &(value, count) in histogram {
            seen += count;
            if k < seen {
                return value;
            }
        }
        histogram.last().map_or(0, |(v, _)| *v)
    };
    if n % 2 == 1 {
        Some(nth(n / 2) as f64)
    } else {
        Some((nth(n / 2 - 1) + nth(n / 2)) as f64 / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_median_takes_the_middle_value_or_the_mean_of_the_two_middle_values() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[(5, 1)]), Some(5.0));
        assert_eq!(median(&[(1, 1), (3, 1), (10, 1)]), Some(3.0));
        assert_eq!(median(&[(1, 1), (3, 1)]), Some(2.0));
        // 1, 1, 1, 4, 9, 9: the middle two are 1 and 4.
        assert_eq!(median(&[(1, 3), (4, 1), (9, 2)]), Some(2.5));
        assert_eq!(median(&[(2, 4)]), Some(2.0));
    }

    #[test]
    fn the_week_runs_from_monday_to_sunday() {
        // Fri 1 May 2026.
        assert_eq!(
            week_of(date(2026, 5, 1)),
            (date(2026, 4, 27), date(2026, 5, 3))
        );
        assert_eq!(
            week_of(date(2026, 4, 27)),
            (date(2026, 4, 27), date(2026, 5, 3))
        );
        assert_eq!(
            week_of(date(2026, 5, 3)),
            (date(2026, 4, 27), date(2026, 5, 3))
        );
    }

    #[test]
    fn the_default_period_is_the_twelve_months_up_to_today_and_bad_dates_fall_back_to_it() {
        let today = date(2026, 5, 1);
        let default = Period::default_for(today);
        assert_eq!((default.from, default.to), (date(2025, 5, 2), today));
        assert_eq!(Period::parse("", "", today), default);
        let chosen = Period::parse("2026-01-01", "2026-03-31", today);
        assert_eq!(
            (chosen.from, chosen.to),
            (date(2026, 1, 1), date(2026, 3, 31))
        );
        assert!(!chosen.corrected);
        assert!(Period::parse("2026-13-01", "", today).corrected);
        assert!(Period::parse("2026-04-01", "2026-03-01", today).corrected);
    }

    #[test]
    fn figures_add_up_per_region_state_and_kind() {
        let oc = |region: &str, state: &str, open, overdue, week| OpenCount {
            region: region.into(),
            state: state.into(),
            open,
            overdue,
            due_this_week: week,
        };
        let out = |kind: &str, met, days, count| OutcomeCount {
            kind: kind.into(),
            met,
            days_taken: days,
            count,
        };
        let today = date(2026, 5, 1);
        let f = Figures::compute(
            Scope::All,
            today,
            week_of(today),
            Period::default_for(today),
            vec![
                oc("zuid", "in_progress", 2, 1, 1),
                oc("noord", "answered", 3, 0, 2),
                oc("noord", "in_progress", 1, 1, 0),
            ],
            &[
                out("contact", true, 1, 3),
                out("contact", false, 5, 1),
                out("answer", false, 20, 2),
            ],
        );
        assert_eq!(
            f.regions
                .iter()
                .map(|r| (r.code.as_str(), r.open, r.overdue, r.due_this_week))
                .collect::<Vec<_>>(),
            [("noord", 4, 1, 2), ("zuid", 2, 1, 1)]
        );
        assert_eq!(
            (f.total.open, f.total.overdue, f.total.due_this_week),
            (6, 2, 3)
        );
        assert_eq!(
            f.states,
            [("in_progress".to_owned(), 3), ("answered".to_owned(), 3)]
        );
        let contact = &f.kinds[0];
        assert_eq!(contact.kind, DeadlineKind::Contact);
        assert_eq!((contact.met, contact.late), (3, 1));
        assert_eq!(contact.share_met, Some(0.75));
        assert_eq!(contact.median_days, Some(1.0));
        let answer = &f.kinds[1];
        assert_eq!(
            (answer.met, answer.late, answer.share_met),
            (0, 2, Some(0.0))
        );
        assert_eq!(f.kinds[2].share_met, None, "no objection outcomes");
        assert_eq!(f.kinds.len(), 6);
    }
}
