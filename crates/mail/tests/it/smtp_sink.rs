//! A small SMTP server for the tests: it speaks enough of RFC 5321 for lettre (EHLO, STARTTLS,
//! AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT), optionally over TLS from the first
//! byte, records what it receives, and can be told to answer RCPT with an error so failures can
//! be classified against a real conversation.
//!
//! `tls/` holds a test CA (`ca.pem`, its key discarded) and a server certificate for `localhost`
//! and 127.0.0.1 signed by it, valid until 2126, made with:
//! `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem
//! -days 36500 -subj "/CN=Wederhoor test CA" -addext basicConstraints=critical,CA:TRUE`, then a
//! `server.key`/CSR signed with `openssl x509 -req -CA ca.pem -CAkey ca.key -days 36500` and
//! `subjectAltName=DNS:localhost,IP:127.0.0.1`, `extendedKeyUsage=serverAuth`.

use std::sync::{Arc, Mutex};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

/// The CA that signed the sink's certificate: trust it to talk TLS to the sink.
pub const TEST_CA_PEM: &str = include_str!("tls/ca.pem");

/// What the sink recorded of one accepted mail.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message after dot-unstuffing, as the client meant it.
    pub data: Vec<u8>,
    /// The mechanism, user and password of a successful AUTH.
    pub auth: Option<(String, String, String)>,
    /// Whether the mail came over TLS.
    pub tls: bool,
}

/// Whether and how the sink speaks TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkTls {
    None,
    /// TLS from the first byte (SMTPS).
    Implicit,
    /// Plain until the client sends STARTTLS.
    StartTls,
}

/// How the sink behaves.
#[derive(Debug, Clone)]
pub struct SinkOptions {
    /// The AUTH mechanisms offered in the EHLO reply.
    pub auth: &'static str,
    /// The reply to every RCPT TO.
    pub rcpt_reply: &'static str,
    pub tls: SinkTls,
}

impl Default for SinkOptions {
    fn default() -> Self {
        SinkOptions {
            auth: "PLAIN LOGIN",
            rcpt_reply: "250 2.1.5 Ok",
            tls: SinkTls::None,
        }
    }
}

pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    task: JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    pub async fn start(options: SinkOptions) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (store, options) = (store.clone(), options.clone());
                tokio::spawn(async move {
                    if let Err(e) = session(socket, &options, &store).await {
                        eprintln!("smtp sink: {e}");
                    }
                });
            }
        });
        SmtpSink {
            port,
            received,
            task,
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A connection, plain or TLS, buffered for reading lines (writes pass straight through).
type Conn = BufReader<Box<dyn Stream>>;

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}

impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

fn acceptor() -> TlsAcceptor {
    let certs = CertificateDer::pem_slice_iter(include_bytes!("tls/server.pem"))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("tls/server.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    TlsAcceptor::from(Arc::new(config))
}

async fn session(
    socket: TcpStream,
    options: &SinkOptions,
    store: &Mutex<Vec<Received>>,
) -> std::io::Result<()> {
    let mut tls = options.tls == SinkTls::Implicit;
    let mut conn: Conn = if tls {
        BufReader::new(Box::new(acceptor().accept(socket).await?))
    } else {
        BufReader::new(Box::new(socket))
    };
    let mut auth = None;
    let mut envelope: Option<(String, Vec<String>)> = None;
    conn.write_all(b"220 sink.test ESMTP\r\n").await?;
    loop {
        let Some(line) = read_line(&mut conn).await? else {
            return Ok(());
        };
        let upper = line.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            let starttls = if options.tls == SinkTls::StartTls && !tls {
                "250-STARTTLS\r\n"
            } else {
                ""
            };
            format!(
                "250-sink.test\r\n{starttls}250-AUTH {}\r\n250-8BITMIME\r\n250 SMTPUTF8",
                options.auth
            )
        } else if upper == "STARTTLS" && options.tls == SinkTls::StartTls && !tls {
            conn.write_all(b"220 2.0.0 Ready to start TLS\r\n").await?;
            let plain = conn.into_inner();
            conn = BufReader::new(Box::new(acceptor().accept(plain).await?));
            (tls, auth, envelope) = (true, None, None);
            continue;
        } else if let Some(rest) = upper.strip_prefix("AUTH ") {
            let arguments: Vec<&str> = line[5..].split_whitespace().collect();
            let mechanism = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let credentials = match mechanism.as_str() {
                "PLAIN" => {
                    let initial = match arguments.get(1) {
                        Some(i) => i.to_string(),
                        None => ask(&mut conn, "334 ").await?,
                    };
                    let decoded = base64_decode(&initial);
                    let fields: Vec<&[u8]> = decoded.split(|b| *b == 0).collect();
                    (fields.len() == 3).then(|| (text(fields[1]), text(fields[2])))
                }
                "LOGIN" => {
                    let user = ask(&mut conn, "334 VXNlcm5hbWU6").await?;
                    let password = ask(&mut conn, "334 UGFzc3dvcmQ6").await?;
                    Some((text(&base64_decode(&user)), text(&base64_decode(&password))))
                }
                _ => None,
            };
            match credentials {
                Some((user, password)) => {
                    auth = Some((mechanism, user, password));
                    "235 2.7.0 Authentication successful".to_string()
                }
                None => "504 5.5.4 Unrecognized authentication".to_string(),
            }
        } else if upper.starts_with("MAIL FROM:") {
            envelope = Some((line[10..].trim().to_string(), Vec::new()));
            "250 2.1.0 Ok".to_string()
        } else if upper.starts_with("RCPT TO:") {
            if options.rcpt_reply.starts_with('2')
                && let Some((_, rcpt)) = &mut envelope
            {
                rcpt.push(line[8..].trim().to_string());
            }
            options.rcpt_reply.to_string()
        } else if upper == "DATA" {
            match envelope.take() {
                Some((mail_from, rcpt_to)) if !rcpt_to.is_empty() => {
                    conn.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await?;
                    let data = read_data(&mut conn).await?;
                    store.lock().unwrap().push(Received {
                        mail_from,
                        rcpt_to,
                        data,
                        auth: auth.clone(),
                        tls,
                    });
                    "250 2.0.0 Ok: queued as SINK1".to_string()
                }
                _ => "503 5.5.1 Error: need RCPT command".to_string(),
            }
        } else if upper == "RSET" {
            envelope = None;
            "250 2.0.0 Ok".to_string()
        } else if upper == "NOOP" {
            "250 2.0.0 Ok".to_string()
        } else if upper == "QUIT" {
            conn.write_all(b"221 2.0.0 Bye\r\n").await?;
            return Ok(());
        } else {
            "502 5.5.2 Error: command not recognized".to_string()
        };
        conn.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
}

async fn ask(conn: &mut Conn, prompt: &str) -> std::io::Result<String> {
    conn.write_all(format!("{prompt}\r\n").as_bytes()).await?;
    Ok(read_line(conn).await?.unwrap_or_default())
}

async fn read_line(lines: &mut Conn) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    if lines.read_until(b'\n', &mut buf).await? == 0 {
        return Ok(None);
    }
    Ok(Some(
        String::from_utf8_lossy(&buf)
            .trim_end_matches(['\r', '\n'])
            .to_string(),
    ))
}

/// Reads DATA up to the lone dot and undoes the dot-stuffing.
async fn read_data(lines: &mut Conn) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    loop {
        let mut line = Vec::new();
        if lines.read_until(b'\n', &mut line).await? == 0 || line == b".\r\n" {
            return Ok(data);
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn base64_decode(input: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in input
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
    {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
