//! The beheerder's pages for what the organisation sends: letter templates with a PDF preview
//! (`/kantoor/beheer/brieven`), the wording of the complainant's e-mails
//! (`/kantoor/beheer/mails`), the outbox of mails written while no SMTP server is configured
//! (`/kantoor/beheer/uitgaand`) and the postcode ranges that derive a complainant's region
//! (`/kantoor/beheer/postcodes`).
//!
//! Only the role beheerder may use them: every handler starts with [`beheerder`] (the check
//! behind the administration's `Admin::of`), GET and POST alike (other roles get 403, no
//! session the login). POSTs take [`StaffForm`](super::staff::StaffForm), which checks the
//! CSRF token.

mod letters;
mod mails;
mod outbox;
mod postcodes;

use std::path::PathBuf;

use axum::Router;
use axum::routing::get;
use serde::Deserialize;

use super::admin::beheerder;
use super::staff::Staff;
use crate::AppState;
use crate::error::WebError;
use crate::lang::Lang;
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

/// `?gedaan=` on a template's edit page: what the POST that redirected there did.
#[derive(Debug, Deserialize)]
pub(crate) struct Done {
    gedaan: Option<String>,
}

impl Done {
    /// The line the edit page shows: `saved` after a save, `reset` after going back to the
    /// built-in template; each as (Dutch, English).
    fn message(
        &self,
        lang: Lang,
        saved: (&'static str, &'static str),
        reset: (&'static str, &'static str),
    ) -> Option<&'static str> {
        match self.gedaan.as_deref() {
            Some("opgeslagen") => Some(lang.t(saved.0, saved.1)),
            Some("standaard") => Some(lang.t(reset.0, reset.1)),
            _ => None,
        }
    }
}

/// Stores a version of each template as the beheerder's (`None`: back to the built-in), and
/// answers the address of `edit_page` that then says it was saved, or reset when `reset`.
async fn store_versions(
    state: &AppState,
    staff: &Staff,
    versions: Vec<(String, Option<&str>)>,
    edit_page: &str,
    reset: bool,
) -> Result<String, WebError> {
    let by = &staff.session().user.email;
    let now = state.app.clock().now();
    for (key, source) in versions {
        state
            .app
            .store()
            .save_template(&key, source, by, now)
            .await?;
    }
    let done = if reset { "standaard" } else { "opgeslagen" };
    Ok(format!("{edit_page}?gedaan={done}"))
}
