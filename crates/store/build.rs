//! Rebuild when a migration is added: `sqlx::migrate!` embeds the files it sees at compile time
//! but only tracks the ones that already existed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
