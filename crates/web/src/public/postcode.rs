//! Deriving a complainant's region from the postcode of their postal address.
//!
//! When the organisation configured postcode ranges (`/kantoor/beheer/postcodes`, or
//! `wederhoor region postcode add`), the form's region list ends with "Weet ik niet"
//! ([`DERIVE`]); that choice, or no choice, makes the form look the region up from the postcode
//! in the address. No postcode, or one in no range, asks the complainant to choose a region.
//! Without ranges the form is unchanged: a region must be chosen.

use store::PostcodeRange;

use super::errors::FieldErrors;
use super::input::{Choice, ComplaintForm};
use crate::lang::Lang;

/// The value of the "weet ik niet" option of the region list.
pub(crate) const DERIVE: &str = "postcode";

/// The 4 digits of the first Dutch postcode ("3511 AB", "3511AB") in `address`: four digits,
/// the first not 0, not part of a longer number, then two letters (a space between is allowed).
pub(crate) fn postcode_in(address: &str) -> Option<u16> {
    let chars: Vec<char> = address.chars().collect();
    (0..chars.len().saturating_sub(5)).find_map(|i| {
        let before_ok = i == 0 || !chars[i - 1].is_alphanumeric();
        let digits = &chars[i..i + 4];
        if !before_ok || !digits.iter().all(char::is_ascii_digit) || digits[0] == '0' {
            return None;
        }
        let mut j = i + 4;
        if chars.get(j) == Some(&' ') {
            j += 1;
        }
        let letters = chars.get(j..j + 2)?;
        let after_ok = chars.get(j + 2).is_none_or(|c| !c.is_alphanumeric());
        (letters.iter().all(char::is_ascii_alphabetic) && after_ok)
            .then(|| digits.iter().collect::<String>().parse().ok())
            .flatten()
    })
}

/// The region whose range holds `postcode`.
pub(crate) fn region_for(ranges: &[PostcodeRange], postcode: u16) -> Option<&str> {
    ranges
        .iter()
        .find(|r| (r.from..=r.to).contains(&postcode))
        .map(|r| r.region.as_str())
}

/// What [`derive`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Derived {
    /// A region was chosen, or there are no ranges: nothing to do.
    NotAsked,
    /// The region was derived and put in the form.
    Found,
    /// The complainant asked for it, but the address has no postcode in a range of an active
    /// region.
    NoMatch,
}

/// Puts the region of the address's postcode in `form` when the complainant left the region
/// open (or chose "weet ik niet") and ranges exist. `regions` are the active choices.
pub(crate) fn derive(
    form: &mut ComplaintForm,
    ranges: &[PostcodeRange],
    regions: &[Choice],
) -> Derived {
    let asked = form.regio.is_empty() || form.regio == DERIVE;
    if !asked || ranges.is_empty() {
        return Derived::NotAsked;
    }
    form.regio.clear();
    let found = postcode_in(&form.adres)
        .and_then(|p| region_for(ranges, p))
        .filter(|code| regions.iter().any(|r| r.code == *code && r.code != DERIVE));
    match found {
        Some(code) => {
            form.regio = code.to_owned();
            Derived::Found
        }
        None => Derived::NoMatch,
    }
}

/// `errors` with the region's message replaced by one that says why no region was derived.
pub(crate) fn explain_no_match(lang: Lang, errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::default();
    for e in errors.iter() {
        if e.field == "regio" {
            out.add(
                "regio",
                lang.t(
                    "We konden uw regio niet bepalen aan de hand van de postcode van uw adres. Kies de regio waar uw klacht over gaat",
                    "We could not tell your region from the postcode of your address. Choose the region your complaint is about",
                ),
            );
        } else {
            out.add(e.field, e.message.clone());
        }
    }
    out
}

/// The "weet ik niet" choice that ends the region list when ranges exist.
pub(crate) fn derive_choice(lang: Lang) -> Choice {
    Choice {
        code: DERIVE.to_owned(),
        label: lang
            .t(
                "Weet ik niet: bepaal de regio aan de hand van de postcode van mijn adres",
                "I don't know: derive the region from the postcode of my address",
            )
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges() -> Vec<PostcodeRange> {
        vec![
            PostcodeRange {
                from: 1000,
                to: 1099,
                region: "west".into(),
            },
            PostcodeRange {
                from: 9000,
                to: 9999,
                region: "noord".into(),
            },
        ]
    }

    #[test]
    fn the_postcode_is_found_in_a_free_text_address() {
        assert_eq!(postcode_in("Kerkstraat 12\n1012 AB Amsterdam"), Some(1012));
        assert_eq!(postcode_in("Kerkstraat 12, 1012AB Amsterdam"), Some(1012));
        assert_eq!(postcode_in("9711ab"), Some(9711));
        assert_eq!(postcode_in("Kerkstraat 1234"), None, "a house number");
        assert_eq!(postcode_in("Postbus 12345 AB"), None, "five digits");
        assert_eq!(
            postcode_in("0123 AB Nergens"),
            None,
            "no postcode starts with 0"
        );
        assert_eq!(postcode_in("1012 ABC"), None, "three letters");
        assert_eq!(postcode_in(""), None);
    }

    #[test]
    fn a_postcode_maps_to_the_region_of_its_range_bounds_included() {
        let r = ranges();
        assert_eq!(region_for(&r, 1000), Some("west"));
        assert_eq!(region_for(&r, 1099), Some("west"));
        assert_eq!(region_for(&r, 1100), None);
        assert_eq!(region_for(&r, 9711), Some("noord"));
    }

    fn form(regio: &str, adres: &str) -> ComplaintForm {
        ComplaintForm {
            regio: regio.into(),
            adres: adres.into(),
            ..ComplaintForm::default()
        }
    }

    #[test]
    fn the_region_is_derived_only_when_left_open_and_ranges_exist() {
        let regions: Vec<Choice> = ["west", "noord"]
            .map(|c| Choice {
                code: c.into(),
                label: c.into(),
            })
            .into();
        let mut f = form(DERIVE, "Dorpsstraat 1\n9711 AB Groningen");
        assert_eq!(derive(&mut f, &ranges(), &regions), Derived::Found);
        assert_eq!(f.regio, "noord");

        let mut f = form("west", "9711 AB Groningen");
        assert_eq!(derive(&mut f, &ranges(), &regions), Derived::NotAsked);
        assert_eq!(f.regio, "west", "a chosen region stands");

        let mut f = form("", "5611 AB Eindhoven");
        assert_eq!(derive(&mut f, &ranges(), &regions), Derived::NoMatch);
        assert_eq!(f.regio, "");

        let mut f = form("", "9711 AB Groningen");
        assert_eq!(derive(&mut f, &[], &regions), Derived::NotAsked);
    }
}
