//! Text from complainants and staff is data: Typst markup in it prints literally.

use letters::{LetterBody, LetterKind, Letters, sample};

use crate::support::render_text;

const HOSTILE: &str = "Mijn klacht] #set page(width: 2cm) #panic(\"gehackt\") \
    #read(\"/etc/passwd\") *vet* _schuin_ $x^2$ @label <label> \\ // geen commentaar \
    = Kop `code` #{1 + 1} [haakjes]";

#[test]
fn markup_in_a_complaint_prints_literally() {
    let mut letter = sample(LetterKind::Answer);
    let LetterBody::Answer(b) = &mut letter.body else {
        unreachable!()
    };
    b.complaint = HOSTILE.into();
    b.solution = "Oplossing met ] en # en \"aanhalingstekens\"".into();
    letter.recipient.name = "Mevrouw ]#strong[X]".into();
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "Mijn klacht] #set page(width: 2cm) #panic(\"gehackt\")",
        "#read(\"/etc/passwd\") *vet* _schuin_ $x^2$ @label <label>",
        "// geen commentaar = Kop `code` #{1 + 1} [haakjes]",
        "Oplossing met ] en # en \"aanhalingstekens\"",
        "Mevrouw ]#strong[X]",
    ]);
}

#[test]
fn markup_in_every_kinds_free_text_still_renders() {
    for kind in LetterKind::ALL {
        let mut letter = sample(kind);
        letter.reference = "K-#]-1".into();
        letter.signatory.name = HOSTILE.into();
        letter.place = "#panic()".into();
        let pdf = Letters::new().render(&letter);
        assert!(pdf.is_ok(), "{kind}: {:?}", pdf.err());
    }
}

#[test]
fn a_template_cannot_read_files_of_the_server() {
    let source = "#read(\"/etc/passwd\")";
    let err = Letters::new()
        .with_override(LetterKind::Closed, source)
        .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("not found"), "{message}");
    let source = "#read(\"../../../../etc/passwd\")";
    assert!(
        Letters::new()
            .with_override(LetterKind::Closed, source)
            .is_err()
    );
}
