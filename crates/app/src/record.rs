//! The mapping between the domain and the store: domain events become generic event records
//! (kind + JSON payload), and a complaint's state becomes its projection row.
//!
//! This is the only place that knows both sides, so the domain never meets a database type and
//! the store never meets a domain event.

use domain::complaint::{Actor, Complaint, Event, Role};
use domain::reference::Reference;
use jiff::Timestamp;
use store::{NewEvent, Projection, StoredEvent};

use crate::AppError;

/// The actor as stored beside each event: `staff:<user>:<role>`, `complainant` or `system`.
pub fn actor_text(actor: &Actor) -> String {
    match actor {
        Actor::Staff { user, role } => format!("staff:{user}:{}", role.label_nl()),
        Actor::Complainant => "complainant".to_string(),
        Actor::System => "system".to_string(),
    }
}

/// The staff member behind a stored actor ([`actor_text`]): their user id as text and the role
/// they acted in. None for the complainant, the system and anything unreadable.
pub fn staff_actor(stored: &str) -> Option<(&str, Role)> {
    let (user, role) = stored.strip_prefix("staff:")?.rsplit_once(':')?;
    let roles = [
        Role::Klachtbehandelaar,
        Role::Regiodirecteur,
        Role::Beheerder,
        Role::Lezer,
    ];
    let role = roles.into_iter().find(|r| r.label_nl() == role)?;
    Some((user, role))
}

/// Domain events as records to append.
pub fn to_records(events: &[Event], actor: &Actor, at: Timestamp) -> Result<Vec<NewEvent>, String> {
    let actor = actor_text(actor);
    events
        .iter()
        .map(|e| {
            Ok(NewEvent {
                kind: e.kind().to_string(),
                payload: serde_json::to_value(e)
                    .map_err(|err| format!("event {}: {err}", e.kind()))?,
                actor: actor.clone(),
                at,
            })
        })
        .collect()
}

/// Stored records back into domain events, in order.
pub fn from_records(reference: Reference, records: &[StoredEvent]) -> Result<Vec<Event>, AppError> {
    records
        .iter()
        .map(|r| {
            serde_json::from_value::<Event>(r.payload.clone()).map_err(|e| AppError::Corrupt {
                complaint: reference.to_string(),
                detail: format!("event {} ({}): {e}", r.seq, r.kind),
            })
        })
        .collect()
}

/// The projection row of a complaint: what queues, lists and searches read.
pub fn projection(complaint: &Complaint) -> Projection {
    let reg = complaint.registration();
    let status = complaint.status();
    let open = complaint.open_deadlines();
    let next = open.iter().min_by_key(|d| d.end());
    let email = reg.complainant.contact.email().map(|e| e.to_string());
    let search_text = [
        reg.reference.to_string(),
        reg.complainant.name.to_string(),
        email.clone().unwrap_or_default(),
        reg.region.to_string(),
        reg.category.to_string(),
        reg.description.to_string(),
        reg.employee_concerned
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    ]
    .join(" ");
    Projection {
        state: status.code().to_string(),
        closed: status.is_closed(),
        region: reg.region.to_string(),
        category: reg.category.to_string(),
        channel: reg.channel.as_str().to_string(),
        assignee: complaint.assignee().map(ToString::to_string),
        received_at: reg.received_at,
        complainant_name: reg.complainant.name.to_string(),
        complainant_email: email,
        next_deadline: next.map(|d| d.end()),
        next_deadline_kind: next.map(|d| d.kind.as_str().to_string()),
        overdue_since: None,
        deadlines: serde_json::to_value(&open).unwrap_or(serde_json::Value::Null),
        search_text,
        procedure_version: complaint.procedure_key().to_string(),
        hidden_from: complaint.hidden_from().map(ToString::to_string),
    }
}

#[cfg(test)]
mod tests {
    use domain::complaint::UserId;

    use super::*;

    #[test]
    fn a_stored_staff_actor_reads_back_as_user_and_role() {
        let actor = Actor::Staff {
            user: UserId::try_from("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".to_owned()).unwrap(),
            role: Role::Regiodirecteur,
        };
        assert_eq!(
            staff_actor(&actor_text(&actor)),
            Some(("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", Role::Regiodirecteur))
        );
        assert_eq!(staff_actor(&actor_text(&Actor::System)), None);
        assert_eq!(staff_actor(&actor_text(&Actor::Complainant)), None);
        assert_eq!(staff_actor("staff:x:koning"), None);
        assert_eq!(staff_actor("staff:"), None);
    }
}
