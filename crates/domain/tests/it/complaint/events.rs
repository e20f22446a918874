//! Events are a stored format: stable names, and they survive a JSON round trip.

use domain::complaint::{Command, ConfirmationVia, Event, SettlementParty};

use super::*;

/// Every event kind the decisions produce, from the stages of the common timeline.
fn all_events() -> Vec<Event> {
    let mut events = awaiting_settlement()
        .given(
            handler(),
            "2026-04-28 16:30",
            Command::ConfirmSettlement(SettlementParty::Organisation),
        )
        .given(
            complainant(),
            "2026-04-28 17:00",
            Command::ConfirmSettlement(SettlementParty::Complainant {
                via: ConfirmationVia::Portal,
            }),
        )
        .events;
    let more = [
        registered()
            .given(
                handler(),
                "2026-04-14 09:00",
                Command::LogFirstContact {
                    via: domain::complaint::ContactMethod::Phone,
                    contacted_at: at("2026-04-14 08:00"),
                    note: None,
                },
            )
            .events,
        registered()
            .given(
                handler(),
                "2026-04-14 09:00",
                Command::ExtendDeadline {
                    kind: DeadlineKind::Answer,
                    to: domain::complaint::ExtendTo::Date(d("2026-05-12")),
                    reason: "r".into(),
                },
            )
            .events,
        registered()
            .given(
                director(),
                "2026-04-14 09:00",
                Command::Reassign {
                    to: UserId::try_from("x").unwrap(),
                },
            )
            .events,
        registered()
            .given(
                director(),
                "2026-04-14 09:00",
                Command::LinkEmployeeAccount {
                    user: Some(UserId::try_from("medewerker-1").unwrap()),
                },
            )
            .events,
        registered()
            .given(
                handler(),
                "2026-04-14 09:00",
                Command::CloseAsNotAComplaint {
                    reason: "r".into(),
                    referral: "v".into(),
                },
            )
            .events,
        registered()
            .given(
                complainant(),
                "2026-04-14 09:00",
                Command::Withdraw { reason: None },
            )
            .events,
        answered()
            .given(system(), "2026-05-07 06:00", Command::CloseWithoutObjection)
            .events,
        answered()
            .given(
                handler(),
                "2026-05-07 09:00",
                objection("2026-05-07 08:00", domain::complaint::ObjectionVia::Phone),
            )
            .given(
                director(),
                "2026-05-08 09:00",
                Command::DecideLateObjection {
                    take_up: true,
                    reason: "r".into(),
                },
            )
            .events,
        answered()
            .given(
                handler(),
                "2026-05-07 09:00",
                objection("2026-05-07 08:00", domain::complaint::ObjectionVia::Letter),
            )
            .given(
                director(),
                "2026-05-08 09:00",
                Command::DecideLateObjection {
                    take_up: false,
                    reason: "r".into(),
                },
            )
            .events,
        offered()
            .given(
                complainant(),
                "2026-04-24 09:00",
                Command::DeclineHearing { reason: None },
            )
            .given(
                director(),
                "2026-04-28 09:00",
                Command::IssueFinalDecision {
                    dagtekening: d("2026-04-28"),
                    text: "t".into(),
                },
            )
            .events,
        offered()
            .given(system(), "2026-05-01 06:00", Command::LapseHearingOffer)
            .events,
        registered()
            .given(
                system(),
                "2026-04-14 09:00",
                Command::RecordCorrespondence(domain::complaint::Correspondence {
                    channel: domain::complaint::CorrespondenceChannel::Email,
                    received_at: at("2026-04-14 08:00"),
                    from_complainant: true,
                    subject: Some("Re: uw klacht".into()),
                    text: domain::complaint::Text::try_from("Aanvulling.").unwrap(),
                    message_id: Some("r@example.nl".into()),
                    attachments: vec!["foto.jpg".into()],
                }),
            )
            .events,
    ];
    for m in more {
        events.extend(m);
    }
    events
}

#[test]
fn every_event_round_trips_through_json_with_its_kind_as_type() {
    let events = all_events();
    let mut kinds: Vec<&str> = events.iter().map(Event::kind).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 22, "{kinds:?}");
    for e in &events {
        let json = serde_json::to_value(e).unwrap();
        assert_eq!(json["type"], e.kind(), "{json}");
        let back: Event = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(&back, e, "{json}");
    }
}

#[test]
fn a_registration_event_reads_as_the_documented_shape() {
    let json = serde_json::to_value(&registered().events[0]).unwrap();
    assert_eq!(json["type"], "complaint_registered");
    assert_eq!(json["reference"], "K-2026-000001");
    assert_eq!(json["procedure"], "focus@2026.1");
    assert_eq!(json["channel"], "email");
    assert_eq!(json["received_on"], "2026-04-13");
    assert_eq!(json["deadlines"]["opened"][1]["kind"], "answer");
    assert_eq!(
        json["deadlines"]["opened"][1]["deadline"]["end"],
        "2026-04-28"
    );
    assert_eq!(json["deadlines"]["opened"][1]["who"], "handler");
}

#[test]
fn invalid_stored_data_does_not_deserialize() {
    let mut json = serde_json::to_value(&registered().events[0]).unwrap();
    json["complainant"]["contact"] = serde_json::json!({"email": null, "phone": null});
    assert!(serde_json::from_value::<Event>(json).is_err());
}
