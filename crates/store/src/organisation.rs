//! The organisation's own contact details (one row, edited by a beheerder).

/// Who the organisation is, as letters, mails and pages print it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organisation {
    pub name: String,
    /// The telephone number for complaints, as printed.
    pub phone: String,
    /// The e-mail address for complaints.
    pub email: String,
    /// Street line(s), then "postcode place", one per line.
    pub address: String,
    /// The place in the dagtekening.
    pub place: String,
    /// Where privacy questions go.
    pub privacy_email: String,
    /// The public website; empty when there is none.
    pub website: String,
}
