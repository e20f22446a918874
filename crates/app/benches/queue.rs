//! The work queue at size: seeds a database with realistic complaints (default 1,000,000) and
//! measures the queries staff run all day: open complaints by nearest deadline, per region, and
//! a deep page; per handler, channel and category, overdue only, combined filters; and
//! full-text searches (a common word, a rare name, a word no open complaint has, a deep page).
//! Prints each query's median and 90th percentile and its plan: the plan the database picks on
//! its own (PostgreSQL: `EXPLAIN (ANALYZE, BUFFERS)`) and, on PostgreSQL, the test-size plan the
//! conformance suite checks (`explain_queue`), so `docs/store.md` can show they stay on indexes.
//!
//! ```sh
//! cargo bench -p wederhoor-app --bench queue                       # SQLite, 1,000,000 complaints
//! WEDERHOOR_BENCH_COMPLAINTS=100000 cargo bench -p wederhoor-app --bench queue
//! WEDERHOOR_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/bench cargo bench -p wederhoor-app --bench queue
//! WEDERHOOR_BENCH_RUNS=500 …                                        # runs per case (default 200)
//! ```
//! The seeded database is kept (SQLite: `target/bench-queue-<n>.db`) and reused by later runs;
//! delete it (or drop the PostgreSQL database) when done. The seed stores the projection rows
//! only, without their event log (`SeedOptions::event_log`): the queue reads nothing else, and
//! the events are ~90 % of a seeded database (a million complaints with events would take
//! ~12 GB per database). So the complaints in it cannot be opened; it is for this bench alone.

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
            event_log: false,
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

    let runs: usize = std::env::var("WEDERHOOR_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let today = domain::time::civil_date(jiff::Timestamp::now());
    let db: &dyn store::Store = app.store().as_ref();
    // Every staff page and API list names its viewer (the employee-concerned condition).
    let first_page = QueueQuery {
        limit: 50,
        viewer: Some("behandelaar-midden-1".into()),
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
    let deep = page(db, &first_page, 40).await;
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
    // Combined filters, as the office's filter bar sends them.
    let region_state_mine_channel = QueueQuery {
        state: Some("objection_received".into()),
        assignee: Some(AssigneeFilter::User("behandelaar-midden-1".into())),
        channel: Some("email".into()),
        ..per_region.clone()
    };
    let region_category_channel = QueueQuery {
        channel: Some("phone".into()),
        ..by_category.clone()
    };
    let search = |text: &str, base: &QueueQuery| QueueQuery {
        search: Some(text.into()),
        ..base.clone()
    };
    let by_name = search("Jansen", &first_page);
    let common_word = search("medewerker", &first_page);
    let rare_name = search("Truus Postma", &first_page);
    // In no seeded text at all: the index has no entry, so every open complaint is passed by.
    let no_match = search("parkeervergunning", &first_page);
    let by_full_name = search("Sanne de Vries", &per_region);
    let search_region_state = search("Jansen", &per_region_state);
    // An open complaint's own reference, as staff would type it.
    let some_open = db.queue(&first_page).await.expect("page");
    let by_reference = search(
        &some_open
            .last()
            .map_or("K-2026-000001".into(), |r| r.reference.to_string()),
        &first_page,
    );
    let search_deep = page(db, &by_name, 5).await;
    let common_deep = page(db, &common_word, 40).await;
    let cases: [(&str, &QueueQuery, bool); 21] = [
        ("open, nearest deadline first, page 1", &first_page, false),
        ("open in one region, page 1", &per_region, false),
        (
            "open in one region and state, page 1",
            &per_region_state,
            false,
        ),
        ("open, page 41 (keyset)", &deep, false),
        ("open, overdue only, page 1", &first_page, true),
        (
            "open in one region, overdue only, page 1",
            &per_region,
            true,
        ),
        ("open, one handler's, page 1", &mine, false),
        ("open, unassigned, page 1", &unassigned, false),
        ("open, one channel (letter), page 1", &by_channel, false),
        (
            "open in one region and category, page 1",
            &by_category,
            false,
        ),
        (
            "open, region + state + handler + channel, page 1",
            &region_state_mine_channel,
            false,
        ),
        (
            "open, region + category + channel, page 1",
            &region_category_channel,
            false,
        ),
        ("search a surname (Jansen), page 1", &by_name, false),
        (
            "search a common word (medewerker), page 1",
            &common_word,
            false,
        ),
        (
            "search a rare full name (Truus Postma), page 1",
            &rare_name,
            false,
        ),
        (
            "search a word no open complaint has, page 1",
            &no_match,
            false,
        ),
        (
            "search a full name in one region, page 1",
            &by_full_name,
            false,
        ),
        (
            "search a surname in one region and state, page 1",
            &search_region_state,
            false,
        ),
        ("search an exact reference", &by_reference, false),
        ("search a surname, page 6 (keyset)", &search_deep, false),
        (
            "search a common word, page 41 (keyset)",
            &common_deep,
            false,
        ),
    ];
    for (name, q, overdue_only) in cases {
        let (median, p90, rows) = measure(runs, || async {
            let page = db.queue(q).await.expect("queue");
            // "Only overdue" is the office's cut of the same query (`web::office::paging`).
            let shown = if overdue_only {
                page.iter()
                    .take_while(|r| r.next_deadline.is_some_and(|d| d < today))
                    .count()
            } else {
                page.len()
            };
            black_box(page);
            shown
        })
        .await;
        println!("\n{name}: {rows} rows, median {median:?}, p90 {p90:?} over {runs} runs");
        println!("{}", db.analyze_queue(q).await.expect("plan"));
        if db.backend() == store::Backend::Postgres {
            println!("test-size plan (explain_queue):");
            println!("{}", db.explain_queue(q).await.expect("plan"));
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average after the run: {load}");
}

/// `q` with the cursor `pages` pages in.
async fn page(db: &dyn store::Store, q: &QueueQuery, pages: usize) -> QueueQuery {
    let mut q = q.clone();
    for _ in 0..pages {
        let rows = db.queue(&q).await.expect("page");
        if let Some(last) = rows.last() {
            q.after = Some(last.cursor());
        }
    }
    q
}

/// Median and 90th percentile of `runs` runs, after 20 to warm up, and the last run's output.
async fn measure<F, Fut>(runs: usize, mut f: F) -> (Duration, Duration, usize)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    for _ in 0..20 {
        f().await;
    }
    let mut samples = Vec::with_capacity(runs);
    let mut out = 0;
    for _ in 0..runs {
        let t = Instant::now();
        out = f().await;
        samples.push(t.elapsed());
    }
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[samples.len() * 9 / 10],
        out,
    )
}
