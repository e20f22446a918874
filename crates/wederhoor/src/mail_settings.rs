//! Outgoing mail settings: the SMTP relay (optional: without it mail goes to the `.eml` outbox in
//! the data folder), the sender and the public base URL used in links.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Args, ValueEnum};
use mail::{FileOutbox, Mailbox, Security, SmtpConfig, SmtpCredentials, SmtpTransport, Transport};

/// Mail settings shared by `serve` and `worker`.
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// SMTP relay host; without it, mail is written as .eml files to `<data dir>/outbox`.
    #[arg(long, env = "WEDERHOOR_SMTP_HOST")]
    smtp_host: Option<String>,
    /// SMTP port (default: 465 for tls, 587 for starttls).
    #[arg(long, env = "WEDERHOOR_SMTP_PORT")]
    smtp_port: Option<u16>,
    /// How to secure the SMTP connection.
    #[arg(long, env = "WEDERHOOR_SMTP_SECURITY", value_enum, default_value_t = SmtpSecurity::Starttls)]
    smtp_security: SmtpSecurity,
    /// SMTP user name.
    #[arg(long, env = "WEDERHOOR_SMTP_USER")]
    smtp_user: Option<String>,
    /// A file holding the SMTP password (kept out of the environment and the process list).
    #[arg(long, env = "WEDERHOOR_SMTP_PASSWORD_FILE")]
    smtp_password_file: Option<PathBuf>,
    /// The sender of every mail, e.g. "Klachten <klachten@example.nl>" or an address.
    #[arg(
        long,
        env = "WEDERHOOR_MAIL_FROM",
        default_value = "klachten@localhost"
    )]
    mail_from: String,
    /// The public address of this installation, used in links in mail.
    #[arg(
        long,
        env = "WEDERHOOR_BASE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub base_url: String,
    /// The organisation the letters come from.
    #[command(flatten)]
    pub org: OrgArgs,
}

/// The sending organisation, for a fresh installation only: a beheerder keeps these details in
/// the database (`/kantoor/beheer/organisatie`). At start, when the database has none and at
/// least one of these is set, they seed it ([`OrgArgs::seed`]); until the database has details,
/// letters use these. Unset values fall back to `web::notify::OrganisationDetails::default()`:
/// placeholders that are visibly not real ("Wederhoor (organisatie niet ingesteld)",
/// "Postbus 0, 0000 AA Nergenshuizen").
#[derive(Debug, Clone, Args)]
pub struct OrgArgs {
    /// The organisation's name heading every letter.
    #[arg(long, env = "WEDERHOOR_ORG_NAME")]
    org_name: Option<String>,
    /// Its postal address: street (or "Postbus 123"), then "postcode place", separated by a
    /// newline or a comma ("Postbus 123, 3500 AA Utrecht").
    #[arg(long, env = "WEDERHOOR_ORG_ADDRESS")]
    org_address: Option<String>,
    /// Its telephone number as printed.
    #[arg(long, env = "WEDERHOOR_ORG_PHONE")]
    org_phone: Option<String>,
    /// Its e-mail address for complaints, as printed.
    #[arg(long, env = "WEDERHOOR_ORG_EMAIL")]
    org_email: Option<String>,
    /// The place in the dagtekening ("Utrecht, 24 november 2026").
    #[arg(long, env = "WEDERHOOR_ORG_PLACE")]
    org_place: Option<String>,
}

impl OrgArgs {
    /// The details, with the documented defaults for what is not set.
    pub fn details(&self) -> web::notify::OrganisationDetails {
        let d = web::notify::OrganisationDetails::default();
        web::notify::OrganisationDetails {
            name: self.org_name.clone().unwrap_or(d.name),
            address: self.org_address.clone().unwrap_or(d.address),
            phone: self.org_phone.clone().unwrap_or(d.phone),
            email: self.org_email.clone().unwrap_or(d.email),
            place: self.org_place.clone().unwrap_or(d.place),
            privacy_email: d.privacy_email,
            website: d.website,
        }
    }

