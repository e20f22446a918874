//! Rendering helpers and reading a PDF back as text.
//!
//! `pdftotext` comes from Debian's poppler-utils. Without it the text checks are skipped with one
//! line on stderr, except under `CI=true`, where its absence fails the test.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Once;

use letters::{LetterKind, Letters, Pdf, sample};

/// Text of a PDF, searchable across line breaks and hyphenation.
#[derive(Debug)]
pub struct PdfText {
    raw: String,
    variants: [String; 3],
}

impl PdfText {
    /// Whether `phrase` occurs, whatever line breaks or hyphenation split it.
    pub fn has(&self, phrase: &str) -> bool {
        let phrase = collapse(phrase);
        self.variants.iter().any(|v| v.contains(&phrase))
    }

    /// Panics, showing the text, unless every phrase occurs.
    #[track_caller]
    pub fn assert_has(&self, phrases: &[&str]) {
        let missing: Vec<&&str> = phrases.iter().filter(|p| !self.has(p)).collect();
        assert!(missing.is_empty(), "missing {missing:?} in:\n{}", self.raw);
    }

    /// Panics, showing the text, if the phrase occurs.
    #[track_caller]
    pub fn assert_lacks(&self, phrase: &str) {
        assert!(!self.has(phrase), "unexpected {phrase:?} in:\n{}", self.raw);
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of `pdf`, or `None` (after one line of explanation) when `pdftotext` is missing
/// outside CI.
pub fn text(pdf: &Pdf) -> Option<PdfText> {
    let child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "pdftotext is missing: install Debian's poppler-utils"
            );
            static SKIP: Once = Once::new();
            // Written to stderr directly: the test harness captures `eprintln!`.
            SKIP.call_once(|| {
                let line = "skipping PDF text checks: pdftotext not found \
                    (apt-get install poppler-utils)\n";
                let _ = std::io::stderr().write_all(line.as_bytes());
            });
            return None;
        }
        Err(e) => panic!("pdftotext failed to start: {e}"),
    };
    child.stdin.take().unwrap().write_all(&pdf.bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = String::from_utf8(out.stdout).unwrap();
    // Typst breaks words at a soft hyphen (U+00AD) or a hard one, and URLs after a slash.
    let joined = raw.replace("\u{ad}\n", "").replace("/\n", "/");
    let variants = [
        collapse(&joined),
        collapse(&joined.replace("-\n", "")),
        collapse(&joined.replace("-\n", "-")),
    ];
    Some(PdfText { raw, variants })
}

/// Renders `kind`'s sample with the built-in template.
pub fn render_sample(kind: LetterKind) -> Pdf {
    Letters::new().render(&sample(kind)).unwrap()
}

/// Renders a letter and reads it back; `None` when the text checks are skipped.
pub fn render_text(letter: &letters::Letter) -> Option<PdfText> {
    let pdf = Letters::new().render(letter).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    text(&pdf)
}
