//! The complaint procedure's letters, typeset by Typst into PDF with embedded fonts.
//!
//! Why its own crate: Typst is a heavy build; kept here, it compiles once and the rest of the
//! workspace does not rebuild it. Why Typst: real typesetting (Dutch hyphenation, justified text,
//! page numbers "pagina 1 van 2") from templates an administrator can edit.
//!
//! How it fits together:
//! - a [`Letter`] holds values (dates, terms, names, texts), never finished phrases;
//! - [`view`] turns it into the JSON a template reads as `/data.json`, with dates written out in
//!   the letter's language ([`lang`]);
//! - each [`LetterKind`] has a built-in template ([`builtin_source`]) importing the shared layout
//!   `/base.typ`; [`Letters`] holds an administrator's overrides, each checked by compiling it;
//! - [`Letters::render`] compiles in a closed world (no files, no network) and writes PDF/A-2b.
//!
//! Why no `typst-as-lib`: it brings chrono, dirs and a file-system resolver; the `World` Typst
//! needs is about a hundred lines here (`src/world.rs`), and owning it keeps the world closed:
//! three virtual files, embedded fonts, no packages, nothing read from disk or downloaded.
//!
//! Rendering is synchronous and CPU-bound (0.1–0.5 s for a fresh letter in a debug build, less
//! when Typst's memoised layout of the shared parts is reused): call it from
//! `tokio::task::spawn_blocking`. [`warm_up`] builds the fonts and library ahead of the first.

pub mod body;
mod error;
mod kind;
pub mod lang;
mod model;
mod render;
mod sample;
pub mod view;
mod world;

use std::collections::HashMap;

pub use body::LetterBody;
pub use error::{Diagnostic, LetterError};
pub use kind::{BASE_SOURCE, LetterKind, UnknownLetterKind, builtin_source};
pub use model::{
    Address, Addressee, HearingForm, Language, Letter, Organisation, Recipient, Signatory, Term,
    TermUnit,
};
pub use render::Pdf;
pub use sample::sample;
pub use world::warm_up;

/// The letter templates in force: the built-in ones, with an administrator's overrides.
#[derive(Debug, Clone, Default)]
pub struct Letters {
    overrides: HashMap<LetterKind, String>,
}

impl Letters {
    /// The built-in templates only.
    #[must_use]
    pub fn new() -> Self {
        Letters::default()
    }

    /// Replaces the template of `kind` with `source`, after checking that it renders that kind's
    /// [`sample`]. The error names Typst's message and the line.
    ///
    /// # Errors
    /// [`LetterError::Template`] when the source does not compile or lay out.
    pub fn with_override(
        mut self,
        kind: LetterKind,
        source: impl Into<String>,
    ) -> Result<Self, LetterError> {
        let source = source.into();
        Self::preview(kind, &source)?;
        self.overrides.insert(kind, source);
        Ok(self)
    }

    /// Replaces the template of `kind` with `source` without rendering it: for a source that
    /// passed [`Letters::with_override`]'s check when it was saved (e.g. read back from the
    /// database), so a letter job does not render the sample again for every letter.
    #[must_use]
    pub fn with_checked_override(mut self, kind: LetterKind, source: impl Into<String>) -> Self {
        self.overrides.insert(kind, source.into());
        self
    }

    /// Renders `kind`'s sample with `source` as its template, as an editor's preview does.
    ///
    /// # Errors
    /// [`LetterError`] when the source does not compile, lay out, or export.
    pub fn preview(kind: LetterKind, source: &str) -> Result<Pdf, LetterError> {
        render::render(source, &sample(kind))
    }

    /// Drops the override of `kind`, if any; the built-in template applies again.
    #[must_use]
    pub fn without_override(mut self, kind: LetterKind) -> Self {
        self.overrides.remove(&kind);
        self
    }

    /// The template in force for `kind`.
    #[must_use]
    pub fn source(&self, kind: LetterKind) -> &str {
        self.overrides
            .get(&kind)
            .map_or_else(|| builtin_source(kind), String::as_str)
    }

    /// Whether `kind` uses an administrator's template.
    #[must_use]
    pub fn is_overridden(&self, kind: LetterKind) -> bool {
        self.overrides.contains_key(&kind)
    }

    /// Renders a letter with the template in force for its kind.
    ///
    /// # Errors
    /// [`LetterError`] when the template fails with this letter's data (an override was
    /// checked against the sample only) or the PDF cannot be written.
    pub fn render(&self, letter: &Letter) -> Result<Pdf, LetterError> {
        render::render(self.source(letter.kind()), letter)
    }
}
