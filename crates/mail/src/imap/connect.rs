//! The connection under the IMAP session: plain TCP, or TLS from the first byte (IMAPS) with
//! rustls, the ring provider and Mozilla's root certificates, the same trust as SMTP.

use std::fmt::Debug;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use super::{ImapConfig, ImapError};

/// A byte stream the IMAP client can run over, plain or encrypted.
pub(crate) trait ImapStream: AsyncRead + AsyncWrite + Unpin + Send + Debug {}

impl<T: AsyncRead + AsyncWrite + Unpin + Send + Debug> ImapStream for T {}

pub(crate) type BoxedStream = Box<dyn ImapStream>;

pub(crate) async fn open(config: &ImapConfig) -> Result<BoxedStream, ImapError> {
    let (host, port) = (config.host.as_str(), config.port);
    if !config.tls && !crate::transport::smtp::is_local(host) {
        return Err(ImapError::PlaintextToRemoteHost(host.to_string()));
    }
    let tcp = TcpStream::connect((host, port))
        .await
        .map_err(|e| ImapError::Connect {
            host: host.to_string(),
            port,
            detail: e.to_string(),
        })?;
    if !config.tls {
        return Ok(Box::new(tcp));
    }
    let server_name = ServerName::try_from(host.to_string())
        .map_err(|e| ImapError::Tls(format!("{host:?}: {e}")))?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client_config(
        config.extra_root_pem.as_deref(),
    )?));
    let stream = connector
        .connect(server_name, tcp)
        .await
        .map_err(|e| ImapError::Tls(format!("{host}:{port}: {e}")))?;
    Ok(Box::new(stream))
}

/// Mozilla's roots plus the configured extra root, with the ring provider.
fn client_config(extra_root_pem: Option<&str>) -> Result<rustls::ClientConfig, ImapError> {
    let bad_root = |e: String| ImapError::Tls(format!("extra root certificate: {e}"));
    let mut roots =
        rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = extra_root_pem {
        let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad_root(e.to_string()))?;
        if certs.is_empty() {
            return Err(bad_root("no certificate in the PEM text".into()));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| bad_root(e.to_string()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
