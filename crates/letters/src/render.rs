//! Compiling one template with one letter's data to PDF.
//!
//! The data goes in as the virtual file `/data.json`, never spliced into Typst source: a
//! complainant's `#` or `]` is then a character of a string, not markup (template injection is
//! impossible by construction, and tested).

use typst::comemo;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::{DiagSpan, FileId};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Diagnostic, LetterError};
use crate::kind::LetterKind;
use crate::model::Letter;
use crate::view::view;
use crate::world::{LETTER_PATH, LetterWorld};

/// A rendered letter.
#[derive(Clone, PartialEq, Eq)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
}

impl std::fmt::Debug for Pdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pdf")
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .field("pages", &self.pages)
            .finish()
    }
}

/// How many compilations an unused memoised result survives. Typst memoises layout work
/// globally; without eviction a long-running server would keep every letter's results.
const CACHE_GENERATIONS: usize = 10;

/// Renders `letter` with `template` as the letter's main file.
pub(crate) fn render(template: &str, letter: &Letter) -> Result<Pdf, LetterError> {
    let kind = letter.kind();
    let data = serde_json::to_vec(&view(letter)).expect("a JSON value always serialises");
    let world = LetterWorld::new(template, data, letter.date);
    let result = compile(kind, &world, letter);
    comemo::evict(CACHE_GENERATIONS);
    result
}

fn compile(kind: LetterKind, world: &LetterWorld, letter: &Letter) -> Result<Pdf, LetterError> {
    let document = typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| LetterError::Template {
            kind,
            diagnostics: diagnostics(world, &errors),
        })?;
    let options = PdfOptions {
        // Stable per letter, so a re-rendered letter is the same document.
        ident: Smart::Custom(format!("{}/{}/{}", letter.reference, kind, letter.date)),
        // The dagtekening as the document's date: PDF/A needs one, and a fixed date keeps a
        // re-rendered letter byte for byte the same.
        timestamp: dagtekening(letter).map(Timestamp::new_utc),
        // Archival: letters are part of the complaint's record.
        standards: PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b is a valid standard"),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| LetterError::Pdf {
        kind,
        diagnostics: diagnostics(world, &errors),
    })?;
    Ok(Pdf {
        bytes,
        pages: document.pages().len(),
    })
}

fn dagtekening(letter: &Letter) -> Option<Datetime> {
    let d = letter.date;
    Datetime::from_ymd_hms(
        i32::from(d.year()),
        d.month().try_into().ok()?,
        d.day().try_into().ok()?,
        0,
        0,
        0,
    )
}

fn diagnostics(world: &LetterWorld, errors: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| diagnostic(world, d))
        .collect()
}

fn diagnostic(world: &LetterWorld, d: &SourceDiagnostic) -> Diagnostic {
    let (file, line, column) = locate(world, d.span);
    let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
    // An error inside the shared layout is usually caused by how the letter calls it: point at
    // the call in the letter's template too (Typst traces calls; a `show:` rule has no trace).
    if file.as_deref() != Some(&LETTER_PATH[1..]) {
        let call = d
            .trace
            .iter()
            .map(|t| locate(world, t.span.into()))
            .find(|(f, l, _)| f.as_deref() == Some(&LETTER_PATH[1..]) && l.is_some());
        if let Some((Some(f), Some(l), _)) = call {
            hints.push(format!("called from {f}, line {l}"));
        }
    }
    Diagnostic {
        file,
        line,
        column,
        message: d.message.to_string(),
        hints,
    }
}

fn locate(world: &LetterWorld, span: DiagSpan) -> (Option<String>, Option<usize>, Option<usize>) {
    let Some(id) = span.id() else {
        return (None, None, None);
    };
    let file = Some(name(id));
    let position = world
        .source(id)
        .ok()
        .zip(world.range(span))
        .and_then(|(source, range)| source.lines().byte_to_line_column(range.start));
    match position {
        Some((line, column)) => (file, Some(line + 1), Some(column + 1)),
        None => (file, None, None),
    }
}

fn name(id: FileId) -> String {
    id.vpath().get_without_slash().to_owned()
}
