//! Polling an IMAP mailbox for replies and new complaints.
//!
//! Every message in the watched folder is unprocessed; a handled message is moved to the
//! processed folder (MOVE where the server offers it, else COPY, `\Deleted` and EXPUNGE), so the
//! mailbox itself is the record of what is left to do and no local state can drift from it.
//!
//! # The caller's contract: record first, then mark
//!
//! For each [`FetchedMessage`] the caller (the app's intake) stores the message, deduplicating on
//! its Message-ID (or a hash of the raw bytes when it has none), and commits; only then does it
//! call [`ImapFetcher::mark_processed`]. A crash between the two leaves the message in the folder,
//! so the next poll fetches it again and the deduplication absorbs it: a message is never lost
//! and never recorded twice. Marking first would lose a message on such a crash. A message that
//! cannot be parsed is recorded as such (raw bytes kept) and marked too, or it would be fetched
//! on every poll.

mod connect;
mod types;

use std::fmt;
use std::time::Duration;

use async_imap::Session;
use futures_util::TryStreamExt;

use connect::BoxedStream;
pub use types::{FetchedMessage, ImapConfig, ImapError};

/// At most this many messages per [`ImapFetcher::fetch_unprocessed`] call, oldest first, so a
/// flooded mailbox is worked off in bounded steps. Call again after marking them.
pub const FETCH_BATCH: usize = 50;

/// At most this many bytes of messages per fetch (but always at least one message), so a few
/// large attachments cannot exhaust memory.
pub const FETCH_BYTES: u64 = 64 * 1024 * 1024;

/// Each network step (connect, log in, every command) must finish within this time.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

/// A logged-in session on the polled folder.
pub struct ImapFetcher {
    session: Session<BoxedStream>,
    processed_folder: String,
    /// The server offers MOVE (RFC 6851).
    can_move: bool,
    /// The server offers UID EXPUNGE (RFC 4315), which removes only the messages named.
    can_uid_expunge: bool,
    processed_folder_checked: bool,
}

impl fmt::Debug for ImapFetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapFetcher")
            .field("processed_folder", &self.processed_folder)
            .field("can_move", &self.can_move)
            .field("can_uid_expunge", &self.can_uid_expunge)
            .finish_non_exhaustive()
    }
}

async fn step<T, E>(fut: impl Future<Output = Result<T, E>>) -> Result<T, ImapError>
where
    ImapError: From<E>,
{
    match tokio::time::timeout(STEP_TIMEOUT, fut).await {
        Ok(result) => result.map_err(ImapError::from),
        Err(_) => Err(ImapError::Timeout(STEP_TIMEOUT)),
    }
}

impl ImapFetcher {
    /// Connects, logs in and selects the polled folder.
    pub async fn connect(config: &ImapConfig) -> Result<ImapFetcher, ImapError> {
        let stream = step(connect::open(config)).await?;
        let mut client = async_imap::Client::new(stream);
        let greeting = step(async {
            client
                .read_response()
                .await
                .map_err(async_imap::error::Error::from)
        })
        .await?;
        if greeting.is_none() {
            return Err(ImapError::NoGreeting);
        }
        let login =
            tokio::time::timeout(STEP_TIMEOUT, client.login(&config.user, &config.password));
        let mut session = match login.await {
            Ok(Ok(session)) => session,
            Ok(Err((e, _client))) => {
                return Err(ImapError::Login {
                    user: config.user.clone(),
                    detail: e.to_string(),
                });
            }
            Err(_) => return Err(ImapError::Timeout(STEP_TIMEOUT)),
        };
        let capabilities = step(session.capabilities()).await?;
        let can_move = capabilities.has_str("MOVE");
        let can_uid_expunge = capabilities.has_str("UIDPLUS");
        step(session.select(&config.folder)).await?;
        tracing::debug!(imap.host = %config.host, imap.folder = %config.folder, can_move, can_uid_expunge, "IMAP session ready");
        Ok(ImapFetcher {
            session,
            processed_folder: config.processed_folder.clone(),
            can_move,
            can_uid_expunge,
            processed_folder_checked: false,
        })
    }

