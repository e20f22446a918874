//! HTML-only mail reduced to plain text, for staff to read and for the complaint record.
//!
//! The result is text, never markup: tags are dropped, entities decoded, the contents of
//! `<script>`, `<style>`, `<head>` and similar elements removed entirely, and link targets written
//! out after the link text so staff can see where a link points without clicking it. Block
//! elements become line breaks. Like any text from outside, the result must still be escaped
//! where it is shown as HTML (the askama templates do that).
//!
//! A small scanner instead of an HTML parser crate: mail HTML only needs to become readable text,
//! and malformed input (unclosed tags, stray `<`) must degrade to text rather than fail.

mod tag;

use super::entities::decode_entity;
use tag::{Tag, skip_element};

/// Kept through whitespace collapsing (it is what makes an empty paragraph a blank line), written
/// as a plain space at the end.
const NBSP: char = '\u{a0}';

/// Elements whose whole content is dropped.
const SKIPPED: &[&str] = &[
    "script", "style", "head", "title", "template", "iframe", "object", "svg", "math", "noscript",
];

/// Elements that start on a new line. Paragraphs too: Outlook writes each line as a `<p>` and a
/// blank line as `<p>&nbsp;</p>`, so a paragraph is a line and the no-break space keeps the blank.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Converts HTML to plain text (see the module documentation).
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = Text::default();
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut pre_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push_text(rest, pre_depth > 0);
            break;
        };
        out.push_text(&rest[..lt], pre_depth > 0);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            out.push_text("<", pre_depth > 0);
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if !tag.closing && SKIPPED.contains(&tag.name.as_str()) {
            rest = skip_element(rest, &tag.name);
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("br", _) => out.line_break(),
            ("hr", false) => out.block("----"),
            ("li", false) => out.block("- "),
            ("td" | "th", false) => out.push_text(" ", false),
            ("pre", false) => {
                pre_depth += 1;
                out.newline();
            }
            ("pre", true) => {
                pre_depth = pre_depth.saturating_sub(1);
                out.newline();
            }
            ("a", false) => links.push((tag.attr("href").unwrap_or_default(), out.buf.len())),
            ("a", true) => {
                if let Some((href, start)) = links.pop() {
                    out.link_target(&href, start);
                }
            }
            ("img", false) => {
                if let Some(alt) = tag.attr("alt").filter(|a| !a.trim().is_empty()) {
                    out.push_text(&format!("[{}]", alt.trim()), false);
                }
            }
            (name, _) if BLOCKS.contains(&name) => out.newline(),
            _ => {}
        }
    }
    out.finish()
}

/// The text being built: collapses whitespace outside `<pre>` and keeps at most one blank line.
#[derive(Default)]
struct Text {
    buf: String,
    pending_space: bool,
}

impl Text {
    fn push_text(&mut self, raw: &str, preformatted: bool) {
        let mut rest = raw;
        while let Some(c) = rest.chars().next() {
            let (decoded, used) = if c == '&' {
                decode_entity(rest)
            } else {
                (Some(c), c.len_utf8())
            };
            rest = &rest[used..];
            let c = decoded.unwrap_or('&');
            if preformatted && matches!(c, '\n' | '\t' | ' ') {
                self.buf.push(c);
                self.pending_space = false;
            } else if c != NBSP && (c.is_whitespace() || c.is_control()) {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with(['\n', ' ']) {
                    self.buf.push(' ');
                }
                self.pending_space = false;
                self.buf.push(c);
            }
        }
    }

    /// Continues on a new line, unless already at the start of one.
    fn newline(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.pending_space = false;
    }

    /// `<br>`: always ends the line, so two of them leave a blank line.
    fn line_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        self.buf.push('\n');
        self.pending_space = false;
    }

    fn block(&mut self, prefix: &str) {
        self.newline();
        self.buf.push_str(prefix);
    }

    /// Writes ` (href)` after the link text, unless the text already is the target.
    fn link_target(&mut self, href: &str, start: usize) {
        let shown = self.buf.get(start..).unwrap_or_default().trim();
        let target = href.strip_prefix("mailto:").unwrap_or(href);
        let scheme_ok = ["http://", "https://", "mailto:"].iter().any(|s| {
            href.len() > s.len()
                && href
                    .get(..s.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(s))
        });
        if scheme_ok && shown != target && shown != href {
            let prefix = if shown.is_empty() { "" } else { " " };
            self.buf.push_str(&format!("{prefix}({target})"));
        }
    }

    fn finish(self) -> String {
        let buf = self.buf.replace(NBSP, " ");
        let lines: Vec<&str> = buf.lines().map(str::trim_end).collect();
        let mut text = String::new();
        let mut blank = 0;
        for line in lines {
            blank = if line.is_empty() { blank + 1 } else { 0 };
            if blank < 2 {
                text.push_str(line);
                text.push('\n');
            }
        }
        text.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn drops_scripts_styles_and_comments() {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head><body>\
            <script type=\"text/javascript\">alert('x</p>')</script><!-- geheim --><p>Zichtbaar</p></body></html>";
        assert_eq!(html_to_text(html), "Zichtbaar");
    }

    #[test]
    fn decodes_entities_and_collapses_whitespace() {
        assert_eq!(
            html_to_text("<p>caf&eacute;&nbsp;&amp;  &#233;t&#xE9;\n  &lt;b&gt; &bogus;</p>"),
            "café & été <b> &bogus;"
        );
    }

    #[test]
    fn keeps_link_targets_as_text() {
        let html = r#"<p>Zie <a href="https://example.nl/x?a=1&amp;b=2">de site</a> of <a href='https://e.nl'>https://e.nl</a>
            en <a href="mailto:jan@example.nl">jan@example.nl</a>; <a href="javascript:alert(1)">klik</a></p>"#;
        assert_eq!(
            html_to_text(html),
            "Zie de site (https://example.nl/x?a=1&b=2) of https://e.nl en jan@example.nl; klik"
        );
    }

    #[test]
    fn blocks_lists_and_breaks_become_lines() {
        let html =
            "<div>Geachte heer,<br>Regel twee</div><ul><li>een</li><li>twee</li></ul><p>Groet</p>";
        assert_eq!(
            html_to_text(html),
            "Geachte heer,\nRegel twee\n- een\n- twee\nGroet"
        );
        let outlook = "<p class=MsoNormal>Beste,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p>Tekst</p>";
        assert_eq!(html_to_text(outlook), "Beste,\n\nTekst");
        let gmail = "<div dir=\"ltr\">Beste,<div><br></div><div>Tekst</div></div>";
        assert_eq!(html_to_text(gmail), "Beste,\n\nTekst");
    }

    #[test]
    fn malformed_markup_degrades_to_text() {
        assert_eq!(html_to_text("a < b en 3<4 <p>x"), "a < b en 3<4\nx");
        assert_eq!(
            html_to_text("<p title=\"a>b\">tekst</p><script>nooit gesloten"),
            "tekst"
        );
        assert_eq!(html_to_text("<pre>  a\n  b</pre>"), "a\n  b");
    }

    proptest::proptest! {
        #[test]
        fn any_input_becomes_text_without_control_characters(html in "(<[a-z/!]{0,8}|[^<]{0,6}|&#?[a-z0-9]{0,6};?|<a href=['\"]?[^>]{0,10}>|é|>)*") {
            let text = html_to_text(&html);
            proptest::prop_assert!(text.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
        }
    }
}
