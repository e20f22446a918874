//! The work queue at size: seeds a database with realistic complaints (default 1,000,000) and
//! measures the queries staff run all day: open complaints by nearest deadline, per region, and
//! a deep page; per handler, channel and category; and full-text searches. Prints each query's plan, so `docs/store.md` can show they stay on indexes.
//!
//! ```sh
//! cargo bench -p wederhoor-app --bench queue                       # SQLite, 1,000,000 complaints
//! WEDERHOOR_BENCH_COMPLAINTS=100000 cargo bench -p wederhoor-app --bench queue
//! WEDERHOOR_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/bench cargo bench -p wederhoor-app --bench queue
//! ```
//! The seeded database is kept (SQLite: `target/bench-queue-<n>.db`) and reused by later runs.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::seed::SeedOptions;
use app::{App, SystemClock};
use store::{AssigneeFilter, QueueQuery};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let n: u64 = std::env::var("WEDERHOOR_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| format!("{}/../../target", env!("CARGO_MANIFEST_DIR")));
    let url = std::env::var("WEDERHOOR_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{target}/bench-queue-{n}.db"));
    let store = store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let app = App::start(store, Arc::new(SystemClock)).await.expect("app");
    let existing = app
        .store()
        .queue(&QueueQuery {
            region: None,
            state: None,
            after: None,
            limit: 1,
            ..Default::default()
        })
        .await
        .expect("queue");
    if existing.is_empty() {
        let started = Instant::now();
        let options = SeedOptions {
            complaints: n,
            seed: 2026,
            years: 3,
            batch: 2000,
        };
        app.seed(options, |done| {
            if done % 100_000 == 0 {
                eprintln!("seeded {done}");
            }
        })
        .await
        .expect("seed");
        let secs = started.elapsed().as_secs_f64();
        println!(
            "seeded {n} complaints in {secs:.1} s ({:.0}/s)",
            n as f64 / secs
        );
    }
    let open = app.store().count_open().await.expect("count");
    println!("{:?}: {n} complaints, {open} open", app.store().backend());

    let first_page = QueueQuery {
        region: None,
        state: None,
        after: None,
        limit: 50,
        ..Default::default()
    };
    let per_region = QueueQuery {
        region: Some("midden".into()),
        ..first_page.clone()
    };
    let per_region_state = QueueQuery {
        state: Some("answered".into()),
        ..per_region.clone()
    };
    // A deep page: the cursor 40 pages in.
    let mut deep = first_page.clone();
    for _ in 0..40 {
        let rows = app.store().queue(&deep).await.expect("page");
        if let Some(last) = rows.last() {
            deep.after = Some(last.cursor());
        }
    }
    let mine = QueueQuery {
        assignee: Some(AssigneeFilter::User("behandelaar-midden-1".into())),
        ..first_page.clone()
    };
    let unassigned = QueueQuery {
        assignee: Some(AssigneeFilter::Unassigned),
        ..first_page.clone()
    };
    let by_channel = QueueQuery {
        channel: Some("letter".into()),
        ..first_page.clone()
    };
    let by_category = QueueQuery {
        category: Some("bereikbaarheid".into()),
        ..per_region.clone()
    };
    let search = |text: &str, base: &QueueQuery| QueueQuery {
        search: Some(text.into()),
        ..base.clone()
    };
    let by_name = search("Jansen", &first_page);
    let by_full_name = search("Sanne de Vries", &per_region);
    // An open complaint's own reference, as staff would type it.
    let some_open = app.store().queue(&first_page).await.expect("page");
    let by_reference = search(
        &some_open
            .last()
            .map_or("K-2026-000001".into(), |r| r.reference.to_string()),
        &first_page,
    );
    // Search results, a deep page: the cursor 5 pages into "Jansen".
    let mut search_deep = by_name.clone();
    for _ in 0..5 {
        let rows = app.store().queue(&search_deep).await.expect("page");
        if let Some(last) = rows.last() {
            search_deep.after = Some(last.cursor());
        }
    }
    for (name, q) in [
        ("open, nearest deadline first, page 1", &first_page),
        ("open in one region, page 1", &per_region),
        ("open in one region and state, page 1", &per_region_state),
        ("open, page 41 (keyset)", &deep),
        ("open, one handler's, page 1", &mine),
        ("open, unassigned, page 1", &unassigned),
        ("open, one channel (letter), page 1", &by_channel),
        ("open in one region and category, page 1", &by_category),
        ("search a surname (Jansen), page 1", &by_name),
        ("search a full name in one region, page 1", &by_full_name),
        ("search an exact reference", &by_reference),
        ("search a surname, page 6 (keyset)", &search_deep),
    ] {
        let median = measure(|| async {
            black_box(app.store().queue(q).await.expect("queue"));
        })
        .await;
        println!("\n{name}: median {median:?} over 200 runs");
        println!("{}", app.store().explain_queue(q).await.expect("plan"));
    }
}

async fn measure<F, Fut>(mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..20 {
        f().await;
    }
    let mut samples = Vec::with_capacity(200);
    for _ in 0..200 {
        let t = Instant::now();
        f().await;
        samples.push(t.elapsed());
    }
    samples.sort();
    samples[samples.len() / 2]
}
