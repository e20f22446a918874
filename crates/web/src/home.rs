//! The public start page: how to file a complaint and what happens next.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
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
}

async fn home_get(lang: Lang) -> HomePage {
    HomePage { lang }
}
