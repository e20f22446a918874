//! The administrator's template overrides, read from the database when a letter is rendered.
//!
//! Overrides are stored as versions (`template_versions`, the newest per kind in force, see the
//! store); a letter job reads them for every letter. That is one small query, so an edit on the
//! template page applies to the next letter on every instance without a restart or a cache to
//! invalidate. A source is checked when it is saved (it must render the kind's sample), so it
//! is applied here without rendering the sample again.

use letters::{LetterKind, Letters};
use store::{Store, StoreError, TemplateVersion};

/// The `kind` under which a letter's template is stored: `letter.<kind>`.
pub fn letter_template_key(kind: LetterKind) -> String {
    format!("letter.{}", kind.as_str())
}

/// The letter kind a stored template key names, if it names one.
pub fn letter_kind_of(key: &str) -> Option<LetterKind> {
    key.strip_prefix("letter.")?.parse().ok()
}

/// `base` with the overrides in force in the database applied on top (a reset drops `base`'s
/// override of that kind too, so "built-in" means built-in).
pub async fn letters_in_force(base: &Letters, store: &dyn Store) -> Result<Letters, StoreError> {
    Ok(apply(base.clone(), &store.current_templates().await?))
}

fn apply(mut letters: Letters, versions: &[TemplateVersion]) -> Letters {
    for version in versions {
        let Some(kind) = letter_kind_of(&version.kind) else {
            continue;
        };
        letters = match &version.source {
            Some(source) => letters.with_checked_override(kind, source.clone()),
            None => letters.without_override(kind),
        };
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(kind: &str, source: Option<&str>) -> TemplateVersion {
        TemplateVersion {
            id: 1,
            kind: kind.into(),
            source: source.map(str::to_owned),
            updated_by: "a@example.nl".into(),
            updated_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn stored_letter_templates_override_and_resets_fall_back_to_the_builtin() {
        let base = Letters::new().with_checked_override(LetterKind::Closed, "eigen");
        let letters = apply(
            base,
            &[
                version("letter.answer", Some("antwoord")),
                version("letter.closed", None),
                version("mail.receipt.subject", Some("x")),
                version("letter.nonsense", Some("y")),
            ],
        );
        assert_eq!(letters.source(LetterKind::Answer), "antwoord");
        assert!(!letters.is_overridden(LetterKind::Closed));
        assert_eq!(
            letter_kind_of(&letter_template_key(LetterKind::HearingRecord)),
            Some(LetterKind::HearingRecord)
        );
    }
}
