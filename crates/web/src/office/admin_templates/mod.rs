//! The beheerder's pages for what the organisation sends: letter templates with a PDF preview
//! (`/kantoor/beheer/brieven`), the wording of the complainant's e-mails
//! (`/kantoor/beheer/mails`), the outbox of mails written while no SMTP server is configured
//! (`/kantoor/beheer/uitgaand`) and the postcode ranges that derive a complainant's region
//! (`/kantoor/beheer/postcodes`).
//!
//! Only the role beheerder may use them: every handler starts with [`beheerder`], GET and POST
//! alike (other roles get 403, no session the login). POSTs take
//! [`StaffForm`](super::staff::StaffForm), which checks the CSRF token.

mod letters;
mod mails;
mod outbox;
mod postcodes;

use std::path::PathBuf;

use axum::Router;
use axum::routing::get;
use domain::complaint::Role;

use super::staff::Staff;
use crate::AppState;
use crate::error::WebError;
use crate::notify::OrganisationDetails;

/// What the beheerder's template and outbox pages and the answer's PDF preview need beyond the
/// store: the organisation as letters print it, and the outbox folder.
#[derive(Debug, Clone, Default)]
pub struct OutgoingSettings {
    /// The sender printed on letters (the same values the letter job uses).
    pub organisation: OrganisationDetails,
    /// The folder mail is written to when no SMTP server is configured (`<data dir>/outbox`);
    /// None when mail goes out via SMTP (the outbox page says so).
    pub outbox: Option<PathBuf>,
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/kantoor/beheer/brieven", get(letters::letters_get))
        .route(
            "/kantoor/beheer/brieven/{kind}",
            get(letters::letter_get).post(letters::letter_post),
        )
        .route("/kantoor/beheer/mails", get(mails::mails_get))
        .route(
            "/kantoor/beheer/mails/{kind}",
            get(mails::mail_get).post(mails::mail_post),
        )
        .route("/kantoor/beheer/uitgaand", get(outbox::outbox_get))
        .route("/kantoor/beheer/uitgaand/{name}", get(outbox::mail_get))
        .route(
            "/kantoor/beheer/uitgaand/{name}/bijlage/{index}",
            get(outbox::attachment_get),
        )
        .route(
            "/kantoor/beheer/postcodes",
            get(postcodes::postcodes_get).post(postcodes::postcodes_post),
        )
        .route(
            "/kantoor/beheer/postcodes/verwijderen",
            axum::routing::post(postcodes::remove_post),
        )
}

/// Refuses (403) anyone but a beheerder.
fn beheerder(staff: &Staff) -> Result<(), WebError> {
    if staff.session().role() == Role::Beheerder {
        Ok(())
    } else {
        tracing::info!(user.id = %staff.session().user.id, "not a beheerder: 403");
        Err(WebError::Forbidden)
    }
}
