//! The use cases end to end: every test runs the same story through [`app::App`] on SQLite and
//! on PostgreSQL (`<test>::sqlite`, `<test>::postgres`), each on a fresh database, with a clock
//! the test moves. The domain's own tests cover every decision; these cover what the app adds:
//! one transaction per step, references, idempotency, concurrency and what ends up stored.

mod checks;
mod fixtures;
mod helpers;
mod racing;

mod audit;
mod calendar_reload;
mod deadlines;
mod group_commit;
mod mail_intake;
mod outcomes;
mod references;
mod refusals;
mod seed;
mod walk;
mod watch;
mod worker_shutdown;
