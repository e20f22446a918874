//! procedure tests: the shipped definition, validation errors that name the right line, and the
//! catalog of versions.

use domain::procedure::{
    DeadlineKind, FOCUS_TOML, LateObjection, Moment, Party, ProcedureCatalog, ProcedureDefinition,
    StepId,
};

const FILE: &str = "procedure-focus.toml";

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..at].lines().count() + usize::from(text[..at].ends_with('\n'))
}

/// Load the shipped text with one replacement, expecting an error.
fn broken(from: &str, to: &str) -> (String, domain::procedure::ProcedureError) {
    assert!(
        FOCUS_TOML.contains(from),
        "{from:?} not in the shipped file"
    );
    let text = FOCUS_TOML.replacen(from, to, 1);
    let err = ProcedureDefinition::from_toml(FILE, &text).expect_err("should not load");
    (text, err)
}

#[test]
fn the_shipped_definition_loads_with_every_step_and_term() {
    let p = ProcedureDefinition::focus_default();
    assert_eq!(p.key(), "focus@2026.1");
    assert_eq!(p.steps().len(), StepId::ALL.len());
    assert_eq!(p.terms().len(), DeadlineKind::ALL.len());
    assert_eq!(
        p.term(DeadlineKind::Contact).term.to_string(),
        "2 werkdagen"
    );
    assert_eq!(p.term(DeadlineKind::Answer).term.to_string(), "2 weken");
    assert_eq!(p.term(DeadlineKind::Objection).term.to_string(), "15 dagen");
    assert_eq!(p.term(DeadlineKind::Objection).who, Party::Complainant);
    assert_eq!(
        p.term(DeadlineKind::Objection).starts,
        vec![Moment::AnswerDated]
    );
    assert_eq!(
        p.term(DeadlineKind::HearingOffer).term.to_string(),
        "1 week"
    );
    assert_eq!(
        p.term(DeadlineKind::HearingResponse).term.to_string(),
        "1 week"
    );
    assert_eq!(p.term(DeadlineKind::FinalDecision).starts.len(), 3);
    assert_eq!(
        p.step(StepId::FinalDecision).who,
        vec![Party::RegionalManagement]
    );
    assert_eq!(p.step(StepId::Answer).name, "Schriftelijke reactie");
    assert!(p.policy().atw);
    assert!(!p.policy().closure_days_extend);
    let i = p.interpretations();
    assert!(i.final_decision_after_unsettled_hearing);
    assert_eq!(i.late_objection, LateObjection::Decide);
    assert!(i.close_without_objection && i.notify_close_without_objection);
    assert!(i.withdrawal_any_moment && i.not_a_complaint_closure);
    assert!(i.not_a_complaint_requires_referral);
    assert!(i.extension_requires_reason && i.extension_notifies_complainant);
    assert_eq!(i.contact_term_channels.len(), 5);
    assert_eq!(p.source(), FOCUS_TOML);
}

#[test]
fn an_unknown_term_names_its_line() {
    let (text, err) = broken("term = \"2 weken\"", "term = \"twee weken\"");
    let line = line_of(&text, "twee weken");
    assert_eq!(err.line, Some(line));
    assert_eq!(
        err.to_string(),
        format!("{FILE} regel {line}: onbekende termijn \"twee weken\"")
    );
}

#[test]
fn a_syntax_error_names_its_line() {
    let (text, err) = broken("atw = true", "atw = tru e");
    assert_eq!(err.line, Some(line_of(&text, "atw = tru e")));
    assert!(
        err.to_string().starts_with(&format!("{FILE} regel ")),
        "{err}"
    );
}

#[test]
fn a_wrong_type_names_its_line() {
    let (text, err) = broken(
        "closure_days_extend = false",
        "closure_days_extend = \"nee\"",
    );
    assert_eq!(err.line, Some(line_of(&text, "closure_days_extend")));
}

#[test]
fn an_unknown_starting_event_names_its_line() {
    let (text, err) = broken("starts = [\"answer_dated\"]", "starts = [\"answer_sent\"]");
    assert_eq!(err.line, Some(line_of(&text, "answer_sent")));
    assert!(
        err.message
            .contains("onbekende startgebeurtenis \"answer_sent\""),
        "{err}"
    );
}

#[test]
fn a_duplicate_step_names_the_second_one() {
    let (text, err) = broken("id = \"reassignment\"", "id = \"answer\"");
    let second = text.match_indices("id = \"answer\"").nth(1).unwrap().0;
    assert_eq!(err.line, Some(text[..second].lines().count() + 1));
    assert!(err.message.contains("dubbel"), "{err}");
}

