//! A private Dovecot IMAP server per test (Debian's `dovecot-imapd`, version 2.3). Shared with
//! the binary's tests (`crates/wederhoor/tests/it/main.rs` includes this file by path).
//!
//! The server gets a generated configuration in a temporary folder: its own run, state and mail
//! folders, a passwd-file with one plain-text password, plain IMAP on a free port on 127.0.0.1,
//! and a log file that is printed when it fails to start. It runs as the current user; as root
//! (as in CI) the mail itself is kept by `nobody`, since Dovecot refuses mail access with uid 0 and
//! login processes as root. The server is killed when the value is dropped (its child processes
//! exit with their master).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mail::ImapConfig;

const BINARY: &str = "/usr/sbin/dovecot";
pub const USER: &str = "wederhoor";
pub const PASSWORD: &str = "test-wachtwoord";

pub struct Dovecot {
    pub port: u16,
    /// The IMAPS port of [`Flavour::WithImaps`].
    pub tls_port: Option<u16>,
    child: Child,
    dir: tempfile::TempDir,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What kind of server to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Plain IMAP with Dovecot's own capabilities, MOVE and UIDPLUS among them.
    Full,
    /// An old-fashioned server: neither MOVE nor UIDPLUS.
    WithoutMoveOrUidplus,
    /// `Full`, plus IMAPS on a second port with the test certificate of `tls/`.
    WithImaps,
}

impl Dovecot {
    /// A running server, or `None` (after one line saying so) when Dovecot is not installed and
    /// this is not CI; under `CI=true` a missing Dovecot fails the test.
    pub fn start(flavour: Flavour) -> Option<Dovecot> {
        if !Path::new(BINARY).exists() {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("{BINARY} is missing: CI must run `apt-get install -y dovecot-imapd`");
            }
            // Once per run, and past libtest's output capture so it is seen.
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                let line = "SKIPPED: IMAP tests need Dovecot (apt-get install -y dovecot-imapd)\n";
                let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            });
            return None;
        }
        let version = String::from_utf8(
            Command::new(BINARY)
                .arg("--version")
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert!(
            version.starts_with("2.3."),
            "this helper writes a Dovecot 2.3 configuration, found {version}"
        );

        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["run", "state", "mail"] {
            std::fs::create_dir(root.join(sub)).unwrap();
        }
        std::fs::write(root.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        let port = free_port();
        let tls_port = (flavour == Flavour::WithImaps).then(free_port);
        if tls_port.is_some() {
            std::fs::write(root.join("server.pem"), include_str!("tls/server.pem")).unwrap();
            std::fs::write(root.join("server.key"), include_str!("tls/server.key")).unwrap();
        }
        let conf = root.join("dovecot.conf");
        std::fs::write(&conf, config(root, port, tls_port, flavour)).unwrap();

        let child = Command::new(BINARY)
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut server = Dovecot {
            port,
            tls_port,
            child,
            dir,
        };
        server.wait_until_listening();
        Some(server)
    }

    pub fn config(&self) -> ImapConfig {
        ImapConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: false,
            user: USER.into(),
            password: PASSWORD.into(),
            folder: "INBOX".into(),
            processed_folder: "Verwerkt".into(),
            extra_root_pem: None,
        }
    }

    /// The configuration for the IMAPS port, trusting the test CA.
    pub fn tls_config(&self) -> ImapConfig {
        ImapConfig {
            port: self.tls_port.expect("started WithImaps"),
            tls: true,
            extra_root_pem: Some(include_str!("tls/ca.pem").into()),
            ..self.config()
        }
    }

    /// Writes the password to a file (as `wederhoor mail poll` reads it); returns its path.
    #[allow(
        dead_code,
        reason = "used by the binary's tests, which share this file"
    )]
    pub fn password_file(&self) -> std::path::PathBuf {
        let path = self.dir.path().join("imap-password");
        std::fs::write(&path, format!("{PASSWORD}\n")).unwrap();
        path
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("dovecot exited with {status}; log:\n{}", self.log());
            }
            let listening = |port| std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
            if listening(self.port) && self.tls_port.is_none_or(listening) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "dovecot did not listen on port {} within 15 s; log:\n{}",
            self.port,
            self.log()
        );
    }
}

