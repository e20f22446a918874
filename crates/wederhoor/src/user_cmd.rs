//! `wederhoor user …`: staff accounts from the command line, above all the first
//! administrator (no password is ever seeded).
//!
//! A password is typed twice on a terminal (echo off via `stty`, no extra dependency), read
//! from standard input with `--password-stdin` (scripts), or not chosen at all: `--setup-link`
//! prints a one-time link to set it. Exit codes: 0 done, 2 refused input (one Dutch line on
//! stderr), 1 anything else.

use std::io::{BufRead, IsTerminal, Write};
use std::process::{Command, ExitCode, Stdio};

use app::SystemClock;
use app::accounts::{AccountError, Accounts, NewAccount, PasswordError};
use clap::{Args, Subcommand, ValueEnum};
use domain::complaint::Role;

use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a staff user.
    Add(AddArgs),
    /// List the staff users with role, regions and status.
    List,
    /// Disable a user: they can no longer log in; their sessions end.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled user again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Print a new one-time link for a user to (re)set their password.
    SetupLink {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        base: BaseUrl,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    email: String,
    #[arg(long)]
    name: String,
    #[arg(long, value_enum)]
    role: RoleArg,
    /// A region the user works for (repeatable).
    #[arg(long = "region")]
    regions: Vec<String>,
    /// Organisation-wide: every region.
    #[arg(long, conflicts_with = "regions")]
    all_regions: bool,
    /// Read the password from the first line of standard input.
    #[arg(long, conflicts_with = "setup_link")]
    password_stdin: bool,
    /// Set no password; print a one-time link for the user to set it.
    #[arg(long)]
    setup_link: bool,
    #[command(flatten)]
    base: BaseUrl,
}

#[derive(Debug, Args)]
pub struct BaseUrl {
    /// Public address of the web server, for the printed link.
    #[arg(
        long = "base-url",
        env = "WEDERHOOR_BASE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    url: String,
}

impl BaseUrl {
    fn setup_link(&self, token: &str) -> String {
        let base = self.url.trim_end_matches('/');
        format!("{base}/wachtwoord/instellen/{token}")
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Klachtbehandelaar,
    Regiodirecteur,
    Beheerder,
    Lezer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Klachtbehandelaar => Role::Klachtbehandelaar,
            RoleArg::Regiodirecteur => Role::Regiodirecteur,
            RoleArg::Beheerder => Role::Beheerder,
            RoleArg::Lezer => Role::Lezer,
        }
    }
}

/// Input refused: one line on stderr, exit code 2.
pub fn refused(why: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    eprintln!("fout: {why}");
    Ok(ExitCode::from(2))
}

/// The user's mistakes become exit code 2; database trouble stays an error (exit code 1).
pub fn account_result<T>(
    r: Result<T, AccountError>,
    ok: impl FnOnce(T),
) -> anyhow::Result<ExitCode> {
    match r {
        Ok(v) => {
            ok(v);
            Ok(ExitCode::SUCCESS)
        }
        Err(AccountError::Store(e)) => Err(e.into()),
        Err(e) => refused(e),
    }
}

pub async fn accounts(settings: &Settings) -> anyhow::Result<Accounts> {
    let store = settings.connect().await?;
    store.migrate().await?;
    Ok(Accounts::new(store, std::sync::Arc::new(SystemClock)))
}

