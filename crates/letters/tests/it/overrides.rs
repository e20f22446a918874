//! An administrator's template replaces the built-in one only when it renders the sample.

use letters::{LetterError, LetterKind, Letters, builtin_source, sample};

use crate::support::{render_text, text};

const OWN_TEMPLATE: &str = r#"#import "/base.typ": *
#let d = json("/data.json")
#show: letter.with(d, subject: "Eigen onderwerp")

#d.salutation,

Eigen tekst van de regio, laatste dag #d.body.last_day.full.

#closing(d)
"#;

#[test]
fn a_valid_override_replaces_the_builtin_template() {
    let letters = Letters::new()
        .with_override(LetterKind::Closed, OWN_TEMPLATE)
        .unwrap();
    assert!(letters.is_overridden(LetterKind::Closed));
    assert_eq!(letters.source(LetterKind::Closed), OWN_TEMPLATE);
    assert_eq!(
        letters.source(LetterKind::Answer),
        builtin_source(LetterKind::Answer)
    );
    let pdf = letters.render(&sample(LetterKind::Closed)).unwrap();
    if let Some(text) = text(&pdf) {
        text.assert_has(&[
            "Onderwerp: Eigen onderwerp",
            "Eigen tekst van de regio, laatste dag woensdag 9 december 2026.",
        ]);
    }
    let letters = letters.without_override(LetterKind::Closed);
    assert_eq!(
        letters.source(LetterKind::Closed),
        builtin_source(LetterKind::Closed)
    );
    if let Some(text) = render_text(&sample(LetterKind::Closed)) {
        text.assert_lacks("Eigen tekst");
    }
}

#[test]
fn an_override_that_does_not_compile_is_rejected_naming_the_line() {
    let source = "#let d = json(\"/data.json\")\n\nTekst\n#d.body.no_such_field\n";
    let err = Letters::new()
        .with_override(LetterKind::Closed, source)
        .unwrap_err();
    let LetterError::Template { kind, diagnostics } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*kind, LetterKind::Closed);
    let first = &diagnostics[0];
    assert_eq!(first.file.as_deref(), Some("letter.typ"));
    assert_eq!(first.line, Some(4));
    assert!(first.message.contains("no_such_field"), "{}", first.message);
    let message = err.to_string();
    assert!(message.contains("letter.typ, line 4"), "{message}");
}

#[test]
fn a_syntax_error_is_rejected_naming_the_line() {
    let source = "Regel een\nRegel twee\n#let x = (1, 2\n";
    let err = Letters::new()
        .with_override(LetterKind::Answer, source)
        .unwrap_err();
    let first = &err.diagnostics()[0];
    assert_eq!(first.line, Some(3), "{err}");
}

#[test]
fn an_error_inside_the_layout_points_back_to_the_letters_call() {
    // Data without a sender: the layout fails where it prints the letterhead, and the error
    // also names the line of the call.
    let source = "#import \"/base.typ\": *\n\n#letter((lang: \"nl\", subject: none))[Tekst]\n";
    let err = Letters::new()
        .with_override(LetterKind::Closed, source)
        .unwrap_err();
    let first = &err.diagnostics()[0];
    assert_eq!(first.file.as_deref(), Some("base.typ"), "{err}");
    assert!(
        first.hints.iter().any(|h| h.contains("letter.typ, line 3")),
        "{err}"
    );
}

#[test]
fn every_builtin_template_passes_the_override_check() {
    let mut letters = Letters::new();
    for kind in LetterKind::ALL {
        letters = letters.with_override(kind, builtin_source(kind)).unwrap();
    }
    assert!(LetterKind::ALL.iter().all(|k| letters.is_overridden(*k)));
}

#[test]
fn a_letter_survives_a_json_round_trip_as_a_job_would_store_it() {
    for kind in LetterKind::ALL {
        let letter = sample(kind);
        let json = serde_json::to_string(&letter).unwrap();
        let back: letters::Letter = serde_json::from_str(&json).unwrap();
        assert_eq!(back, letter);
        assert_eq!(back.kind(), kind);
    }
}

#[test]
fn an_endless_loop_in_an_override_is_refused_not_run_forever() {
    // An administrator's typo must not hold a render thread: Typst stops a `while` loop.
    let source = "#let d = json(\"/data.json\")\n#while true { }\n";
    let err = Letters::new()
        .with_override(LetterKind::Closed, source)
        .unwrap_err();
    assert_eq!(err.diagnostics()[0].line, Some(2), "{err}");
}
