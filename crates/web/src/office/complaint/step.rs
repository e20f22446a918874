//! The steps the complaint page offers, their POST paths and their confirmations.

use crate::lang::Lang;

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
    LinkEmployee,
}

impl Step {
    pub(crate) const ALL: [Step; 15] = [
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
        Step::LinkEmployee,
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
            Step::LinkEmployee => "medewerker",
        }
    }

    pub(crate) fn from_path(path: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.path() == path)
    }

    /// The confirmation after the step was recorded.
    pub(crate) fn done(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            Step::Contact => (
                "Het contact met de klager is vastgelegd.",
                "The contact with the complainant has been recorded.",
            ),
            Step::Answer => (
                "De schriftelijke reactie is vastgelegd.",
                "The written answer has been recorded.",
            ),
            Step::Objection => (
                "Het bezwaar is geregistreerd.",
                "The objection has been registered.",
            ),
            Step::LateObjection => (
                "Het besluit over het te late bezwaar is vastgelegd.",
                "The decision on the late objection has been recorded.",
            ),
            Step::HearingOffer => (
                "De uitnodiging voor een mondelinge toelichting is vastgelegd.",
                "The invitation to explain orally has been recorded.",
            ),
            Step::HearingChoice => (
                "Het gesprek is gepland.",
                "The conversation has been planned.",
            ),
            Step::HearingDecline => (
                "Vastgelegd dat de klager afziet van een mondelinge toelichting.",
                "Recorded that the complainant declines an oral explanation.",
            ),
            Step::HearingRecord => (
                "Het verslag van het gesprek is vastgelegd.",
                "The report of the conversation has been recorded.",
            ),
            Step::Settlement => (
                "De bevestiging van de afhandeling is vastgelegd.",
                "The confirmation of the settlement has been recorded.",
            ),
            Step::FinalDecision => (
                "De definitieve beslissing is vastgelegd.",
                "The final decision has been recorded.",
            ),
            Step::Withdraw => (
                "De intrekking van de klacht is vastgelegd.",
                "The withdrawal of the complaint has been recorded.",
            ),
            Step::Extend => ("De termijn is verlengd.", "The term has been extended."),
            Step::NotAComplaint => (
                "De klacht is afgesloten als geen klacht, met verwijzing.",
                "The complaint has been closed as not a complaint, with a referral.",
            ),
            Step::Reassign => (
                "De klacht is toegewezen.",
                "The complaint has been assigned.",
            ),
            Step::LinkEmployee => (
                "De koppeling met de medewerker is vastgelegd.",
                "The link to the employee has been recorded.",
            ),
        };
        lang.t(nl, en)
    }
}
