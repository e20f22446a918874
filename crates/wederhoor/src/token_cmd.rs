//! `wederhoor token …`: bearer tokens for the JSON API, each acting as a staff user.
//!
//! `create` prints the token once, alone on stdout (so a script can capture it); only its hash
//! is stored, so it can never be shown again. Exit codes as for `user`: 2 for refused input.

use std::process::ExitCode;

use app::accounts::AccountError;
use clap::Subcommand;

use crate::settings::Settings;
use crate::user_cmd::{account_result, accounts, refused};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it once.
    Create {
        /// The user's e-mail address.
        #[arg(long)]
        user: String,
        /// A name to recognise the token by (unique among the user's live tokens).
        #[arg(long)]
        name: String,
    },
    /// Revoke a user's token by name.
    Revoke {
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: String,
    },
    /// List a user's tokens (never the tokens themselves).
    List {
        #[arg(long)]
        user: String,
    },
}

pub async fn run(settings: &Settings, command: TokenCommand) -> anyhow::Result<ExitCode> {
    let accounts = accounts(settings).await?;
    let email = match &command {
        TokenCommand::Create { user, .. }
        | TokenCommand::Revoke { user, .. }
        | TokenCommand::List { user } => user.clone(),
    };
    let user = match accounts.user_by_email(&email).await {
        Ok(u) => u,
        Err(e) => return account_result(Err::<(), AccountError>(e), |_| {}),
    };
    match command {
        TokenCommand::Create { name, .. } => {
            let made = accounts.create_api_token(user.id, &name).await;
            account_result(made, |made| {
                eprintln!(
                    "Token {:?} voor {} aangemaakt. Bewaar het nu: het wordt niet opnieuw getoond.",
                    made.record.name, user.email
                );
                println!("{}", made.token.expose());
            })
        }
        TokenCommand::Revoke { name, .. } => {
            if accounts.revoke_api_token(user.id, &name).await? {
                println!("Token {name:?} van {} is ingetrokken.", user.email);
                Ok(ExitCode::SUCCESS)
            } else {
                refused(format!(
                    "{} heeft geen geldig token met de naam {name:?}",
                    user.email
                ))
            }
        }
        TokenCommand::List { .. } => {
            for t in accounts.store().api_tokens(user.id).await? {
                let state = match t.revoked_at {
                    Some(at) => format!("ingetrokken {at}"),
                    None => "geldig".to_owned(),
                };
                let used = t.last_used_at.map_or_else(
                    || "nooit gebruikt".to_owned(),
                    |at| format!("gebruikt {at}"),
                );
                println!("{}\t{}\t{state}\t{used}", t.name, t.created_at);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
