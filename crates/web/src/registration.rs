//! The registration of a complaint received by phone, by letter or in person, parsed once for
//! its two front ends: the office's form (`office::register`: Dutch field names, a message
//! beside each field) and the API (`api::register`: JSON names, the 422 field list).
//!
//! Each front end reads its own input into [`Given`] (the channel and the moment of receipt it
//! parses itself: a select and a date and time on the form, a name and an RFC 3339 moment in
//! JSON), calls [`intake`], and words each [`Refused`] value its own way. What the values must
//! be, and who becomes the assignee, is decided here once.

use app::Intake;
use domain::complaint::{
    Category, Channel, Complainant, ContactDetails, EmailAddress, InvalidInput, PersonName,
    PhoneNumber, PostalAddress, RegionCode, Role, Text, UserId,
};
use jiff::Timestamp;
use store::UserRecord;

/// A registration's values as the front end read them, by neutral names. A required value that
/// is `None` was refused by the front end already (the API's missing member); an optional one
/// that is `None` was not given (blank). The channel and the moment come parsed: `None` when
/// the front end refused them.
#[derive(Debug, Default)]
pub(crate) struct Given {
    pub channel: Option<Channel>,
    pub received_at: Option<Timestamp>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub region: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub employee_concerned: Option<String>,
    pub desired_outcome: Option<String>,
}

/// A value of the registration that the domain checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    Email,
    Phone,
    /// Neither an e-mail address nor a phone number: both front ends mark the e-mail field.
    Contact,
    Address,
    Category,
    Description,
    EmployeeConcerned,
    DesiredOutcome,
}

/// A value that is not right.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The domain refused the value, for this reason.
    Invalid(Field, InvalidInput),
    /// The region is not a region code, or one the user may not see: refused alike, so that
    /// another region cannot be told from an unknown one.
    Region,
}

/// The registration as an intake by `user`, or every value that is not right (in the order of
/// the fields). A handler who registers becomes the assignee.
pub(crate) fn intake(given: Given, user: &UserRecord) -> Result<Intake, Vec<Refused>> {
    let mut refused = Vec::new();
    let name = required(&mut refused, Field::Name, given.name, PersonName::try_from);
    let email = optional(
        &mut refused,
        Field::Email,
        given.email,
        EmailAddress::try_from,
    );
    let phone = optional(
        &mut refused,
        Field::Phone,
        given.phone,
        PhoneNumber::try_from,
    );
    let contact = match (email, phone) {
        (Some(email), Some(phone)) => check(
            &mut refused,
            Field::Contact,
            ContactDetails::new(email, phone),
        ),
        _ => None,
    };
    let address = optional(
        &mut refused,
        Field::Address,
        given.address,
        PostalAddress::try_from,
    );
    let region = given
        .region
        .and_then(|code| match RegionCode::try_from(code) {
            Ok(r) if user.may_see_region(r.as_ref()) => Some(r),
            _ => {
                refused.push(Refused::Region);
                None
            }
        });
    let category = required(
        &mut refused,
        Field::Category,
        given.category,
        Category::try_from,
    );
    let description = required(
        &mut refused,
        Field::Description,
        given.description,
        Text::try_from,
    );
    let employee = optional(
        &mut refused,
        Field::EmployeeConcerned,
        given.employee_concerned,
        PersonName::try_from,
    );
    let desired = optional(
        &mut refused,
        Field::DesiredOutcome,
        given.desired_outcome,
        Text::try_from,
    );
    let assignee = (user.role == Role::Klachtbehandelaar)
        .then(|| UserId::try_from(user.id.to_string()).ok())
        .flatten();
    let intake = (|| {
        Some(Intake {
            channel: given.channel?,
            received_at: given.received_at?,
            complainant: Complainant {
                name: name?,
                contact: contact?,
                address: address?,
                representative: None,
            },
            region: region?,
            category: category?,
            description: description?,
            employee_concerned: employee?,
            desired_outcome: desired?,
            assignee,
        })
    })();
    match intake {
        Some(intake) if refused.is_empty() => Ok(intake),
        _ => Err(refused),
    }
}