#[test]
fn a_duplicate_term_names_the_second_one() {
    let (text, err) = broken("deadline = \"final_decision\"", "deadline = \"answer\"");
    let second = text
        .match_indices("deadline = \"answer\"")
        .nth(1)
        .unwrap()
        .0;
    assert_eq!(err.line, Some(text[..second].lines().count() + 1));
}

#[test]
fn a_missing_term_is_named() {
    let block = "[[terms]]\ndeadline = \"hearing_response\"\nterm = \"1 week\"\n\
                 starts = [\"hearing_offered\"]\nwho = \"complainant\"\n";
    let (_, err) = broken(block, "");
    assert!(
        err.message
            .contains("ontbrekende termijnen: hearing_response"),
        "{err}"
    );
    assert!(err.line.is_some());
    assert_eq!(
        err.line,
        Some(line_of(FOCUS_TOML, "[[terms]]")),
        "the first term"
    );
}

#[test]
fn a_missing_step_is_named() {
    let block =
        "[[steps]]\nid = \"hearing_lapse\"\nname = \"Uitnodiging verlopen\"\nwho = [\"system\"]\n";
    let (_, err) = broken(block, "");
    assert!(
        err.message.contains("ontbrekende stappen: hearing_lapse"),
        "{err}"
    );
}

#[test]
fn an_unknown_step_party_or_channel_names_its_line() {
    let (text, err) = broken("id = \"withdrawal\"", "id = \"withdraw\"");
    assert_eq!(err.line, Some(line_of(&text, "\"withdraw\"")));
    let (text, err) = broken("who = \"handler\"", "who = \"behandelaar\"");
    assert_eq!(err.line, Some(line_of(&text, "\"behandelaar\"")));
    let (text, err) = broken("\"in_person\"]", "\"balie\"]");
    assert_eq!(err.line, Some(line_of(&text, "\"balie\"")));
    assert!(err.message.contains("onbekend kanaal"), "{err}");
}

#[test]
fn a_backward_or_zero_term_is_refused() {
    let (text, err) = broken("term = \"15 dagen\"", "term = \"15 dagen voor\"");
    assert_eq!(err.line, Some(line_of(&text, "15 dagen voor")));
    let (_, err) = broken("term = \"15 dagen\"", "term = \"0 dagen\"");
    assert!(err.line.is_some(), "{err}");
}

#[test]
fn a_final_decision_after_hearing_without_the_switch_is_refused() {
    let (text, err) = broken(
        "final_decision_after_unsettled_hearing = true",
        "final_decision_after_unsettled_hearing = false",
    );
    assert_eq!(
        err.line,
        Some(line_of(&text, "\"hearing_held_unsettled\"]"))
    );
}

#[test]
fn an_empty_or_ambiguous_version_is_refused() {
    let (text, err) = broken("version = \"2026.1\"", "version = \"2026@1\"");
    assert_eq!(err.line, Some(line_of(&text, "2026@1")));
}

#[test]
fn an_unknown_key_is_refused() {
    let (text, err) = broken("atw = true", "atw = true\natv = true");
    assert_eq!(err.line, Some(line_of(&text, "atv")));
}

#[test]
fn the_catalog_finds_a_definition_by_version_key() {
    let a = ProcedureDefinition::focus_default();
    let text_b = FOCUS_TOML
        .replacen("version = \"2026.1\"", "version = \"2027.1\"", 1)
        .replacen("term = \"2 weken\"", "term = \"3 weken\"", 1);
    let b = ProcedureDefinition::from_toml("b.toml", &text_b).unwrap();
    let mut catalog = ProcedureCatalog::new();
    catalog.insert(a.clone()).unwrap();
    catalog.insert(b.clone()).unwrap();
    catalog.insert(a.clone()).unwrap();
    assert_eq!(catalog.all().len(), 2);
    assert_eq!(catalog.get("focus@2026.1"), Some(&a));
    assert_eq!(
        catalog
            .get("focus@2027.1")
            .unwrap()
            .term(DeadlineKind::Answer)
            .term
            .to_string(),
        "3 weken"
    );
    assert!(catalog.get("focus@2025.1").is_none());
    let changed = ProcedureDefinition::from_toml(
        "c.toml",
        &FOCUS_TOML.replacen("term = \"2 weken\"", "term = \"4 weken\"", 1),
    )
    .unwrap();
    assert!(
        catalog.insert(changed).is_err(),
        "a key is never reused with other terms"
    );
}
