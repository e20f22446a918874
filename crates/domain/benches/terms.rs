//! A small hand-rolled benchmark of the deadline engine and the year listing.
//!
//! No criterion (its build cost is not worth it here): each case runs a warm-up, then several
//! timed samples of many iterations, and reports the median nanoseconds per operation.
//! Run with `cargo bench -p wederhoor-domain --bench terms`.

use std::hint::black_box;
use std::time::Instant;

use domain::calendar::Calendar;
use domain::terms::{Term, TermPolicy, deadline};
use jiff::civil::date;

const SAMPLES: usize = 11;
const ITERATIONS: u32 = 20_000;

/// Median ns/op of `SAMPLES` samples of `ITERATIONS` calls each.
fn median_ns(mut op: impl FnMut()) -> f64 {
    for _ in 0..ITERATIONS / 10 {
        op();
    }
    let mut samples: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..ITERATIONS {
                op();
            }
            started.elapsed().as_nanos() as f64 / f64::from(ITERATIONS)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[SAMPLES / 2]
}

fn main() {
    let calendar = Calendar::dutch();
    let policy = TermPolicy::default();
    let weeks: Term = "2 weken".parse().expect("valid term");
    let working_days: Term = "2 werkdagen".parse().expect("valid term");
    // E3 and E8 of TERMS.md: the Easter weekend makes both walk past four days.
    println!("{:<26} {:>12}", "case", "median ns/op");
    report("deadline(\"2 weken\")", || {
        black_box(
            deadline(
                black_box(date(2026, 3, 20)),
                black_box(weeks),
                policy,
                &calendar,
            )
            .ok(),
        );
    });
    report("deadline(\"2 werkdagen\")", || {
        black_box(
            deadline(
                black_box(date(2026, 4, 2)),
                black_box(working_days),
                policy,
                &calendar,
            )
            .ok(),
        );
    });
    report("Calendar::year(2026)", || {
        black_box(calendar.year(black_box(2026)));
    });
}

fn report(name: &str, op: impl FnMut()) {
    println!("{name:<26} {:>12.0}", median_ns(op));
}