    /// The oldest (lowest UID) messages still in the polled folder: up to [`FETCH_BATCH`] of them
    /// and [`FETCH_BYTES`] in size. Fetching does not change them (not even the `\Seen` flag).
    pub async fn fetch_unprocessed(&mut self) -> Result<Vec<FetchedMessage>, ImapError> {
        // UNDELETED: a message whose COPY succeeded but whose EXPUNGE did not is already processed.
        let mut uids: Vec<u32> = step(self.session.uid_search("UNDELETED"))
            .await?
            .into_iter()
            .collect();
        uids.sort_unstable();
        uids.truncate(FETCH_BATCH);
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let uids = self.within_byte_budget(&uids).await?;
        let set = uid_set(&uids);
        let session = &mut self.session;
        let fetches = step(async {
            let stream = session.uid_fetch(&set, "(UID BODY.PEEK[])").await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await?;
        let mut messages: Vec<FetchedMessage> = fetches
            .iter()
            .filter_map(|f| {
                Some(FetchedMessage {
                    uid: f.uid?,
                    raw: f.body()?.to_vec(),
                })
            })
            .filter(|m| uids.binary_search(&m.uid).is_ok())
            .collect();
        messages.sort_by_key(|m| m.uid);
        messages.dedup_by_key(|m| m.uid);
        Ok(messages)
    }

    /// Moves message `uid` out of the polled folder into the processed folder. Marking a message
    /// that is no longer there does nothing. Call it only after the message is recorded (see the
    /// module documentation).
    pub async fn mark_processed(&mut self, uid: u32) -> Result<(), ImapError> {
        self.ensure_processed_folder().await?;
        let set = uid.to_string();
        let target = self.processed_folder.clone();
        let session = &mut self.session;
        if self.can_move {
            return step(session.uid_mv(&set, &target)).await;
        }
        step(session.uid_copy(&set, &target)).await?;
        step(async {
            session
                .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        if self.can_uid_expunge {
            step(async {
                session
                    .uid_expunge(&set)
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await?;
        } else {
            // Without UIDPLUS, EXPUNGE also removes messages others flagged \Deleted in this
            // folder; on a mailbox dedicated to the intake that is what they asked for.
            step(async { session.expunge().await?.try_collect::<Vec<_>>().await }).await?;
        }
        Ok(())
    }

    /// The first of `uids` whose sizes add up to at most [`FETCH_BYTES`], and always the first
    /// one, so a single huge message still gets through.
    async fn within_byte_budget(&mut self, uids: &[u32]) -> Result<Vec<u32>, ImapError> {
        let session = &mut self.session;
        let sizes = step(async {
            let stream = session
                .uid_fetch(uid_set(uids), "(UID RFC822.SIZE)")
                .await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await?;
        let size_of = |uid: u32| {
            sizes
                .iter()
                .find(|f| f.uid == Some(uid))
                .and_then(|f| f.size)
                .map_or(0, u64::from)
        };
        let sized: Vec<(u32, u64)> = uids.iter().map(|&uid| (uid, size_of(uid))).collect();
        Ok(take_within(&sized, FETCH_BYTES))
    }

    /// Ends the session politely.
    pub async fn logout(mut self) -> Result<(), ImapError> {
        step(self.session.logout()).await
    }

    async fn ensure_processed_folder(&mut self) -> Result<(), ImapError> {
        if self.processed_folder_checked {
            return Ok(());
        }
        if step(self.session.status(&self.processed_folder, "(MESSAGES)"))
            .await
            .is_err()
        {
            tracing::info!(imap.folder = %self.processed_folder, "creating the IMAP folder for processed mail");
            step(self.session.create(&self.processed_folder)).await?;
        }
        self.processed_folder_checked = true;
        Ok(())
    }
}

/// The leading UIDs whose sizes add up to at most `budget`, and at least the first.
fn take_within(sized: &[(u32, u64)], budget: u64) -> Vec<u32> {
    let mut total = 0;
    let mut chosen = Vec::new();
    for &(uid, size) in sized {
        total += size;
        if total > budget && !chosen.is_empty() {
            break;
        }
        chosen.push(uid);
    }
    chosen
}

/// `1,5,7`: an IMAP sequence set of these UIDs.
fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_stays_within_the_byte_budget_but_never_starves() {
        assert_eq!(take_within(&[(1, 40), (2, 40), (3, 40)], 100), [1, 2]);
        assert_eq!(
            take_within(&[(1, 500), (2, 1)], 100),
            [1],
            "one huge message still comes"
        );
        assert_eq!(take_within(&[(1, 10), (2, 10)], 100), [1, 2]);
        assert!(take_within(&[], 100).is_empty());
    }
}
