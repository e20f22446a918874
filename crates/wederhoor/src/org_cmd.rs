//! `wederhoor region …` and `wederhoor category …`: the organisation's regions (each with the
//! management that receives objections) and complaint categories, until the administrator's
//! pages exist. A fresh installation needs at least one region and one category before the
//! public form can be used.

use std::process::ExitCode;

use clap::Subcommand;
use domain::complaint::RegionCode;

use crate::settings::Settings;
use crate::user_cmd::refused;

#[derive(Debug, Subcommand)]
pub enum RegionCommand {
    /// Add a region, or change one with the same code.
    Add {
        /// Short code, e.g. "midden" (letters, digits, '-').
        #[arg(long)]
        code: String,
        /// The name shown to complainants, e.g. "Regio Midden".
        #[arg(long)]
        name: String,
        /// Who receives objections, e.g. "Directie Regio Midden".
        #[arg(long)]
        management_name: String,
        /// The management's postal address (used in the answer letter); use \n between lines.
        #[arg(long)]
        management_address: String,
        /// Hide the region from new complaints.
        #[arg(long)]
        inactive: bool,
    },
    /// List the regions.
    List,
    /// Postcode ranges that derive a complainant's region from their address.
    Postcode {
        #[command(subcommand)]
        command: crate::postcode_cmd::PostcodeCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Add a category, or change one with the same code.
    Add {
        #[arg(long)]
        code: String,
        /// The Dutch name, e.g. "Bejegening".
        #[arg(long)]
        name_nl: String,
        /// The English name, e.g. "Treatment".
        #[arg(long)]
        name_en: String,
        #[arg(long)]
        inactive: bool,
    },
    /// List the categories.
    List,
}

pub async fn region(settings: &Settings, command: RegionCommand) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    store.migrate().await?;
    match command {
        RegionCommand::Add {
            code,
            name,
            management_name,
            management_address,
            inactive,
        } => {
            let Ok(code) = RegionCode::try_from(code.clone()) else {
                return refused(format!(
                    "ongeldige regiocode {code:?}: gebruik letters, cijfers en '-'"
                ));
            };
            if name.trim().is_empty()
                || management_name.trim().is_empty()
                || management_address.trim().is_empty()
            {
                return refused("naam, directie en adres van de directie zijn verplicht");
            }
            let region = store::Region {
                code: code.to_string(),
                name: name.trim().to_string(),
                management_name: management_name.trim().to_string(),
                management_address: management_address.replace("\\n", "\n").trim().to_string(),
                active: !inactive,
            };
            store.upsert_region(&region).await?;
            println!("regio {} opgeslagen", region.code);
        }
        RegionCommand::List => {
            for r in store.regions().await? {
                let state = if r.active { "actief" } else { "inactief" };
                println!("{}\t{}\t{}\t{}", r.code, r.name, r.management_name, state);
            }
        }
        RegionCommand::Postcode { command } => {
            return crate::postcode_cmd::postcode(store.as_ref(), command).await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn category(settings: &Settings, command: CategoryCommand) -> anyhow::Result<ExitCode> {
    let store = settings.connect().await?;
    store.migrate().await?;
    match command {
        CategoryCommand::Add {
            code,
            name_nl,
            name_en,
            inactive,
        } => {
            let code = code.trim().to_lowercase();
            let valid =
                !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !valid || name_nl.trim().is_empty() || name_en.trim().is_empty() {
                return refused(
                    "een categorie heeft een code (letters, cijfers, '-') en een Nederlandse en Engelse naam",
                );
            }
            let category = store::Category {
                code,
                name_nl: name_nl.trim().to_string(),
                name_en: name_en.trim().to_string(),
                active: !inactive,
            };
            store.upsert_category(&category).await?;
            println!("categorie {} opgeslagen", category.code);
        }
        CategoryCommand::List => {
            for c in store.categories().await? {
                let state = if c.active { "actief" } else { "inactief" };
                println!("{}\t{}\t{}\t{}", c.code, c.name_nl, c.name_en, state);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
