//! Steps 5 to 8 and both main paths: objection → hearing → settlement, and objection → hearing
//! declined (or lapsed, or held without settlement) → final decision.

use domain::complaint::{
    Closure, Command, ConfirmationVia, DeadlineOutcome, Event, HearingForm, HearingOutcome,
    SettlementParty, Status,
};
use domain::procedure::{DeadlineKind, FOCUS_TOML, Moment, Party, ProcedureDefinition};

use super::*;

fn decision(dagtekening: &str) -> Command {
    Command::IssueFinalDecision {
        dagtekening: d(dagtekening),
        text: "De klacht is ongegrond.".into(),
    }
}

fn confirm(party: SettlementParty) -> Command {
    Command::ConfirmSettlement(party)
}

const BY_PORTAL: SettlementParty = SettlementParty::Complainant {
    via: ConfirmationVia::Portal,
};
const BY_PAPER: SettlementParty = SettlementParty::Complainant {
    via: ConfirmationVia::PaperCopy,
};

#[test]
fn the_offer_closes_its_term_and_opens_the_complainants_response_window() {
    let events = objected()
        .when(handler(), "2026-04-23 09:00", offer(true))
        .then(&["hearing_offered"]);
    let changes = events[0].deadline_changes().unwrap();
    assert_eq!(
        (changes.closed[0].kind, changes.closed[0].outcome),
        (DeadlineKind::HearingOffer, DeadlineOutcome::Met)
    );
    let window = &changes.opened[0];
    assert_eq!(
        (window.kind, window.who, window.deadline.end),
        (
            DeadlineKind::HearingResponse,
            Party::Complainant,
            d("2026-04-30")
        )
    );
    assert_eq!(offered().complaint().status(), Status::HearingOffered);
}

#[test]
fn an_offer_needs_a_form_and_moments_in_the_future() {
    let empty = Command::OfferHearing {
        forms: vec![],
        proposed_moments: vec![],
        employee_invited: false,
    };
    let r = objected()
        .when(handler(), "2026-04-23 09:00", empty)
        .refused("incomplete");
    assert!(
        r.to_string().contains("de vorm") && r.to_string().contains("voorgestelde momenten"),
        "{r}"
    );
    objected()
        .when(handler(), "2026-04-29 09:00", offer(false))
        .refused("date_too_early");
    registered()
        .when(handler(), "2026-04-23 09:00", offer(false))
        .refused("not_allowed_in_status");
    objected()
        .when(complainant(), "2026-04-23 09:00", offer(false))
        .refused("actor_not_allowed");
}

#[test]
fn the_complainant_chooses_an_offered_form_and_the_employee_only_if_invited() {
    offered()
        .when(complainant(), "2026-04-24 09:00", choose(true))
        .then(&["hearing_scheduled"]);
    let case = scheduled();
    assert_eq!(case.complaint().status(), Status::HearingScheduled);
    assert!(case.complaint().open_deadlines().is_empty());
    let uninvited = objected().given(handler(), "2026-04-23 09:00", offer(false));
    uninvited
        .when(complainant(), "2026-04-24 09:00", choose(true))
        .refused("employee_not_invited");
    let phone_only = Command::OfferHearing {
        forms: vec![HearingForm::Phone],
        proposed_moments: vec![at("2026-04-28 14:00")],
        employee_invited: true,
    };
    let case = objected().given(handler(), "2026-04-23 09:00", phone_only);
    case.when(complainant(), "2026-04-24 09:00", choose(false))
        .refused("form_not_offered");
    answered()
        .when(complainant(), "2026-04-24 09:00", choose(false))
        .refused("not_allowed_in_status");
}