/// The uid and gid that own mail files, and the users Dovecot's own processes run as.
struct Users {
    mail_uid: u32,
    mail_gid: u32,
    internal_user: String,
    internal_group: String,
    login_user: String,
}

fn users(root: &Path) -> Users {
    let meta = std::fs::metadata(root).unwrap();
    if meta.uid() != 0 {
        let user = name_of(Path::new("/etc/passwd"), meta.uid())
            .expect("the current uid has no entry in /etc/passwd");
        let group = name_of(Path::new("/etc/group"), meta.gid()).unwrap_or_else(|| user.clone());
        return Users {
            mail_uid: meta.uid(),
            mail_gid: meta.gid(),
            internal_user: user.clone(),
            internal_group: group,
            login_user: user,
        };
    }
    // Root: Dovecot's Debian users for its own processes, `nobody` for the mail.
    let nobody = id_of(Path::new("/etc/passwd"), "nobody").unwrap_or((65534, 65534));
    let mail = root.join("mail");
    std::os::unix::fs::chown(&mail, Some(nobody.0), Some(nobody.1)).unwrap();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    Users {
        mail_uid: nobody.0,
        mail_gid: nobody.1,
        internal_user: "dovecot".into(),
        internal_group: "dovecot".into(),
        login_user: "dovenull".into(),
    }
}

fn config(root: &Path, port: u16, tls_port: Option<u16>, flavour: Flavour) -> String {
    let u = users(root);
    let r = root.display();
    let ssl = match tls_port {
        Some(_) => format!("ssl = yes\nssl_cert = <{r}/server.pem\nssl_key = <{r}/server.key"),
        None => "ssl = no".to_string(),
    };
    let capability = match flavour {
        Flavour::Full | Flavour::WithImaps => String::new(),
        Flavour::WithoutMoveOrUidplus => {
            "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE CHILDREN\n".to_string()
        }
    };
    format!(
        "protocols = imap
listen = 127.0.0.1
base_dir = {r}/run
state_dir = {r}/state
instance_name = wederhoor-test-{port}
log_path = {r}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = 1
mail_location = maildir:{r}/mail/%u
{capability}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={r}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
",
        internal_user = u.internal_user,
        internal_group = u.internal_group,
        login_user = u.login_user,
        mail_uid = u.mail_uid,
        mail_gid = u.mail_gid,
        tls_port = tls_port.unwrap_or(0),
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The name in a passwd- or group-style file with this numeric id.
fn name_of(file: &Path, id: u32) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == id.to_string())
        .map(|f| f[0].to_string())
}

/// The uid and gid of a user in a passwd-style file.
fn id_of(file: &Path, name: &str) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(file).ok()?;
    let fields: Vec<String> = text
        .lines()
        .find(|l| l.starts_with(&format!("{name}:")))?
        .split(':')
        .map(String::from)
        .collect();
    Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?))
}

/// A plain IMAP session as a mail client would have, to seed and inspect the server.
pub async fn client(server: &Dovecot) -> async_imap::Session<tokio::net::TcpStream> {
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
        .await
        .unwrap();
    let mut client = async_imap::Client::new(stream);
    client.read_response().await.unwrap().unwrap();
    client
        .login(USER, PASSWORD)
        .await
        .map_err(|(e, _)| e)
        .unwrap()
}

/// Delivers `raw` into `folder` with IMAP APPEND.
pub async fn append(server: &Dovecot, folder: &str, raw: &[u8]) {
    let mut session = client(server).await;
    session.append(folder, None, None, raw).await.unwrap();
    session.logout().await.unwrap();
}

/// How many messages `folder` holds, or `None` when it does not exist.
pub async fn count(server: &Dovecot, folder: &str) -> Option<u32> {
    let mut session = client(server).await;
    let status = session
        .status(folder, "(MESSAGES)")
        .await
        .ok()
        .map(|m| m.exists);
    session.logout().await.unwrap();
    status
}
