//! The dashboard page: the figures as tables (the text alternative) and as bar charts drawn in
//! SVG on the server (no JavaScript; each chart is `role="img"` with a `<title>`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};

use super::figures::{DashboardParams, Figures, Scope};
use super::{kind_label, query_string};
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
use crate::office::labels::{date_short, state_label};
use crate::office::staff::{Staff, StaffHeader};

#[derive(Template, WebTemplate)]
#[template(path = "office/dashboard.html")]
struct DashboardPage {
    lang: Lang,
    staff: StaffHeader,
    /// "Alle regio's" or the region names of the scope.
    scope: String,
    regions: Vec<Choice>,
    from: String,
    to: String,
    /// The dates asked for could not be used; the default period is shown.
    corrected: bool,
    today: String,
    week_from: String,
    week_to: String,
    region_rows: Vec<Row>,
    total: Row,
    state_rows: Vec<(String, i64)>,
    kind_rows: Vec<KindRow>,
    charts: Vec<Chart>,
    csv_href: String,
}

struct Choice {
    code: String,
    label: String,
    selected: bool,
}

struct Row {
    name: String,
    open: i64,
    overdue: i64,
    due_this_week: i64,
}

struct KindRow {
    label: String,
    met: i64,
    late: i64,
    total: i64,
    share: String,
    median: String,
}

/// A horizontal bar chart: a label above each bar, the value after it.
pub(crate) struct Chart {
    id: &'static str,
    title: String,
    /// The id of the table holding the same figures.
    table: &'static str,
    height: u32,
    bars: Vec<Bar>,
}

struct Bar {
    label: String,
    value: String,
    label_y: u32,
    bar_y: u32,
    width: u32,
    value_x: u32,
}

/// The widest bar, in SVG units (the view box is 640 wide).
const BAR_MAX: u32 = 520;
const ROW: u32 = 44;

impl Chart {
    /// Bars scaled to the largest of `max` and the values.
    fn new(
        id: &'static str,
        title: String,
        table: &'static str,
        bars: Vec<(String, f64, String)>,
        max: f64,
    ) -> Chart {
        let max = bars.iter().map(|b| b.1).fold(max, f64::max);
        let bars: Vec<Bar> = bars
            .into_iter()
            .zip(0u32..)
            .map(|((label, value, text), i)| {
                let width = if max > 0.0 {
                    ((value / max) * f64::from(BAR_MAX))
                        .round()
                        .clamp(0.0, f64::from(BAR_MAX)) as u32
                } else {
                    0
                };
                Bar {
                    label,
                    value: text,
                    label_y: i * ROW + 16,
                    bar_y: i * ROW + 22,
                    width,
                    value_x: width + 8,
                }
            })
            .collect();
        Chart {
            id,
            title,
            table,
            height: (bars.len() as u32 * ROW).max(ROW),
            bars,
        }
    }
}

pub(crate) async fn dashboard_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(params): Query<DashboardParams>,
) -> Response {
    page(&state, lang, &staff, &params)
        .await
        .map_or_else(|e| e.page(lang), IntoResponse::into_response)
}

