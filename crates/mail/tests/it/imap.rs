//! Polling a real Dovecot: fetch, mark processed, and never fetch a processed message again.

use mail::{ImapError, ImapFetcher};

use crate::dovecot::{self, Dovecot, Flavour};

fn message(n: u32) -> Vec<u8> {
    format!(
        "From: Jan Jansen <jan@example.nl>\r\nTo: intake@voorbeeld.nl\r\nSubject: Bericht {n}\r\n\
         Message-ID: <bericht-{n}@example.nl>\r\nDate: Tue, 14 Apr 2026 09:3{n}:00 +0200\r\n\r\nTekst {n}.\r\n"
    )
    .into_bytes()
}

fn ids(messages: &[mail::FetchedMessage]) -> Vec<String> {
    messages
        .iter()
        .map(|m| {
            mail::parse(&m.raw)
                .unwrap()
                .message_id
                .unwrap()
                .as_str()
                .to_string()
        })
        .collect()
}

async fn seed(server: &Dovecot, count: u32) {
    for n in 1..=count {
        dovecot::append(server, "INBOX", &message(n)).await;
    }
}

/// Fetches, marks everything processed in two rounds, and checks that a restarted fetcher finds
/// nothing while the processed folder holds every message.
async fn fetch_mark_and_restart(server: &Dovecot) {
    seed(server, 3).await;
    assert_eq!(
        dovecot::count(server, "Verwerkt").await,
        None,
        "the processed folder does not exist yet"
    );
    let mut fetcher = ImapFetcher::connect(&server.config()).await.unwrap();

    let first = fetcher.fetch_unprocessed().await.unwrap();
    assert_eq!(
        ids(&first),
        [
            "bericht-1@example.nl",
            "bericht-2@example.nl",
            "bericht-3@example.nl"
        ]
    );
    assert_eq!(first[0].raw, message(1));
    fetcher.mark_processed(first[0].uid).await.unwrap();
    fetcher.mark_processed(first[1].uid).await.unwrap();

    let second = fetcher.fetch_unprocessed().await.unwrap();
    assert_eq!(ids(&second), ["bericht-3@example.nl"]);
    fetcher.mark_processed(second[0].uid).await.unwrap();
    fetcher.mark_processed(second[0].uid).await.unwrap(); // marking twice does no harm
    assert!(fetcher.fetch_unprocessed().await.unwrap().is_empty());
    fetcher.logout().await.unwrap();

    let mut restarted = ImapFetcher::connect(&server.config()).await.unwrap();
    assert!(restarted.fetch_unprocessed().await.unwrap().is_empty());
    restarted.logout().await.unwrap();
    assert_eq!(dovecot::count(server, "INBOX").await, Some(0));
    assert_eq!(dovecot::count(server, "Verwerkt").await, Some(3));
}

#[tokio::test]
async fn processed_messages_move_and_are_never_fetched_again() {
    let Some(server) = Dovecot::start(Flavour::Full) else {
        return;
    };
    fetch_mark_and_restart(&server).await;
}

#[tokio::test]
async fn without_move_messages_are_copied_deleted_and_expunged() {
    let Some(server) = Dovecot::start(Flavour::WithoutMoveOrUidplus) else {
        return;
    };
    let probe = ImapFetcher::connect(&server.config()).await.unwrap();
    let shown = format!("{probe:?}");
    assert!(
        shown.contains("can_move: false") && shown.contains("can_uid_expunge: false"),
        "{shown}"
    );
    probe.logout().await.unwrap();

    fetch_mark_and_restart(&server).await;
}

#[tokio::test]
async fn a_crash_before_marking_fetches_the_message_again() {
    let Some(server) = Dovecot::start(Flavour::Full) else {
        return;
    };
    seed(&server, 1).await;

    let mut crashed = ImapFetcher::connect(&server.config()).await.unwrap();
    let before = crashed.fetch_unprocessed().await.unwrap();
    drop(crashed); // recorded perhaps, but never marked

    let mut next = ImapFetcher::connect(&server.config()).await.unwrap();
    let again = next.fetch_unprocessed().await.unwrap();
    assert_eq!(
        again, before,
        "the same message, for the caller's Message-ID dedupe to absorb"
    );
    next.mark_processed(again[0].uid).await.unwrap();
    assert!(next.fetch_unprocessed().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_wrong_password_is_a_login_error() {
    let Some(server) = Dovecot::start(Flavour::Full) else {
        return;
    };
    let mut config = server.config();
    config.password = "fout".into();

    let error = ImapFetcher::connect(&config).await.unwrap_err();

    assert!(matches!(error, ImapError::Login { .. }), "{error:?}");
    assert!(
        !format!("{config:?}").contains("fout"),
        "the password stays out of Debug output"
    );
}

#[tokio::test]
async fn tls_to_a_plain_port_fails_as_a_tls_error() {
    let Some(server) = Dovecot::start(Flavour::Full) else {
        return;
    };
    let mut config = server.config();
    config.tls = true;

    let error = ImapFetcher::connect(&config).await.unwrap_err();

    assert!(matches!(error, ImapError::Tls(_)), "{error:?}");
}

#[tokio::test]
async fn imaps_with_a_trusted_certificate_fetches_and_marks() {
    let Some(server) = Dovecot::start(Flavour::WithImaps) else {
        return;
    };
    seed(&server, 1).await;

    let mut fetcher = ImapFetcher::connect(&server.tls_config()).await.unwrap();
    let fetched = fetcher.fetch_unprocessed().await.unwrap();
    assert_eq!(ids(&fetched), ["bericht-1@example.nl"]);
    fetcher.mark_processed(fetched[0].uid).await.unwrap();
    fetcher.logout().await.unwrap();

    let mut untrusting = server.tls_config();
    untrusting.extra_root_pem = None;
    let error = ImapFetcher::connect(&untrusting).await.unwrap_err();
    assert!(error.to_string().contains("UnknownIssuer"), "{error}");
}

#[tokio::test]
async fn plain_imap_to_a_remote_host_is_refused_before_connecting() {
    let config = mail::ImapConfig {
        host: "imap.voorbeeld.nl".into(),
        port: 143,
        tls: false,
        user: "intake".into(),
        password: "geheim".into(),
        folder: "INBOX".into(),
        processed_folder: "Verwerkt".into(),
        extra_root_pem: None,
    };

    let error = ImapFetcher::connect(&config).await.unwrap_err();

    assert!(
        matches!(error, ImapError::PlaintextToRemoteHost(_)),
        "{error:?}"
    );
}
