//! `wederhoor portal …`: the complainant's personal links, for staff.
//!
//! `revoke --reference K-2026-000123` ends every link of that complaint at once (a link that
//! reached the wrong person); the complainant can ask for a new one on the portal's "send me
//! my link again" page, which goes to the address on file. Exit code 2 for refused input, as
//! for `user`.

use std::process::ExitCode;

use clap::Subcommand;
use domain::reference::Reference;

use crate::settings::Settings;
use crate::user_cmd::{accounts, refused};

#[derive(Debug, Subcommand)]
pub enum PortalCommand {
    /// Revoke every personal link of a complaint.
    Revoke {
        /// The complaint's reference, e.g. K-2026-000123.
        #[arg(long)]
        reference: String,
    },
}

pub async fn run(settings: &Settings, command: PortalCommand) -> anyhow::Result<ExitCode> {
    match command {
        PortalCommand::Revoke { reference } => revoke(settings, &reference).await,
    }
}

async fn revoke(settings: &Settings, reference: &str) -> anyhow::Result<ExitCode> {
    let Ok(parsed) = reference.trim().parse::<Reference>() else {
        return refused(format!(
            "{reference:?} is geen kenmerk (zoals K-2026-000123)"
        ));
    };
    let accounts = accounts(settings).await?;
    let Some(complaint) = accounts.store().complaint_by_reference(parsed).await? else {
        return refused(format!("er is geen klacht met kenmerk {parsed}"));
    };
    let revoked = accounts.revoke_portal_links(complaint.id).await?;
    tracing::info!(complaint.reference = %parsed, revoked, "portal links revoked");
    let noun = if revoked == 1 { "link" } else { "links" };
    println!("{revoked} persoonlijke {noun} van klacht {parsed} ingetrokken.");
    Ok(ExitCode::SUCCESS)
}
