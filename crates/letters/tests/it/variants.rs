//! The templates' other branches: Typst only checks a branch when it runs, so each is rendered.

use jiff::civil::date;
use letters::body::{DecisionGround, ExtendedTerm, HearingOutcome, ResponseChannels, Verdict};
use letters::{HearingForm, LetterBody, LetterKind, sample};

use crate::support::render_text;

#[test]
fn an_invitation_by_phone_only_without_the_employee() {
    let mut letter = sample(LetterKind::HearingInvitation);
    let LetterBody::HearingInvitation(b) = &mut letter.body else {
        unreachable!()
    };
    b.forms = vec![HearingForm::Phone];
    b.office = None;
    b.moments.iter_mut().for_each(|m| m.end = None);
    b.employee_invited = false;
    b.employee_name = None;
    b.respond_via = ResponseChannels {
        phone: None,
        email: Some("x@example.nl".into()),
        portal_url: None,
    };
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "Het gesprek vindt telefonisch plaats.",
        "maandag 7 december 2026, 10.00 uur",
        "is bij het gesprek niet aanwezig",
        "U kunt reageren per e-mail aan x@example.nl.",
    ]);
    text.assert_lacks("Stationsstraat");
}

#[test]
fn an_invitation_at_the_office_only() {
    let mut letter = sample(LetterKind::HearingInvitation);
    let LetterBody::HearingInvitation(b) = &mut letter.body else {
        unreachable!()
    };
    b.forms = vec![HearingForm::Office];
    b.employee_name = None;
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "Het gesprek vindt plaats op ons kantoor.",
        "Stationsstraat 40",
        "ook de medewerker op wie uw klacht betrekking heeft, aanwezig",
    ]);
}

#[test]
fn a_decision_without_considerations_has_no_empty_heading_for_them() {
    let mut letter = sample(LetterKind::FinalDecision);
    let LetterBody::FinalDecision(b) = &mut letter.body else {
        unreachable!()
    };
    b.considerations = " \n".into();
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&["Onze beslissing"]);
    text.assert_lacks("Onze overwegingen");
}

#[test]
fn attendees_without_a_role_are_listed_without_empty_brackets() {
    let mut letter = sample(LetterKind::HearingRecord);
    let LetterBody::HearingRecord(b) = &mut letter.body else {
        unreachable!()
    };
    for a in &mut b.attendees {
        a.role = String::new();
    }
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&["Pieter Jansen"]);
    text.assert_lacks("()");
}

#[test]
fn a_record_of_a_hearing_without_settlement_names_the_decision_date() {
    let mut letter = sample(LetterKind::HearingRecord);
    let LetterBody::HearingRecord(b) = &mut letter.body else {
        unreachable!()
    };
    b.form = HearingForm::Phone;
    b.start = None;
    b.employee_account = None;
    b.proposal = None;
    b.reaction = None;
    b.outcome = HearingOutcome::NotSettled {
        decision_by: date(2026, 12, 22),
    };
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "Telefonisch",
        "niet geleid tot een afhandeling",
        "uiterlijk op dinsdag 22 december 2026 een definitieve beslissing",
    ]);
    text.assert_lacks("Toelichting van de medewerker");
    text.assert_lacks("Voorstel van");
}

#[test]
fn a_decision_after_a_hearing_with_recourse_and_no_verdict() {
    let mut letter = sample(LetterKind::FinalDecision);
    let LetterBody::FinalDecision(b) = &mut letter.body else {
        unreachable!()
    };
    b.ground = DecisionGround::HearingHeld {
        held_on: date(2026, 12, 8),
    };
    b.verdict = None;
    b.recourse = Some("U kunt zich wenden tot de Nationale ombudsman.".into());
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "Op 8 december 2026 heeft u uw bezwaar mondeling toegelicht",
        "Nationale ombudsman",
    ]);
    text.assert_lacks("gegrond");
}

#[test]
fn a_decision_after_the_offer_lapsed_with_each_verdict() {
    for (verdict, words) in [
        (
            Verdict::PartlyFounded,
            "Wij vinden uw klacht gedeeltelijk gegrond.",
        ),
        (Verdict::Unfounded, "Wij vinden uw klacht ongegrond."),
    ] {
        let mut letter = sample(LetterKind::FinalDecision);
        let LetterBody::FinalDecision(b) = &mut letter.body else {
            unreachable!()
        };
        b.ground = DecisionGround::HearingLapsed;
        b.verdict = Some(verdict);
        let Some(text) = render_text(&letter) else {
            return;
        };
        text.assert_has(&["U heeft geen gebruik gemaakt van de gelegenheid", words]);
    }
}

#[test]
fn a_receipt_after_first_contact_without_a_portal() {
    let mut letter = sample(LetterKind::Receipt);
    let LetterBody::Receipt(b) = &mut letter.body else {
        unreachable!()
    };
    b.channel = letters::body::Channel::Phone;
    b.contact_by = None;
    b.portal_url = None;
    let Some(text) = render_text(&letter) else {
        return;
    };
    text.assert_has(&[
        "hebben wij telefonisch uw klacht ontvangen",
        "dinsdag 24 november 2026",
    ]);
    text.assert_lacks("12 november");
    text.assert_lacks("persoonlijke pagina");
}

#[test]
fn an_extension_of_each_term_names_what_comes_at_the_new_date() {
    for (term, words) in [
        (ExtendedTerm::Contact, "nemen wij contact met u op"),
        (
            ExtendedTerm::HearingInvitation,
            "ontvangt u een uitnodiging",
        ),
        (
            ExtendedTerm::FinalDecision,
            "ontvangt u onze definitieve beslissing",
        ),
    ] {
        let mut letter = sample(LetterKind::Extension);
        let LetterBody::Extension(b) = &mut letter.body else {
            unreachable!()
        };
        b.term = term;
        let Some(text) = render_text(&letter) else {
            return;
        };
        text.assert_has(&[words]);
    }
}
