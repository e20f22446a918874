//! Deadlines count from days in Europe/Amsterdam: the day of receipt, and "today" from the
//! app's clock. Each instant below falls on a different day in UTC, which would give other
//! dates.

use domain::complaint::{Actor, Channel, Event};
use domain::procedure::DeadlineKind;
use domain::reference::Reference;

use crate::checks::{decoded, expect_projection, step};
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

/// The last day of each open deadline of a complaint.
async fn ends(t: &TestApp, r: Reference) -> Vec<(DeadlineKind, String)> {
    let loaded = t.app.load(r).await.unwrap();
    let open = loaded.complaint.open_deadlines();
    open.iter().map(|o| (o.kind, o.end().to_string())).collect()
}

async fn a_complaint_received_monday_13_april_is_answered_by_tuesday_28_april(t: &TestApp) {
    // Mon 13 Apr 00:30 in Amsterdam is still Sunday in UTC.
    t.at("2026-04-13 09:00");
    let received = "2026-04-12T22:30:00Z";
    let registered = t
        .app
        .register(intake(Channel::Phone, received), handler(), None)
        .await
        .unwrap();
    let r = registered.reference;
    let loaded = t.app.load(r).await.unwrap();
    let Event::ComplaintRegistered(first) = &decoded(&loaded.events)[0] else {
        panic!("the first event is the registration");
    };
    assert_eq!(first.received_on, d("2026-04-13"));
    // 2 weeks end Mon 27 Apr, Koningsdag: the next working day. Contact: 2 working days.
    assert_eq!(
        ends(t, r).await,
        [
            (DeadlineKind::Contact, "2026-04-15".to_string()),
            (DeadlineKind::Answer, "2026-04-28".to_string()),
        ]
    );
    expect_projection(t, r, "in_progress", Some(("contact", "2026-04-15"))).await;
}
app_test!(a_complaint_received_monday_13_april_is_answered_by_tuesday_28_april);

async fn a_web_complaint_received_friday_1_may_is_contacted_by_wednesday_6_may(t: &TestApp) {
    // Fri 1 May 00:30 in Amsterdam is Thu 30 Apr in UTC; Tue 5 May is Bevrijdingsdag.
    t.at("2026-05-01 08:00");
    let received = "2026-04-30T22:30:00Z";
    let registered = t
        .app
        .register(intake(Channel::Web, received), Actor::Complainant, None)
        .await
        .unwrap();
    let r = registered.reference;
    let contact_end = ends(t, r).await[0].clone();
    assert_eq!(
        contact_end,
        (DeadlineKind::Contact, "2026-05-06".to_string())
    );
    expect_projection(t, r, "in_progress", Some(("contact", "2026-05-06"))).await;
}
app_test!(a_web_complaint_received_friday_1_may_is_contacted_by_wednesday_6_may);

async fn an_undated_answer_is_dated_today_in_amsterdam(t: &TestApp) {
    let r = t
        .app
        .register(intake(Channel::Email, "2026-04-13 10:00"), handler(), None)
        .await
        .unwrap()
        .reference;
    // Mon 20 Apr 00:30 in Amsterdam, Sun 19 Apr in UTC.
    let s = step(t, r, "2026-04-19T22:30:00Z", handler(), answer(None)).await;
    let Some(Event::AnswerIssued(answer)) = decoded(&s.events).pop() else {
        panic!("the answer was recorded last");
    };
    assert_eq!(answer.dagtekening, d("2026-04-20"));
    // 15 days from 20 Apr end Tue 5 May, Bevrijdingsdag (from 19 Apr: Mon 4 May).
    expect_projection(t, r, "answered", Some(("objection", "2026-05-06"))).await;
}
app_test!(an_undated_answer_is_dated_today_in_amsterdam);
