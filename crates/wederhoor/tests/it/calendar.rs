//! `wederhoor calendar` tests: the worked examples of TERMS.md through the binary, the JSON
//! shapes other tools rely on, and one clear stderr line with exit code 2 for bad input.

use std::process::{Command, Output};

use serde_json::Value;

fn wederhoor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wederhoor"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("the wederhoor binary runs")
}

/// Runs a command that must succeed and print JSON.
fn json(args: &[&str]) -> Value {
    let output = wederhoor(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?} failed: {stderr}");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e})"))
}

fn deadline_json(from: &str, term: &str) -> Value {
    json(&[
        "calendar", "deadline", "--from", from, "--term", term, "--json",
    ])
}

/// One worked example: (name, from, term, raw end, deadline, dates passed over).
type Example = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const EXAMPLES: [Example; 12] = [
    (
        "E1",
        "2026-03-02",
        "2 weken",
        "2026-03-16",
        "2026-03-16",
        &[],
    ),
    (
        "E2",
        "2026-04-13",
        "2 weken",
        "2026-04-27",
        "2026-04-28",
        &["2026-04-27"],
    ),
    (
        "E3",
        "2026-03-20",
        "2 weken",
        "2026-04-03",
        "2026-04-07",
        &["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06"],
    ),
    (
        "E4",
        "2026-01-09",
        "15 dagen",
        "2026-01-24",
        "2026-01-26",
        &["2026-01-24", "2026-01-25"],
    ),
    (
        "E5",
        "2026-04-20",
        "15 dagen",
        "2026-05-05",
        "2026-05-06",
        &["2026-05-05"],
    ),
    (
        "E6",
        "2025-12-12",
        "2 weken",
        "2025-12-26",
        "2025-12-29",
        &["2025-12-26", "2025-12-27", "2025-12-28"],
    ),
    (
        "E7",
        "2026-05-01",
        "2 werkdagen",
        "2026-05-06",
        "2026-05-06",
        &["2026-05-02", "2026-05-03", "2026-05-05"],
    ),
    (
        "E8",
        "2026-04-02",
        "2 werkdagen",
        "2026-04-08",
        "2026-04-08",
        &["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06"],
    ),
    (
        "E9",
        "2026-03-07",
        "2 werkdagen",
        "2026-03-10",
        "2026-03-10",
        &["2026-03-08"],
    ),
    (
        "E10",
        "2026-04-20",
        "1 week",
        "2026-04-27",
        "2026-04-28",
        &["2026-04-27"],
    ),
    (
        "E11",
        "2026-04-02",
        "3 dagen",
        "2026-04-05",
        "2026-04-08",
        &["2026-04-05", "2026-04-06", "2026-04-07"],
    ),
    (
        "E12",
        "2026-11-14",
        "2 weken",
        "2026-11-28",
        "2026-11-30",
        &["2026-11-28", "2026-11-29"],
    ),
];

