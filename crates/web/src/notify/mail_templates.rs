//! The beheerder's own wording for the complainant's e-mails: subject, text part and HTML part
//! of the receipt, the portal-link mail and the letter's cover mail.
//!
//! The built-in mails are askama templates, compiled into the binary. An override is plain
//! text with placeholders, `{{ naam }}`, from a fixed list per mail ([`MailKind::placeholders`]);
//! there are no conditions, loops or expressions, so an administrator's template cannot run
//! anything or reach data the mail does not already show. In the HTML part every value is
//! HTML-escaped (line breaks become `<br>`); the template's own markup is the administrator's.
//! A template that names an unknown placeholder or leaves `{{` open is refused when it is
//! saved. Each part is overridden on its own; an empty part keeps the built-in one.
//!
//! Stored as versions in `template_versions` under `mail.<mail>.<part>` (see the store), read
//! by the mail jobs for every mail, like the letter templates.

use store::{Store, StoreError};

/// A complainant's e-mail whose wording may be overridden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Receipt,
    PortalLink,
    LetterCover,
}

/// A part of a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Subject,
    Text,
    Html,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Subject, Part::Text, Part::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Text => "text",
            Part::Html => "html",
        }
    }
}

impl MailKind {
    pub const ALL: [MailKind; 3] = [
        MailKind::Receipt,
        MailKind::PortalLink,
        MailKind::LetterCover,
    ];

    /// The name in URLs and storage keys.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Receipt => "receipt",
            MailKind::PortalLink => "portal_link",
            MailKind::LetterCover => "letter",
        }
    }

    pub fn parse(name: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The name of the mail in `lang`, for the beheerder's pages.
    pub fn title(self, lang: crate::lang::Lang) -> &'static str {
        let en = match self {
            MailKind::Receipt => "Acknowledgement of receipt",
            MailKind::PortalLink => "New personal link",
            MailKind::LetterCover => "Cover e-mail of a letter",
        };
        lang.t(self.title_nl(), en)
    }

    /// What placeholder `name` of [`MailKind::placeholders`] stands for, in `lang`.
    pub fn meaning(self, name: &str, lang: crate::lang::Lang) -> &'static str {
        let Some((_, nl, _)) = self.placeholders().iter().find(|(n, _, _)| *n == name) else {
            return "";
        };
        let en = match name {
            "naam" => "name of the complainant",
            "kenmerk" => "reference of the complaint",
            "ontvangen" => "date of receipt",
            "vervolg" => "what happens next: one line per term",
            "link" => "personal link to the complaint",
            "brief" => "kind of letter",
            "datum" => "date of the letter",
            "organisatie" => "name of the organisation",
            _ => nl,
        };
        lang.t(nl, en)
    }

    pub fn title_nl(self) -> &'static str {
        match self {
            MailKind::Receipt => "Ontvangstbevestiging",
            MailKind::PortalLink => "Nieuwe persoonlijke link",
            MailKind::LetterCover => "Begeleidende mail bij een brief",
        }
    }

    /// The placeholders this mail fills in: name, meaning, and the sample value of the preview.
    pub fn placeholders(self) -> &'static [(&'static str, &'static str, &'static str)] {
        const NAME: (&str, &str, &str) = ("naam", "naam van de klager", "A. de Vries");
        const REFERENCE: (&str, &str, &str) = ("kenmerk", "kenmerk van de klacht", "K-2026-000123");
        const LINK: (&str, &str, &str) = (
            "link",
            "persoonlijke link naar de klacht",
            "https://klachten.example.nl/mijn-klacht/voorbeeld",
        );
        match self {
            MailKind::Receipt => &[
                NAME,
                REFERENCE,
                ("ontvangen", "datum van ontvangst", "maandag 13 april 2026"),
                (
                    "vervolg",
                    "wat er nu gebeurt: één regel per termijn",
                    "- Contact opnemen: uiterlijk woensdag 15 april 2026 (2 werkdagen na ontvangst)",
                ),
                LINK,
            ],
            MailKind::PortalLink => &[NAME, REFERENCE, LINK],
            MailKind::LetterCover => &[
                NAME,
                REFERENCE,
                ("brief", "soort brief", "Reactie op uw klacht"),
                ("datum", "dagtekening van de brief", "maandag 20 april 2026"),
                (
                    "organisatie",
                    "naam van de organisatie",
                    "Gemeente Voorbeeld",
                ),
            ],
        }
    }

    /// The preview's values.
    pub fn sample(self) -> Vec<(&'static str, String)> {
        self.placeholders()
            .iter()
            .map(|(name, _, sample)| (*name, (*sample).to_owned()))
            .collect()
    }
}

