//! The records the store reads and writes. They are generic (kinds and payloads are strings and
//! JSON): the app layer maps domain events and states to them, so the store does not change when
//! the procedure does.

use domain::reference::Reference;
use jiff::Timestamp;
use jiff::civil::Date;

/// A complaint's id: a UUID, stored as its hyphenated lowercase text on both backends.
pub type ComplaintId = uuid::Uuid;
/// A job's id (a database-generated integer).
pub type JobId = i64;

/// The `next_deadline` stored for a complaint without one, so keyset paging on
/// `(next_deadline, id)` needs no NULL handling and sorts such complaints last.
pub const NO_DEADLINE: Date = jiff::civil::date(9999, 12, 31);

/// An event to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub kind: String,
    pub payload: serde_json::Value,
    pub actor: String,
    /// Stored with microsecond precision (finer digits are dropped).
    pub at: Timestamp,
}

/// An event as stored, with its place in the hash chain.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub complaint_id: ComplaintId,
    /// 1-based position in the complaint's log.
    pub seq: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub actor: String,
    pub at: Timestamp,
    pub prev_hash: String,
    pub hash: String,
}

/// The current state of a complaint, replaced as a whole on every append.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub state: String,
    pub closed: bool,
    pub region: String,
    pub category: String,
    pub channel: String,
    pub assignee: Option<String>,
    pub received_at: Timestamp,
    pub complainant_name: String,
    pub complainant_email: Option<String>,
    pub next_deadline: Option<Date>,
    pub next_deadline_kind: Option<String>,
    pub overdue_since: Option<Date>,
    /// All open deadlines with their explanation, as the app serialises them.
    pub deadlines: serde_json::Value,
    /// Text for search (full-text indexing comes later).
    pub search_text: String,
    pub procedure_version: String,
    /// The staff user id the complaint is hidden from (the linked employee it is about, until
    /// invited to the hearing): the queue and search leave it out for that viewer.
    pub hidden_from: Option<String>,
}

/// A complaint to create: its first events, projection and follow-up jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    pub id: ComplaintId,
    /// The year whose reference counter numbers this complaint.
    pub year: i16,
    /// Resubmitting with a known key returns the existing complaint and writes nothing.
    pub idempotency_key: Option<String>,
    pub events: Vec<NewEvent>,
    pub projection: Projection,
    pub jobs: Vec<NewJob>,
}

/// A complaint's first events, projection and follow-up jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct Contents {
    pub events: Vec<NewEvent>,
    pub projection: Projection,
    pub jobs: Vec<NewJob>,
}

/// Builds a complaint's contents once its reference is known. The reference is allocated inside
/// the creating transaction, and the domain records it in the first event (so the mapping from
/// reference to complaint is covered by the hash chain). `Fn`, not `FnOnce`: a transaction that
/// lost an idempotency race is retried. An `Err` aborts the whole batch.
pub type BuildContents =
    std::sync::Arc<dyn Fn(Reference) -> Result<Contents, String> + Send + Sync>;

/// A complaint to create whose contents depend on its reference.
#[derive(Clone)]
pub struct PendingComplaint {
    pub id: ComplaintId,
    /// The year whose reference counter numbers this complaint.
    pub year: i16,
    /// Resubmitting with a known key returns the existing complaint and writes nothing.
    pub idempotency_key: Option<String>,
    pub build: BuildContents,
    /// Files that came with the complaint, written in the same transaction (not when the
    /// idempotency key was known: the first submission's files are kept).
    pub attachments: Vec<NewAttachment>,
}

impl std::fmt::Debug for PendingComplaint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingComplaint")
            .field("id", &self.id)
            .field("year", &self.year)
            .field("idempotency_key", &self.idempotency_key)
            .field("attachments", &self.attachments)
            .finish_non_exhaustive()
    }
}

impl From<NewComplaint> for PendingComplaint {
    /// Contents that do not depend on the reference.
    fn from(nc: NewComplaint) -> PendingComplaint {
        let contents = Contents {
            events: nc.events,
            projection: nc.projection,
            jobs: nc.jobs,
        };
        PendingComplaint {
            id: nc.id,
            year: nc.year,
            idempotency_key: nc.idempotency_key,
            build: std::sync::Arc::new(move |_| Ok(contents.clone())),
            attachments: Vec::new(),
        }
    }
}

/// The outcome of creating one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub id: ComplaintId,
    pub reference: Reference,
    /// True when the idempotency key was known: nothing was written.
    pub existed: bool,
}

/// A complaint as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintRecord {
    pub id: ComplaintId,
    pub reference: Reference,
    /// The seq of the last event (0 when there are none).
    pub seq: i64,
    pub projection: Projection,
    /// When the row was written (store time, not domain time).
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Open complaints by nearest deadline, keyset-paged, optionally filtered by region, state,
/// handler, channel and category, and by words from the search text (see `Store::queue`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueQuery {
    pub region: Option<String>,
    pub state: Option<String>,
    /// Whose complaints: one handler's, or those without a handler.
    pub assignee: Option<AssigneeFilter>,
    pub channel: Option<String>,
    pub category: Option<String>,
    /// User text: an exact reference (`K-2026-000123` or `2026-000123`), or words that must all
    /// occur in the complaint's search text (reference, name, e-mail, region, category,
    /// description, employee). Any text is safe here: it is bound as a parameter and quoted for
    /// the full-text syntax. Matching differs per database: see `ops::queue_search`.
    pub search: Option<String>,
    /// Who looks (a staff user id): complaints hidden from them (`Projection::hidden_from`) are
    /// left out. `None` only where no person looks (the command line, benchmarks); every staff
    /// page and API list sets it.
    pub viewer: Option<String>,
    /// The cursor of the last row of the previous page ([`QueueRow::cursor`]).
    pub after: Option<(Date, ComplaintId)>,
    pub limit: u32,
}

