//! What each kind of letter must state, read back from its rendered sample.

use letters::LetterKind;

use crate::support::{render_sample, text};

fn sample_text(kind: LetterKind) -> Option<crate::support::PdfText> {
    text(&render_sample(kind))
}

#[test]
fn the_answer_states_the_complaint_the_solution_and_how_to_object() {
    let Some(text) = sample_text(LetterKind::Answer) else {
        return;
    };
    text.assert_has(&[
        "Utrecht, 24 november 2026",
        "Ons kenmerk: K-2026-000123",
        "Onderwerp: Reactie op uw klacht",
        // (a) the complaint
        "drie kwartier gewacht zonder dat iemand mij liet weten",
        // (b) the proposed solution or measures
        "binnen een week een nieuwe afspraak krijgt",
        "noteert elk terugbelverzoek in het klantdossier",
        // (c) the further procedure
        "binnen 15 dagen na de dagtekening van deze brief schriftelijk",
        "de directie van de regio",
        "woensdag 9 december 2026",
        "Focus Nederland, directie regio Midden",
        "Postbus 2045",
        "3800 CA Amersfoort",
        "mondeling toe te lichten: telefonisch of op ons kantoor",
        "binnen 2 weken een definitieve beslissing",
    ]);
}

#[test]
fn the_receipt_states_the_reference_and_what_happens_next_with_dates() {
    let Some(text) = sample_text(LetterKind::Receipt) else {
        return;
    };
    text.assert_has(&[
        "Ontvangstbevestiging van uw klacht",
        "dinsdag 10 november 2026",
        "via ons digitale klachtenformulier",
        "geregistreerd onder kenmerk K-2026-000123",
        "Uiterlijk op donderdag 12 november 2026",
        "Uiterlijk op dinsdag 24 november 2026",
        "https://klachten.example.nl/k/4f9c2a",
    ]);
}

#[test]
fn the_invitation_states_forms_moments_the_employee_and_how_to_respond() {
    let Some(text) = sample_text(LetterKind::HearingInvitation) else {
        return;
    };
    text.assert_has(&[
        "telefonisch plaatsvinden of op ons kantoor",
        "Stationsstraat 40",
        "maandag 7 december 2026, 10.00 tot 11.00 uur",
        "dinsdag 8 december 2026, 14.30 tot 15.30 uur",
        "mevrouw K. Visser, de medewerker op wie uw klacht betrekking heeft, aanwezig",
        "uiterlijk op vrijdag 4 december 2026",
        "telefonisch via 088 007 1400",
        "per e-mail aan directie.midden@focusnederland.nl",
        "binnen 2 weken een definitieve beslissing",
        "drs. A.M. Smit",
        "Directeur regio Midden",
    ]);
}

#[test]
fn the_record_states_date_form_attendees_accounts_proposal_reaction_and_outcome() {
    let Some(text) = sample_text(LetterKind::HearingRecord) else {
        return;
    };
    text.assert_has(&[
        "dinsdag 8 december 2026, 14.30 uur",
        "Op ons kantoor",
        "Mevrouw J. de Vries-Bakker (klager)",
        "Pieter Jansen (klachtbehandelaar)",
        "Mevrouw K. Visser (medewerker op wie de klacht betrekking heeft)",
        "teleurgesteld is omdat zij niet is teruggebeld",
        "Toelichting van de medewerker",
        "terugbelnotitie doorgegeven aan een collega",
        "Voorstel van Focus Nederland",
        "Uw reactie op het voorstel",
        "gaat akkoord met dit voorstel",
        "door beide partijen schriftelijk vastgelegd",
    ]);
}

#[test]
fn the_settlement_states_the_terms_and_a_confirmation_line_for_each_party() {
    let Some(text) = sample_text(LetterKind::Settlement) else {
        return;
    };
    text.assert_has(&[
        "dinsdag 8 december 2026",
        "op ons kantoor mondeling toegelicht",
        "1. Mevrouw Visser plant uiterlijk 15 december 2026 een nieuwe afspraak",
        "3. Het team Amersfoort legt elk terugbelverzoek vast",
        "Voor akkoord, klager",
        "Voor akkoord, namens Focus Nederland",
        "Handtekening",
        "Datum",
    ]);
}

#[test]
fn the_final_decision_states_why_now_the_considerations_and_the_decision() {
    let Some(text) = sample_text(LetterKind::FinalDecision) else {
        return;
    };
    text.assert_has(&[
        "Definitieve beslissing op uw bezwaar",
        "1 december 2026",
        "geen gebruik te maken van de gelegenheid",
        "fout in de agenda is vervallen",
        "Wij vinden uw klacht gegrond.",
        "vergoeden wij de reiskosten",
        "behandeling van uw klacht door Focus Nederland afgerond",
    ]);
}

#[test]
fn the_extension_states_which_term_the_old_and_new_date_and_why() {
    let Some(text) = sample_text(LetterKind::Extension) else {
        return;
    };
    text.assert_has(&[
        "dinsdag 24 november 2026",
        "uiterlijk op dinsdag 8 december 2026 ontvangt u ons schriftelijke antwoord",
        "tot 30 november afwezig",
    ]);
}

#[test]
fn the_closure_states_that_no_objection_came_in_the_term() {
    let Some(text) = sample_text(LetterKind::Closed) else {
        return;
    };
    text.assert_has(&[
        "Op 24 november 2026 hebben wij u schriftelijk geantwoord",
        "binnen 15 dagen na de dagtekening",
        "woensdag 9 december 2026",
        "geen bezwaar van u ontvangen",
        "als afgehandeld",
    ]);
}
