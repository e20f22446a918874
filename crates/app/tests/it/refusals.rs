//! A refused step writes nothing; two steps racing on one complaint are decided one after the
//! other, the loser again on the winner's state, so no event is ever recorded twice.

use std::sync::Arc;

use app::{App, AppError, Loaded};
use domain::complaint::{AnswerDraft, AnswerPart, Channel, Command, Refusal, UserId};
use domain::reference::Reference;

use crate::checks::{decoded, expect_projection, expect_refused};
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};
use crate::racing::GateClock;

async fn registered(t: &TestApp) -> Reference {
    let form = intake(Channel::Email, "2026-04-13 10:00");
    t.app
        .register(form, handler(), None)
        .await
        .unwrap()
        .reference
}

async fn an_incomplete_answer_is_refused_and_writes_nothing(t: &TestApp) {
    let r = registered(t).await;
    let before = t.store.complaint_by_reference(r).await.unwrap().unwrap();
    let events_before = t.store.events(before.id).await.unwrap();

    t.at("2026-04-20 09:00");
    let blank = Command::IssueAnswer(AnswerDraft {
        dagtekening: None,
        complaint_as_understood: "  ".into(),
        proposed_solution: String::new(),
        further_procedure: "Schrijf de directie binnen 15 dagen.".into(),
    });
    let refusal = expect_refused(
        t.app.execute(r, blank, handler()).await,
        "answer_incomplete",
    );
    let missing = vec![
        AnswerPart::ComplaintAsUnderstood,
        AnswerPart::ProposedSolution,
    ];
    assert_eq!(refusal, Refusal::AnswerIncomplete { missing });

    let after = t.store.complaint_by_reference(r).await.unwrap().unwrap();
    assert_eq!(after, before, "seq, projection and updated_at unchanged");
    assert_eq!(t.store.events(before.id).await.unwrap(), events_before);
    expect_projection(t, r, "in_progress", Some(("contact", "2026-04-15"))).await;
}
app_test!(an_incomplete_answer_is_refused_and_writes_nothing);

async fn a_step_on_an_unknown_reference_is_not_found(t: &TestApp) {
    registered(t).await;
    let result = t
        .app
        .execute(reference(2026, 2), contact("2026-04-13 12:00"), handler())
        .await;
    assert!(matches!(result, Err(AppError::NotFound)), "{result:?}");
    assert!(matches!(
        t.app.load(reference(2025, 1)).await,
        Err(AppError::NotFound)
    ));
}
app_test!(a_step_on_an_unknown_reference_is_not_found);

/// Runs both commands at once, through an app whose clock lets both decide on the same state.
async fn race(t: &TestApp, r: Reference, a: Command, b: Command) -> Vec<Result<Loaded, AppError>> {
    let clock = Arc::new(GateClock::new(at("2026-04-14 09:00")));
    let app = Arc::new(
        App::start(Arc::clone(&t.store), clock.clone())
            .await
            .expect("start"),
    );
    // Spawned from the test's own thread: each task can land on an idle worker.
    let tasks = [a, b].map(|command| {
        let app = Arc::clone(&app);
        tokio::spawn(async move { app.execute(r, command, handler()).await })
    });
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    assert!(clock.met(), "both steps were decided on the same state");
    results
}

async fn two_racing_first_contacts_record_one(t: &TestApp) {
    let r = registered(t).await;
    let (a, b) = (contact("2026-04-14 08:30"), contact("2026-04-14 08:45"));
    let results = race(t, r, a, b).await;
    let won: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    let lost = results.into_iter().find(Result::is_err).expect("a loser");
    assert_eq!(
        expect_refused(lost, "already_contacted"),
        Refusal::AlreadyContacted
    );

    let loaded = t.app.load(r).await.unwrap();
    let kinds: Vec<_> = loaded.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["complaint_registered", "first_contact_logged"]);
    expect_projection(t, r, "in_progress", Some(("answer", "2026-04-28"))).await;
    assert!(t.store.verify_audit().await.unwrap().is_clean());
}
app_test!(two_racing_first_contacts_record_one);

async fn two_racing_different_steps_are_both_recorded(t: &TestApp) {
    let r = registered(t).await;
    let reassign = Command::Reassign {
        to: UserId::try_from("behandelaar-2").unwrap(),
    };
    let results = race(t, r, contact("2026-04-14 08:30"), reassign).await;
    for result in &results {
        assert!(result.is_ok(), "{result:?}");
    }
    let loaded = t.app.load(r).await.unwrap();
    assert_eq!(loaded.seq, 3, "the loser appended after the winner");
    let mut kinds: Vec<_> = decoded(&loaded.events[1..])
        .iter()
        .map(|e| e.kind())
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["complaint_reassigned", "first_contact_logged"]);
    assert_eq!(
        loaded.complaint.assignee().unwrap().as_ref(),
        "behandelaar-2"
    );
    assert!(loaded.complaint.contact().is_some());
    let record = t.store.complaint_by_reference(r).await.unwrap().unwrap();
    assert_eq!(record.projection.assignee.as_deref(), Some("behandelaar-2"));
    expect_projection(t, r, "in_progress", Some(("answer", "2026-04-28"))).await;
    assert!(t.store.verify_audit().await.unwrap().is_clean());
}
app_test!(two_racing_different_steps_are_both_recorded);
