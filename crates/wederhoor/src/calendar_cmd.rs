//! `wederhoor calendar …`: the legal calendar and the deadline engine on the command line.
//!
//! This is how a person (or a script) checks a date before trusting it: `holidays` lists every
//! non-working day of a year, `deadline` computes a term and shows each day passed over and why.
//! The output is stable, text and `--json` alike: tests and other tools parse it. Bad input gives
//! exactly one Dutch line on stderr and exit code 2, the same code clap uses for usage errors.

use std::fmt;
use std::process::ExitCode;

use clap::Subcommand;
use domain::calendar::{Calendar, YearListing};
use domain::terms::{Deadline, Step, Term, TermError, TermPolicy, deadline};
use jiff::civil::{Date, Weekday};
use serde::Serialize;

/// `wederhoor calendar <subcommand>`.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Every non-working day of a year: Atw holidays, gelijkgestelde dagen and closure days.
    Holidays {
        /// The year, 1966 to 2200.
        year: String,
        /// Print JSON: {"year", "days": [{"date", "name", "kind"}], "warnings"}.
        #[arg(long)]
        json: bool,
    },
    /// Compute a deadline and explain every day it passes over.
    Deadline {
        /// The date of the starting event, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// The term, e.g. "2 weken", "15 dagen", "2 werkdagen", "10 dagen vóór".
        #[arg(long)]
        term: String,
        /// Count without the Algemene termijnenwet (no extension past weekends and holidays).
        #[arg(long)]
        raw: bool,
        /// Let the organisation's closure days stretch the term.
        #[arg(long)]
        closures: bool,
        /// Print JSON: {"from", "term", "rule", "raw_end", "deadline", "steps", "warnings",
        /// "calendar_version"}.
        #[arg(long)]
        json: bool,
    },
}

/// Run a calendar subcommand: output on stdout and success, or one line on stderr and exit code 2.
pub fn run(cmd: CalendarCommand, calendar: &Calendar) -> ExitCode {
    let output = match cmd {
        CalendarCommand::Holidays { year, json } => holidays(&year, json, calendar),
        CalendarCommand::Deadline {
            from,
            term,
            raw,
            closures,
            json,
        } => {
            let policy = TermPolicy {
                atw: !raw,
                closure_days_extend: closures,
            };
            explain_deadline(&from, &term, policy, json, calendar)
        }
    };
    match output {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("fout: {}", error.to_string().replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// Why a calendar command fails: bad input, or (never expected) output that cannot be written.
#[derive(Debug)]
enum CommandError {
    Date { input: String, reason: String },
    Year(String),
    Term(TermError),
    Json(serde_json::Error),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Date { input, reason } => {
                write!(f, "ongeldige datum '{input}': {reason}")
            }
            CommandError::Year(input) => write!(
                f,
                "ongeldig jaar '{input}': verwacht een jaar van {} tot en met {}",
                Calendar::FIRST_YEAR,
                Calendar::LAST_YEAR
            ),
            CommandError::Term(error) => write!(f, "{error}"),
            CommandError::Json(error) => {
                write!(f, "kan de uitvoer niet als JSON schrijven: {error}")
            }
        }
    }
}

fn holidays(year: &str, json: bool, calendar: &Calendar) -> Result<String, CommandError> {
    let year = parse_year(year)?;
    let listing = calendar.year(year);
    if json {
        return to_json(&listing);
    }
    Ok(holidays_text(&listing))
}

fn holidays_text(listing: &YearListing) -> String {
    let mut out = String::new();
    for day in &listing.days {
        out.push_str(&format!(
            "{}  {}  {} ({})\n",
            day.date,
            weekday_nl(day.date),
            day.name,
            day.kind.label()
        ));
    }
    for warning in &listing.warnings {
        out.push_str(&format!("let op: {warning}\n"));
    }
    out
}

/// The `--json` shape of `calendar deadline`.
#[derive(Debug, Serialize)]
struct DeadlineJson<'a> {
    from: Date,
    term: String,
    rule: &'a str,
    raw_end: Date,
    deadline: Date,
    steps: &'a [Step],
    warnings: &'a [String],
    calendar_version: &'a str,
}

fn explain_deadline(
    from: &str,
    term: &str,
    policy: TermPolicy,
    json: bool,
    calendar: &Calendar,
) -> Result<String, CommandError> {
    let from = parse_date(from)?;
    let term: Term = term.parse().map_err(CommandError::Term)?;
    let result = deadline(from, term, policy, calendar).map_err(CommandError::Term)?;
    if json {
        return to_json(&DeadlineJson {
            from,
            term: term.to_string(),
            rule: &result.rule,
            raw_end: result.raw_end,
            deadline: result.end,
            steps: &result.steps,
            warnings: &result.warnings,
            calendar_version: &result.calendar_version,
        });
    }
    Ok(deadline_text(&result))
}

fn deadline_text(result: &Deadline) -> String {
    let day = |date: Date| format!("{date} {}", weekday_nl(date));
    let mut out = format!("regel:         {}\n", result.rule);
    out.push_str(&format!("start:         {}\n", day(result.start)));
    out.push_str(&format!("ruw einde:     {}\n", day(result.raw_end)));
    for step in &result.steps {
        out.push_str(&format!(
            "  overgeslagen: {}  {}\n",
            day(step.date),
            step.reason
        ));
    }
    out.push_str(&format!("uiterste dag:  {}\n", day(result.end)));
    out.push_str(&format!("kalender:      {}\n", result.calendar_version));
    for warning in &result.warnings {
        out.push_str(&format!("let op: {warning}\n"));
    }
    out
}

/// A date written exactly as YYYY-MM-DD that exists in the calendar.
fn parse_date(input: &str) -> Result<Date, CommandError> {
    let invalid = |reason: String| CommandError::Date {
        input: input.to_owned(),
        reason,
    };
    let shape_ok = input.len() == 10
        && input.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(invalid("verwacht JJJJ-MM-DD".to_owned()));
    }
    input
        .parse::<Date>()
        .map_err(|error| invalid(format!("deze dag bestaat niet ({error})")))
}

fn parse_year(input: &str) -> Result<i16, CommandError> {
    match input.trim().parse::<i16>() {
        Ok(year) if Calendar::supports_year(year) => Ok(year),
        _ => Err(CommandError::Year(input.to_owned())),
    }
}

fn to_json(value: &impl Serialize) -> Result<String, CommandError> {
    let mut text = serde_json::to_string_pretty(value).map_err(CommandError::Json)?;
    text.push('\n');
    Ok(text)
}

/// The Dutch two-letter weekday: ma, di, wo, do, vr, za, zo.
fn weekday_nl(date: Date) -> &'static str {
    match date.weekday() {
        Weekday::Monday => "ma",
        Weekday::Tuesday => "di",
        Weekday::Wednesday => "wo",
        Weekday::Thursday => "do",
        Weekday::Friday => "vr",
        Weekday::Saturday => "za",
        Weekday::Sunday => "zo",
    }
}
