//! The mail the server wrote to its outbox, and every letter attached to it read back with
//! `pdftotext`: the parts each letter must have and its dates, counted by hand with TERMS.md.

use std::time::{Duration, Instant};

use ::mail::{FileOutbox, InboundMessage};

use super::Day;
use super::walk::Complaint;

/// The mails to `address` in the outbox so far, oldest first.
async fn mails_to(day: &Day, address: &str) -> Vec<InboundMessage> {
    let outbox = FileOutbox::new(&day.outbox);
    let mut mails = Vec::new();
    for entry in outbox.list().await.expect("the outbox").into_iter().rev() {
        if entry.to.iter().any(|m| m.address == address) {
            let raw = outbox.read(&entry.name).await.expect("an outbox mail");
            mails.push(::mail::parse(&raw).expect("a mail that parses"));
        }
    }
    mails
}

/// Waits (the server's worker sends mail in the background) for a mail to `address` that
/// `wanted` accepts.
pub async fn wait_for_mail(
    day: &Day,
    address: &str,
    wanted: impl Fn(&InboundMessage) -> bool,
) -> InboundMessage {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(m) = mails_to(day, address).await.into_iter().find(&wanted) {
            return m;
        }
        assert!(
            Instant::now() < deadline,
            "no such mail to {address} within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The text of the letter attached as `<stem>-<reference>.pdf`, once it has been mailed; `None`
/// when `pdftotext` is missing outside CI.
async fn letter(day: &Day, c: &Complaint, stem: &str) -> Option<crate::pdf::PdfText> {
    let filename = format!("{stem}-{}.pdf", c.reference);
    let mail = wait_for_mail(day, c.email, |m| {
        m.attachments.iter().any(|a| a.filename == filename)
    })
    .await;
    let attachment = mail
        .attachments
        .into_iter()
        .find(|a| a.filename == filename)
        .expect("the attachment");
    assert_eq!(attachment.content_type, "application/pdf");
    assert!(
        attachment.bytes.starts_with(b"%PDF-"),
        "{filename} is a PDF"
    );
    crate::pdf::text(&::letters::Pdf {
        bytes: attachment.bytes,
        pages: 0,
    })
}

/// Each letter of both complaints: the answers, the invitations, the record and the settlement
/// of the first, the final decision of the second.
pub async fn check_every_letter(day: &Day, settled: &Complaint, decided: &Complaint) {
    let dated = "Utrecht, 10 december 2026";
    for c in [settled, decided] {
        let Some(answer) = letter(day, c, "reactie").await else {
            return;
        };
        answer.assert_has(&[
            dated,
            &format!("Ons kenmerk: {}", c.reference),
            "Onderwerp: Reactie op uw klacht",
            c.name,
            "8 december 2026",
            "U bent aan de balie onvriendelijk te woord gestaan.",
            "Wij bieden excuses aan en bespreken dit met het team.",
            "binnen 15 dagen na de dagtekening van deze brief schriftelijk",
            // 10 December + 15 days = Friday 25 December (Eerste Kerstdag); Saturday 26 is
            // Tweede Kerstdag, then Sunday: Monday 28 December.
            "maandag 28 december 2026",
            "Directie Regio Midden",
            "Catharijnesingel 55",
            "3511 GD Utrecht",
            "binnen 2 weken een definitieve beslissing",
        ]);

        let invitation = letter(day, c, "uitnodiging").await.expect("pdftotext");
        invitation.assert_has(&[
            dated,
            &format!("Ons kenmerk: {}", c.reference),
            "telefonisch plaatsvinden of op ons kantoor",
            "donderdag 10 december 2026, 16.30",
            "maandag 14 december 2026, 10.00",
            // One week after the offer of Thursday 10 December.
            "uiterlijk op donderdag 17 december 2026",
            "030 123 4567",
            "klachten@focus.example",
            "binnen 2 weken een definitieve beslissing",
            "Directie Regio Midden",
            "Directie regio Midden",
        ]);
        // The region is named "Regio Midden", as the CLI's help suggests.
        invitation.assert_lacks("regio Regio");
    }

    let record = letter(day, settled, "verslag").await.expect("pdftotext");
    record.assert_has(&[
        dated,
        &format!("Ons kenmerk: {}", settled.reference),
        "donderdag 10 december 2026",
        "Op ons kantoor",
        "Anna de Vries",
        "Kees Behandelaar",
        "De medewerker keek niet op van haar scherm.",
        "Een gesprek met de teamleider is genoeg.",
        "door beide partijen schriftelijk vastgelegd",
    ]);
    // The office form records names only: no empty brackets for a role.
    record.assert_lacks("()");

    let settlement = letter(day, settled, "vaststellingsovereenkomst")
        .await
        .expect("pdftotext");
    settlement.assert_has(&[
        dated,
        "donderdag 10 december 2026",
        "op ons kantoor mondeling toegelicht",
        "De teamleider belt mevrouw De Vries voor 18 december 2026.",
        "Voor akkoord, klager",
        "Voor akkoord, namens Focus Nederland",
    ]);

    let decision = letter(day, decided, "beslissing").await.expect("pdftotext");
    decision.assert_has(&[
        dated,
        &format!("Ons kenmerk: {}", decided.reference),
        "Definitieve beslissing op uw bezwaar",
        "geen gebruik te maken van de gelegenheid",
        "Wij handhaven ons standpunt en bieden nogmaals excuses aan.",
        "behandeling van uw klacht door Focus Nederland afgerond",
        "Directie Regio Midden",
        "Directie regio Midden",
    ]);
    decision.assert_lacks("regio Regio");
    // The office form has no considerations: no heading above nothing.
    decision.assert_lacks("Onze overwegingen");
}