async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    params: &DashboardParams,
) -> Result<DashboardPage, WebError> {
    let f = Figures::load(state, staff, params).await?;
    let all_regions = state.app.store().regions().await?;
    let name_of = |code: &str| {
        all_regions
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let visible: Vec<&store::Region> = all_regions
        .iter()
        .filter(|r| Scope::of(staff, Some(&r.code)).is_ok())
        .collect();
    let scope = match &f.scope {
        Scope::All => lang.t("Alle regio's", "All regions").to_owned(),
        Scope::Regions(codes) => codes
            .iter()
            .map(|c| name_of(c))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let filtered = params.regio.trim();
    let regions = visible
        .iter()
        .map(|r| Choice {
            code: r.code.clone(),
            label: r.name.clone(),
            selected: r.code == filtered,
        })
        .collect();
    let region_rows: Vec<Row> = f
        .regions
        .iter()
        .map(|r| Row {
            name: name_of(&r.code),
            open: r.open,
            overdue: r.overdue,
            due_this_week: r.due_this_week,
        })
        .collect();
    let kind_rows: Vec<KindRow> = f
        .kinds
        .iter()
        .map(|k| KindRow {
            label: kind_label(k.kind, lang),
            met: k.met,
            late: k.late,
            total: k.met + k.late,
            share: k.share_met.map_or_else(|| "–".into(), |s| percent(s, lang)),
            median: k
                .median_days
                .map_or_else(|| "–".into(), |m| decimal(m, lang)),
        })
        .collect();
    let state_rows: Vec<(String, i64)> = f
        .states
        .iter()
        .map(|(code, n)| (state_label(code, lang), *n))
        .collect();

    let charts = vec![
        Chart::new(
            "grafiek-regio",
            lang.t(
                "Openstaande klachten per regio",
                "Open complaints per region",
            )
            .to_owned(),
            "tabel-regio",
            region_rows
                .iter()
                .map(|r| (r.name.clone(), r.open as f64, r.open.to_string()))
                .collect(),
            0.0,
        ),
        Chart::new(
            "grafiek-status",
            lang.t(
                "Openstaande klachten per status",
                "Open complaints per state",
            )
            .to_owned(),
            "tabel-status",
            state_rows
                .iter()
                .map(|(label, n)| (label.clone(), *n as f64, n.to_string()))
                .collect(),
            0.0,
        ),
        Chart::new(
            "grafiek-termijnen",
            lang.t(
                "Aandeel termijnen gehaald per soort termijn",
                "Share of deadlines met per kind of deadline",
            )
            .to_owned(),
            "tabel-termijnen",
            f.kinds
                .iter()
                .zip(&kind_rows)
                .map(|(k, row)| {
                    let share = k.share_met.unwrap_or(0.0) * 100.0;
                    (row.label.clone(), share, row.share.clone())
                })
                .collect(),
            100.0,
        ),
    ];
    Ok(DashboardPage {
        lang,
        staff: staff.header(),
        scope,
        regions,
        from: f.period.from.to_string(),
        to: f.period.to.to_string(),
        corrected: f.period.corrected,
        today: date_short(f.today),
        week_from: date_short(f.week.0),
        week_to: date_short(f.week.1),
        region_rows,
        total: Row {
            name: lang.t("Totaal", "Total").to_owned(),
            open: f.total.open,
            overdue: f.total.overdue,
            due_this_week: f.total.due_this_week,
        },
        state_rows,
        kind_rows,
        charts,
        csv_href: format!(
            "/kantoor/dashboard.csv{}",
            query_string(filtered, &f.period)
        ),
    })
}

/// `0.75` as "75,0 %" (Dutch) or "75.0%" (English).
fn percent(share: f64, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("{} %", decimal(share * 100.0, lang)),
        Lang::En => format!("{}%", decimal(share * 100.0, lang)),
    }
}

/// One decimal, with a decimal comma in Dutch.
fn decimal(x: f64, lang: Lang) -> String {
    let text = format!("{x:.1}");
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_dutch_or_the_english_way() {
        assert_eq!(percent(0.75, Lang::Nl), "75,0 %");
        assert_eq!(percent(2.0 / 3.0, Lang::En), "66.7%");
        assert_eq!(decimal(2.5, Lang::Nl), "2,5");
    }

    #[test]
    fn bars_are_scaled_to_the_largest_value_or_the_given_maximum() {
        let c = Chart::new(
            "x",
            "t".into(),
            "y",
            vec![("a".into(), 2.0, "2".into()), ("b".into(), 4.0, "4".into())],
            0.0,
        );
        assert_eq!(c.bars[0].width, BAR_MAX / 2);
        assert_eq!(c.bars[1].width, BAR_MAX);
        let share = Chart::new(
            "x",
            "t".into(),
            "y",
            vec![("a".into(), 50.0, "50".into())],
            100.0,
        );
        assert_eq!(share.bars[0].width, BAR_MAX / 2);
        let empty = Chart::new(
            "x",
            "t".into(),
            "y",
            vec![("a".into(), 0.0, "0".into())],
            0.0,
        );
        assert_eq!(empty.bars[0].width, 0);
    }
}
