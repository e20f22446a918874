//! Administrator-edited templates (an append-only version table: the newest row of a kind is
//! in force) and postcode ranges (non-overlapping, checked in the adding transaction).

use jiff::Timestamp;

use crate::error::StoreError;
use crate::exec::{Conn, args, ts};
use crate::types::{PostcodeRange, PostcodeRangeAdded, TemplateVersion};

const INSERT_VERSION: &str = "INSERT INTO template_versions (kind, source, updated_by, updated_at) \
     VALUES ($1, $2, $3, $4)";
/// The newest version of every kind that has one (resets included; the caller skips them).
const CURRENT: &str = "SELECT id, kind, source, updated_by, updated_at FROM template_versions t \
     WHERE id = (SELECT MAX(id) FROM template_versions n WHERE n.kind = t.kind) ORDER BY kind";
const HISTORY: &str = "SELECT id, kind, source, updated_by, updated_at FROM template_versions \
     WHERE kind = $1 ORDER BY id DESC LIMIT $2";
const VERSION: &str = "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM template_versions";

const RANGES: &str = "SELECT from_code, to_code, region FROM postcode_ranges ORDER BY from_code";
const OVERLAPPING: &str = "SELECT from_code, to_code, region FROM postcode_ranges \
     WHERE from_code <= $2 AND to_code >= $1 ORDER BY from_code LIMIT 1";
const REGION_EXISTS: &str = "SELECT code FROM regions WHERE code = $1";
const INSERT_RANGE: &str =
    "INSERT INTO postcode_ranges (from_code, to_code, region) VALUES ($1, $2, $3)";
/// Serialises range changes on PostgreSQL (READ COMMITTED would let two overlapping adds both
/// pass the check): every region row is locked until commit. Portable SQL; SQLite has one writer.
const LOCK_REGIONS: &str = "UPDATE regions SET active = active";
const DELETE_RANGE: &str = "DELETE FROM postcode_ranges WHERE from_code = $1";

#[derive(Debug, sqlx::FromRow)]
struct VersionRow {
    id: i64,
    kind: String,
    source: Option<String>,
    updated_by: String,
    updated_at: i64,
}

impl VersionRow {
    fn decode(self) -> Result<TemplateVersion, StoreError> {
        Ok(TemplateVersion {
            id: self.id,
            kind: self.kind,
            source: self.source,
            updated_by: self.updated_by,
            updated_at: ts(self.updated_at)?,
        })
    }
}

pub(crate) async fn save<C: Conn>(
    c: &mut C,
    kind: &str,
    source: Option<&str>,
    by: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    let source = source.map(str::to_owned);
    c.exec(INSERT_VERSION, args![kind, source, by, now])
        .await
        .map(drop)
}

pub(crate) async fn current<C: Conn>(c: &mut C) -> Result<Vec<TemplateVersion>, StoreError> {
    let rows: Vec<VersionRow> = c.all(CURRENT, args![]).await?;
    rows.into_iter().map(VersionRow::decode).collect()
}

pub(crate) async fn history<C: Conn>(
    c: &mut C,
    kind: &str,
    limit: u32,
) -> Result<Vec<TemplateVersion>, StoreError> {
    let rows: Vec<VersionRow> = c.all(HISTORY, args![kind, i64::from(limit)]).await?;
    rows.into_iter().map(VersionRow::decode).collect()
}

pub(crate) async fn version<C: Conn>(c: &mut C) -> Result<i64, StoreError> {
    let (v,): (i64,) = c.one(VERSION, args![]).await?;
    Ok(v)
}

fn range((from, to, region): (i64, i64, String)) -> Result<PostcodeRange, StoreError> {
    let code = |v: i64| u16::try_from(v).map_err(StoreError::invalid);
    Ok(PostcodeRange {
        from: code(from)?,
        to: code(to)?,
        region,
    })
}

pub(crate) async fn ranges<C: Conn>(c: &mut C) -> Result<Vec<PostcodeRange>, StoreError> {
    let rows: Vec<(i64, i64, String)> = c.all(RANGES, args![]).await?;
    rows.into_iter().map(range).collect()
}

pub(crate) async fn add_range<C: Conn>(
    c: &mut C,
    r: &PostcodeRange,
) -> Result<PostcodeRangeAdded, StoreError> {
    if r.from < 1000 || r.to > 9999 || r.from > r.to {
        return Err(StoreError::invalid(format!(
            "postcode range {}–{} is not within 1000–9999, from ≤ to",
            r.from, r.to
        )));
    }
    let (from, to) = (i64::from(r.from), i64::from(r.to));
    c.exec(LOCK_REGIONS, args![]).await?;
    let region: Option<(String,)> = c.opt(REGION_EXISTS, args![r.region.as_str()]).await?;
    if region.is_none() {
        return Ok(PostcodeRangeAdded::UnknownRegion);
    }
    let overlap: Option<(i64, i64, String)> = c.opt(OVERLAPPING, args![from, to]).await?;
    if let Some(row) = overlap {
        return Ok(PostcodeRangeAdded::Overlaps(range(row)?));
    }
    c.exec(INSERT_RANGE, args![from, to, r.region.as_str()])
        .await?;
    Ok(PostcodeRangeAdded::Added)
}

pub(crate) async fn remove_range<C: Conn>(c: &mut C, from: u16) -> Result<bool, StoreError> {
    Ok(c.exec(DELETE_RANGE, args![i64::from(from)]).await? > 0)
}