/// `{{ name }}`: how a template names a placeholder.
pub fn placeholder(name: &str) -> String {
    format!("{{{{ {name} }}}}")
}

/// The built-in wording of `kind` as a template of placeholders, where the beheerder's editor
/// starts (rendered with the mail's values it gives the built-in mail; only the receipt's HTML
/// lists the deadlines as plain lines instead of a styled list, and the answer's cover mail has
/// its own subject).
pub fn builtin_template(kind: MailKind) -> Wording {
    let rendered = match kind {
        MailKind::Receipt => super::receipt::builtin_template(),
        MailKind::PortalLink => super::portal_link::builtin_template(),
        MailKind::LetterCover => Ok(super::letter::cover_template()),
    };
    // Their fields are plain strings, which always render (the unit test renders each).
    rendered.expect("the built-in mail templates render")
}

impl Wording {
    /// The part `part`.
    pub fn part(&self, part: Part) -> &str {
        match part {
            Part::Subject => &self.subject,
            Part::Text => &self.text,
            Part::Html => &self.html,
        }
    }
}

/// The storage key of a part: `mail.<mail>.<part>`.
pub fn key(kind: MailKind, part: Part) -> String {
    format!("mail.{}.{}", kind.as_str(), part.as_str())
}

/// Why a template cannot be used (Dutch, for beside the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    #[error("‘{{{{ {0} }}}}’ bestaat niet in deze e-mail; gebruik een van: {1}.")]
    Unknown(String, String),
    #[error("Er staat een ‘{{{{’ zonder ‘}}}}’ erachter.")]
    Unclosed,
}

impl PlaceholderError {
    /// The message in `lang` (Dutch is the [`Display`](std::fmt::Display) text).
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (_, crate::lang::Lang::Nl) => self.to_string(),
            (PlaceholderError::Unknown(name, known), crate::lang::Lang::En) => {
                format!("‘{{{{ {name} }}}}’ does not exist in this e-mail; use one of: {known}.")
            }
            (PlaceholderError::Unclosed, crate::lang::Lang::En) => {
                "There is a ‘{{’ without a ‘}}’ after it.".to_owned()
            }
        }
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>\n"),
            c => out.push(c),
        }
    }
    out
}

