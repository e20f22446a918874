//! Why a letter could not be rendered, in terms an administrator editing a template can act on:
//! Typst's own message, with the file and line it points at.

use std::fmt;

use crate::kind::LetterKind;

/// A letter could not be rendered, or a template override was rejected.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// The template does not compile (or fails while laying out) with this data.
    #[error("the {kind} template fails: {}", join(.diagnostics))]
    Template {
        /// The kind of letter whose template failed.
        kind: LetterKind,
        /// Typst's errors, first one first.
        diagnostics: Vec<Diagnostic>,
    },
    /// The typeset letter could not be written as PDF.
    #[error("the {kind} letter could not be written as PDF: {}", join(.diagnostics))]
    Pdf {
        /// The kind of letter.
        kind: LetterKind,
        /// Typst's errors.
        diagnostics: Vec<Diagnostic>,
    },
}

impl LetterError {
    /// The diagnostics, for showing beside a template editor.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LetterError::Template { diagnostics, .. } | LetterError::Pdf { diagnostics, .. } => {
                diagnostics
            }
        }
    }
}

/// One error from Typst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The virtual file it points into ("letter.typ", "base.typ"), if any.
    pub file: Option<String>,
    /// The 1-based line, if it points at one.
    pub line: Option<usize>,
    /// The 1-based column (in characters), if it points at one.
    pub column: Option<usize>,
    /// Typst's message.
    pub message: String,
    /// Typst's hints.
    pub hints: Vec<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line, self.column) {
            (Some(file), Some(line), Some(col)) => {
                write!(f, "{file}, line {line}, column {col}: ")?
            }
            (Some(file), Some(line), None) => write!(f, "{file}, line {line}: ")?,
            (Some(file), None, _) => write!(f, "{file}: ")?,
            (None, ..) => {}
        }
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

fn join(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
