//! Render time of each kind's sample, with std::time only. `cargo bench --profile dev -p
//! wederhoor-letters` avoids a release build of Typst (about 20 minutes on this machine).
//! The first render also builds the fonts and library (reported separately as the warm-up);
//! "again" renders the same letter, when Typst's memoisation has most of the work cached.

use std::time::{Duration, Instant};

use letters::{LetterKind, Letters, sample};

const ROUNDS: u32 = 10;

fn main() {
    let letters = Letters::new();
    let start = Instant::now();
    letters::warm_up();
    println!("warm-up (fonts, library): {:?}", start.elapsed());
    for kind in LetterKind::ALL {
        let letter = sample(kind);
        let start = Instant::now();
        let pages = letters.render(&letter).expect("the sample renders").pages;
        let first = start.elapsed();
        let mut total = Duration::ZERO;
        for _ in 0..ROUNDS {
            let start = Instant::now();
            letters.render(&letter).expect("the sample renders");
            total += start.elapsed();
        }
        let again = total / ROUNDS;
        println!("{kind:<20} {pages} page(s)  first {first:>8.1?}  again {again:>8.1?}");
    }
}
