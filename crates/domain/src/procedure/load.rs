//! Loading a procedure definition from TOML, with errors that name the line.
//!
//! An administrator edits terms in this file; a mistake must be found when the file is loaded,
//! not weeks later when a complaint reaches the step. Every value that can be wrong is read as a
//! `toml::Spanned` so that both syntax errors and semantic ones (an unknown term, a duplicate
//! step, a missing term) point at a line.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::ProcedureDefinition;
use super::model::{
    DeadlineKind, Interpretations, LateObjection, Moment, Party, StepDef, StepId, TermDef,
};
use crate::complaint::Channel;
use crate::terms::{Direction, Term, TermPolicy};

/// Why a procedure definition cannot be loaded: the file, the line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(" regel {l}")).unwrap_or_default())]
pub struct ProcedureError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDoc {
    procedure: RawHeader,
    policy: RawPolicy,
    interpretations: RawInterpretations,
    steps: Spanned<Vec<Spanned<RawStep>>>,
    terms: Spanned<Vec<Spanned<RawTerm>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: Spanned<String>,
    version: Spanned<String>,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    atw: bool,
    closure_days_extend: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterpretations {
    final_decision_after_unsettled_hearing: bool,
    late_objection: LateObjection,
    close_without_objection: bool,
    notify_close_without_objection: bool,
    withdrawal_any_moment: bool,
    not_a_complaint_closure: bool,
    not_a_complaint_requires_referral: bool,
    extension_requires_reason: bool,
    extension_notifies_complainant: bool,
    contact_term_channels: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    name: Spanned<String>,
    who: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    deadline: Spanned<String>,
    term: Spanned<String>,
    starts: Spanned<Vec<Spanned<String>>>,
    who: Spanned<String>,
}

/// Turns byte offsets into "file regel N" errors.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn at(&self, span: &Range<usize>, message: impl Into<String>) -> ProcedureError {
        ProcedureError {
            file: self.file.to_string(),
            line: Some(self.line(span)),
            message: message.into(),
        }
    }
}

pub(super) fn parse(file: &str, text: &str) -> Result<ProcedureDefinition, ProcedureError> {
    let src = Source { file, text };
    let raw: RawDoc = toml::from_str(text).map_err(|e| ProcedureError {
        file: file.to_string(),
        line: e.span().map(|s| src.line(&s)),
        message: e.message().trim().to_string(),
    })?;
    let header = &raw.procedure;
    for (what, value) in [("id", &header.id), ("version", &header.version)] {
        let v = value.get_ref();
        if v.trim().is_empty() || v.contains('@') || v.trim() != v {
            return Err(src.at(
                &value.span(),
                format!("ongeldige {what} {v:?}: niet leeg, zonder '@' en zonder spaties rond"),
            ));
        }
    }
    let steps = parse_steps(&src, &raw.steps)?;
    let interpretations = parse_interpretations(&src, &raw.interpretations)?;
    let terms = parse_terms(&src, &raw.terms)?;
    if !interpretations.final_decision_after_unsettled_hearing {
        let fd = raw
            .terms
            .get_ref()
            .iter()
            .find(|t| t.get_ref().deadline.get_ref() == "final_decision");
        if let Some(fd) = fd
            && let Some(start) = fd
                .get_ref()
                .starts
                .get_ref()
                .iter()
                .find(|s| s.get_ref() == "hearing_held_unsettled")
        {
            return Err(src.at(
                &start.span(),
                "startgebeurtenis \"hearing_held_unsettled\" terwijl \
                 final_decision_after_unsettled_hearing = false",
            ));
        }
    }
    Ok(ProcedureDefinition {
        id: header.id.get_ref().clone(),
        version: header.version.get_ref().clone(),
        name: header.name.clone(),
        steps,
        terms,
        policy: TermPolicy {
            atw: raw.policy.atw,
            closure_days_extend: raw.policy.closure_days_extend,
        },
        interpretations,
        source: text.to_string(),
    })
}

