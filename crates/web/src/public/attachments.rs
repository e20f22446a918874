//! Attachments of the public form: limits, and the file type recognised by content.
//!
//! The name and the browser's stated type are not trusted: a file is accepted only when its
//! bytes are a PDF, JPEG, PNG, DOCX or ODT, and it is stored with the media type found here.
//! DOCX and ODT are ZIP archives; the archive's directory is read (no decompression needed) to
//! tell them from other ZIP files.
//!
//! The portal's "send a message" accepts files under the same rules: [`check`] and
//! [`too_many`] are the one wording of a refusal for both.

use crate::lang::Lang;

/// How many files and how large (the organisation's defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub max_files: usize,
    pub max_file_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_files: 5,
            max_file_bytes: 10 * 1024 * 1024,
        }
    }
}

/// A file type the form accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Pdf,
    Jpeg,
    Png,
    Docx,
    Odt,
}

impl Kind {
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Odt => ODT_MIMETYPE,
        }
    }
}

const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const ZIP_LOCAL: &[u8] = b"PK\x03\x04";

/// The accepted type of `bytes`, by content only.
pub(crate) fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(ZIP_LOCAL) {
        zip_kind(bytes)
    } else {
        None
    }
}

/// ODT: the first entry is `mimetype`, stored uncompressed, holding the ODF text type (ODF 1.2
/// part 3, 3.3). DOCX: the directory lists `[Content_Types].xml` and entries under `word/`.
fn zip_kind(bytes: &[u8]) -> Option<Kind> {
    if first_entry_is_odt_mimetype(bytes) {
        return Some(Kind::Odt);
    }
    let names = zip_names(bytes)?;
    let content_types = names.iter().any(|n| *n == b"[Content_Types].xml");
    let word = names.iter().any(|n| n.starts_with(b"word/"));
    (content_types && word).then_some(Kind::Docx)
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(4)?)?;
    usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok()
}

fn first_entry_is_odt_mimetype(b: &[u8]) -> bool {
    let check = || -> Option<bool> {
        let method = u16_at(b, 8)?;
        let name_len = u16_at(b, 26)?;
        let extra_len = u16_at(b, 28)?;
        let name = b.get(30..30 + name_len)?;
        let data = 30 + name_len + extra_len;
        let content = b.get(data..data + ODT_MIMETYPE.len())?;
        Some(method == 0 && name == b"mimetype" && content == ODT_MIMETYPE.as_bytes())
    };
    check().unwrap_or(false)
}

/// The entry names of the archive's central directory, or None when it is not well-formed.
fn zip_names(b: &[u8]) -> Option<Vec<&[u8]>> {
    // The end-of-central-directory record: 22 bytes plus a comment of at most 65 535.
    const EOCD: &[u8] = b"PK\x05\x06";
    let earliest = b.len().saturating_sub(22 + 65_535);
    let eocd = (earliest..=b.len().checked_sub(22)?)
        .rev()
        .find(|&i| b[i..].starts_with(EOCD))?;
    let entries = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)?;
    let mut names = Vec::with_capacity(entries);
    for _ in 0..entries {
        if !b.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = u16_at(b, at + 28)?;
        let extra_len = u16_at(b, at + 30)?;
        let comment_len = u16_at(b, at + 32)?;
        names.push(b.get(at + 46..at + 46 + name_len)?);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

/// The type of an uploaded file, or why it is refused (the message shown beside the file
/// field). `cut` says the upload went past `limits.max_file_bytes` and was not read further.
pub(crate) fn check(
    filename: &str,
    bytes: &[u8],
    cut: bool,
    limits: Limits,
    lang: Lang,
) -> Result<Kind, String> {
    let mb = limits.max_file_bytes / (1024 * 1024);
    if cut {
        Err(match lang {
            Lang::Nl => format!("{filename} is groter dan {mb} MB"),
            Lang::En => format!("{filename} is larger than {mb} MB"),
        })
    } else if bytes.is_empty() {
        Err(match lang {
            Lang::Nl => format!("{filename} is leeg"),
            Lang::En => format!("{filename} is empty"),
        })
    } else {
        sniff(bytes).ok_or_else(|| match lang {
            Lang::Nl => format!(
                "{filename} is geen PDF, JPEG, PNG, DOCX of ODT (het type wordt aan de inhoud herkend, niet aan de naam)"
            ),
            Lang::En => format!(
                "{filename} is not a PDF, JPEG, PNG, DOCX or ODT (the type is recognised by its content, not its name)"
            ),
        })
    }
}

/// The message for files beyond `limits.max_files` (shown once, however many there were).
pub(crate) fn too_many(limits: Limits, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("U kunt hoogstens {} bestanden meesturen", limits.max_files),
        Lang::En => format!("You can attach at most {} files", limits.max_files),
    }
}