    /// Copies the details into the database when it has none and any of them is set; an
    /// administrator's edit is never overwritten. Said in the log when it happens; a failure is
    /// logged, not fatal.
    pub async fn seed(&self, store: &dyn store::Store) {
        let set = [
            &self.org_name,
            &self.org_address,
            &self.org_phone,
            &self.org_email,
            &self.org_place,
        ];
        if set.iter().all(|v| v.is_none()) {
            return;
        }
        let details = store::Organisation::from(self.details());
        match store
            .seed_organisation(&details, jiff::Timestamp::now())
            .await
        {
            Ok(true) => tracing::info!(
                "organisation details copied from WEDERHOOR_ORG_* into the database; edit them at /kantoor/beheer/organisatie"
            ),
            Ok(false) => {}
            // Not fatal: until the row exists letters use these settings anyway.
            Err(error) => tracing::warn!(%error, "cannot seed the organisation's details"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SmtpSecurity {
    Tls,
    Starttls,
    /// Only to the local machine.
    None,
}

impl MailArgs {
    /// The outbox folder under `data_dir` when no SMTP host is set (for the outbox page).
    pub fn outbox_dir(&self, data_dir: &std::path::Path) -> Option<std::path::PathBuf> {
        self.smtp_host.is_none().then(|| data_dir.join("outbox"))
    }

    /// The transport: SMTP when a host is set, else the outbox folder under `data_dir`.
    pub fn transport(&self, data_dir: &std::path::Path) -> anyhow::Result<Arc<dyn Transport>> {
        let Some(host) = &self.smtp_host else {
            let dir = data_dir.join("outbox");
            tracing::info!(outbox = %dir.display(), "no SMTP relay configured: mail is written to the outbox");
            return Ok(Arc::new(FileOutbox::new(dir)));
        };
        let security = match self.smtp_security {
            SmtpSecurity::Tls => Security::Tls,
            SmtpSecurity::Starttls => Security::StartTls,
            SmtpSecurity::None => Security::None,
        };
        let mut config = SmtpConfig::new(host.clone(), security);
        if let Some(port) = self.smtp_port {
            config.port = port;
        }
        if let Some(user) = &self.smtp_user {
            let file = self
                .smtp_password_file
                .as_ref()
                .context("WEDERHOOR_SMTP_USER needs WEDERHOOR_SMTP_PASSWORD_FILE")?;
            let password = std::fs::read_to_string(file).with_context(|| {
                format!("cannot read the SMTP password file {}", file.display())
            })?;
            config.credentials = Some(SmtpCredentials {
                user: user.clone(),
                password: password.trim_end().to_string(),
            });
        }
        Ok(Arc::new(SmtpTransport::new(config)?))
    }

    /// The sender and base URL.
    pub fn settings(&self) -> anyhow::Result<web::notify::MailSettings> {
        let from = parse_mailbox(&self.mail_from)
            .with_context(|| format!("invalid WEDERHOOR_MAIL_FROM {:?}", self.mail_from))?;
        Ok(web::notify::MailSettings {
            from,
            base_url: self.base_url.trim_end_matches('/').to_string(),
        })
    }
}

/// `Name <address>` or a bare address.
fn parse_mailbox(s: &str) -> Option<Mailbox> {
    let s = s.trim();
    match s.rsplit_once('<') {
        Some((name, rest)) => {
            let address = rest.strip_suffix('>')?.trim();
            address
                .contains('@')
                .then(|| Mailbox::named(name.trim().trim_matches('"'), address))
        }
        None => s.contains('@').then(|| Mailbox::new(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_mailbox;

    #[test]
    fn sender_with_and_without_a_name() {
        let m = parse_mailbox("Klachten <klachten@example.nl>").unwrap();
        assert_eq!(
            (m.name.as_deref(), m.address.as_str()),
            (Some("Klachten"), "klachten@example.nl")
        );
        assert_eq!(
            parse_mailbox("k@example.nl").unwrap().address,
            "k@example.nl"
        );
        assert!(parse_mailbox("not an address").is_none());
    }
}