#[test]
fn main_path_objection_hearing_settlement_confirmed_by_both() {
    let case = scheduled();
    let events = case
        .when(
            handler(),
            "2026-04-28 16:00",
            record("2026-04-28", settled()),
        )
        .then(&["hearing_recorded"]);
    assert!(events[0].deadline_changes().unwrap().opened.is_empty());
    let case = awaiting_settlement();
    assert_eq!(case.complaint().status(), Status::SettlementPending);
    case.when(
        complainant(),
        "2026-04-28 17:00",
        confirm(SettlementParty::Organisation),
    )
    .refused("actor_not_allowed");
    case.when(handler(), "2026-04-28 17:00", confirm(BY_PORTAL))
        .refused("actor_not_allowed");
    case.when(complainant(), "2026-04-28 17:00", confirm(BY_PAPER))
        .refused("actor_not_allowed");
    let case = case.given(
        handler(),
        "2026-04-28 16:30",
        confirm(SettlementParty::Organisation),
    );
    case.when(
        director(),
        "2026-04-28 16:40",
        confirm(SettlementParty::Organisation),
    )
    .refused("already_confirmed");
    case.when(complainant(), "2026-04-28 17:00", confirm(BY_PORTAL))
        .then(&["settlement_confirmed", "complaint_settled"]);
    let case = case.given(handler(), "2026-04-29 09:00", confirm(BY_PAPER));
    assert_eq!(case.complaint().status(), Status::Closed(Closure::Settled));
    case.when(complainant(), "2026-04-29 10:00", confirm(BY_PORTAL))
        .refused("complaint_closed");
}

#[test]
fn the_complainant_may_confirm_first() {
    let case = awaiting_settlement().given(complainant(), "2026-04-28 17:00", confirm(BY_PORTAL));
    assert_eq!(case.complaint().settlement_confirmations(), (false, true));
    case.when(handler(), "2026-04-28 17:00", confirm(BY_PAPER))
        .refused("already_confirmed");
    case.when(
        director(),
        "2026-04-29 09:00",
        confirm(SettlementParty::Organisation),
    )
    .then(&["settlement_confirmed", "complaint_settled"]);
}

#[test]
fn main_path_objection_hearing_declined_final_decision_within_two_weeks() {
    let events = offered()
        .when(
            complainant(),
            "2026-04-24 09:00",
            Command::DeclineHearing { reason: None },
        )
        .then(&["hearing_declined"]);
    let opened = &events[0].deadline_changes().unwrap().opened[0];
    assert_eq!(
        (opened.kind, opened.starts, opened.who),
        (
            DeadlineKind::FinalDecision,
            Moment::HearingDeclined,
            Party::RegionalManagement
        )
    );
    assert_eq!(opened.deadline.end, d("2026-05-08"));
    let case = offered().given(
        complainant(),
        "2026-04-24 09:00",
        Command::DeclineHearing { reason: None },
    );
    assert_eq!(case.complaint().status(), Status::AwaitingFinalDecision);
    case.when(handler(), "2026-05-01 09:00", decision("2026-05-01"))
        .refused("actor_not_allowed");
    case.when(
        director(),
        "2026-05-01 09:00",
        Command::IssueFinalDecision {
            dagtekening: d("2026-05-01"),
            text: "".into(),
        },
    )
    .refused("incomplete");
    case.when(director(), "2026-05-01 09:00", decision("2026-05-04"))
        .refused("date_in_future");
    case.when(director(), "2026-05-01 09:00", decision("2026-04-19"))
        .refused("date_too_early");
    let events = case
        .when(director(), "2026-05-08 09:00", decision("2026-05-08"))
        .then(&["final_decision_issued"]);
    assert_eq!(
        events[0].deadline_changes().unwrap().closed[0].outcome,
        DeadlineOutcome::Met
    );
    let case = case.given(director(), "2026-05-11 09:00", decision("2026-05-11"));
    assert_eq!(case.complaint().status(), Status::Closed(Closure::Decided));
}

#[test]
fn a_scheduled_hearing_can_still_be_declined() {
    scheduled()
        .when(
            handler(),
            "2026-04-27 09:00",
            Command::DeclineHearing { reason: None },
        )
        .then(&["hearing_declined"]);
}

#[test]
fn an_unanswered_offer_lapses_only_after_the_response_window() {
    let case = offered();
    case.when(system(), "2026-04-30 22:00", Command::LapseHearingOffer)
        .refused("window_still_open");
    case.when(director(), "2026-05-01 06:00", Command::LapseHearingOffer)
        .refused("actor_not_allowed");
    let events = case
        .when(system(), "2026-05-01 06:00", Command::LapseHearingOffer)
        .then(&["hearing_offer_lapsed"]);
    let changes = events[0].deadline_changes().unwrap();
    assert_eq!(changes.closed[0].outcome, DeadlineOutcome::Expired);
    // From Thu 30 Apr: raw Thu 14 May is Hemelvaartsdag, Fri 15 May gelijkgesteld → Mon 18 May.
    let opened = &changes.opened[0];
    assert_eq!(
        (opened.starts, opened.deadline.start, opened.deadline.end),
        (Moment::HearingOfferLapsed, d("2026-04-30"), d("2026-05-18"))
    );
    assert!(
        opened.deadline.steps.len() >= 2,
        "{:?}",
        opened.deadline.steps
    );
    scheduled()
        .when(system(), "2026-05-01 06:00", Command::LapseHearingOffer)
        .refused("not_allowed_in_status");
}

