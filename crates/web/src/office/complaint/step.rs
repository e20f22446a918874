//! The steps the complaint page offers, their POST paths and their confirmations.

/// A step taken from the complaint page; its POST path is `/kantoor/klachten/{ref}/{path}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Contact,
    Answer,
    Objection,
    LateObjection,
    HearingOffer,
    HearingChoice,
    HearingDecline,
    HearingRecord,
    Settlement,
    FinalDecision,
    Withdraw,
    Extend,
    NotAComplaint,
    Reassign,
}

impl Step {
    pub(crate) const ALL: [Step; 14] = [
        Step::Contact,
        Step::Answer,
        Step::Objection,
        Step::LateObjection,
        Step::HearingOffer,
        Step::HearingChoice,
        Step::HearingDecline,
        Step::HearingRecord,
        Step::Settlement,
        Step::FinalDecision,
        Step::Withdraw,
        Step::Extend,
        Step::NotAComplaint,
        Step::Reassign,
    ];

    pub(crate) fn path(self) -> &'static str {
        match self {
            Step::Contact => "contact",
            Step::Answer => "antwoord",
            Step::Objection => "bezwaar",
            Step::LateObjection => "te-laat-bezwaar",
            Step::HearingOffer => "uitnodiging",
            Step::HearingChoice => "gesprek-gekozen",
            Step::HearingDecline => "afzien-gesprek",
            Step::HearingRecord => "verslag",
            Step::Settlement => "bevestiging",
            Step::FinalDecision => "beslissing",
            Step::Withdraw => "intrekking",
            Step::Extend => "verlenging",
            Step::NotAComplaint => "geen-klacht",
            Step::Reassign => "toewijzing",
        }
    }

    pub(crate) fn from_path(path: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.path() == path)
    }

    /// The confirmation after the step was recorded.
    pub(crate) fn done(self) -> &'static str {
        match self {
            Step::Contact => "Het contact met de klager is vastgelegd.",
            Step::Answer => "De schriftelijke reactie is vastgelegd.",
            Step::Objection => "Het bezwaar is geregistreerd.",
            Step::LateObjection => "Het besluit over het te late bezwaar is vastgelegd.",
            Step::HearingOffer => "De uitnodiging voor een mondelinge toelichting is vastgelegd.",
            Step::HearingChoice => "Het gesprek is gepland.",
            Step::HearingDecline => {
                "Vastgelegd dat de klager afziet van een mondelinge toelichting."
            }
            Step::HearingRecord => "Het verslag van het gesprek is vastgelegd.",
            Step::Settlement => "De bevestiging van de afhandeling is vastgelegd.",
            Step::FinalDecision => "De definitieve beslissing is vastgelegd.",
            Step::Withdraw => "De intrekking van de klacht is vastgelegd.",
            Step::Extend => "De termijn is verlengd.",
            Step::NotAComplaint => "De klacht is afgesloten als geen klacht, met verwijzing.",
            Step::Reassign => "De klacht is toegewezen.",
        }
    }
}