#[test]
fn every_worked_example_of_terms_md_through_the_cli() {
    for (example, from, term, raw_end, end, passed) in EXAMPLES {
        let out = deadline_json(from, term);
        assert_eq!(out["from"], from, "{example}");
        assert_eq!(out["term"], term, "{example}");
        assert_eq!(out["raw_end"], raw_end, "{example}");
        assert_eq!(out["deadline"], end, "{example}");
        let steps: Vec<&str> = out["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["date"].as_str().unwrap())
            .collect();
        assert_eq!(steps, passed, "{example}");
        assert!(
            out["steps"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| !s["reason"].as_str().unwrap().is_empty())
        );
        assert_eq!(out["warnings"], Value::Array(vec![]), "{example}");
        assert!(
            out["calendar_version"]
                .as_str()
                .unwrap()
                .starts_with("atw-"),
            "{example}"
        );
    }
}

#[test]
fn deadline_json_explains_koningsdag_and_atw_article_2() {
    let e2 = deadline_json("2026-04-13", "2 weeks");
    assert_eq!(
        e2["term"], "2 weken",
        "English input, canonical Dutch output"
    );
    assert_eq!(e2["steps"][0]["reason"], "Koningsdag");
    let e11 = deadline_json("2026-04-02", "3 dagen");
    assert_eq!(
        e11["steps"][2]["reason"],
        "Atw art. 2: termijn bevat minder dan 2 werkdagen"
    );
}

#[test]
fn raw_switches_the_atw_extension_off() {
    let out = json(&[
        "calendar",
        "deadline",
        "--from",
        "2026-04-13",
        "--term",
        "2 weken",
        "--raw",
        "--json",
    ]);
    assert_eq!(out["deadline"], "2026-04-27");
    assert_eq!(out["steps"], Value::Array(vec![]));
}

#[test]
fn a_deadline_into_2029_warns_that_decree_days_are_unknown() {
    let out = deadline_json("2028-12-20", "2 weken");
    let warnings = out["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].as_str().unwrap().contains("2029"));
}

#[test]
fn holidays_json_has_the_documented_shape() {
    let out = json(&["calendar", "holidays", "2026", "--json"]);
    assert_eq!(out["year"], 2026);
    assert_eq!(out["warnings"], Value::Array(vec![]));
    let days = out["days"].as_array().unwrap();
    assert_eq!(days.len(), 13);
    for day in days {
        let keys: Vec<&String> = day.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3, "{day}");
        assert!(["atw", "gelijkgesteld", "closure"].contains(&day["kind"].as_str().unwrap()));
    }
    let koningsdag = days.iter().find(|d| d["date"] == "2026-04-27").unwrap();
    assert_eq!(
        (koningsdag["name"].as_str(), koningsdag["kind"].as_str()),
        (Some("Koningsdag"), Some("atw"))
    );
    let decree = days.iter().find(|d| d["date"] == "2026-05-15").unwrap();
    assert_eq!(decree["kind"], "gelijkgesteld");
    assert_eq!(decree["name"], "Gelijkgestelde dag (besluit 2026–2028)");
}

#[test]
fn holidays_json_reports_unknown_decree_years() {
    let out = json(&["calendar", "holidays", "2029", "--json"]);
    let expected = "Geen gegevens over gelijkgestelde dagen (koninklijk besluit) voor 2029: zulke dagen zijn onbekend.";
    assert_eq!(out["warnings"], Value::Array(vec![Value::from(expected)]));
}

#[test]
fn holidays_text_is_one_dutch_line_per_day() {
    let output = wederhoor(&["calendar", "holidays", "2026"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines()
            .any(|line| line == "2026-04-27  ma  Koningsdag (atw)"),
        "{text}"
    );
    assert!(text.lines().any(
        |line| line == "2026-05-15  vr  Gelijkgestelde dag (besluit 2026–2028) (gelijkgesteld)"
    ));
    assert_eq!(text.lines().count(), 13);
}

#[test]
fn deadline_text_names_each_day_passed_over() {
    let output = wederhoor(&[
        "calendar",
        "deadline",
        "--from",
        "2026-04-13",
        "--term",
        "2 weken",
    ]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("2026-04-27 ma  Koningsdag"), "{text}");
    assert!(text.contains("uiterste dag:  2026-04-28 di"), "{text}");
}

#[test]
fn bad_input_gives_one_stderr_line_and_exit_code_2() {
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "calendar",
                "deadline",
                "--from",
                "2026-02-30",
                "--term",
                "2 weken",
            ],
            "fout: ongeldige datum '2026-02-30'",
        ),
        (
            &[
                "calendar", "deadline", "--from", "2-3-2026", "--term", "2 weken",
            ],
            "fout: ongeldige datum '2-3-2026'",
        ),
        (
            &[
                "calendar",
                "deadline",
                "--from",
                "2026-03-02",
                "--term",
                "2 maanden",
            ],
            "fout: onbekende termijn",
        ),
        (
            &[
                "calendar",
                "deadline",
                "--from",
                "2026-03-02",
                "--term",
                "0 dagen",
            ],
            "fout: termijn \"0 dagen\"",
        ),
        (
            &[
                "calendar",
                "deadline",
                "--from",
                "1965-12-31",
                "--term",
                "2 weken",
                "--json",
            ],
            "fout: datum buiten",
        ),
        (
            &["calendar", "holidays", "1965"],
            "fout: ongeldig jaar '1965'",
        ),
        (
            &["calendar", "holidays", "2201", "--json"],
            "fout: ongeldig jaar '2201'",
        ),
        (
            &["calendar", "holidays", "twintig"],
            "fout: ongeldig jaar 'twintig'",
        ),
    ];
    for (args, start) in cases {
        let output = wederhoor(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with(start), "{args:?}: {stderr}");
    }
}
