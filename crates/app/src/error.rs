//! The use cases' error: what a caller (web page, API, CLI) must tell apart.

use domain::complaint::Refusal;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The procedure does not allow the step now; the message is for the person who asked.
    #[error("{0}")]
    Refused(#[from] Refusal),
    /// No complaint with that reference (or not visible to the caller).
    #[error("klacht niet gevonden")]
    NotFound,
    /// The region is not one of the organisation's active regions.
    #[error("onbekende regio {0:?}")]
    UnknownRegion(String),
    /// The category is not one of the organisation's active categories.
    #[error("onbekende categorie {0:?}")]
    UnknownCategory(String),
    /// Another step was recorded at the same moment, several times in a row.
    #[error("de klacht is tegelijk door iemand anders gewijzigd; probeer het opnieuw")]
    Busy,
    /// The stored record cannot be read back into the domain (never expected; logged loudly).
    #[error("record of complaint {complaint} cannot be read: {detail}")]
    Corrupt { complaint: String, detail: String },
    /// The complaint names a procedure definition this binary does not know.
    #[error("unknown procedure definition {0}")]
    UnknownProcedure(String),
    /// Too many registrations are waiting for their commit; try again shortly.
    #[error("te veel klachten tegelijk; probeer het zo opnieuw")]
    Overloaded,
    /// The shared commit of a batch of registrations failed: nothing of the batch was saved.
    #[error("registration not saved (the batch's commit failed): {0}")]
    CommitFailed(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}
