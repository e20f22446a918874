//! Load benchmark of the public complaint form (docs/performance.md).
//!
//! ```text
//! cargo build --release -p wederhoor
//! cargo run --release -p wederhoor-loadgen -- --database sqlite
//! cargo run --release -p wederhoor-loadgen -- --database postgres
//! ```
//!
//! It starts `target/release/wederhoor serve` on a fresh database (rate limit off, minimum fill
//! time 0), seeds the sample organisation, and for each concurrency level fetches form tokens,
//! then posts valid forms for a fixed time. It prints submissions per second, latency
//! percentiles and errors per level, and the server's peak resident memory. Loopback only;
//! every level is bounded in time and in count.

mod load;
mod server;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, ValueEnum};

use crate::server::{Database, Server};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Parser)]
#[command(about = "Load benchmark of the public complaint form")]
struct Args {
    /// Which database the server runs on.
    #[arg(long, value_enum, default_value_t = Backend::Sqlite)]
    database: Backend,
    /// PostgreSQL admin connection; a fresh database is created beside it and dropped after.
    #[arg(
        long,
        env = "WEDERHOOR_TEST_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    postgres_admin_url: String,
    /// Concurrent clients per level.
    #[arg(long, value_delimiter = ',', default_value = "1,8,32")]
    clients: Vec<usize>,
    /// Seconds of posting per level.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Submissions per level at most (the form tokens are fetched beforehand).
    #[arg(long, default_value_t = 60_000)]
    max_submissions: usize,
    /// The server binary (default: `wederhoor` beside this program, in target/release).
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// Run the job worker in the server as well (it sends the receipt mails to the outbox).
    #[arg(long)]
    worker: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let bin = match args.server_bin.clone() {
        Some(bin) => bin,
        None => std::env::current_exe()?
            .parent()
            .context("the program's folder")?
            .join("wederhoor"),
    };
    if !bin.exists() {
        bail!(
            "{} not found: run `cargo build --release -p wederhoor` first",
            bin.display()
        );
    }
    let db = match args.database {
        Backend::Sqlite => Database::sqlite()?,
        Backend::Postgres => Database::postgres(&args.postgres_admin_url)?,
    };
    let server = Server::start(&bin, &db, args.worker).await?;
    let result = run(&args, &server).await;
    let peak = server.peak_rss_kib();
    server.stop();
    drop(db);
    result?;
    match peak {
        Some(kib) => println!("server peak RSS (VmHWM): {:.1} MiB", kib as f64 / 1024.0),
        None => println!("server peak RSS: unknown (no /proc)"),
    }
    Ok(())
}

async fn run(args: &Args, server: &Server) -> anyhow::Result<()> {
    let http = load::client()?;
    let duration = Duration::from_secs(args.duration);
    println!(
        "database: {:?}; {} s per level; server {}",
        args.database, args.duration, server.base
    );
    println!(
        "{:>7} {:>11} {:>9} {:>9} {:>9} {:>9} {:>7} {:>10}",
        "clients", "submissions", "per s", "p50 ms", "p95 ms", "p99 ms", "errors", "peak MiB"
    );
    // Tokens for the expected count (from the previous level's rate), with room to spare.
    let mut guess_per_client = 1000.0_f64;
    for &clients in &args.clients {
        let expected = guess_per_client * clients as f64 * args.duration as f64 * 1.3;
        let count = (expected.ceil() as usize).clamp(100, args.max_submissions);
        let tokens = load::fetch_tokens(&http, &server.base, count, 16).await?;
        let r = load::run_level(&http, &server.base, clients, tokens, duration).await?;
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:>7} {:>11} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>10.1}",
            r.clients,
            r.ok,
            r.per_second(),
            ms(r.percentile(50.0)),
            ms(r.percentile(95.0)),
            ms(r.percentile(99.0)),
            r.errors,
            server.peak_rss_kib().unwrap_or(0) as f64 / 1024.0,
        );
        if r.ok == count {
            println!(
                "        (ran out of tokens after {:.1} s)",
                r.elapsed.as_secs_f64()
            );
        }
        guess_per_client = (r.per_second() / clients as f64).max(50.0);
    }
    Ok(())
}
