//! What every step through the app must leave behind, checked against the store directly: the
//! events the domain decides (and nothing else) appended with the actor and the clock's time,
//! and a projection whose next deadline is the earliest open one.

use app::record::actor_text;
use app::{AppError, Intake, Loaded, Registered};
use domain::complaint::{Actor, Command, Context, Event, Refusal, Registration, decide};
use domain::reference::Reference;
use store::StoredEvent;

use crate::fixtures::{answer, at, contact, d, handler};
use crate::helpers::TestApp;

/// The stored records as domain events.
pub fn decoded(records: &[StoredEvent]) -> Vec<Event> {
    records
        .iter()
        .map(|r| serde_json::from_value(r.payload.clone()).expect("a stored event decodes"))
        .collect()
}

/// The handler logs contact on Tue 14 April 2026 and issues the answer dated Mon 20 April,
/// both in time: the objection window then runs to Wed 6 May (5 May is a holiday).
pub async fn contact_and_answer_in_time(t: &TestApp, reference: Reference) {
    let contacted = contact("2026-04-14 08:45");
    step(t, reference, "2026-04-14 09:00", handler(), contacted).await;
    let answered = answer(Some("2026-04-20"));
    step(t, reference, "2026-04-20 09:00", handler(), answered).await;
}

/// At `now` (Amsterdam), `actor` performs `command` through [`app::App::execute`]. Checks that
/// exactly the events the domain decides on the state before were appended, behind the
/// untouched earlier ones, with the actor and the time of the clock.
pub async fn step(
    t: &TestApp,
    reference: Reference,
    now: &str,
    actor: Actor,
    command: Command,
) -> Loaded {
    t.at(now);
    let before = t.app.load(reference).await.expect("load before");
    let ctx = Context {
        now: at(now),
        actor: actor.clone(),
        calendar: &t.app.calendar(),
        procedure: t.app.current_procedure(),
    };
    let decided = decide(Some(&before.complaint), command.clone(), &ctx)
        .unwrap_or_else(|r| panic!("the domain refuses {}: {r}", command.action_nl()));
    let after = t
        .app
        .execute(reference, command, actor.clone())
        .await
        .unwrap_or_else(|e| panic!("execute: {e}"));
    let reread = t.app.load(reference).await.expect("load after");
    assert_eq!(
        after.events, reread.events,
        "execute returns what load reads"
    );
    let seq = before.seq as usize;
    assert_eq!(
        after.seq as usize,
        seq + decided.len(),
        "one record per event"
    );
    assert_eq!(after.events[..seq], before.events[..], "history untouched");
    let appended = &after.events[seq..];
    assert_eq!(
        decoded(appended),
        decided,
        "the stored events are the decided ones"
    );
    for (record, event) in appended.iter().zip(&decided) {
        assert_eq!(record.kind, event.kind());
        assert_eq!(record.actor, actor_text(&actor));
        assert_eq!(record.at, at(now));
    }
    after
}

/// Registers `intake` at `now` and checks that the stored log is what the domain decides for
/// that registration with the allocated reference.
pub async fn register(t: &TestApp, now: &str, intake: Intake, actor: Actor) -> Registered {
    t.at(now);
    let registered = t
        .app
        .register(intake.clone(), actor.clone(), None)
        .await
        .expect("register");
    let command = Command::Register(Registration {
        reference: registered.reference,
        channel: intake.channel,
        received_at: intake.received_at,
        complainant: intake.complainant,
        region: intake.region,
        category: intake.category,
        description: intake.description,
        employee_concerned: intake.employee_concerned,
        desired_outcome: intake.desired_outcome,
        assignee: intake.assignee,
    });
    let ctx = Context {
        now: at(now),
        actor: actor.clone(),
        calendar: &t.app.calendar(),
        procedure: t.app.current_procedure(),
    };
    let decided = decide(None, command, &ctx).expect("the domain registers it");
    let loaded = t.app.load(registered.reference).await.expect("load");
    assert_eq!(loaded.id, registered.id);
    assert_eq!(decoded(&loaded.events), decided);
    for record in &loaded.events {
        assert_eq!(
            (record.actor.as_str(), record.at),
            (actor_text(&actor).as_str(), at(now))
        );
    }
    registered
}

/// The kinds of the last `n` events.
pub fn last_kinds(loaded: &Loaded, n: usize) -> Vec<&str> {
    let events = &loaded.events[loaded.events.len() - n..];
    events.iter().map(|e| e.kind.as_str()).collect()
}

/// The projection as stored: state `state`, closed when the state is a closure, and the next
/// deadline `next` (kind, last day), which must be the earliest of the complaint's open ones.
pub async fn expect_projection(
    t: &TestApp,
    reference: Reference,
    state: &str,
    next: Option<(&str, &str)>,
) {
    let record = t
        .store
        .complaint_by_reference(reference)
        .await
        .expect("read")
        .expect("stored");
    let loaded = t.app.load(reference).await.expect("load");
    let p = &record.projection;
    assert_eq!(p.state, state, "{reference}: state");
    assert_eq!(
        p.state,
        loaded.complaint.status().code(),
        "projection = fold"
    );
    assert_eq!(
        p.closed,
        state.starts_with("closed_"),
        "{reference}: closed"
    );
    assert_eq!(record.seq, loaded.seq);
    let open = loaded.complaint.open_deadlines();
    let earliest = open.iter().map(|o| o.end()).min();
    assert_eq!(
        p.next_deadline, earliest,
        "{reference}: earliest open deadline"
    );
    let kinds_ending_first: Vec<&str> = open
        .iter()
        .filter(|o| Some(o.end()) == earliest)
        .map(|o| o.kind.as_str())
        .collect();
    if let Some(kind) = &p.next_deadline_kind {
        assert!(kinds_ending_first.contains(&kind.as_str()), "{kind}");
    }
    let stored = p.next_deadline_kind.as_deref().zip(p.next_deadline);
    assert_eq!(
        stored,
        next.map(|(k, day)| (k, d(day))),
        "{reference}: next"
    );
    let listed = p.deadlines.as_array().expect("deadlines array").len();
    assert_eq!(
        listed,
        open.len(),
        "{reference}: every open deadline listed"
    );
}

/// `result` is the domain refusal with this code.
pub fn expect_refused<T: std::fmt::Debug>(result: Result<T, AppError>, code: &str) -> Refusal {
    match result {
        Err(AppError::Refused(r)) => {
            assert_eq!(r.code(), code, "refusal: {r}");
            r
        }
        other => panic!("expected refusal {code}, got {other:?}"),
    }
}
