//! A complaint keeps the procedure definition it was registered under.

use domain::complaint::Status;
use domain::procedure::{FOCUS_TOML, ProcedureCatalog, ProcedureDefinition};

use super::*;

fn version_b() -> ProcedureDefinition {
    let text = FOCUS_TOML
        .replacen("version = \"2026.1\"", "version = \"2027.1\"", 1)
        .replacen("term = \"15 dagen\"", "term = \"6 weken\"", 1);
    ProcedureDefinition::from_toml("procedure-focus-2027.toml", &text).unwrap()
}

#[test]
fn a_complaint_under_version_a_keeps_as_terms_when_b_is_current() {
    let a = ProcedureDefinition::focus_default();
    let b = version_b();
    let mut catalog = ProcedureCatalog::new();
    catalog.insert(a.clone()).unwrap();
    catalog.insert(b.clone()).unwrap();

    let case = registered();
    assert_eq!(case.complaint().procedure_key(), "focus@2026.1");
    // B is current now, but the use case looks up the complaint's own definition.
    let own = catalog
        .get(case.complaint().procedure_key())
        .unwrap()
        .clone();
    let case = Case {
        procedure: own,
        ..case
    }
    .given(handler(), "2026-04-20 09:00", answer("2026-04-20"));
    assert_eq!(
        end_of(&case, DeadlineKind::Objection),
        Some(d("2026-05-06")),
        "A's 15 dagen"
    );

    // Deciding the same complaint under B is refused rather than silently rewriting its terms.
    let under_b = Case {
        procedure: b.clone(),
        events: registered().events,
        calendar: Calendar::dutch(),
    };
    let r = under_b
        .when(handler(), "2026-04-20 09:00", answer("2026-04-20"))
        .refused("wrong_procedure");
    assert!(
        r.to_string().contains("focus@2026.1") && r.to_string().contains("focus@2027.1"),
        "{r}"
    );

    // A new complaint registered under B gets B's terms.
    let new = Case::with(b)
        .given(
            handler(),
            "2026-04-13 11:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .given(handler(), "2026-04-20 09:00", answer("2026-04-20"));
    assert_eq!(new.complaint().procedure_key(), "focus@2027.1");
    assert_eq!(end_of(&new, DeadlineKind::Objection), Some(d("2026-06-01")));
    assert_eq!(new.complaint().status(), Status::Answered);
}

#[test]
fn the_deadlines_in_the_events_do_not_change_with_the_definition() {
    let case = registered();
    let recorded = case.complaint().open_deadlines();
    let replayed = Complaint::replay(&case.events).unwrap().open_deadlines();
    assert_eq!(recorded, replayed);
    assert_eq!(recorded[1].term, "2 weken");
}
