//! `wederhoor dev seed`: a database full of realistic complaints, for demonstrations and for
//! measuring queries at size.
//!
//! Every complaint is a simulated life ([`life`]) decided by the real domain, so the data holds
//! every state the procedure allows, with real deadlines, spread over the chosen years. The
//! complaints are created in batches through the same store call as live intake (one
//! transaction per batch, references allocated inside it).

mod life;
pub mod names;

use std::sync::Arc;

use domain::complaint::{
    Category, Channel, Complainant, ContactDetails, EmailAddress, PersonName, PhoneNumber,
    PostalAddress, RegionCode, Registration, Text, UserId,
};
use domain::reference::Reference;
use domain::time::civil_date;
use jiff::{SignedDuration, Timestamp};
use store::{Contents, PendingComplaint};

use self::life::Life;
use self::names::*;
use crate::record::projection;
use crate::{App, AppError};

/// What to seed.
#[derive(Debug, Clone, Copy)]
pub struct SeedOptions {
    pub complaints: u64,
    /// Seed of the random generator: the same seed and "today" give the same data.
    pub seed: u64,
    /// Complaints are received over this many years before today.
    pub years: u16,
    /// Complaints per transaction.
    pub batch: usize,
    /// Store each complaint's events (its hash-chained history). `false` stores the projection
    /// rows only, each at `seq` 0 with an empty event log: such complaints cannot be opened,
    /// appended to or audited, so this is only for measuring queries that read the projection
    /// alone (the work queue bench). The events are ~90 % of a seeded database's size.
    pub event_log: bool,
}

/// The part of a seeded complaint fixed before its reference exists.
#[derive(Debug, Clone)]
struct Plan {
    rng_seed: u64,
    received_at: Timestamp,
    channel: Channel,
    region: &'static str,
    category: &'static str,
}

impl App {
    /// Creates the sample organisation's regions and categories (idempotent).
    pub async fn seed_organisation(&self) -> Result<(), AppError> {
        for (code, name, city, street) in REGIONS {
            let region = store::Region {
                code: (*code).into(),
                name: (*name).into(),
                management_name: format!("Directie {name}"),
                management_address: format!("{street}\n{city}"),
                active: true,
            };
            self.store.upsert_region(&region).await?;
        }
        for (code, nl, en) in CATEGORIES {
            let category = store::Category {
                code: (*code).into(),
                name_nl: (*nl).into(),
                name_en: (*en).into(),
                active: true,
            };
            self.store.upsert_category(&category).await?;
        }
        Ok(())
    }

    /// Seeds `options.complaints` complaints; `progress` is called with the number done so far.
    pub async fn seed(
        &self,
        options: SeedOptions,
        mut progress: impl FnMut(u64),
    ) -> Result<(), AppError> {
        self.seed_organisation().await?;
        let until = self.clock.now();
        let span = SignedDuration::from_hours(24 * 365 * i64::from(options.years.max(1)));
        let mut rng = fastrand::Rng::with_seed(options.seed);
        let mut done = 0;
        while done < options.complaints {
            let n = (options.complaints - done).min(options.batch.max(1) as u64);
            let batch: Vec<PendingComplaint> = (0..n)
                .map(|_| self.pending(plan(&mut rng, until, span), until, options.event_log))
                .collect();
            self.store.create_pending(batch).await?;
            done += n;
            progress(done);
        }
        Ok(())
    }

    fn pending(&self, plan: Plan, until: Timestamp, event_log: bool) -> PendingComplaint {
        let calendar = self.calendar();
        let procedure = Arc::clone(&self.current_procedure);
        let year = civil_date(plan.received_at).year();
        PendingComplaint {
            id: uuid::Uuid::now_v7(),
            year,
            idempotency_key: None,
            build: Arc::new(move |reference| {
                let mut life = Life::new(plan.rng_seed, until, &calendar, &procedure, plan.region);
                life.live(registration(&plan, reference), plan.channel == Channel::Web)?;
                let complaint = life.complaint().ok_or("no complaint")?;
                Ok(Contents {
                    projection: projection(complaint),
                    events: if event_log { life.records } else { Vec::new() },
                    jobs: Vec::new(),
                })
            }),
            attachments: Vec::new(),
        }
    }
}

