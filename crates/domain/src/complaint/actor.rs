//! Who issues a command, and whether the procedure lets them.
//!
//! The procedure definition says which parties perform a step; this module maps the people and
//! processes that use Wederhoor onto those parties. Staff may record a complainant's step on
//! their behalf (an objection by letter, a choice made by phone); the complainant can never
//! record the organisation's step; a reader (lezer) can do nothing.

use serde::{Deserialize, Serialize};

use super::types::UserId;
use crate::procedure::Party;

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Klachtbehandelaar,
    Regiodirecteur,
    Beheerder,
    Lezer,
}

impl Role {
    pub fn label_nl(self) -> &'static str {
        match self {
            Role::Klachtbehandelaar => "klachtbehandelaar",
            Role::Regiodirecteur => "regiodirecteur",
            Role::Beheerder => "beheerder",
            Role::Lezer => "lezer",
        }
    }
}

/// Who issues a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Actor {
    Staff {
        user: UserId,
        role: Role,
    },
    /// The complainant (or their representative), through the portal.
    Complainant,
    /// The deadline worker.
    System,
}

impl Actor {
    /// Whether this actor may perform a step done by any of `parties`.
    pub fn may_act_as(&self, parties: &[Party]) -> bool {
        let has = |p: Party| parties.contains(&p);
        match self {
            Actor::Complainant => has(Party::Complainant),
            Actor::System => has(Party::System),
            Actor::Staff { role, .. } => match role {
                Role::Lezer => false,
                Role::Beheerder => has(Party::Administrator),
                Role::Klachtbehandelaar => has(Party::Handler) || has(Party::Complainant),
                Role::Regiodirecteur => {
                    has(Party::RegionalManagement) || has(Party::Handler) || has(Party::Complainant)
                }
            },
        }
    }

    /// Staff who may do the organisation's part of a step (not on a complainant's behalf).
    pub fn is_organisation(&self) -> bool {
        matches!(
            self,
            Actor::Staff {
                role: Role::Klachtbehandelaar | Role::Regiodirecteur,
                ..
            }
        )
    }

    /// Dutch, for a refusal: "u (lezer)", "de klager".
    pub fn label_nl(&self) -> String {
        match self {
            Actor::Staff { role, .. } => format!("een {}", role.label_nl()),
            Actor::Complainant => "de klager".to_string(),
            Actor::System => "het systeem".to_string(),
        }
    }

    pub fn user(&self) -> Option<&UserId> {
        match self {
            Actor::Staff { user, .. } => Some(user),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role) -> Actor {
        Actor::Staff {
            user: UserId::try_from("u1").unwrap(),
            role,
        }
    }

    #[test]
    fn a_reader_can_do_nothing() {
        assert!(!staff(Role::Lezer).may_act_as(&Party::ALL));
    }

    #[test]
    fn the_complainant_cannot_do_the_handlers_step() {
        assert!(!Actor::Complainant.may_act_as(&[Party::Handler]));
        assert!(staff(Role::Klachtbehandelaar).may_act_as(&[Party::Complainant]));
    }

    #[test]
    fn only_management_does_managements_step() {
        assert!(!staff(Role::Klachtbehandelaar).may_act_as(&[Party::RegionalManagement]));
        assert!(staff(Role::Regiodirecteur).may_act_as(&[Party::RegionalManagement]));
        assert!(!staff(Role::Beheerder).may_act_as(&[Party::RegionalManagement]));
        assert!(!Actor::System.may_act_as(&[Party::RegionalManagement]));
    }
}
