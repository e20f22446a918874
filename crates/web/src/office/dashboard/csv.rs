//! The dashboard as CSV (`/kantoor/dashboard.csv`, same query string as the page): one figure
//! per line in long format, `figure,region,subject,value`, so a spreadsheet can pivot it and a
//! script can read it without knowing the layout. Codes, not labels: region codes, state codes
//! and deadline kinds are stable; numbers use a decimal point. Text fields are quoted when they
//! hold a comma, quote or line break, and a field that a spreadsheet would run as a formula
//! (`=`, `+`, `-`, `@`) is prefixed with an apostrophe.
//!
//! Lines: `period_from`/`period_to` (value: the date), `open` (region, state), `overdue` and
//! `due_this_week` (region), and per kind `deadlines_met`, `deadlines_late`,
//! `share_met_percent` and `median_days_taken` (empty when there are no outcomes).

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::figures::{DashboardParams, Figures};
use crate::AppState;
use crate::lang::Lang;
use crate::office::staff::Staff;

pub(crate) async fn dashboard_csv_get(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Query(params): Query<DashboardParams>,
) -> Response {
    match Figures::load(&state, &staff, &params).await {
        Ok(f) => {
            let disposition = format!(
                "attachment; filename=\"wederhoor-dashboard-{}.csv\"",
                f.today
            );
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                render(&f),
            )
                .into_response()
        }
        Err(e) => e.page(lang),
    }
}

/// The CSV text, CRLF line ends (RFC 4180).
pub(crate) fn render(f: &Figures) -> String {
    let mut lines: Vec<[String; 4]> = vec![[
        "figure".into(),
        "region".into(),
        "subject".into(),
        "value".into(),
    ]];
    let mut line = |figure: &str, region: &str, subject: &str, value: String| {
        lines.push([figure.into(), region.into(), subject.into(), value]);
    };
    line("period_from", "", "", f.period.from.to_string());
    line("period_to", "", "", f.period.to.to_string());
    let mut open = f.open_counts.clone();
    open.sort_by(|a, b| (&a.region, &a.state).cmp(&(&b.region, &b.state)));
    for c in &open {
        line("open", &c.region, &c.state, c.open.to_string());
    }
    for r in &f.regions {
        line("overdue", &r.code, "", r.overdue.to_string());
        line("due_this_week", &r.code, "", r.due_this_week.to_string());
    }
    for k in &f.kinds {
        let kind = k.kind.as_str();
        line("deadlines_met", "", kind, k.met.to_string());
        line("deadlines_late", "", kind, k.late.to_string());
        line(
            "share_met_percent",
            "",
            kind,
            k.share_met
                .map_or_else(String::new, |s| format!("{:.1}", s * 100.0)),
        );
        line(
            "median_days_taken",
            "",
            kind,
            k.median_days
                .map_or_else(String::new, |m| format!("{m:.1}")),
        );
    }
    let mut out = String::new();
    for l in &lines {
        let fields: Vec<String> = l.iter().map(|v| field(v)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV field: quoted when needed, formula characters defused.
pub(crate) fn field(value: &str) -> String {
    let numeric = !value.is_empty()
        && value
            .strip_prefix('-')
            .unwrap_or(value)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    let value = if !numeric && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed_and_formulas_are_defused() {
        assert_eq!(field("noord"), "noord");
        assert_eq!(field("12.5"), "12.5");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("Noord, Oost"), "\"Noord, Oost\"");
        assert_eq!(field("de \"regio\""), "\"de \"\"regio\"\"\"");
        assert_eq!(field("a\nb"), "\"a\nb\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field(""), "");
    }
}
