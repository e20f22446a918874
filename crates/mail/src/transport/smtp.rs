//! Sending through an SMTP server (lettre, rustls with ring and Mozilla's root certificates).
//!
//! One connection per mail: the job queue sends a few mails a minute at most, and a fresh
//! connection means no pooled connection can go stale between jobs.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use async_trait::async_trait;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use super::{Delivery, SendError, Transport};
use crate::OutgoingMail;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS, which is required (usually port 587).
    StartTls,
    /// No encryption at all: refused for any host but the local machine.
    None,
}

/// A user name and password for SMTP AUTH (PLAIN or LOGIN).
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpCredentials {
    pub user: String,
    pub password: String,
}

impl fmt::Debug for SmtpCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpCredentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Where and how to reach the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<SmtpCredentials>,
    /// The name to greet with (EHLO); by default the address literal `[127.0.0.1]`. Set it to
    /// this server's public host name when the relay checks it.
    pub hello_name: Option<String>,
    /// How long to wait for the server at each step.
    pub timeout: Duration,
    /// An extra trusted root certificate (PEM), for a relay whose certificate comes from the
    /// organisation's own CA. Mozilla's roots stay trusted as well.
    pub extra_root_pem: Option<String>,
}

impl SmtpConfig {
    /// A configuration with the usual port for `security` and a 30 second timeout.
    pub fn new(host: impl Into<String>, security: Security) -> SmtpConfig {
        let port = match security {
            Security::Tls => 465,
            Security::StartTls => 587,
            Security::None => 25,
        };
        SmtpConfig {
            host: host.into(),
            port,
            security,
            credentials: None,
            hello_name: None,
            timeout: Duration::from_secs(30),
            extra_root_pem: None,
        }
    }
}

/// Why an SMTP configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpConfigError {
    #[error("SMTP without TLS is only allowed to the local machine, not to {0:?}")]
    PlaintextToRemoteHost(String),
    #[error("TLS settings for {host:?} are invalid: {detail}")]
    Tls { host: String, detail: String },
}

/// Sends mail through one SMTP server.
pub struct SmtpTransport {
    config: SmtpConfig,
    inner: AsyncSmtpTransport<Tokio1Executor>,
}

impl fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl SmtpTransport {
    /// Checks the configuration; connects only when a mail is sent.
    pub fn new(config: SmtpConfig) -> Result<SmtpTransport, SmtpConfigError> {
        let tls_error = |detail: String| SmtpConfigError::Tls {
            host: config.host.clone(),
            detail,
        };
        let tls_params = || {
            let mut params = TlsParameters::builder(config.host.clone());
            if let Some(pem) = &config.extra_root_pem {
                for root in extra_roots(pem).map_err(tls_error)? {
                    params = params.add_root_certificate(root);
                }
            }
            params.build_rustls().map_err(|e| tls_error(e.to_string()))
        };
        let tls = match config.security {
            Security::Tls => Tls::Wrapper(tls_params()?),
            Security::StartTls => Tls::Required(tls_params()?),
            Security::None if is_local(&config.host) => Tls::None,
            Security::None => {
                return Err(SmtpConfigError::PlaintextToRemoteHost(config.host.clone()));
            }
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.clone())
                .port(config.port)
                .tls(tls)
                .timeout(Some(config.timeout));
        if let Some(c) = &config.credentials {
            builder = builder.credentials(Credentials::new(c.user.clone(), c.password.clone()));
        }
        if let Some(name) = &config.hello_name {
            builder = builder.hello_name(ClientId::Domain(name.clone()));
        }
        Ok(SmtpTransport {
            inner: builder.build(),
            config,
        })
    }
}

/// The certificates in `pem`; at least one, or the setting is surely a mistake.
fn extra_roots(pem: &str) -> Result<Vec<Certificate>, String> {
    let ders = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("extra root certificate: {e}"))?;
    if ders.is_empty() {
        return Err("extra root certificate: no certificate in the PEM text".to_string());
    }
    ders.into_iter()
        .map(|der| Certificate::from_der(der.to_vec()).map_err(|e| e.to_string()))
        .collect()
}

/// `localhost` or a loopback address: the only hosts credentials may be sent to unencrypted.
pub(crate) fn is_local(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, mail: &OutgoingMail) -> Result<Delivery, SendError> {
        let message = mail.build()?;
        match self.inner.send(message).await {
            Ok(response) => {
                let text: Vec<&str> = response.message().collect();
                Ok(Delivery::Smtp {
                    reply: format!("{} {}", response.code(), text.join(" ")),
                })
            }
            Err(e) => Err(classify(&e)),
        }
    }
}

/// 4xx replies, network trouble, timeouts and TLS failures may pass; 5xx replies and errors in
/// what we asked the server to do (no usable AUTH mechanism, a bad envelope) will not.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    let code = e.status().map(u16::from);
    let detail = error_chain(e);
    if e.is_permanent() || e.is_client() {
        SendError::Permanent { code, detail }
    } else {
        SendError::Transient { code, detail }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaintext_is_refused_for_remote_hosts_only() {
        assert!(SmtpTransport::new(SmtpConfig::new("localhost", Security::None)).is_ok());
        assert!(SmtpTransport::new(SmtpConfig::new("127.0.0.1", Security::None)).is_ok());
        assert!(SmtpTransport::new(SmtpConfig::new("::1", Security::None)).is_ok());
        assert_eq!(
            SmtpTransport::new(SmtpConfig::new("smtp.example.nl", Security::None)).unwrap_err(),
            SmtpConfigError::PlaintextToRemoteHost("smtp.example.nl".into())
        );
        assert!(SmtpTransport::new(SmtpConfig::new("smtp.example.nl", Security::StartTls)).is_ok());
    }

    #[test]
    fn debug_output_hides_the_password() {
        let mut config = SmtpConfig::new("smtp.example.nl", Security::Tls);
        config.credentials = Some(SmtpCredentials {
            user: "klachten".into(),
            password: "geheim".into(),
        });
        let shown = format!("{:?}", SmtpTransport::new(config).unwrap());
        assert!(
            shown.contains("klachten") && !shown.contains("geheim"),
            "{shown}"
        );
    }

    #[test]
    fn an_unreadable_extra_root_is_a_configuration_error() {
        let mut config = SmtpConfig::new("smtp.example.nl", Security::StartTls);
        config.extra_root_pem = Some("geen certificaat".into());
        assert!(matches!(
            SmtpTransport::new(config),
            Err(SmtpConfigError::Tls { .. })
        ));
    }
}
