//! Realistic sample letters, one per kind: the administrator's preview renders them, an override
//! is checked against them, and the tests read them back from the PDF.
//!
//! The story is one complaint, K-2026-000123, received on 10 november 2026; the dates follow the
//! procedure's terms. The organisation data is sample data, like any organisation's would be.

use jiff::civil::{Date, date, time};

use crate::body::{
    Answer, Attendee, Channel, Closed, DecisionGround, ExtendedTerm, Extension, FinalDecision,
    HearingInvitation, HearingOutcome, HearingRecord, LetterBody, ObjectionRoute, ProposedMoment,
    Receipt, ResponseChannels, Settlement, Verdict,
};
use crate::kind::LetterKind;
use crate::model::{
    Address, Addressee, HearingForm, Language, Letter, Organisation, Recipient, Signatory, Term,
};

/// A realistic letter of `kind`.
#[must_use]
pub fn sample(kind: LetterKind) -> Letter {
    let (date, signatory, body) = match kind {
        LetterKind::Receipt => (date(2026, 11, 10), handler(), receipt()),
        LetterKind::Answer => (date(2026, 11, 24), handler(), answer()),
        LetterKind::Extension => (date(2026, 11, 20), handler(), extension()),
        LetterKind::HearingInvitation => (date(2026, 12, 3), management(), invitation()),
        LetterKind::HearingRecord => (date(2026, 12, 8), handler(), record()),
        LetterKind::Settlement => (date(2026, 12, 8), handler(), settlement()),
        LetterKind::FinalDecision => (date(2026, 12, 22), management(), decision()),
        LetterKind::Closed => (date(2026, 12, 10), handler(), closed()),
    };
    letter(date, signatory, body)
}

fn letter(date: Date, signatory: Signatory, body: LetterBody) -> Letter {
    Letter {
        language: Language::Nl,
        sender: Organisation {
            name: "Focus Nederland".into(),
            address: Address {
                street: "Voorbeeldlaan 1".into(),
                postcode: "3511 AA".into(),
                city: "Utrecht".into(),
            },
            phone: "088 007 1400".into(),
            email: "privacy@focusnederland.nl".into(),
            website: None,
        },
        recipient: Recipient {
            name: "Mevrouw J. de Vries-Bakker".into(),
            address: Some(Address {
                street: "Lindelaan 7".into(),
                postcode: "3571 AB".into(),
                city: "Utrecht".into(),
            }),
            email: Some("j.devries@example.nl".into()),
            salutation: Some("Geachte mevrouw De Vries".into()),
        },
        place: "Utrecht".into(),
        date,
        reference: "K-2026-000123".into(),
        subject: None,
        signatory,
        body,
    }
}

fn handler() -> Signatory {
    Signatory {
        name: "Pieter Jansen".into(),
        role: "Klachtbehandelaar".into(),
    }
}

fn management() -> Signatory {
    Signatory {
        name: "drs. A.M. Smit".into(),
        role: "Directeur regio Midden".into(),
    }
}

fn region_management() -> Addressee {
    Addressee {
        name: "Focus Nederland, directie regio Midden".into(),
        address: Address {
            street: "Postbus 2045".into(),
            postcode: "3800 CA".into(),
            city: "Amersfoort".into(),
        },
        email: Some("directie.midden@focusnederland.nl".into()),
    }
}

const COMPLAINT: &str = "Op 3 november 2026 had ik een afspraak met uw medewerker op het \
    kantoor in Amersfoort. Ik heb daar drie kwartier gewacht zonder dat iemand mij liet weten \
    dat de afspraak niet doorging. Toen ik later belde, werd ik twee keer doorverbonden en \
    uiteindelijk niet teruggebeld, terwijl dat wel was toegezegd.";

fn receipt() -> LetterBody {
    LetterBody::Receipt(Receipt {
        received_on: date(2026, 11, 10),
        channel: Channel::Form,
        summary: COMPLAINT.into(),
        contact_by: Some(date(2026, 11, 12)),
        answer_by: date(2026, 11, 24),
        portal_url: Some("https://klachten.example.nl/k/4f9c2a".into()),
    })
}

fn answer() -> LetterBody {
    LetterBody::Answer(Answer {
        received_on: date(2026, 11, 10),
        complaint: COMPLAINT.into(),
        solution: "Wij hebben uw klacht besproken met de medewerker en met het team in \
            Amersfoort. De afspraak is door een fout in de agenda niet doorgegaan, en u bent daar \
            niet over geïnformeerd. Dat had niet mogen gebeuren; onze excuses daarvoor.\n\n\
            Wij stellen voor dat u binnen een week een nieuwe afspraak krijgt, op een moment dat u \
            uitkomt. Daarnaast bellen wij voortaan altijd terug als dat is toegezegd: het team \
            noteert elk terugbelverzoek in het klantdossier, met een datum."
            .into(),
        objection: ObjectionRoute {
            term: Term::days(15),
            last_day: date(2026, 12, 9),
            management: region_management(),
            hearing_term: Term::weeks(1),
            decision_term: Term::weeks(2),
        },
    })
}

