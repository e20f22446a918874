//! What the API answers about complaints: one complaint in full (facts, every event with who and
//! when, the open deadlines with their explanation, the steps the caller can take now) and the
//! rows of the work queue. Built from the same pieces as the office page: `history` for the
//! events' Dutch titles, `offers` for the steps (asked of the domain), the portal's `explain`
//! for the deadlines.

use app::Loaded;
use domain::complaint::{Actor, Event};
use domain::time::civil_date;
use serde_json::{Value, json};
use store::{QueueRow, UserRecord};

use super::commands::ApiStep;
use super::error::ApiError;
use crate::AppState;
use crate::lang::Lang;
use crate::office::complaint::{history, offers};
use crate::office::labels::Nearness;
use crate::portal::explain;

/// The complaint as JSON, with the steps `actor` can take now.
pub(crate) async fn complaint(
    state: &AppState,
    loaded: &Loaded,
    actor: &Actor,
) -> Result<Value, ApiError> {
    let store = state.app.store();
    let c = &loaded.complaint;
    let reg = c.registration();
    let today = civil_date(state.app.clock().now());
    let users = store.users().await?;
    let person = &reg.complainant;
    let titles = history::entries(loaded, &users, Lang::Nl);
    let events: Vec<Value> = loaded
        .events
        .iter()
        .zip(&titles)
        .map(|(record, entry)| {
            // When it happened, for events that record it apart from when they were recorded.
            let occurred = serde_json::from_value::<Event>(record.payload.clone())
                .ok()
                .and_then(|e| history::event_moment(&e))
                .unwrap_or(record.at);
            json!({
                "seq": record.seq,
                "kind": record.kind,
                "occurred_at": occurred.to_string(),
                "recorded_at": record.at.to_string(),
                "actor": actor_json(&record.actor, &users),
                "title": entry.title,
                "details": entry.details,
                "texts": entry.text,
                "data": record.payload,
            })
        })
        .collect();
    let deadlines: Vec<Value> = c
        .open_deadlines()
        .iter()
        .map(|d| {
            let nl = explain::next(d, today, Lang::Nl);
            let en = explain::next(d, today, Lang::En);
            json!({
                "kind": d.kind.as_str(),
                "label": d.kind.label_nl(),
                "who": d.who.as_str(),
                "end": d.end().to_string(),
                "overdue": today > d.end(),
                "term": d.term,
                "starts": d.starts,
                "start_description": d.start_description,
                "explanation": {
                    "nl": explanation(&nl),
                    "en": explanation(&en),
                    "computation": d.deadline,
                    "extensions": d.extensions,
                },
            })
        })
        .collect();
    let offered = offers::offered(state, c, actor, Lang::Nl);
    let mut actions: Vec<&str> = Vec::new();
    for step in &offered.steps {
        let path = ApiStep::of(*step).path();
        if !actions.contains(&path) {
            actions.push(path);
        }
    }
    let confirmations: Vec<&str> = offered
        .confirmations
        .iter()
        .map(|(v, _)| match *v {
            "organisatie" => "organisation",
            _ => "complainant",
        })
        .collect();
    let extendable: Vec<&str> = offered.extendable.iter().map(|(k, _)| *k).collect();
    let assignee = c.assignee().map(|a| {
        let found = users.iter().find(|u| u.id.to_string() == a.as_ref());
        json!({
            "id": a.as_ref(),
            "name": found.map(|u| u.name.clone()),
            "role": found.map(|u| u.role.label_nl()),
        })
    });
    let letters: Vec<Value> = store
        .documents(loaded.id)
        .await?
        .into_iter()
        .map(|d| {
            json!({
                "id": d.id.to_string(),
                "kind": d.kind,
                "letter_date": d.dagtekening.to_string(),
                "filename": d.filename,
                "sha256": d.sha256,
            })
        })
        .collect();
    Ok(json!({
        "reference": loaded.reference.to_string(),
        "status": c.status().code(),
        "status_label": c.status().label_nl(),
        "closed": c.status().is_closed(),
        "procedure": reg.procedure,
        "channel": reg.channel.as_str(),
        "received_at": reg.received_at.to_string(),
        "region": reg.region.as_ref(),
        "category": reg.category.as_ref(),
        "complainant": {
            "name": person.name.as_ref(),
            "email": person.contact.email().map(|e| e.to_string()),
            "phone": person.contact.phone().map(|p| p.to_string()),
            "address": person.address.as_ref().map(ToString::to_string),
            "representative": person.representative.as_ref().map(|r| r.name.to_string()),
        },
        "description": reg.description.as_ref(),
        "employee_concerned": reg.employee_concerned.as_ref().map(ToString::to_string),
        "desired_outcome": reg.desired_outcome.as_ref().map(ToString::to_string),
        "assignee": assignee,
        "deadlines": deadlines,
        "events": events,
        "letters": letters,
        "actions": actions,
        "settlement_confirmations": confirmations,
        "extendable_deadlines": extendable,
    }))
}

fn explanation(n: &explain::Next) -> Value {
    json!({
        "what": n.what,
        "date": n.date,
        "rule": n.rule,
        "raw_end": n.raw_end,
        "passed_over": n.passed_over,
        "extensions": n.extensions,
    })
}

/// The stored actor (`staff:<id>:<role>`, `complainant`, `system`) as JSON.
fn actor_json(stored: &str, users: &[UserRecord]) -> Value {
    if let Some((id, role)) = app::record::staff_actor(stored) {
        let name = users
            .iter()
            .find(|u| u.id.to_string() == id)
            .map(|u| u.name.clone());
        return json!({ "type": "staff", "user_id": id, "role": role.label_nl(), "name": name });
    }
    match stored {
        "complainant" | "system" => json!({ "type": stored }),
        _ => json!({ "type": "unknown", "text": stored }),
    }
}

/// One row of the queue as JSON.
pub(crate) fn row(state: &AppState, r: &QueueRow, today: jiff::civil::Date) -> Value {
    let near = state.office.due_soon_working_days;
    let next = r.next_deadline.map(|end| {
        let n = Nearness::of(end, today, near, &state.app.calendar());
        json!({
            "end": end.to_string(),
            "kind": r.next_deadline_kind,
            "overdue": end < today,
            "nearness": n.label(Lang::Nl),
        })
    });
    json!({
        "reference": r.reference.to_string(),
        "status": r.state,
        "region": r.region,
        "category": r.category,
        "channel": r.channel,
        "complainant_name": r.complainant_name,
        "received_at": r.received_at.to_string(),
        "next_deadline": next,
        "assignee": r.assignee,
    })
}