/// The name to keep for an uploaded file: its last path component (some browsers send
/// `C:\fakepath\…`), without control characters, at most 200 characters; "bijlage" if empty.
pub(crate) fn clean_filename(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let name = name.trim();
    if name.is_empty() || name == "." || name == ".." {
        "bijlage".into()
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal stored ZIP with the given entries (name, content), as office suites write it.
    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in entries {
            let offset = out.len() as u32;
            let mut local = b"PK\x03\x04".to_vec();
            local.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method 0, time, date
            local.extend_from_slice(&[0; 4]); // crc (not checked here)
            local.extend_from_slice(&(data.len() as u32).to_le_bytes());
            local.extend_from_slice(&(data.len() as u32).to_le_bytes());
            local.extend_from_slice(&(name.len() as u16).to_le_bytes());
            local.extend_from_slice(&[0, 0]);
            local.extend_from_slice(name.as_bytes());
            local.extend_from_slice(data);
            out.extend_from_slice(&local);
            let mut c = b"PK\x01\x02".to_vec();
            c.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            c.extend_from_slice(&[0; 4]);
            c.extend_from_slice(&(data.len() as u32).to_le_bytes());
            c.extend_from_slice(&(data.len() as u32).to_le_bytes());
            c.extend_from_slice(&(name.len() as u16).to_le_bytes());
            c.extend_from_slice(&[0; 12]); // extra, comment, disk, internal attrs, external attrs
            c.extend_from_slice(&offset.to_le_bytes());
            c.extend_from_slice(name.as_bytes());
            central.extend_from_slice(&c);
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]);
        let n = entries.len() as u16;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn files_are_recognised_by_their_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(Kind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Kind::Png));
        assert_eq!(sniff(b"MZ\x90\0 an executable"), None);
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn word_and_odf_documents_are_told_from_other_zip_files() {
        let docx = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        assert_eq!(sniff(&docx), Some(Kind::Docx));
        let odt = zip(&[
            ("mimetype", ODT_MIMETYPE.as_bytes()),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(sniff(&odt), Some(Kind::Odt));
        let ods = zip(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        assert_eq!(sniff(&ods), None, "a spreadsheet is not a text document");
        let xlsx = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<w/>"),
        ]);
        assert_eq!(sniff(&xlsx), None);
        assert_eq!(sniff(&zip(&[("virus.exe", b"MZ")])), None);
        let mut truncated = docx.clone();
        truncated.truncate(docx.len() - 10);
        assert_eq!(
            sniff(&truncated),
            None,
            "a broken directory is refused, not a panic"
        );
    }

    #[test]
    fn file_names_lose_their_path_and_control_characters() {
        assert_eq!(clean_filename("C:\\fakepath\\brief.pdf"), "brief.pdf");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("foto\u{0}\n.png"), "foto.png");
        assert_eq!(clean_filename(""), "bijlage");
        assert_eq!(clean_filename("a/.."), "bijlage");
    }
}