fn parse_steps(
    src: &Source<'_>,
    raw: &Spanned<Vec<Spanned<RawStep>>>,
) -> Result<Vec<StepDef>, ProcedureError> {
    let mut seen = HashSet::new();
    let mut steps = Vec::new();
    for step in raw.get_ref() {
        let s = step.get_ref();
        let id = StepId::parse(s.id.get_ref())
            .ok_or_else(|| src.at(&s.id.span(), format!("onbekende stap {:?}", s.id.get_ref())))?;
        if !seen.insert(id) {
            return Err(src.at(
                &s.id.span(),
                format!("stap {:?} staat er dubbel in", id.as_str()),
            ));
        }
        if s.name.get_ref().trim().is_empty() {
            return Err(src.at(&s.name.span(), "de stap heeft geen naam"));
        }
        let mut who = Vec::new();
        for p in s.who.get_ref() {
            who.push(parse_party(src, p)?);
        }
        if who.is_empty() {
            return Err(src.at(&s.who.span(), "de stap noemt niemand die hem uitvoert"));
        }
        steps.push(StepDef {
            id,
            name: s.name.get_ref().trim().to_string(),
            who,
        });
    }
    let missing: Vec<&str> = StepId::ALL
        .iter()
        .filter(|id| !seen.contains(*id))
        .map(|id| id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(src.at(
            &raw.span(),
            format!("ontbrekende stappen: {}", missing.join(", ")),
        ));
    }
    Ok(steps)
}

fn parse_terms(
    src: &Source<'_>,
    raw: &Spanned<Vec<Spanned<RawTerm>>>,
) -> Result<Vec<TermDef>, ProcedureError> {
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    for t in raw.get_ref() {
        let t = t.get_ref();
        let kind = DeadlineKind::parse(t.deadline.get_ref()).ok_or_else(|| {
            src.at(
                &t.deadline.span(),
                format!("onbekende termijnsoort {:?}", t.deadline.get_ref()),
            )
        })?;
        if !seen.insert(kind) {
            return Err(src.at(
                &t.deadline.span(),
                format!("termijn {:?} staat er dubbel in", kind.as_str()),
            ));
        }
        let term: Term = t.term.get_ref().parse().map_err(|_| {
            src.at(
                &t.term.span(),
                format!("onbekende termijn {:?}", t.term.get_ref()),
            )
        })?;
        if term.direction == Direction::Before || term.amount == 0 {
            return Err(src.at(
                &t.term.span(),
                format!(
                    "termijn {:?} moet vooruit tellen en minstens 1 zijn",
                    t.term.get_ref()
                ),
            ));
        }
        let mut starts = Vec::new();
        for m in t.starts.get_ref() {
            let moment = Moment::parse(m.get_ref()).ok_or_else(|| {
                src.at(
                    &m.span(),
                    format!("onbekende startgebeurtenis {:?}", m.get_ref()),
                )
            })?;
            starts.push(moment);
        }
        if starts.is_empty() {
            return Err(src.at(&t.starts.span(), "de termijn noemt geen startgebeurtenis"));
        }
        let who = parse_party(src, &t.who)?;
        terms.push(TermDef {
            kind,
            term,
            starts,
            who,
        });
    }
    let missing: Vec<&str> = DeadlineKind::ALL
        .iter()
        .filter(|k| !seen.contains(*k))
        .map(|k| k.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(src.at(
            &raw.span(),
            format!("ontbrekende termijnen: {}", missing.join(", ")),
        ));
    }
    Ok(terms)
}

fn parse_interpretations(
    src: &Source<'_>,
    raw: &RawInterpretations,
) -> Result<Interpretations, ProcedureError> {
    let mut channels = Vec::new();
    for c in &raw.contact_term_channels {
        let channel = Channel::parse(c.get_ref())
            .ok_or_else(|| src.at(&c.span(), format!("onbekend kanaal {:?}", c.get_ref())))?;
        if !channels.contains(&channel) {
            channels.push(channel);
        }
    }
    Ok(Interpretations {
        final_decision_after_unsettled_hearing: raw.final_decision_after_unsettled_hearing,
        late_objection: raw.late_objection,
        close_without_objection: raw.close_without_objection,
        notify_close_without_objection: raw.notify_close_without_objection,
        withdrawal_any_moment: raw.withdrawal_any_moment,
        not_a_complaint_closure: raw.not_a_complaint_closure,
        not_a_complaint_requires_referral: raw.not_a_complaint_requires_referral,
        extension_requires_reason: raw.extension_requires_reason,
        extension_notifies_complainant: raw.extension_notifies_complainant,
        contact_term_channels: channels,
    })
}

fn parse_party(src: &Source<'_>, raw: &Spanned<String>) -> Result<Party, ProcedureError> {
    Party::parse(raw.get_ref()).ok_or_else(|| {
        src.at(
            &raw.span(),
            format!(
                "onbekende partij {:?}: kies uit complainant, handler, regional_management, \
                 administrator, system",
                raw.get_ref()
            ),
        )
    })
}
