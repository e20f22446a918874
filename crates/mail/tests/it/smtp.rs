//! Sending over a real SMTP conversation with the in-process sink.

use mail::{Delivery, Security, SendError, SmtpConfig, SmtpCredentials, SmtpTransport, Transport};

use crate::acknowledgement;
use crate::smtp_sink::{SinkOptions, SinkTls, SmtpSink, TEST_CA_PEM};

fn transport(port: u16, credentials: bool) -> SmtpTransport {
    let mut config = SmtpConfig::new("127.0.0.1", Security::None);
    config.port = port;
    config.hello_name = Some("wederhoor.test".into());
    if credentials {
        config.credentials = Some(SmtpCredentials {
            user: "klachten".into(),
            password: "g3he!m wachtwoord".into(),
        });
    }
    SmtpTransport::new(config).unwrap()
}

#[tokio::test]
async fn a_mail_arrives_with_both_parts_the_letter_and_threading_headers() {
    let sink = SmtpSink::start(SinkOptions::default()).await;
    let mail = acknowledgement();

    let delivery = transport(sink.port, true).send(&mail).await.unwrap();

    let Delivery::Smtp { reply } = delivery else {
        panic!("{delivery:?}")
    };
    assert!(reply.starts_with("250 "), "{reply}");
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert_eq!(got.mail_from, "<klachten@voorbeeld.nl>");
    assert_eq!(got.rcpt_to, ["<jan@example.nl>"]);
    assert_eq!(
        got.auth,
        Some((
            "PLAIN".into(),
            "klachten".into(),
            "g3he!m wachtwoord".into()
        ))
    );

    let raw = String::from_utf8_lossy(&got.data);
    assert!(
        raw.contains(&format!("Message-ID: {}\r\n", mail.message_id)),
        "{raw}"
    );
    assert!(
        raw.contains("In-Reply-To: <origineel@example.nl>\r\n"),
        "{raw}"
    );
    assert!(
        raw.contains("References: <origineel@example.nl>\r\n"),
        "{raw}"
    );
    assert!(raw.contains("Auto-Submitted: auto-generated\r\n"), "{raw}");
    assert!(raw.contains("Content-Type: multipart/alternative"), "{raw}");

    // Read back with an independent MIME parser (mail-parser, not lettre).
    let parsed = mail::parse(&got.data).unwrap();
    assert_eq!(parsed.message_id.as_ref(), Some(&mail.message_id));
    assert_eq!(parsed.subject, mail.subject);
    assert_eq!(parsed.text, mail.text);
    assert_eq!(parsed.reply_to.unwrap().address, "intake@voorbeeld.nl");
    assert_eq!(parsed.attachments.len(), 1);
    assert_eq!(parsed.attachments[0].filename, "ontvangstbevestiging.pdf");
    assert_eq!(parsed.attachments[0].content_type, "application/pdf");
    assert_eq!(parsed.attachments[0].bytes, crate::PDF);
    let html = mail_parser::MessageParser::default()
        .parse(&got.data)
        .unwrap();
    assert_eq!(html.body_html(0).unwrap(), mail.html);
}

#[tokio::test]
async fn auth_login_is_used_when_it_is_the_only_mechanism_offered() {
    let sink = SmtpSink::start(SinkOptions {
        auth: "LOGIN",
        ..SinkOptions::default()
    })
    .await;

    transport(sink.port, true)
        .send(&acknowledgement())
        .await
        .unwrap();

    let auth = sink.received()[0].auth.clone();
    assert_eq!(
        auth,
        Some((
            "LOGIN".into(),
            "klachten".into(),
            "g3he!m wachtwoord".into()
        ))
    );
}

#[tokio::test]
async fn a_451_reply_is_transient_and_a_550_reply_is_permanent() {
    let busy = SmtpSink::start(SinkOptions {
        rcpt_reply: "451 4.3.0 Try again later",
        ..SinkOptions::default()
    })
    .await;
    let unknown = SmtpSink::start(SinkOptions {
        rcpt_reply: "550 5.1.1 User unknown",
        ..SinkOptions::default()
    })
    .await;

    let transient = transport(busy.port, false)
        .send(&acknowledgement())
        .await
        .unwrap_err();
    let permanent = transport(unknown.port, false)
        .send(&acknowledgement())
        .await
        .unwrap_err();

    assert!(transient.is_transient(), "{transient}");
    assert_eq!(transient.smtp_code(), Some(451));
    assert!(!permanent.is_transient(), "{permanent}");
    assert_eq!(permanent.smtp_code(), Some(550));
    assert!(busy.received().is_empty() && unknown.received().is_empty());
}

#[tokio::test]
async fn a_refused_connection_is_transient() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };

    let error = transport(port, false)
        .send(&acknowledgement())
        .await
        .unwrap_err();

    assert!(
        matches!(error, SendError::Transient { code: None, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_invalid_recipient_is_permanent_before_any_connection() {
    let sink = SmtpSink::start(SinkOptions::default()).await;
    let mut mail = acknowledgement();
    mail.to = vec![mail::Mailbox::new("jan@@example")];

    let error = transport(sink.port, false).send(&mail).await.unwrap_err();

    assert!(
        matches!(error, SendError::Permanent { code: None, .. }),
        "{error:?}"
    );
    assert!(sink.received().is_empty());
}

fn tls_transport(port: u16, security: Security, trust_test_ca: bool) -> SmtpTransport {
    let mut config = SmtpConfig::new("127.0.0.1", security);
    config.port = port;
    config.credentials = Some(SmtpCredentials {
        user: "klachten".into(),
        password: "geheim".into(),
    });
    if trust_test_ca {
        config.extra_root_pem = Some(TEST_CA_PEM.into());
    }
    SmtpTransport::new(config).unwrap()
}

#[tokio::test]
async fn starttls_protects_the_conversation_before_authentication() {
    let sink = SmtpSink::start(SinkOptions {
        tls: SinkTls::StartTls,
        ..SinkOptions::default()
    })
    .await;

    tls_transport(sink.port, Security::StartTls, true)
        .send(&acknowledgement())
        .await
        .unwrap();

    let got = &sink.received()[0];
    assert!(got.tls, "delivered after STARTTLS");
    assert_eq!(got.auth.as_ref().unwrap().1, "klachten");
}

#[tokio::test]
async fn implicit_tls_delivers() {
    let sink = SmtpSink::start(SinkOptions {
        tls: SinkTls::Implicit,
        ..SinkOptions::default()
    })
    .await;

    tls_transport(sink.port, Security::Tls, true)
        .send(&acknowledgement())
        .await
        .unwrap();

    assert!(sink.received()[0].tls);
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_and_may_be_retried() {
    let sink = SmtpSink::start(SinkOptions {
        tls: SinkTls::StartTls,
        ..SinkOptions::default()
    })
    .await;

    let error = tls_transport(sink.port, Security::StartTls, false)
        .send(&acknowledgement())
        .await
        .unwrap_err();

    assert!(error.is_transient(), "{error:?}");
    assert!(error.to_string().contains("UnknownIssuer"), "{error}");
    assert!(sink.received().is_empty());
}
