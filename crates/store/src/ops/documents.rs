//! Documents: the letters sent to the complainant, stored as the PDF that was sent.
//!
//! [`add`] is idempotent on (complaint, event sequence number, kind): a retried letter job that
//! rendered the letter again stores nothing new and gets the document stored the first time,
//! so the complainant is always mailed and shown the same bytes.

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::exec::{Conn, args, date, ts, uuid};
use crate::sql;
use crate::types::*;

const INSERT: &str = "INSERT INTO documents \
     (id, complaint_id, kind, event_seq, dagtekening, filename, bytes, sha256, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
     ON CONFLICT (complaint_id, event_seq, kind) DO NOTHING";

const BY_KEY: &str = "SELECT id, complaint_id, kind, event_seq, dagtekening, filename, sha256, \
     created_at FROM documents WHERE complaint_id = $1 AND event_seq = $2 AND kind = $3";

const OF_COMPLAINT: &str = "SELECT id, complaint_id, kind, event_seq, dagtekening, filename, \
     sha256, created_at FROM documents WHERE complaint_id = $1 ORDER BY event_seq, kind";

const BY_ID: &str = "SELECT id, complaint_id, kind, event_seq, dagtekening, filename, sha256, \
     created_at, bytes FROM documents WHERE id = $1";

#[derive(Debug, sqlx::FromRow)]
struct InfoRow {
    id: String,
    complaint_id: String,
    kind: String,
    event_seq: i64,
    dagtekening: String,
    filename: String,
    sha256: String,
    created_at: i64,
}

impl InfoRow {
    fn decode(self) -> Result<DocumentInfo, StoreError> {
        Ok(DocumentInfo {
            id: uuid(&self.id)?,
            complaint_id: uuid(&self.complaint_id)?,
            kind: self.kind,
            event_seq: self.event_seq,
            dagtekening: date(&self.dagtekening)?,
            filename: self.filename,
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

/// Stores `doc` unless its complaint already has a document for that event and kind; returns
/// the one stored (the earlier one, if any). [`StoreError::NotFound`] when there is no such
/// complaint.
pub(crate) async fn add<C: Conn>(
    c: &mut C,
    doc: &NewDocument,
    now: Timestamp,
) -> Result<DocumentInfo, StoreError> {
    let exists: Option<(i64,)> = c.opt(sql::COMPLAINT_SEQ, args![doc.complaint_id]).await?;
    if exists.is_none() {
        return Err(StoreError::NotFound);
    }
    let sha256 = hex::encode(Sha256::digest(&doc.bytes));
    let a = args![
        doc.id,
        doc.complaint_id,
        doc.kind.as_str(),
        doc.event_seq,
        doc.dagtekening,
        doc.filename.as_str(),
        doc.bytes.clone(),
        sha256.as_str(),
        now,
    ];
    c.exec(INSERT, a).await?;
    let row: Option<InfoRow> = c
        .opt(
            BY_KEY,
            args![doc.complaint_id, doc.event_seq, doc.kind.as_str()],
        )
        .await?;
    row.ok_or_else(|| StoreError::invalid("document not found after insert"))?
        .decode()
}

pub(crate) async fn of_complaint<C: Conn>(
    c: &mut C,
    id: ComplaintId,
) -> Result<Vec<DocumentInfo>, StoreError> {
    let rows: Vec<InfoRow> = c.all(OF_COMPLAINT, args![id]).await?;
    rows.into_iter().map(InfoRow::decode).collect()
}

pub(crate) async fn by_id<C: Conn>(
    c: &mut C,
    id: DocumentId,
) -> Result<Option<Document>, StoreError> {
    let row: Option<FileRow> = c.opt(BY_ID, args![id]).await?;
    row.map(|r| {
        Ok(Document {
            info: r.info.decode()?,
            bytes: r.bytes,
        })
    })
    .transpose()
}
