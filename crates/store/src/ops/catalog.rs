//! Organisation data: regions, categories and closure days (administrator-edited, small).

use jiff::civil::Date;

use crate::error::StoreError;
use crate::exec::{Conn, args, date};
use crate::types::{Category, Region};

const REGIONS: &str = "SELECT code, name, management_name, management_address, active \
     FROM regions ORDER BY code";
const UPSERT_REGION: &str = "INSERT INTO regions \
     (code, name, management_name, management_address, active) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
     management_name = excluded.management_name, \
     management_address = excluded.management_address, active = excluded.active";
const CATEGORIES: &str = "SELECT code, name_nl, name_en, active FROM categories ORDER BY code";
const UPSERT_CATEGORY: &str = "INSERT INTO categories (code, name_nl, name_en, active) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, \
     name_en = excluded.name_en, active = excluded.active";
const CLOSURE_DAYS: &str = "SELECT day, name FROM closure_days ORDER BY day";
const ADD_CLOSURE_DAY: &str = "INSERT INTO closure_days (day, name) VALUES ($1, $2) \
     ON CONFLICT (day) DO UPDATE SET name = excluded.name";

pub(crate) async fn regions<C: Conn>(c: &mut C) -> Result<Vec<Region>, StoreError> {
    let rows: Vec<(String, String, String, String, bool)> = c.all(REGIONS, args![]).await?;
    Ok(rows
        .into_iter()
        .map(
            |(code, name, management_name, management_address, active)| Region {
                code,
                name,
                management_name,
                management_address,
                active,
            },
        )
        .collect())
}

pub(crate) async fn upsert_region<C: Conn>(c: &mut C, r: &Region) -> Result<(), StoreError> {
    let a = args![
        r.code.as_str(),
        r.name.as_str(),
        r.management_name.as_str(),
        r.management_address.as_str(),
        r.active
    ];
    c.exec(UPSERT_REGION, a).await.map(drop)
}

pub(crate) async fn categories<C: Conn>(c: &mut C) -> Result<Vec<Category>, StoreError> {
    let rows: Vec<(String, String, String, bool)> = c.all(CATEGORIES, args![]).await?;
    Ok(rows
        .into_iter()
        .map(|(code, name_nl, name_en, active)| Category {
            code,
            name_nl,
            name_en,
            active,
        })
        .collect())
}

pub(crate) async fn upsert_category<C: Conn>(c: &mut C, k: &Category) -> Result<(), StoreError> {
    let a = args![
        k.code.as_str(),
        k.name_nl.as_str(),
        k.name_en.as_str(),
        k.active
    ];
    c.exec(UPSERT_CATEGORY, a).await.map(drop)
}

pub(crate) async fn closure_days<C: Conn>(c: &mut C) -> Result<Vec<(Date, String)>, StoreError> {
    let rows: Vec<(String, String)> = c.all(CLOSURE_DAYS, args![]).await?;
    rows.into_iter()
        .map(|(d, name)| Ok((date(&d)?, name)))
        .collect()
}

pub(crate) async fn add_closure_day<C: Conn>(
    c: &mut C,
    d: Date,
    name: &str,
) -> Result<(), StoreError> {
    c.exec(ADD_CLOSURE_DAY, args![d, name]).await.map(drop)
}