/// The handler filter of the work queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssigneeFilter {
    /// Complaints assigned to this user id (as stored in the projection's `assignee`).
    User(String),
    /// Complaints nobody handles yet.
    Unassigned,
}

/// One line of the work queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub id: ComplaintId,
    pub reference: Reference,
    pub state: String,
    pub region: String,
    pub category: String,
    pub channel: String,
    pub complainant_name: String,
    pub received_at: Timestamp,
    pub next_deadline: Option<Date>,
    pub next_deadline_kind: Option<String>,
    pub assignee: Option<String>,
}

impl QueueRow {
    /// The keyset cursor to pass as [`QueueQuery::after`] for the next page.
    pub fn cursor(&self) -> (Date, ComplaintId) {
        (self.next_deadline.unwrap_or(NO_DEADLINE), self.id)
    }
}

/// A follow-up job, queued in the same transaction as the step that caused it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub kind: String,
    pub payload: serde_json::Value,
    pub run_at: Timestamp,
    /// Unique: queueing a job with a key that was ever queued before is a no-op.
    pub dedupe_key: Option<String>,
}

/// A claimed job.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: JobId,
    pub kind: String,
    pub payload: serde_json::Value,
    /// Including this claim.
    pub attempts: i32,
    pub run_at: Timestamp,
}

/// The result of recomputing every hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditReport {
    pub complaints: u64,
    pub events: u64,
    pub problems: Vec<AuditProblem>,
}

impl AuditReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One thing the audit found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditProblem {
    /// None for problems that belong to no single complaint (a deleted complaint's number).
    pub complaint_id: Option<ComplaintId>,
    pub reference: Option<Reference>,
    pub seq: Option<i64>,
    /// English and specific, e.g. "event 3: hash mismatch (payload or metadata edited)".
    pub what: String,
}

/// A region with its management (used on letters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub management_name: String,
    pub management_address: String,
    pub active: bool,
}

/// A complaint category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
    pub active: bool,
}

/// A file to attach to a complaint. The store computes its size and SHA-256.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub id: AttachmentId,
    /// The name the sender gave it (for display and download only; never a path).
    pub filename: String,
    /// The media type recognised from its content, e.g. `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for NewAttachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAttachment")
            .field("id", &self.id)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size", &self.bytes.len())
            .finish()
    }
}

/// An attachment's id (a UUID, stored as text like complaint ids).
pub type AttachmentId = uuid::Uuid;

/// A stored attachment without its bytes (for lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub id: AttachmentId,
    pub complaint_id: ComplaintId,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
    pub created_at: Timestamp,
}

/// A stored attachment with its bytes (for download).
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    pub info: AttachmentInfo,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

// ---- documents: the letters sent to the complainant (see `ops::documents`) ----

/// A document's id (a UUID, stored as text like complaint ids).
pub type DocumentId = uuid::Uuid;

/// A letter to store. The store computes its SHA-256; one document exists per
/// (complaint, event sequence number, kind).
#[derive(Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub id: DocumentId,
    pub complaint_id: ComplaintId,
    /// The letter kind, e.g. `answer` (`letters::LetterKind::as_str`).
    pub kind: String,
    /// The sequence number of the event that required the letter.
    pub event_seq: i64,
    /// The date the letter bears.
    pub dagtekening: Date,
    /// The file name it is offered and mailed under, e.g. `reactie-K-2026-000001.pdf`.
    pub filename: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for NewDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewDocument")
            .field("id", &self.id)
            .field("complaint_id", &self.complaint_id)
            .field("kind", &self.kind)
            .field("event_seq", &self.event_seq)
            .field("dagtekening", &self.dagtekening)
            .field("filename", &self.filename)
            .field("size", &self.bytes.len())
            .finish()
    }
}

/// A stored document without its bytes (for lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    pub id: DocumentId,
    pub complaint_id: ComplaintId,
    pub kind: String,
    pub event_seq: i64,
    pub dagtekening: Date,
    pub filename: String,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
    pub created_at: Timestamp,
}

/// A stored document with its bytes (for download and mail).
#[derive(Clone, PartialEq, Eq)]
pub struct Document {
    pub info: DocumentInfo,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("info", &self.info)
            .field("size", &self.bytes.len())
            .finish()
    }
}

// ---- templates and postcodes (see `ops::templates`) ----

/// One save of an administrator's template (a row of `template_versions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateVersion {
    /// Increases with every save over all kinds.
    pub id: i64,
    /// What the template is for, e.g. `letter.answer`.
    pub kind: String,
    /// The template text; None is a reset to the built-in template.
    pub source: Option<String>,
    /// Who saved it (an e-mail address, or `cli`).
    pub updated_by: String,
    pub updated_at: Timestamp,
}

/// 4-digit postcodes `from..=to` belong to `region`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostcodeRange {
    pub from: u16,
    pub to: u16,
    /// A region code (`regions.code`).
    pub region: String,
}

/// What adding a postcode range did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostcodeRangeAdded {
    Added,
    /// Nothing was written: the range overlaps this one.
    Overlaps(PostcodeRange),
    /// Nothing was written: there is no region with that code.
    UnknownRegion,
}
