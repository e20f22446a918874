//! `wederhoor region postcode …`: the postcode ranges from which the public form derives a
//! complainant's region (also on the beheerder's page `/kantoor/beheer/postcodes`).

use std::process::ExitCode;

use clap::Subcommand;
use store::{PostcodeRange, PostcodeRangeAdded};

use crate::user_cmd::refused;

#[derive(Debug, Subcommand)]
pub enum PostcodeCommand {
    /// Add a range of 4-digit postcodes (both ends included) for a region; an overlap with an
    /// existing range is refused.
    Add {
        /// The region code, e.g. "noord".
        #[arg(long)]
        region: String,
        /// The first postcode, e.g. 1000.
        #[arg(long)]
        from: u16,
        /// The last postcode, e.g. 1099.
        #[arg(long)]
        to: u16,
    },
    /// List the ranges.
    List,
    /// Remove the range that starts at `--from`.
    Remove {
        #[arg(long)]
        from: u16,
    },
}

/// Runs `command` on `store` (connected and migrated by `wederhoor region`).
pub async fn postcode(
    store: &dyn store::Store,
    command: PostcodeCommand,
) -> anyhow::Result<ExitCode> {
    match command {
        PostcodeCommand::Add { region, from, to } => {
            if !(1000..=9999).contains(&from) || !(from..=9999).contains(&to) {
                return refused(
                    "postcodes zijn 1000 tot en met 9999, en --from is niet hoger dan --to",
                );
            }
            let range = PostcodeRange {
                from,
                to,
                region: region.trim().to_lowercase(),
            };
            match store.add_postcode_range(&range).await? {
                PostcodeRangeAdded::Added => {
                    println!("postcodes {from}–{to} horen bij regio {}", range.region);
                }
                PostcodeRangeAdded::Overlaps(other) => {
                    return refused(format!(
                        "{from}–{to} overlapt met {}–{} (regio {})",
                        other.from, other.to, other.region
                    ));
                }
                PostcodeRangeAdded::UnknownRegion => {
                    return refused(format!("er is geen regio {:?}", range.region));
                }
            }
        }
        PostcodeCommand::List => {
            for r in store.postcode_ranges().await? {
                println!("{}\t{}\t{}", r.from, r.to, r.region);
            }
        }
        PostcodeCommand::Remove { from } => {
            if !store.remove_postcode_range(from).await? {
                return refused(format!("er is geen postcodegebied dat begint bij {from}"));
            }
            println!("postcodegebied vanaf {from} verwijderd");
        }
    }
    Ok(ExitCode::SUCCESS)
}
