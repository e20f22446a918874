//! Who may see and do what: the checks the back office and the JSON API share, so both answer
//! alike. The back office reaches them through its `Staff` extractor (a session), the
//! API through its bearer-token caller; either way the caller is a stored user with a role and
//! regions.
//!
//! - A complaint is visible only in the user's regions; a malformed reference, an unknown one
//!   and one of another region are all [`WebError::NotFound`], so an answer never reveals that
//!   a complaint exists.
//! - A complaint is not visible to the employee it is about (the linked staff account,
//!   `Complaint::hidden_from`) until a hearing offer invites them: also [`WebError::NotFound`],
//!   on every page, download and API route that loads a complaint through [`complaint_for`].
//!   Lists leave it out through `QueueQuery::viewer`.
//! - A lezer reads; every step is refused with [`WebError::Forbidden`].
//! - Registering a complaint is for handlers and regional directors.

use app::Loaded;
use domain::complaint::Role;
use domain::reference::Reference;
use store::UserRecord;

use crate::AppState;
use crate::error::WebError;

/// The complaint `reference`, when `user` may see its region and it is not hidden from them.
pub(crate) async fn complaint_for(
    state: &AppState,
    user: &UserRecord,
    reference: &str,
) -> Result<Loaded, WebError> {
    let reference: Reference = reference.parse().map_err(|_| WebError::NotFound)?;
    let loaded = state.app.load(reference).await?;
    let region = loaded.complaint.registration().region.to_string();
    if !user.may_see_region(&region) {
        tracing::info!(complaint.reference = %reference, user.id = %user.id, "other region: 404");
        return Err(WebError::NotFound);
    }
    if loaded
        .complaint
        .hidden_from()
        .is_some_and(|u| u.as_ref() == user.id.to_string())
    {
        tracing::info!(complaint.reference = %reference, user.id = %user.id, "employee concerned: 404");
        return Err(WebError::NotFound);
    }
    Ok(loaded)
}

/// Whether `user` may take steps at all (the domain still decides each step for the role).
pub(crate) fn may_take_steps(user: &UserRecord) -> Result<(), WebError> {
    if user.role == Role::Lezer {
        return Err(WebError::Forbidden);
    }
    Ok(())
}

/// Whether `user` may register a complaint received by phone, letter or in person.
pub(crate) fn may_register(user: &UserRecord) -> Result<(), WebError> {
    if !matches!(user.role, Role::Klachtbehandelaar | Role::Regiodirecteur) {
        return Err(WebError::Forbidden);
    }
    Ok(())
}
