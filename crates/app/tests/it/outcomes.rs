//! Deadline outcomes: written by each step in its own transaction, and rebuilt from the event
//! log to the same rows.

use domain::complaint::{Actor, Channel};
use store::OutcomeCount;

use crate::checks::{register, step};
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

async fn all_outcomes(t: &TestApp) -> Vec<OutcomeCount> {
    t.store
        .outcome_counts(None, d("2026-01-01"), d("2026-12-31"))
        .await
        .unwrap()
}

fn oc(kind: &str, met: bool, days_taken: i64) -> OutcomeCount {
    OutcomeCount {
        kind: kind.into(),
        met,
        days_taken,
        count: 1,
    }
}

app_test!(each_step_records_the_deadlines_it_closed_and_a_rebuild_yields_the_same_rows);
async fn each_step_records_the_deadlines_it_closed_and_a_rebuild_yields_the_same_rows(t: &TestApp) {
    // Received Mon 13 Apr: contact due Wed 15 Apr (made Fri 17: late, 4 days); answer due
    // Tue 28 Apr (dated Mon 20: met, 7 days); objection window from 20 Apr to 6 May (in on
    // Tue 21: met, 1 day).
    let form = intake(Channel::Email, "2026-04-13 10:00");
    let r = register(t, "2026-04-13 11:00", form, handler())
        .await
        .reference;
    assert!(
        all_outcomes(t).await.is_empty(),
        "registration closes nothing"
    );
    step(
        t,
        r,
        "2026-04-17 09:00",
        handler(),
        contact("2026-04-17 08:45"),
    )
    .await;
    assert_eq!(all_outcomes(t).await, [oc("contact", false, 4)]);
    step(
        t,
        r,
        "2026-04-20 09:00",
        handler(),
        answer(Some("2026-04-20")),
    )
    .await;
    step(
        t,
        r,
        "2026-04-21 10:00",
        Actor::Complainant,
        objection("2026-04-21 09:30"),
    )
    .await;
    let expected = [
        oc("answer", true, 7),
        oc("contact", false, 4),
        oc("objection", true, 1),
    ];
    assert_eq!(all_outcomes(t).await, expected);
    let zuid = t
        .store
        .outcome_counts(Some("zuid"), d("2026-01-01"), d("2026-12-31"))
        .await
        .unwrap();
    assert!(zuid.is_empty(), "the rows carry the complaint's region");

    // A database from before the table: no rows; the rebuild restores them, twice the same.
    let id = t.app.load(r).await.unwrap().id;
    t.store.replace_deadline_outcomes(id, vec![]).await.unwrap();
    assert!(all_outcomes(t).await.is_empty());
    for _ in 0..2 {
        let report = t.app.rebuild_deadline_outcomes().await.unwrap();
        assert_eq!(report.complaints, 1);
        assert_eq!(report.outcomes, 3);
        assert_eq!(all_outcomes(t).await, expected);
    }
}
