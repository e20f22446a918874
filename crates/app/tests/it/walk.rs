//! The procedure's main paths end to end through `App::execute`, with the clock moved between
//! the steps and the projection checked after each one.

use domain::complaint::{Actor, Channel, Command, ConfirmationVia, Refusal, SettlementParty};
use domain::procedure::DeadlineKind;
use domain::reference::Reference;

use crate::checks::{expect_projection, expect_refused, last_kinds, register, step};
use crate::fixtures::*;
use crate::helpers::{TestApp, app_test};

/// Registered Mon 13 Apr, contacted Tue 14 Apr, answered Mon 20 Apr.
async fn answered(t: &TestApp) -> Reference {
    let form = intake(Channel::Email, "2026-04-13 10:00");
    let registered = register(t, "2026-04-13 11:00", form, handler()).await;
    let r = registered.reference;
    assert_eq!(r, reference(2026, 1));
    assert!(!registered.existed);
    expect_projection(t, r, "in_progress", Some(("contact", "2026-04-15"))).await;

    let s = step(
        t,
        r,
        "2026-04-14 09:00",
        handler(),
        contact("2026-04-14 08:45"),
    )
    .await;
    assert_eq!(last_kinds(&s, 1), ["first_contact_logged"]);
    expect_projection(t, r, "in_progress", Some(("answer", "2026-04-28"))).await;

    let s = step(
        t,
        r,
        "2026-04-20 09:00",
        handler(),
        answer(Some("2026-04-20")),
    )
    .await;
    assert_eq!(last_kinds(&s, 1), ["answer_issued"]);
    expect_projection(t, r, "answered", Some(("objection", "2026-05-06"))).await;
    r
}

/// … objection Tue 21 Apr, hearing offered Thu 23 Apr.
async fn offered(t: &TestApp) -> Reference {
    let r = answered(t).await;
    let s = step(
        t,
        r,
        "2026-04-21 10:00",
        Actor::Complainant,
        objection("2026-04-21 09:30"),
    )
    .await;
    assert_eq!(last_kinds(&s, 1), ["objection_registered"]);
    expect_projection(
        t,
        r,
        "objection_received",
        Some(("hearing_offer", "2026-04-28")),
    )
    .await;

    let s = step(t, r, "2026-04-23 09:00", handler(), offer()).await;
    assert_eq!(last_kinds(&s, 1), ["hearing_offered"]);
    expect_projection(
        t,
        r,
        "hearing_offered",
        Some(("hearing_response", "2026-04-30")),
    )
    .await;
    r
}

/// The whole path to a settlement confirmed by both parties (10 events).
pub async fn settled(t: &TestApp) -> Reference {
    let r = offered(t).await;
    let s = step(t, r, "2026-04-24 09:00", Actor::Complainant, choose()).await;
    assert_eq!(last_kinds(&s, 1), ["hearing_scheduled"]);
    expect_projection(t, r, "hearing_scheduled", None).await;

    let s = step(
        t,
        r,
        "2026-04-28 16:00",
        handler(),
        record_settled("2026-04-28"),
    )
    .await;
    assert_eq!(last_kinds(&s, 1), ["hearing_recorded"]);
    expect_projection(t, r, "settlement_pending", None).await;

    let by_organisation = Command::ConfirmSettlement(SettlementParty::Organisation);
    let s = step(t, r, "2026-04-28 16:30", handler(), by_organisation).await;
    assert_eq!(last_kinds(&s, 1), ["settlement_confirmed"]);
    expect_projection(t, r, "settlement_pending", None).await;

    let by_complainant = Command::ConfirmSettlement(SettlementParty::Complainant {
        via: ConfirmationVia::Portal,
    });
    let s = step(t, r, "2026-04-29 08:00", Actor::Complainant, by_complainant).await;
    assert_eq!(
        last_kinds(&s, 2),
        ["settlement_confirmed", "complaint_settled"]
    );
    assert_eq!(s.seq, 10);
    expect_projection(t, r, "closed_settled", None).await;
    r
}

async fn a_complaint_walks_objection_hearing_settlement(t: &TestApp) {
    settled(t).await;
    assert_eq!(t.store.count_open().await.unwrap(), 0);
    assert!(t.store.verify_audit().await.unwrap().is_clean());
}
app_test!(a_complaint_walks_objection_hearing_settlement);

async fn a_declined_hearing_ends_in_a_final_decision(t: &TestApp) {
    let r = offered(t).await;
    let decline = Command::DeclineHearing { reason: None };
    let s = step(t, r, "2026-04-24 09:00", Actor::Complainant, decline).await;
    assert_eq!(last_kinds(&s, 1), ["hearing_declined"]);
    // 2 weeks from Fri 24 Apr.
    expect_projection(
        t,
        r,
        "awaiting_final_decision",
        Some(("final_decision", "2026-05-08")),
    )
    .await;

    let s = step(
        t,
        r,
        "2026-04-30 11:00",
        director(),
        final_decision("2026-04-30"),
    )
    .await;
    assert_eq!(last_kinds(&s, 1), ["final_decision_issued"]);
    assert_eq!(s.seq, 7);
    expect_projection(t, r, "closed_decided", None).await;
    assert_eq!(t.store.count_open().await.unwrap(), 0);
    assert!(t.store.verify_audit().await.unwrap().is_clean());
}
app_test!(a_declined_hearing_ends_in_a_final_decision);

async fn without_objection_the_system_closes_only_after_the_window(t: &TestApp) {
    let r = answered(t).await;
    let before = t.app.load(r).await.unwrap();

    // The last day of the window, one minute before midnight in Amsterdam.
    t.at("2026-05-06 23:59");
    let refusal = expect_refused(
        t.app
            .execute(r, Command::CloseWithoutObjection, Actor::System)
            .await,
        "window_still_open",
    );
    assert_eq!(
        refusal,
        Refusal::WindowStillOpen {
            window: DeadlineKind::Objection,
            end: d("2026-05-06"),
        }
    );
    assert_eq!(t.app.load(r).await.unwrap().events, before.events);
    expect_projection(t, r, "answered", Some(("objection", "2026-05-06"))).await;

    // Two minutes later it is 7 May in Amsterdam (still 6 May in UTC).
    let s = step(
        t,
        r,
        "2026-05-07 00:01",
        Actor::System,
        Command::CloseWithoutObjection,
    )
    .await;
    assert_eq!(
        last_kinds(&s, 2),
        ["closed_without_objection", "complainant_message_due"]
    );
    expect_projection(t, r, "closed_handled", None).await;
}
app_test!(without_objection_the_system_closes_only_after_the_window);
