//! The file outbox: without SMTP settings, mail is written as `.eml` files under the data folder
//! and an administrator reads them on the outbox page. A fresh installation thus works end to end
//! before anyone configures a mail server.
//!
//! Files are named `<UTC timestamp>-<message-id>.eml`, so names sort by time and say which mail
//! they hold. A file is written under a hidden temporary name, flushed to disk and then renamed, so
//! a reader never sees half a message. Writing a Message-ID that is already in the outbox returns
//! the existing file: a job retried after a crash does not produce a second copy.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use jiff::Timestamp;
use tokio::io::AsyncWriteExt;

use super::{Delivery, SendError, Transport};
use crate::{BuildError, Mailbox, OutgoingMail};

/// `YYYYmmddTHHMMSS.ffffffZ`: the length of the time stamp that starts every name.
const STAMP_LEN: usize = 23;

/// A folder of `.eml` files.
#[derive(Debug, Clone)]
pub struct FileOutbox {
    dir: PathBuf,
}

/// One mail in the outbox, for the administrator's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// The file name; pass it to [`FileOutbox::read`].
    pub name: String,
    /// When the file was written, from its name.
    pub written_at: Option<Timestamp>,
    pub size: u64,
    pub to: Vec<Mailbox>,
    pub subject: String,
}

/// Why the outbox could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// Not the name of an outbox file: refused before touching the file system.
    #[error("{0:?} is not an outbox file name")]
    InvalidName(String),
    #[error("no outbox file {0:?}")]
    NotFound(String),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("outbox folder {dir}: {source}")]
    Io {
        dir: PathBuf,
        source: std::io::Error,
    },
}

impl FileOutbox {
    /// An outbox in `dir`; the folder is created when the first mail is written.
    pub fn new(dir: impl Into<PathBuf>) -> FileOutbox {
        FileOutbox { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `mail` and returns its file name (or that of an earlier copy with the same id).
    pub async fn write(&self, mail: &OutgoingMail) -> Result<String, OutboxError> {
        let raw = mail.to_rfc5322()?;
        let suffix = format!("-{}.eml", file_safe(mail.message_id.as_str()));
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(|e| self.io(e))?;
        if let Some(existing) = self
            .names()
            .await?
            .into_iter()
            .find(|n| n.get(STAMP_LEN..) == Some(suffix.as_str()))
        {
            return Ok(existing);
        }
        let name = format!("{}{suffix}", stamp(Timestamp::now()));
        let temp = self
            .dir
            .join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
        let written = async {
            let mut file = tokio::fs::File::create(&temp).await?;
            file.write_all(&raw).await?;
            file.sync_all().await?;
            drop(file);
            tokio::fs::rename(&temp, self.dir.join(&name)).await?;
            // Make the rename itself durable.
            tokio::fs::File::open(&self.dir).await?.sync_all().await
        }
        .await;
        if let Err(e) = written {
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(self.io(e));
        }
        Ok(name)
    }

    /// The mails in the outbox, newest first. Reads and parses every file, so it is meant for an
    /// outbox of a few hundred mails, not an archive.
    pub async fn list(&self) -> Result<Vec<OutboxEntry>, OutboxError> {
        let mut names = self.names().await?;
        names.sort_unstable_by(|a, b| b.cmp(a));
        let mut entries = Vec::with_capacity(names.len());
        for name in names {
            let raw = match tokio::fs::read(self.dir.join(&name)).await {
                Ok(raw) => raw,
                Err(e) if e.kind() == ErrorKind::NotFound => continue, // removed meanwhile
                Err(e) => return Err(self.io(e)),
            };
            let (to, subject) = match crate::parse(&raw) {
                Ok(m) => (m.to, m.subject),
                Err(_) => (Vec::new(), String::new()),
            };
            entries.push(OutboxEntry {
                written_at: written_at(&name),
                size: raw.len() as u64,
                to,
                subject,
                name,
            });
        }
        Ok(entries)
    }

    /// The raw message stored as `name`. Only names as [`FileOutbox::list`] returns them are
    /// accepted, so no path can lead outside the outbox.
    pub async fn read(&self, name: &str) -> Result<Vec<u8>, OutboxError> {
        if !is_outbox_name(name) {
            return Err(OutboxError::InvalidName(name.to_string()));
        }
        match tokio::fs::read(self.dir.join(name)).await {
            Ok(raw) => Ok(raw),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                Err(OutboxError::NotFound(name.to_string()))
            }
            Err(e) => Err(self.io(e)),
        }
    }

    async fn names(&self) -> Result<Vec<String>, OutboxError> {
        let mut dir = match tokio::fs::read_dir(&self.dir).await {
            Ok(dir) => dir,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io(e)),
        };
        let mut names = Vec::new();
        while let Some(entry) = dir.next_entry().await.map_err(|e| self.io(e))? {
            if let Some(name) = entry.file_name().to_str().filter(|n| is_outbox_name(n)) {
                names.push(name.to_string());
            }
        }
        Ok(names)
    }

    fn io(&self, source: std::io::Error) -> OutboxError {
        OutboxError::Io {
            dir: self.dir.clone(),
            source,
        }
    }
}

#[async_trait]
impl Transport for FileOutbox {
    async fn send(&self, mail: &OutgoingMail) -> Result<Delivery, SendError> {
        match self.write(mail).await {
            Ok(name) => Ok(Delivery::Outbox { name }),
            Err(OutboxError::Build(e)) => Err(e.into()),
            // A full or unwritable disk may be fixed; let the queue retry.
            Err(e) => Err(SendError::Transient {
                code: None,
                detail: e.to_string(),
            }),
        }
    }
}

fn stamp(t: Timestamp) -> String {
    format!(
        "{}.{:06}Z",
        t.strftime("%Y%m%dT%H%M%S"),
        t.subsec_microsecond()
    )
}

fn written_at(name: &str) -> Option<Timestamp> {
    let stamp = name.get(..STAMP_LEN)?;
    let (seconds, micros) = stamp.strip_suffix('Z')?.split_once('.')?;
    let civil = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", seconds).ok()?;
    let micros: i64 = micros.parse().ok()?;
    let at = jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()?;
    at.checked_add(jiff::SignedDuration::from_micros(micros))
        .ok()
}

/// Message-IDs are visible ASCII; in a file name only letters, digits and `.@_-` are kept.
fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".@_-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A name this outbox could have written: no separators, not hidden, ends in `.eml`.
fn is_outbox_name(name: &str) -> bool {
    name.len() <= 255
        && name.len() > ".eml".len()
        && name.ends_with(".eml")
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".@_-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_give_the_time_back() {
        let t: Timestamp = "2026-04-15T10:11:12.345678Z".parse().unwrap();
        let name = format!("{}-abc@x.nl.eml", stamp(t));
        assert_eq!(name, "20260415T101112.345678Z-abc@x.nl.eml");
        assert_eq!(written_at(&name), Some(t));
        assert!(stamp(t) < stamp("2026-04-15T10:11:12.345679Z".parse().unwrap()));
    }

    #[test]
    fn only_plain_eml_names_are_outbox_names() {
        assert!(is_outbox_name("20260415T101112.345678Z-abc@x.nl.eml"));
        for bad in [
            "../x.eml",
            "a/b.eml",
            "..\\x.eml",
            ".hidden.eml",
            "x.txt",
            ".eml",
            "x.eml\0",
            "/etc/passwd",
        ] {
            assert!(!is_outbox_name(bad), "{bad:?}");
        }
    }
}
