//! `wederhoor audit verify`: recompute every complaint's hash chain.
//!
//! Exit codes: 0 when every chain is intact, 1 when any event was edited, reordered or deleted
//! (each problem names the complaint and the event), 2 for a usage error.

use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check that no stored event was edited, reordered or deleted.
    Verify {
        /// Print a JSON report.
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(settings: &Settings, command: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { json } = command;
    let store = settings.connect().await?;
    store.migrate().await?;
    let report = store.verify_audit().await?;
    let ok = report.problems.is_empty();
    if json {
        let problems: Vec<_> = report
            .problems
            .iter()
            .map(|p| {
                json!({
                    "complaint_id": p.complaint_id.map(|id| id.to_string()),
                    "reference": p.reference.map(|r| r.to_string()),
                    "seq": p.seq,
                    "problem": p.what,
                })
            })
            .collect();
        let out = json!({
            "ok": ok,
            "complaints": report.complaints,
            "events": report.events,
            "problems": problems,
        });
        println!("{out}");
    } else {
        for p in &report.problems {
            let who = match (p.reference, p.complaint_id) {
                (Some(r), _) => r.to_string(),
                (None, Some(id)) => id.to_string(),
                (None, None) => "database".to_string(),
            };
            match p.seq {
                Some(seq) => println!("FOUT {who} gebeurtenis {seq}: {}", p.what),
                None => println!("FOUT {who}: {}", p.what),
            }
        }
        let verdict = if ok { "intact" } else { "AANGETAST" };
        println!(
            "audit: {} klachten, {} gebeurtenissen gecontroleerd, {} problemen: {verdict}",
            report.complaints,
            report.events,
            report.problems.len()
        );
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
