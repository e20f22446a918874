//! The seam that lets every query be written once: a query is a `&'static str` plus a list of
//! primitive [`Arg`]s, and [`Conn`] runs it on either backend's connection. Row types derive
//! `sqlx::FromRow`, whose derived impl is generic over the row type, so one struct decodes rows of
//! both databases ([`DbRow`]).

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

use crate::error::StoreError;

/// A bound value. Only types both databases encode alike: 64-bit integers, text, booleans, and
/// bytes (SQLite BLOB, PostgreSQL BYTEA).
#[derive(Clone)]
pub(crate) enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
    Bytes(Vec<u8>),
}

impl std::fmt::Debug for Arg {
    /// Bytes show as their length: attachments are megabytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Int(v) => f.debug_tuple("Int").field(v).finish(),
            Arg::Text(v) => f.debug_tuple("Text").field(v).finish(),
            Arg::Bool(v) => f.debug_tuple("Bool").field(v).finish(),
            Arg::Bytes(v) => write!(f, "Bytes({} bytes)", v.len()),
        }
    }
}

impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Arg {
        Arg::Bytes(v)
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(Some(v))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::Int(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(v)
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_owned()))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}
impl From<&Option<String>> for Arg {
    fn from(v: &Option<String>) -> Arg {
        Arg::Text(v.clone())
    }
}
impl From<uuid::Uuid> for Arg {
    /// Ids are stored as hyphenated lowercase text.
    fn from(v: uuid::Uuid) -> Arg {
        Arg::Text(Some(v.hyphenated().to_string()))
    }
}
impl From<Timestamp> for Arg {
    /// Instants are stored as microseconds since the epoch.
    fn from(v: Timestamp) -> Arg {
        Arg::Int(Some(v.as_microsecond()))
    }
}
impl From<Option<Timestamp>> for Arg {
    fn from(v: Option<Timestamp>) -> Arg {
        Arg::Int(v.map(Timestamp::as_microsecond))
    }
}
impl From<Date> for Arg {
    /// Civil dates are stored as `YYYY-MM-DD`.
    fn from(v: Date) -> Arg {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<Option<Date>> for Arg {
    fn from(v: Option<Date>) -> Arg {
        Arg::Text(v.map(|d| d.to_string()))
    }
}

/// `args![a, b, c]`: a `Vec<Arg>` in placeholder order ($1, $2, $3).
macro_rules! args {
    ($($v:expr),* $(,)?) => { vec![$($crate::exec::Arg::from($v)),*] };
}
pub(crate) use args;

/// A row struct that decodes from both backends' rows.
pub(crate) trait DbRow:
    for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin + 'static
{
}
impl<T> DbRow for T where
    T: for<'r> sqlx::FromRow<'r, SqliteRow>
        + for<'r> sqlx::FromRow<'r, PgRow>
        + Send
        + Unpin
        + 'static
{
}

/// Runs shared SQL on one connection (or transaction) of either backend. Errors come back
/// already mapped: unique violations as [`StoreError::DuplicateKey`] with the constraint's name.
#[async_trait]
pub(crate) trait Conn: Send {
    /// Executes a statement; returns the number of rows affected.
    async fn exec(&mut self, sql: &'static str, args: Vec<Arg>) -> Result<u64, StoreError>;
    async fn all<R: DbRow>(
        &mut self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> Result<Vec<R>, StoreError>;
    async fn opt<R: DbRow>(
        &mut self,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> Result<Option<R>, StoreError>;

    async fn one<R: DbRow>(&mut self, sql: &'static str, args: Vec<Arg>) -> Result<R, StoreError> {
        self.opt(sql, args).await?.ok_or(StoreError::NotFound)
    }
}

/// Binds `args` to a sqlx query, in order.
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::exec::Arg::Int(v) => q.bind(v),
                $crate::exec::Arg::Text(v) => q.bind(v),
                $crate::exec::Arg::Bool(v) => q.bind(v),
                $crate::exec::Arg::Bytes(v) => q.bind(v),
            };
        }
        q
    }};
}
pub(crate) use bind_args;

/// Implements [`Conn`] for a backend's connection type; `$map` maps a `sqlx::Error`.
macro_rules! impl_conn {
    ($conn:ty, $db:ty, $map:path) => {
        #[async_trait::async_trait]
        impl $crate::exec::Conn for $conn {
            async fn exec(
                &mut self,
                sql: &'static str,
                args: Vec<$crate::exec::Arg>,
            ) -> Result<u64, $crate::StoreError> {
                let q = $crate::exec::bind_args!(sqlx::query::<$db>(sql), args);
                Ok(q.execute(&mut *self).await.map_err($map)?.rows_affected())
            }

            async fn all<R: $crate::exec::DbRow>(
                &mut self,
                sql: &'static str,
                args: Vec<$crate::exec::Arg>,
            ) -> Result<Vec<R>, $crate::StoreError> {
                let q = $crate::exec::bind_args!(sqlx::query_as::<$db, R>(sql), args);
                q.fetch_all(&mut *self).await.map_err($map)
            }

            async fn opt<R: $crate::exec::DbRow>(
                &mut self,
                sql: &'static str,
                args: Vec<$crate::exec::Arg>,
            ) -> Result<Option<R>, $crate::StoreError> {
                let q = $crate::exec::bind_args!(sqlx::query_as::<$db, R>(sql), args);
                q.fetch_optional(&mut *self).await.map_err($map)
            }
        }
    };
}
pub(crate) use impl_conn;

/// Decodes a stored instant.
pub(crate) fn ts(micros: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(micros).map_err(StoreError::invalid)
}

/// Decodes a stored civil date.
pub(crate) fn date(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|e| StoreError::invalid(format!("date {text:?}: {e}")))
}

/// Decodes a stored id.
pub(crate) fn uuid(text: &str) -> Result<uuid::Uuid, StoreError> {
    text.parse()
        .map_err(|e| StoreError::invalid(format!("id {text:?}: {e}")))
}

/// Decodes stored JSON text.
pub(crate) fn json(text: &str) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::invalid(format!("json: {e}")))
}
