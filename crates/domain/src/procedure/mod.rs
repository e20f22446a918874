//! The procedure as data.
//!
//! The published procedure is one organisation's text. What it promises (every term, what starts
//! it, who acts) and how the product reads its silences are organisation data, kept in a
//! versioned definition. A complaint records the key (`"{id}@{version}"`) of the definition it
//! was registered under and is decided under that definition until it closes, so a later change
//! of terms never rewrites an open case. `ProcedureCatalog` looks a definition up by that key.

mod load;
mod model;

pub use load::ProcedureError;
pub use model::{
    DeadlineKind, Interpretations, LateObjection, Moment, Party, StepDef, StepId, TermDef,
};

use crate::terms::TermPolicy;

/// The shipped default: the Focus klachtenprocedure (see the comments in the file).
pub const FOCUS_TOML: &str = include_str!("../../data/procedure-focus.toml");

/// A validated procedure definition. Every step and every term is present (load fails otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureDefinition {
    id: String,
    version: String,
    name: String,
    steps: Vec<StepDef>,
    terms: Vec<TermDef>,
    policy: TermPolicy,
    interpretations: Interpretations,
    source: String,
}

impl ProcedureDefinition {
    /// Parse and validate a definition; `file` names it in errors ("procedure-focus.toml regel 14: …").
    pub fn from_toml(file: &str, text: &str) -> Result<ProcedureDefinition, ProcedureError> {
        load::parse(file, text)
    }

    /// The shipped Focus procedure.
    pub fn focus_default() -> ProcedureDefinition {
        Self::from_toml("procedure-focus.toml", FOCUS_TOML)
            .expect("the shipped procedure definition is valid (tested)")
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// `"{id}@{version}"`: what a complaint records at registration.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The organisation's name for the procedure (Dutch).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn steps(&self) -> &[StepDef] {
        &self.steps
    }

    /// A step; every step exists in a loaded definition.
    pub fn step(&self, id: StepId) -> &StepDef {
        self.steps
            .iter()
            .find(|s| s.id == id)
            .expect("validated at load: every step is present")
    }

    pub fn terms(&self) -> &[TermDef] {
        &self.terms
    }

    /// A term; every deadline kind has one in a loaded definition.
    pub fn term(&self, kind: DeadlineKind) -> &TermDef {
        self.terms
            .iter()
            .find(|t| t.kind == kind)
            .expect("validated at load: every term is present")
    }

    pub fn policy(&self) -> TermPolicy {
        self.policy
    }

    pub fn interpretations(&self) -> &Interpretations {
        &self.interpretations
    }

    /// The TOML text it was loaded from (what the store keeps per version).
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// The definitions an installation knows, by version key.
#[derive(Debug, Clone, Default)]
pub struct ProcedureCatalog {
    definitions: Vec<ProcedureDefinition>,
}

/// A second definition with a key that is already known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("proceduredefinitie {0} bestaat al; een gewijzigde definitie krijgt een nieuwe versie")]
pub struct DuplicateVersion(pub String);

impl ProcedureCatalog {
    pub fn new() -> ProcedureCatalog {
        ProcedureCatalog::default()
    }

    /// Add a definition. A key is never reused with different content: a change is a new version.
    pub fn insert(&mut self, definition: ProcedureDefinition) -> Result<(), DuplicateVersion> {
        let key = definition.key();
        match self.get(&key) {
            Some(known) if *known == definition => Ok(()),
            Some(_) => Err(DuplicateVersion(key)),
            None => {
                self.definitions.push(definition);
                Ok(())
            }
        }
    }

    /// The definition a complaint was registered under.
    pub fn get(&self, key: &str) -> Option<&ProcedureDefinition> {
        self.definitions.iter().find(|d| d.key() == key)
    }

    /// Every known definition, in insertion order.
    pub fn all(&self) -> &[ProcedureDefinition] {
        &self.definitions
    }
}
