//! Attachments: files stored beside their complaint, in the database.
//!
//! The store computes each file's size and SHA-256 itself, so the recorded checksum is the one
//! of the bytes actually written. New complaints' files are inserted by `complaints::create`
//! inside the creating transaction; [`add`] attaches files to an existing complaint.

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::exec::{Conn, args, ts, uuid};
use crate::sql;
use crate::types::*;

const INSERT: &str = "INSERT INTO attachments \
     (id, complaint_id, position, filename, content_type, size, sha256, bytes, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

const OF_COMPLAINT: &str = "SELECT id, complaint_id, filename, content_type, size, sha256, \
     created_at FROM attachments WHERE complaint_id = $1 ORDER BY created_at, position, id";

const BY_ID: &str = "SELECT id, complaint_id, filename, content_type, size, sha256, \
     created_at, bytes FROM attachments WHERE id = $1";

#[derive(Debug, sqlx::FromRow)]
struct InfoRow {
    id: String,
    complaint_id: String,
    filename: String,
    content_type: String,
    size: i64,
    sha256: String,
    created_at: i64,
}

impl InfoRow {
    fn decode(self) -> Result<AttachmentInfo, StoreError> {
        Ok(AttachmentInfo {
            id: uuid(&self.id)?,
            complaint_id: uuid(&self.complaint_id)?,
            filename: self.filename,
            content_type: self.content_type,
            size: self.size,
            sha256: self.sha256,
            created_at: ts(self.created_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct FileRow {
    #[sqlx(flatten)]
    info: InfoRow,
    bytes: Vec<u8>,
}

/// Inserts `files` for complaint `id` (which the caller knows exists) inside its transaction.
pub(crate) async fn insert<C: Conn>(
    c: &mut C,
    id: ComplaintId,
    files: &[NewAttachment],
    now: Timestamp,
) -> Result<Vec<AttachmentInfo>, StoreError> {
    let mut out = Vec::with_capacity(files.len());
    for (position, f) in files.iter().enumerate() {
        let size = f.bytes.len() as i64;
        let sha256 = hex::encode(Sha256::digest(&f.bytes));
        let a = args![
            f.id,
            id,
            position as i64,
            f.filename.as_str(),
            f.content_type.as_str(),
            size,
            sha256.as_str(),
            f.bytes.clone(),
            now,
        ];
        c.exec(INSERT, a).await?;
        out.push(AttachmentInfo {
            id: f.id,
            complaint_id: id,
            filename: f.filename.clone(),
            content_type: f.content_type.clone(),
            size,
            sha256,
            created_at: ts(now.as_microsecond())?,
        });
    }
    Ok(out)
}

/// Attaches files to an existing complaint; [`StoreError::NotFound`] when there is none.
pub(crate) async fn add<C: Conn>(
    c: &mut C,
    id: ComplaintId,
    files: &[NewAttachment],
    now: Timestamp,
) -> Result<Vec<AttachmentInfo>, StoreError> {
    let exists: Option<(i64,)> = c.opt(sql::COMPLAINT_SEQ, args![id]).await?;
    if exists.is_none() {
        return Err(StoreError::NotFound);
    }
    insert(c, id, files, now).await
}

pub(crate) async fn of_complaint<C: Conn>(
    c: &mut C,
    id: ComplaintId,
) -> Result<Vec<AttachmentInfo>, StoreError> {
    let rows: Vec<InfoRow> = c.all(OF_COMPLAINT, args![id]).await?;
    rows.into_iter().map(InfoRow::decode).collect()
}

pub(crate) async fn by_id<C: Conn>(
    c: &mut C,
    id: AttachmentId,
) -> Result<Option<Attachment>, StoreError> {
    let row: Option<FileRow> = c.opt(BY_ID, args![id]).await?;
    row.map(|r| {
        Ok(Attachment {
            info: r.info.decode()?,
            bytes: r.bytes,
        })
    })
    .transpose()
}