fn plan(rng: &mut fastrand::Rng, until: Timestamp, span: SignedDuration) -> Plan {
    let back = SignedDuration::from_secs(rng.i64(0..span.as_secs()));
    // Office hours-ish: most complaints arrive by day.
    let mut received_at = until - back;
    let hour = received_at
        .to_zoned_datetime(domain::time::amsterdam())
        .hour();
    if !(7..22).contains(&hour) {
        received_at -= SignedDuration::from_hours(10);
    }
    let channel = match rng.u8(0..100) {
        0..45 => Channel::Web,
        45..75 => Channel::Email,
        75..93 => Channel::Phone,
        93..98 => Channel::Letter,
        _ => Channel::InPerson,
    };
    Plan {
        rng_seed: rng.u64(..),
        received_at,
        channel,
        region: REGIONS[rng.usize(0..REGIONS.len())].0,
        category: CATEGORIES[rng.usize(0..CATEGORIES.len())].0,
    }
}

fn registration(plan: &Plan, reference: Reference) -> Registration {
    let mut rng = fastrand::Rng::with_seed(plan.rng_seed ^ 0x5eed);
    let first = FIRST_NAMES[rng.usize(0..FIRST_NAMES.len())];
    let last = SURNAMES[rng.usize(0..SURNAMES.len())];
    let mail_name = format!("{first}.{last}").to_lowercase().replace(' ', "");
    let email = EmailAddress::try_from(format!("{}@example.nl", ascii(&mail_name))).ok();
    let phone = PhoneNumber::try_from(format!("06{:08}", rng.u32(0..100_000_000))).ok();
    let contact = match rng.u8(0..10) {
        0 => ContactDetails::new(None, phone.clone()),
        1 => ContactDetails::new(email.clone(), None),
        _ => ContactDetails::new(email, phone),
    }
    .expect("a seeded complainant has a contact route");
    let street = STREETS[rng.usize(0..STREETS.len())];
    let city = CITIES[rng.usize(0..CITIES.len())];
    let address = format!(
        "{street} {}\n{:04} {}{} {city}",
        rng.u16(1..200),
        rng.u16(1000..9999),
        ascii_upper(&mut rng),
        ascii_upper(&mut rng)
    );
    let descriptions = descriptions(plan.category);
    Registration {
        reference,
        channel: plan.channel,
        received_at: plan.received_at,
        complainant: Complainant {
            name: PersonName::try_from(format!("{first} {last}")).expect("seed names are valid"),
            contact,
            address: rng
                .bool()
                .then(|| PostalAddress::try_from(address).expect("seed addresses are valid")),
            representative: None,
        },
        region: RegionCode::try_from(plan.region.to_string()).expect("seed regions are valid"),
        category: Category::try_from(plan.category).expect("seed categories are valid"),
        description: Text::try_from(descriptions[rng.usize(0..descriptions.len())])
            .expect("seed texts are valid"),
        employee_concerned: rng.bool().then(|| {
            PersonName::try_from(EMPLOYEES[rng.usize(0..EMPLOYEES.len())]).expect("valid")
        }),
        desired_outcome: Some(
            Text::try_from(DESIRED_OUTCOMES[rng.usize(0..DESIRED_OUTCOMES.len())]).expect("valid"),
        ),
        assignee: UserId::try_from(format!("behandelaar-{}-1", plan.region)).ok(),
    }
}

/// E-mail local parts: Latin letters only (ö → o, ı → i).
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ö' | 'ó' => 'o',
            'ü' => 'u',
            'ë' | 'é' => 'e',
            'ı' | 'ï' => 'i',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect()
}

fn ascii_upper(rng: &mut fastrand::Rng) -> char {
    rng.char('A'..='Z')
}
