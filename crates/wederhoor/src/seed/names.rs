//! Realistic Dutch sample data for `wederhoor dev seed`: names, places, regions and complaint
//! texts per category. Fictional; any resemblance to real persons is chance.

pub const FIRST_NAMES: &[&str] = &[
    "Anna", "Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Sophie", "Finn", "Tess",
    "Noah", "Sara", "Milan", "Zoë", "Jesse", "Eva", "Bram", "Lotte", "Thijs", "Fleur", "Ruben",
    "Noor", "Stijn", "Lieke", "Mohammed", "Fatima", "Yusuf", "Amira", "Kevin", "Sanne", "Wouter",
    "Ingrid", "Henk", "Gerda", "Kees", "Marieke", "Joost", "Anouk", "Pieter", "Femke", "Bas",
    "Willemijn", "Hüseyin", "Priya", "Jan", "Truus", "Dirk", "Esther", "Sven",
];

pub const SURNAMES: &[&str] = &[
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems",
    "van Vliet", "Yılmaz", "El Amrani", "Bouzid", "Nguyen", "Kaya", "Öztürk", "Postma", "Hoekstra",
];

/// (code, name, city of the regional management's office, street)
pub const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("noord", "Regio Noord", "Groningen", "Herestraat 12"),
    ("oost", "Regio Oost", "Zwolle", "Luttekestraat 40"),
    ("midden", "Regio Midden", "Utrecht", "Catharijnesingel 55"),
    ("west", "Regio West", "Haarlem", "Grote Houtstraat 101"),
    ("zuidwest", "Regio Zuidwest", "Rotterdam", "Coolsingel 6"),
    ("zuid", "Regio Zuid", "Eindhoven", "Stratumseind 3"),
];

/// (code, Dutch name, English name): the procedure's own examples plus "anders".
pub const CATEGORIES: &[(&str, &str, &str)] = &[
    ("werkwijze", "Werkwijze", "Way of working"),
    ("bereikbaarheid", "Bereikbaarheid", "Availability"),
    ("bejegening", "Bejegening", "Treatment"),
    ("anders", "Anders", "Other"),
];

pub const CITIES: &[&str] = &[
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
    "Almere", "Breda", "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem", "Enschede", "Zwolle",
    "Leeuwarden", "Maastricht", "Dordrecht", "Zoetermeer", "Amersfoort", "Assen", "Emmen",
];

pub const STREETS: &[&str] = &[
    "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianastraat",
    "Beatrixlaan", "Wilhelminastraat", "Parallelweg", "Eikenlaan", "Lindelaan", "Sportlaan",
];

/// Complaint descriptions per category code.
pub fn descriptions(category: &str) -> &'static [&'static str] {
    match category {
        "werkwijze" => &[
            "Mijn aanvraag is drie keer opnieuw opgevraagd omdat de stukken kwijt waren.",
            "Er is een besluit genomen zonder dat ik ben gehoord over mijn situatie.",
            "De afspraak werd afgezegd zonder dat iemand mij een nieuwe datum gaf.",
            "Ik kreeg tegenstrijdige informatie van twee medewerkers over dezelfde regeling.",
        ],
        "bereikbaarheid" => &[
            "Ik heb vijf keer gebeld en kwam steeds in de wachtrij terecht zonder terugbelverzoek.",
            "Mijn e-mail van drie weken geleden is nog steeds niet beantwoord.",
            "Het kantoor was dicht op het tijdstip dat op de website stond.",
            "De teruggebelde medewerker belde buiten de afgesproken tijd.",
        ],
        "bejegening" => &[
            "De medewerker aan de telefoon was kortaf en onderbrak mij steeds.",
            "Tijdens het huisbezoek werd ik niet serieus genomen en werd er over mij gelachen.",
            "Ik voelde mij niet gehoord: er werd direct gezegd dat mijn klacht onzin was.",
            "Er werd in het bijzijn van anderen over mijn persoonlijke situatie gesproken.",
        ],
        _ => &[
            "Mijn post wordt steeds naar een oud adres gestuurd, ondanks mijn wijziging.",
            "De factuur klopt niet en niemand kan mij uitleggen waarom.",
            "Mijn gegevens zijn zonder mijn toestemming met een andere partij gedeeld.",
        ],
    }
}

pub const DESIRED_OUTCOMES: &[&str] = &[
    "Excuses en een nieuwe afspraak.",
    "Dat mijn aanvraag alsnog goed wordt behandeld.",
    "Een uitleg en de zekerheid dat dit niet weer gebeurt.",
    "Een vaste contactpersoon.",
    "Terugbetaling van de onterecht gerekende kosten.",
];

pub const EMPLOYEES: &[&str] = &[
    "mw. K. de Vries (consulent)", "dhr. P. Bakker (teamleider)", "mw. S. Öztürk (medewerker intake)",
    "dhr. J. van Dam (buitendienst)", "mw. L. Hoekstra (klantcontact)",
];