pub async fn run(settings: &Settings, command: UserCommand) -> anyhow::Result<ExitCode> {
    match command {
        UserCommand::Add(args) => add(settings, args).await,
        UserCommand::List => list(settings).await,
        UserCommand::Disable { email } => {
            let r = accounts(settings).await?.set_active(&email, false).await;
            account_result(r, |u| println!("Gebruiker {} is uitgeschakeld.", u.email))
        }
        UserCommand::Enable { email } => {
            let r = accounts(settings).await?.set_active(&email, true).await;
            account_result(r, |u| println!("Gebruiker {} is weer actief.", u.email))
        }
        UserCommand::SetupLink { email, base } => {
            let accounts = accounts(settings).await?;
            let user = match accounts.user_by_email(&email).await {
                Ok(u) => u,
                Err(e) => return account_result(Err::<(), _>(e), |_| {}),
            };
            let token = accounts.create_setup_link(user.id).await?;
            print_setup_link(&accounts, &base, token.expose());
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn add(settings: &Settings, args: AddArgs) -> anyhow::Result<ExitCode> {
    let password = if args.setup_link {
        None
    } else if args.password_stdin {
        match read_stdin_line() {
            Ok(p) => Some(p),
            Err(why) => return refused(why),
        }
    } else if std::io::stdin().is_terminal() {
        match prompt_twice() {
            Ok(p) => Some(p),
            Err(why) => return refused(why),
        }
    } else {
        return refused("geen wachtwoord: gebruik --password-stdin, --setup-link of een terminal");
    };
    let accounts = accounts(settings).await?;
    let new = NewAccount {
        email: args.email,
        name: args.name,
        role: args.role.into(),
        regions: args.regions,
        all_regions: args.all_regions,
        password,
    };
    let user = match accounts.create_user(new).await {
        Ok(u) => u,
        Err(e) => return account_result(Err::<(), _>(e), |_| {}),
    };
    let scope = if user.all_regions {
        "alle regio's".to_owned()
    } else {
        format!("regio's: {}", user.regions.join(", "))
    };
    println!(
        "Gebruiker {} aangemaakt ({}; {scope}).",
        user.email,
        user.role.label_nl()
    );
    if args.setup_link {
        let token = accounts.create_setup_link(user.id).await?;
        print_setup_link(&accounts, &args.base, token.expose());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_setup_link(accounts: &Accounts, base: &BaseUrl, token: &str) {
    let hours = accounts.policy().setup_link_valid.as_hours();
    println!("Eenmalige link om het wachtwoord in te stellen ({hours} uur geldig):");
    println!("{}", base.setup_link(token));
}

async fn list(settings: &Settings) -> anyhow::Result<ExitCode> {
    let users = accounts(settings).await?.store().users().await?;
    for u in users {
        let scope = if u.all_regions {
            "alle regio's".to_owned()
        } else {
            u.regions.join(",")
        };
        let status = match (u.active, u.password_hash.is_some()) {
            (false, _) => "uitgeschakeld",
            (true, false) => "wacht op wachtwoord",
            (true, true) => "actief",
        };
        let totp = if u.totp_secret.is_some() { " 2FA" } else { "" };
        println!(
            "{}\t{}\t{}\t{scope}\t{status}{totp}",
            u.email,
            u.name,
            u.role.label_nl()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The first line of standard input, without its line ending.
fn read_stdin_line() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("kan het wachtwoord niet lezen: {e}"))?;
    let line = line.trim_end_matches(['\r', '\n']).to_owned();
    if line.is_empty() {
        return Err("geen wachtwoord op standaardinvoer".into());
    }
    Ok(line)
}

/// Asks twice on the terminal with echo off.
fn prompt_twice() -> Result<String, String> {
    let first = prompt("Wachtwoord: ")?;
    let second = prompt("Nogmaals: ")?;
    if first != second {
        return Err(PasswordError::Mismatch.to_string());
    }
    Ok(first)
}

fn prompt(label: &str) -> Result<String, String> {
    eprint!("{label}");
    let _ = std::io::stderr().flush();
    let echo_off = stty("-echo");
    let read = read_stdin_line();
    if echo_off {
        stty("echo");
    }
    eprintln!();
    read
}

/// Runs `stty` on the terminal; false when it could not.
fn stty(arg: &str) -> bool {
    Command::new("stty")
        .arg(arg)
        .stdin(Stdio::inherit())
        .status()
        .is_ok_and(|s| s.success())
}
