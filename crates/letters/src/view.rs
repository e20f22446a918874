//! The data a template sees: the letter as JSON, with dates, times and terms already written out
//! in the letter's language.
//!
//! This is the contract with template authors (an administrator overriding a template writes
//! against it), so it is built explicitly here rather than derived from the storage types. The
//! template reads it with `json("/data.json")`; every string in it is data and prints literally.
//!
//! Shape, common to all kinds:
//! `kind`, `lang`, `sender {name, address {street, postcode, city}, phone, email, website}`,
//! `recipient {name, address, email}`, `salutation`, `dateline`, `date`, `reference`, `subject`,
//! `signatory {name, role}`, `body {..}`. A date is `{iso, long, full}` ("2026-11-24",
//! "24 november 2026", "dinsdag 24 november 2026"); a term is `{count, unit, text}`; a time is
//! text ("14.30"). Absent values are `none`.

use jiff::civil::{Date, Time};
use serde_json::{Value, json};

use crate::body::{
    Answer, Closed, DecisionGround, Extension, FinalDecision, HearingInvitation, HearingOutcome,
    HearingRecord, LetterBody, Receipt, Settlement,
};
use crate::model::{Language, Letter, Term};

/// The template data of a letter.
#[must_use]
pub fn view(letter: &Letter) -> Value {
    let f = Fmt(letter.language);
    let salutation = letter
        .recipient
        .salutation
        .clone()
        .unwrap_or_else(|| letter.language.neutral_salutation().to_owned());
    json!({
        "kind": letter.kind(),
        "lang": letter.language.code(),
        "sender": letter.sender,
        "recipient": {
            "name": letter.recipient.name,
            "address": letter.recipient.address,
            "email": letter.recipient.email,
        },
        "salutation": salutation,
        "dateline": letter.language.dateline(&letter.place, letter.date),
        "date": f.date(letter.date),
        "reference": letter.reference,
        "subject": letter.subject,
        "signatory": letter.signatory,
        "body": body(&f, &letter.body),
    })
}

/// Formats values in one language.
struct Fmt(Language);

impl Fmt {
    fn date(&self, date: Date) -> Value {
        json!({
            "iso": date.to_string(),
            "long": self.0.date(date),
            "full": self.0.date_with_weekday(date),
        })
    }

    fn opt_date(&self, date: Option<Date>) -> Value {
        date.map_or(Value::Null, |d| self.date(d))
    }

    fn time(&self, time: Time) -> Value {
        Value::String(self.0.time(time))
    }

    fn opt_time(&self, time: Option<Time>) -> Value {
        time.map_or(Value::Null, |t| self.time(t))
    }

    fn term(&self, term: Term) -> Value {
        json!({ "count": term.count, "unit": term.unit, "text": self.0.term(term) })
    }
}

fn body(f: &Fmt, body: &LetterBody) -> Value {
    match body {
        LetterBody::Receipt(b) => receipt(f, b),
        LetterBody::Answer(b) => answer(f, b),
        LetterBody::HearingInvitation(b) => invitation(f, b),
        LetterBody::HearingRecord(b) => record(f, b),
        LetterBody::Settlement(b) => settlement(f, b),
        LetterBody::FinalDecision(b) => decision(f, b),
        LetterBody::Extension(b) => extension(f, b),
        LetterBody::Closed(b) => closed(f, b),
    }
}

fn receipt(f: &Fmt, b: &Receipt) -> Value {
    json!({
        "received_on": f.date(b.received_on),
        "channel": b.channel,
        "summary": b.summary,
        "contact_by": f.opt_date(b.contact_by),
        "answer_by": f.date(b.answer_by),
        "portal_url": b.portal_url,
    })
}

fn answer(f: &Fmt, b: &Answer) -> Value {
    let o = &b.objection;
    json!({
        "received_on": f.date(b.received_on),
        "complaint": b.complaint,
        "solution": b.solution,
        "objection": {
            "term": f.term(o.term),
            "last_day": f.date(o.last_day),
            "management": o.management,
            "hearing_term": f.term(o.hearing_term),
            "decision_term": f.term(o.decision_term),
        },
    })
}

fn invitation(f: &Fmt, b: &HearingInvitation) -> Value {
    let moments: Vec<Value> = b
        .moments
        .iter()
        .map(|m| json!({ "date": f.date(m.date), "start": f.time(m.start), "end": f.opt_time(m.end) }))
        .collect();
    json!({
        "objection_received_on": f.date(b.objection_received_on),
        "forms": b.forms,
        "office": b.office,
        "moments": moments,
        "employee_invited": b.employee_invited,
        "employee_name": b.employee_name,
        "respond_by": f.date(b.respond_by),
        "respond_via": b.respond_via,
        "decision_term": f.term(b.decision_term),
    })
}

fn record(f: &Fmt, b: &HearingRecord) -> Value {
    let outcome = match &b.outcome {
        HearingOutcome::Settled => json!({ "settled": true, "decision_by": null }),
        HearingOutcome::NotSettled { decision_by } => {
            json!({ "settled": false, "decision_by": f.date(*decision_by) })
        }
    };
    json!({
        "held_on": f.date(b.held_on),
        "start": f.opt_time(b.start),
        "form": b.form,
        "attendees": b.attendees,
        "complainant_account": b.complainant_account,
        "employee_account": b.employee_account,
        "proposal": b.proposal,
        "reaction": b.reaction,
        "outcome": outcome,
    })
}

fn settlement(f: &Fmt, b: &Settlement) -> Value {
    json!({
        "held_on": f.date(b.held_on),
        "form": b.form,
        "terms": b.terms,
        "complainant_name": b.complainant_name,
    })
}

fn decision(f: &Fmt, b: &FinalDecision) -> Value {
    let ground = match &b.ground {
        DecisionGround::HearingDeclined => json!({ "ground": "hearing_declined", "held_on": null }),
        DecisionGround::HearingLapsed => json!({ "ground": "hearing_lapsed", "held_on": null }),
        DecisionGround::HearingHeld { held_on } => {
            json!({ "ground": "hearing_held", "held_on": f.date(*held_on) })
        }
    };
    json!({
        "objection_received_on": f.date(b.objection_received_on),
        "ground": ground,
        "complaint": b.complaint,
        "considerations": b.considerations,
        "decision": b.decision,
        "verdict": b.verdict,
        "recourse": b.recourse,
    })
}

fn extension(f: &Fmt, b: &Extension) -> Value {
    json!({
        "term": b.term,
        "old_due": f.date(b.old_due),
        "new_due": f.date(b.new_due),
        "reason": b.reason,
    })
}

fn closed(f: &Fmt, b: &Closed) -> Value {
    json!({
        "answer_dated": f.date(b.answer_dated),
        "objection_term": f.term(b.objection_term),
        "last_day": f.date(b.last_day),
    })
}