/// `template` with each `{{ name }}` replaced by its value (escaped when `html`).
///
/// # Errors
/// A placeholder not in `values`, or an unclosed `{{`.
pub fn render(
    template: &str,
    values: &[(&str, String)],
    html: bool,
) -> Result<String, PlaceholderError> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or(PlaceholderError::Unclosed)?;
        let name = after[..end].trim();
        let Some((_, value)) = values.iter().find(|(n, _)| *n == name) else {
            let known: Vec<String> = values
                .iter()
                .map(|(n, _)| format!("{{{{ {n} }}}}"))
                .collect();
            return Err(PlaceholderError::Unknown(name.to_owned(), known.join(", ")));
        };
        if html {
            out.push_str(&escape_html(value));
        } else {
            out.push_str(value);
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks `template` as a part of `kind` with its sample values: the preview.
///
/// # Errors
/// See [`render`].
pub fn preview(kind: MailKind, part: Part, template: &str) -> Result<String, PlaceholderError> {
    let rendered = render(template, &kind.sample(), part == Part::Html)?;
    Ok(one_line(part, rendered))
}

/// A subject is one line.
fn one_line(part: Part, text: String) -> String {
    if part == Part::Subject {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text
    }
}

/// The overrides in force for `kind`, by part (None: the built-in part).
pub async fn overrides(
    store: &dyn Store,
    kind: MailKind,
) -> Result<[Option<String>; 3], StoreError> {
    let current = store.current_templates().await?;
    Ok(Part::ALL.map(|part| {
        let key = key(kind, part);
        current
            .iter()
            .find(|v| v.kind == key)
            .and_then(|v| v.source.clone())
            .filter(|s| !s.trim().is_empty())
    }))
}

/// A mail as the jobs build it: subject, text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// `builtin` with the parts the beheerder overrode for `kind` rendered with `values`.
///
/// # Errors
/// The store cannot be read, or a stored template does not fit (a message for the job's log).
pub async fn apply(
    store: &dyn Store,
    kind: MailKind,
    values: &[(&str, String)],
    builtin: Wording,
) -> Result<Wording, app::worker::JobError> {
    use app::worker::JobError;
    let parts = overrides(store, kind)
        .await
        .map_err(|e| JobError::Transient(e.to_string()))?;
    let fill = |part: Part, own: &Option<String>, builtin: String| match own {
        None => Ok(builtin),
        Some(template) => render(template, values, part == Part::Html)
            .map(|t| one_line(part, t))
            .map_err(|e| JobError::Permanent(format!("{}: {e}", key(kind, part)))),
    };
    let [subject, text, html] = &parts;
    Ok(Wording {
        subject: fill(Part::Subject, subject, builtin.subject)?,
        text: fill(Part::Text, text, builtin.text)?,
        html: fill(Part::Html, html, builtin.html)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_escaped_in_html_only() {
        let values = [
            ("naam", "Jan <b>& co".to_owned()),
            ("kenmerk", "K-1".to_owned()),
        ];
        assert_eq!(
            render("Beste {{naam}}, kenmerk {{ kenmerk }}.", &values, false).unwrap(),
            "Beste Jan <b>& co, kenmerk K-1."
        );
        assert_eq!(
            render("<p>Beste {{ naam }}</p>", &values, true).unwrap(),
            "<p>Beste Jan &lt;b&gt;&amp; co</p>"
        );
        let lines = [("vervolg", "een\ntwee".to_owned())];
        assert_eq!(
            render("{{vervolg}}", &lines, true).unwrap(),
            "een<br>\ntwee"
        );
    }

    #[test]
    fn unknown_or_unclosed_placeholders_are_refused_in_dutch() {
        let values = [("naam", "Jan".to_owned())];
        let err = render("Beste {{ voornaam }}", &values, false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "‘{{ voornaam }}’ bestaat niet in deze e-mail; gebruik een van: {{ naam }}."
        );
        assert_eq!(
            render("Beste {{ naam", &values, false),
            Err(PlaceholderError::Unclosed)
        );
        assert_eq!(render("Geen", &values, false).unwrap(), "Geen");
    }

    #[test]
    fn the_built_in_wording_as_a_template_gives_the_built_in_mail() {
        // Filled in with the sample values, the template the editor starts from is the mail
        // the job builds from the same values (the receipt's HTML lists the deadlines as lines).
        let sample = |kind: MailKind, name: &str| {
            kind.sample()
                .into_iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v)
                .unwrap()
        };
        let receipt = builtin_template(MailKind::Receipt);
        let values = MailKind::Receipt.sample();
        let fill = |t: &str| render(t, &values, false).unwrap();
        assert_eq!(
            fill(&receipt.subject),
            "Ontvangstbevestiging van uw klacht K-2026-000123"
        );
        let text = fill(&receipt.text);
        assert!(text.starts_with("Beste A. de Vries,\n\nWij hebben uw klacht ontvangen op maandag 13 april 2026. Uw kenmerk is K-2026-000123."), "{text}");
        assert!(
            text.contains(&format!(
                "Wat er nu gebeurt:\n{}\n\nVolg",
                sample(MailKind::Receipt, "vervolg")
            )),
            "{text}"
        );
        assert!(
            receipt.html.contains("<p>Beste {{ naam }},</p>"),
            "{}",
            receipt.html
        );
        assert!(
            receipt.html.contains("<p>{{ vervolg }}</p>"),
            "{}",
            receipt.html
        );

        let link = builtin_template(MailKind::PortalLink);
        assert_eq!(
            link.subject,
            "Uw persoonlijke link voor klacht {{ kenmerk }}"
        );
        assert!(link.text.contains("\n{{ link }}\n"), "{}", link.text);
        assert!(
            link.html.contains("<a href=\"{{ link }}\">"),
            "{}",
            link.html
        );

        let cover = builtin_template(MailKind::LetterCover);
        assert_eq!(cover.subject, "{{ brief }}: uw klacht {{ kenmerk }}");
        assert!(
            cover
                .text
                .ends_with("Met vriendelijke groet,\n{{ organisatie }}\n"),
            "{}",
            cover.text
        );
        // Every part renders with its mail's placeholders: none names an unknown one.
        for kind in MailKind::ALL {
            let w = builtin_template(kind);
            for part in Part::ALL {
                preview(kind, part, w.part(part)).unwrap();
            }
        }
    }

    #[test]
    fn a_subject_preview_is_one_line_with_sample_values() {
        let subject = preview(MailKind::Receipt, Part::Subject, "Klacht\n{{ kenmerk }}").unwrap();
        assert_eq!(subject, "Klacht K-2026-000123");
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
    }
}
