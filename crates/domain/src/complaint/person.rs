//! Who complains, how to reach them, and the channel the complaint came in on.
//!
//! The procedure promises contact "telefonisch of per e-mail", so a complainant without an
//! e-mail address or a phone number cannot be registered: `ContactDetails` refuses it.

use serde::{Deserialize, Serialize};

use super::types::{EmailAddress, InvalidInput, PersonName, PhoneNumber, PostalAddress};

/// The channel a complaint (or an objection) reached the organisation on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The digital complaint form.
    Web,
    Email,
    Phone,
    Letter,
    InPerson,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Web,
        Channel::Email,
        Channel::Phone,
        Channel::Letter,
        Channel::InPerson,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Letter => "letter",
            Channel::InPerson => "in_person",
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Channel::Web => "het digitale klachtenformulier",
            Channel::Email => "e-mail",
            Channel::Phone => "telefoon",
            Channel::Letter => "brief",
            Channel::InPerson => "persoonlijk op kantoor",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// An e-mail address and/or a phone number: at least one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawContact")]
pub struct ContactDetails {
    email: Option<EmailAddress>,
    phone: Option<PhoneNumber>,
}

#[derive(Deserialize)]
struct RawContact {
    email: Option<EmailAddress>,
    phone: Option<PhoneNumber>,
}

impl TryFrom<RawContact> for ContactDetails {
    type Error = InvalidInput;
    fn try_from(r: RawContact) -> Result<Self, InvalidInput> {
        ContactDetails::new(r.email, r.phone)
    }
}

impl ContactDetails {
    pub fn new(
        email: Option<EmailAddress>,
        phone: Option<PhoneNumber>,
    ) -> Result<ContactDetails, InvalidInput> {
        if email.is_none() && phone.is_none() {
            return Err(InvalidInput::NoContactRoute);
        }
        Ok(ContactDetails { email, phone })
    }

    pub fn email(&self) -> Option<&EmailAddress> {
        self.email.as_ref()
    }

    pub fn phone(&self) -> Option<&PhoneNumber> {
        self.phone.as_ref()
    }
}

/// Someone acting for the complainant (gemachtigde).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub name: PersonName,
    pub contact: ContactDetails,
}

/// The person who complains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complainant {
    pub name: PersonName,
    pub contact: ContactDetails,
    pub address: Option<PostalAddress>,
    pub representative: Option<Representative>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_needs_an_email_or_a_phone() {
        assert_eq!(
            ContactDetails::new(None, None),
            Err(InvalidInput::NoContactRoute)
        );
        let phone = PhoneNumber::try_from("088 007 1400").unwrap();
        assert!(ContactDetails::new(None, Some(phone)).is_ok());
    }

    #[test]
    fn deserializing_checks_the_contact_route_too() {
        let err = serde_json::from_str::<ContactDetails>(r#"{"email":null,"phone":null}"#);
        assert!(err.is_err());
        let ok = serde_json::from_str::<ContactDetails>(r#"{"email":"a@b.nl","phone":null}"#);
        assert_eq!(ok.unwrap().email().unwrap().as_ref(), "a@b.nl");
    }

    #[test]
    fn channels_round_trip_their_names() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
    }
}
