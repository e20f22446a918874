//! Tags as the HTML-to-text scanner sees them: a name, whether it closes, and attributes to
//! read on demand. Lenient by design: a tag without `>` runs to the end of the input, quoted
//! attribute values may contain `>`.

use super::Text;

/// Everything after the element `name` is closed; the rest of the input when it never is.
pub(super) fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let mut search = rest;
    while let Some(lt) = search.find("</") {
        let after = &search[lt + 2..];
        let matches = after
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && !after[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric());
        if matches {
            return after.find('>').map_or("", |gt| &after[gt + 1..]);
        }
        search = after;
    }
    ""
}

/// A start or end tag: its lower-case name, whether it closes, its raw attributes and its length.
pub(super) struct Tag<'a> {
    pub(super) name: String,
    pub(super) closing: bool,
    attrs: &'a str,
    pub(super) len: usize,
}

impl<'a> Tag<'a> {
    /// `s` starts with `<`. `None` when it is not a tag (a lone `<` in text).
    pub(super) fn parse(s: &'a str) -> Option<Tag<'a>> {
        let body = &s[1..];
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let declaration = body.starts_with(['!', '?']);
        if !declaration && !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '!' && c != '?')
            .unwrap_or(body.len());
        // Find the closing `>`, skipping quoted attribute values.
        let mut quote = None;
        let mut end = None;
        for (i, c) in body.char_indices().skip(name_len) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.unwrap_or(body.len());
        let len = s.len() - body.len() + (end + 1).min(body.len());
        let name = if declaration {
            String::new()
        } else {
            body[..name_len].to_ascii_lowercase()
        };
        Some(Tag {
            name,
            closing,
            attrs: &body[name_len..end],
            len,
        })
    }

    /// An attribute's decoded value.
    pub(super) fn attr(&self, wanted: &str) -> Option<String> {
        let mut rest = self.attrs;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let name_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            rest = rest[name_end..].trim_start();
            let mut value = "";
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start();
                let (val, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v[1..].split_once(q).unwrap_or((&v[1..], "")),
                    _ => v.split_at(v.find(char::is_whitespace).unwrap_or(v.len())),
                };
                value = val;
                rest = after;
            }
            if name.eq_ignore_ascii_case(wanted) {
                let mut decoded = Text::default();
                decoded.push_text(value, true);
                return Some(decoded.buf.trim().to_string());
            }
        }
    }
}
