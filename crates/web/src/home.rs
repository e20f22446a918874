//! The public start page: how to file a complaint and what happens next, with the
//! organisation's phone number and e-mail address as a beheerder set them (read per request, so
//! an edit shows at once; without details the page says only that calling or e-mailing works).

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

use crate::AppState;
use crate::lang::Lang;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/", get(home_get))
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    lang: Lang,
    /// None until a beheerder set the organisation's details (or reading them failed).
    organisation: Option<store::Organisation>,
}

async fn home_get(State(state): State<AppState>, lang: Lang) -> HomePage {
    let organisation = match state.app.store().organisation().await {
        Ok(o) => o,
        Err(error) => {
            // The page is useful without the details: log and leave them out.
            tracing::warn!(%error, "reading the organisation's details failed");
            None
        }
    };
    HomePage { lang, organisation }
}
