//! What every letter carries: letterhead, recipient, dateline, reference, subject, page numbers,
//! signature.

use letters::{LetterKind, Letters, Recipient, sample};

use crate::support::{render_sample, render_text, text};

#[test]
fn every_kind_renders_its_sample_to_a_pdf() {
    for kind in LetterKind::ALL {
        let pdf = render_sample(kind);
        assert!(pdf.bytes.starts_with(b"%PDF-"), "{kind}");
        assert!(pdf.pages >= 1, "{kind}");
    }
}

#[test]
fn every_letter_has_letterhead_recipient_dateline_reference_pages_and_signature() {
    for kind in LetterKind::ALL {
        let letter = sample(kind);
        let pdf = render_sample(kind);
        let Some(text) = text(&pdf) else { return };
        let s = &letter.sender;
        let r = letter.recipient.address.as_ref().unwrap();
        let dateline = format!("{}, {}", letter.place, letters::lang::nl::date(letter.date));
        let pages = format!("pagina 1 van {}", pdf.pages);
        text.assert_has(&[
            &s.name,
            &s.address.street,
            &s.address.postcode,
            &s.phone,
            &s.email,
            &letter.recipient.name,
            &r.street,
            &dateline,
            "Ons kenmerk: K-2026-000123",
            "Onderwerp:",
            &pages,
            &letter.signatory.name,
        ]);
        if kind != LetterKind::Settlement {
            text.assert_has(&["Geachte mevrouw De Vries,", "Met vriendelijke groet,"]);
        }
        text.assert_has(&[&letter.signatory.role]);
    }
}

#[test]
fn a_long_letter_numbers_each_page_of_the_total() {
    let mut letter = sample(LetterKind::Answer);
    let letters::LetterBody::Answer(answer) = &mut letter.body else {
        unreachable!()
    };
    answer.solution = "Wij hebben uw klacht zorgvuldig onderzocht. ".repeat(120);
    let pdf = Letters::new().render(&letter).unwrap();
    assert!(pdf.pages >= 2, "{} pages", pdf.pages);
    let Some(text) = text(&pdf) else { return };
    text.assert_has(&[
        &format!("pagina 1 van {}", pdf.pages),
        &format!("pagina 2 van {}", pdf.pages),
    ]);
}

#[test]
fn a_recipient_without_postal_address_is_addressed_by_email() {
    let mut letter = sample(LetterKind::Receipt);
    letter.recipient = Recipient {
        name: "De heer P. Bos".into(),
        address: None,
        email: Some("p.bos@example.nl".into()),
        salutation: None,
    };
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "De heer P. Bos",
        "Per e-mail: p.bos@example.nl",
        "Geachte heer, mevrouw,",
    ]);
}

#[test]
fn the_organisation_is_data_not_a_literal() {
    let mut letter = sample(LetterKind::Closed);
    letter.sender.name = "Stichting Welzijn Oost".into();
    letter.sender.phone = "053 123 4567".into();
    letter.sender.email = "klachten@welzijnoost.example".into();
    letter.place = "Enschede".into();
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "Stichting Welzijn Oost",
        "053 123 4567",
        "klachten@welzijnoost.example",
        "Enschede, 10 december 2026",
    ]);
    text.assert_lacks("Focus Nederland");
}

#[test]
fn a_subject_of_the_letters_own_replaces_the_default() {
    let mut letter = sample(LetterKind::Answer);
    letter.subject = Some("Uw klacht over de afspraak van 3 november".into());
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&["Onderwerp: Uw klacht over de afspraak van 3 november"]);
    text.assert_lacks("Reactie op uw klacht");
}

#[test]
fn the_same_letter_renders_to_the_same_bytes() {
    let a = render_sample(LetterKind::Closed);
    let b = render_sample(LetterKind::Closed);
    assert_eq!(a.bytes, b.bytes);
}
