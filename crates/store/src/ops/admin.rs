//! Administration: the organisation row and removing closure days (see `catalog` for regions,
//! categories and adding closure days).

use jiff::Timestamp;
use jiff::civil::Date;

use crate::error::StoreError;
use crate::exec::{Conn, args};
use crate::organisation::Organisation;

const ORGANISATION: &str = "SELECT name, phone, email, address, place, privacy_email, website \
     FROM organisation WHERE id = 1";
const SET_ORGANISATION: &str = "INSERT INTO organisation \
     (id, name, phone, email, address, place, privacy_email, website, updated_at) \
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone, \
     email = excluded.email, address = excluded.address, place = excluded.place, \
     privacy_email = excluded.privacy_email, website = excluded.website, \
     updated_at = excluded.updated_at";
const SEED_ORGANISATION: &str = "INSERT INTO organisation \
     (id, name, phone, email, address, place, privacy_email, website, updated_at) \
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING";
const REMOVE_CLOSURE_DAY: &str = "DELETE FROM closure_days WHERE day = $1";

type Row = (String, String, String, String, String, String, String);

pub(crate) async fn organisation<C: Conn>(c: &mut C) -> Result<Option<Organisation>, StoreError> {
    let row: Option<Row> = c.opt(ORGANISATION, args![]).await?;
    Ok(row.map(
        |(name, phone, email, address, place, privacy_email, website)| Organisation {
            name,
            phone,
            email,
            address,
            place,
            privacy_email,
            website,
        },
    ))
}

/// Replaces the row (`only_if_missing`: writes nothing when there is one); true when written.
pub(crate) async fn set_organisation<C: Conn>(
    c: &mut C,
    o: &Organisation,
    now: Timestamp,
    only_if_missing: bool,
) -> Result<bool, StoreError> {
    let sql = if only_if_missing {
        SEED_ORGANISATION
    } else {
        SET_ORGANISATION
    };
    let a = args![
        o.name.as_str(),
        o.phone.as_str(),
        o.email.as_str(),
        o.address.as_str(),
        o.place.as_str(),
        o.privacy_email.as_str(),
        o.website.as_str(),
        now
    ];
    Ok(c.exec(sql, a).await? > 0)
}

pub(crate) async fn remove_closure_day<C: Conn>(c: &mut C, d: Date) -> Result<bool, StoreError> {
    Ok(c.exec(REMOVE_CLOSURE_DAY, args![d]).await? > 0)
}