/// `parsed`'s value, or its reason recorded under `field`.
fn check<T>(
    refused: &mut Vec<Refused>,
    field: Field,
    parsed: Result<T, InvalidInput>,
) -> Option<T> {
    parsed
        .map_err(|reason| refused.push(Refused::Invalid(field, reason)))
        .ok()
}

/// A required value: None when the front end refused it or the domain does.
fn required<T>(
    refused: &mut Vec<Refused>,
    field: Field,
    value: Option<String>,
    parse: impl FnOnce(String) -> Result<T, InvalidInput>,
) -> Option<T> {
    value.and_then(|v| check(refused, field, parse(v)))
}

/// An optional value: `Some(None)` when not given, None when the domain refuses it.
fn optional<T>(
    refused: &mut Vec<Refused>,
    field: Field,
    value: Option<String>,
    parse: impl FnOnce(String) -> Result<T, InvalidInput>,
) -> Option<Option<T>> {
    match value {
        None => Some(None),
        Some(v) => check(refused, field, parse(v).map(Some)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, regions: &[&str]) -> UserRecord {
        UserRecord {
            id: uuid::Uuid::new_v4(),
            email: "a@example.nl".into(),
            name: "A".into(),
            role,
            all_regions: false,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            active: true,
            password_hash: None,
            totp_secret: None,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    fn given() -> Given {
        Given {
            channel: Some(Channel::Phone),
            received_at: Some(Timestamp::UNIX_EPOCH),
            name: Some("Jan Jansen".into()),
            email: Some("jan@example.nl".into()),
            region: Some("noord".into()),
            category: Some("bejegening".into()),
            description: Some("Niet teruggebeld.".into()),
            ..Given::default()
        }
    }

    #[test]
    fn a_complete_registration_by_a_handler_is_assigned_to_them() {
        let handler = user(Role::Klachtbehandelaar, &["noord"]);
        let intake = intake(given(), &handler).unwrap();
        assert_eq!(intake.region.as_ref(), "noord");
        assert_eq!(
            intake.assignee,
            Some(UserId::try_from(handler.id.to_string()).unwrap())
        );
        assert_eq!(intake.employee_concerned, None);
    }

    #[test]
    fn a_registration_by_a_regional_director_has_no_assignee() {
        let intake = intake(given(), &user(Role::Regiodirecteur, &["noord"])).unwrap();
        assert_eq!(intake.assignee, None);
    }

    #[test]
    fn every_wrong_value_is_refused_in_field_order() {
        let wrong = Given {
            name: Some(String::new()),
            email: Some("geen adres".into()),
            region: Some("zuid".into()),
            description: Some(String::new()),
            ..given()
        };
        let refused = intake(wrong, &user(Role::Klachtbehandelaar, &["noord"])).unwrap_err();
        let fields: Vec<Option<Field>> = refused
            .iter()
            .map(|r| match r {
                Refused::Invalid(field, _) => Some(*field),
                Refused::Region => None,
            })
            .collect();
        assert_eq!(
            fields,
            [
                Some(Field::Name),
                Some(Field::Email),
                None,
                Some(Field::Description)
            ]
        );
    }

    #[test]
    fn no_contact_at_all_is_refused_as_contact() {
        let wrong = Given {
            email: None,
            ..given()
        };
        let refused = intake(wrong, &user(Role::Klachtbehandelaar, &["noord"])).unwrap_err();
        assert!(matches!(
            refused.as_slice(),
            [Refused::Invalid(Field::Contact, _)]
        ));
    }

    #[test]
    fn a_value_the_front_end_refused_fails_without_a_second_refusal() {
        let wrong = Given {
            name: None,
            channel: None,
            ..given()
        };
        let refused = intake(wrong, &user(Role::Klachtbehandelaar, &["noord"])).unwrap_err();
        assert!(refused.is_empty());
    }
}