fn extension() -> LetterBody {
    LetterBody::Extension(Extension {
        term: ExtendedTerm::Answer,
        old_due: date(2026, 11, 24),
        new_due: date(2026, 12, 8),
        reason: "De medewerker op wie uw klacht betrekking heeft, is tot 30 november afwezig. \
            Wij willen ook haar kant van het verhaal horen voordat wij u antwoorden."
            .into(),
    })
}

fn invitation() -> LetterBody {
    LetterBody::HearingInvitation(HearingInvitation {
        objection_received_on: date(2026, 12, 1),
        forms: vec![HearingForm::Phone, HearingForm::Office],
        office: Some(Addressee {
            name: "Focus Nederland, kantoor Amersfoort".into(),
            address: Address {
                street: "Stationsstraat 40".into(),
                postcode: "3811 MK".into(),
                city: "Amersfoort".into(),
            },
            email: None,
        }),
        moments: vec![
            ProposedMoment {
                date: date(2026, 12, 7),
                start: time(10, 0, 0, 0),
                end: Some(time(11, 0, 0, 0)),
            },
            ProposedMoment {
                date: date(2026, 12, 8),
                start: time(14, 30, 0, 0),
                end: Some(time(15, 30, 0, 0)),
            },
        ],
        employee_invited: true,
        employee_name: Some("mevrouw K. Visser".into()),
        respond_by: date(2026, 12, 4),
        respond_via: ResponseChannels {
            phone: Some("088 007 1400".into()),
            email: Some("directie.midden@focusnederland.nl".into()),
            portal_url: Some("https://klachten.example.nl/k/4f9c2a".into()),
        },
        decision_term: Term::weeks(2),
    })
}

fn record() -> LetterBody {
    LetterBody::HearingRecord(HearingRecord {
        held_on: date(2026, 12, 8),
        start: Some(time(14, 30, 0, 0)),
        form: HearingForm::Office,
        attendees: vec![
            Attendee { name: "Mevrouw J. de Vries-Bakker".into(), role: "klager".into() },
            Attendee { name: "Pieter Jansen".into(), role: "klachtbehandelaar".into() },
            Attendee {
                name: "Mevrouw K. Visser".into(),
                role: "medewerker op wie de klacht betrekking heeft".into(),
            },
        ],
        complainant_account: "Mevrouw De Vries licht toe dat zij vooral teleurgesteld is omdat \
            zij niet is teruggebeld. Het wachten vond zij vervelend, maar het niet nakomen van de \
            toezegging woog zwaarder."
            .into(),
        employee_account: Some(
            "Mevrouw Visser bevestigt dat de afspraak door een fout in de agenda is vervallen. Zij \
            had de terugbelnotitie doorgegeven aan een collega, die deze niet heeft ontvangen."
                .into(),
        ),
        proposal: Some(
            "Focus biedt aan dat mevrouw Visser de nieuwe afspraak zelf inplant en mevrouw De \
            Vries de dag ervoor belt ter bevestiging."
                .into(),
        ),
        reaction: Some("Mevrouw De Vries gaat akkoord met dit voorstel.".into()),
        outcome: HearingOutcome::Settled,
    })
}

fn settlement() -> LetterBody {
    LetterBody::Settlement(Settlement {
        held_on: date(2026, 12, 8),
        form: HearingForm::Office,
        terms: "1. Mevrouw Visser plant uiterlijk 15 december 2026 een nieuwe afspraak in met \
            mevrouw De Vries.\n2. Zij belt mevrouw De Vries de dag vóór de afspraak ter \
            bevestiging.\n3. Het team Amersfoort legt elk terugbelverzoek vast in het klantdossier."
            .into(),
        complainant_name: "Mevrouw J. de Vries-Bakker".into(),
    })
}

fn decision() -> LetterBody {
    LetterBody::FinalDecision(FinalDecision {
        objection_received_on: date(2026, 12, 1),
        ground: DecisionGround::HearingDeclined,
        complaint: COMPLAINT.into(),
        considerations: "Uit ons onderzoek blijkt dat de afspraak door een fout in de agenda is \
            vervallen en dat u daarover niet bent geïnformeerd. Ook is een toegezegd \
            terugbelverzoek niet uitgevoerd.\n\nIn uw bezwaar schrijft u dat het voorstel om een \
            nieuwe afspraak te maken voor u niet voldoende is, omdat u opnieuw vrij moet nemen."
            .into(),
        decision: "Wij bieden u aan de nieuwe afspraak telefonisch of bij u thuis te laten \
            plaatsvinden, op een moment dat u uitkomt. Daarnaast vergoeden wij de reiskosten van \
            uw eerdere bezoek."
            .into(),
        verdict: Some(Verdict::Founded),
        recourse: None,
    })
}

fn closed() -> LetterBody {
    LetterBody::Closed(Closed {
        answer_dated: date(2026, 11, 24),
        objection_term: Term::days(15),
        last_day: date(2026, 12, 9),
    })
}