#[test]
fn a_hearing_held_without_settlement_is_followed_by_a_decision_within_two_weeks() {
    let events = scheduled()
        .when(
            handler(),
            "2026-04-28 16:00",
            record("2026-04-28", HearingOutcome::NotSettled),
        )
        .then(&["hearing_recorded"]);
    let opened = &events[0].deadline_changes().unwrap().opened[0];
    assert_eq!(
        (opened.starts, opened.deadline.end),
        (Moment::HearingHeldUnsettled, d("2026-05-12"))
    );
    let case = awaiting_decision();
    assert_eq!(case.complaint().status(), Status::AwaitingFinalDecision);
    case.given(director(), "2026-05-12 09:00", decision("2026-05-12"));
}

#[test]
fn without_the_decision_reading_an_unsettled_hearing_closes_the_complaint() {
    let text = FOCUS_TOML
        .replacen(
            "final_decision_after_unsettled_hearing = true",
            "final_decision_after_unsettled_hearing = false",
            1,
        )
        .replacen(", \"hearing_held_unsettled\"]", "]", 1);
    let p = ProcedureDefinition::from_toml("heard.toml", &text).unwrap();
    let case = Case::with(p)
        .given(
            handler(),
            "2026-04-13 11:00",
            register(Channel::Email, "2026-04-13 10:00"),
        )
        .given(handler(), "2026-04-20 09:00", answer("2026-04-20"))
        .given(
            complainant(),
            "2026-04-20 16:00",
            objection("2026-04-20 16:00", domain::complaint::ObjectionVia::Portal),
        )
        .given(handler(), "2026-04-23 09:00", offer(false));
    case.when(
        handler(),
        "2026-04-24 16:00",
        record("2026-04-24", HearingOutcome::NotSettled),
    )
    .then(&["hearing_recorded", "closed_after_hearing"]);
}

#[test]
fn a_hearing_record_must_be_complete_and_dated_plausibly() {
    let case = scheduled();
    let mut incomplete = record(
        "2026-04-28",
        HearingOutcome::Settled {
            settlement: " ".into(),
        },
    );
    if let Command::RecordHearing(r) = &mut incomplete {
        r.attendees.clear();
        r.complainant_reaction = String::new();
    }
    let r = case
        .when(handler(), "2026-04-28 16:00", incomplete)
        .refused("incomplete");
    for part in [
        "wie aanwezig waren",
        "de reactie van de klager",
        "de tekst van de afhandeling",
    ] {
        assert!(r.to_string().contains(part), "{r}");
    }
    case.when(
        handler(),
        "2026-04-27 16:00",
        record("2026-04-28", settled()),
    )
    .refused("date_in_future");
    case.when(
        handler(),
        "2026-04-28 16:00",
        record("2026-04-19", settled()),
    )
    .refused("date_too_early");
    case.when(
        complainant(),
        "2026-04-28 16:00",
        record("2026-04-28", settled()),
    )
    .refused("actor_not_allowed");
    answered()
        .when(
            handler(),
            "2026-04-28 16:00",
            record("2026-04-28", settled()),
        )
        .refused("not_allowed_in_status");
}

#[test]
fn a_hearing_held_straight_after_the_offer_closes_the_response_window() {
    let events = offered()
        .when(
            handler(),
            "2026-04-23 15:00",
            record("2026-04-23", settled()),
        )
        .events();
    assert_eq!(
        events[0].deadline_changes().unwrap().closed[0].kind,
        DeadlineKind::HearingResponse
    );
    let Event::HearingRecorded(r) = &events[0] else {
        unreachable!()
    };
    assert!(r.settlement.is_some());
}

#[test]
fn a_final_decision_is_refused_before_its_step() {
    scheduled()
        .when(director(), "2026-04-28 09:00", decision("2026-04-28"))
        .refused("not_allowed_in_status");
    awaiting_settlement()
        .when(director(), "2026-04-29 09:00", decision("2026-04-29"))
        .refused("not_allowed_in_status");
}
