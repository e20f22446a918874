//! The letters crate's one integration-test binary: render every kind, read the PDF back as text
//! with `pdftotext` (Debian's poppler-utils), and check what each letter must state.

mod contents;
mod injection;
mod layout;
mod overrides;
mod support;
mod variants;
