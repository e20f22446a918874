//! `wederhoor region` and `wederhoor category`: a fresh installation gets its regions and
//! categories from the command line, and bad input is refused with exit code 2.

use crate::db::TestDb;

fn ok(db: &TestDb, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn regions_and_categories_are_added_listed_and_changed() {
    let db = TestDb::sqlite();
    ok(
        &db,
        &[
            "region",
            "add",
            "--code",
            "Midden",
            "--name",
            "Regio Midden",
            "--management-name",
            "Directie Regio Midden",
            "--management-address",
            "Catharijnesingel 55\\n3511 GD Utrecht",
        ],
    );
    ok(
        &db,
        &[
            "category",
            "add",
            "--code",
            "bejegening",
            "--name-nl",
            "Bejegening",
            "--name-en",
            "Treatment",
        ],
    );
    let regions = ok(&db, &["region", "list"]);
    assert_eq!(
        regions.trim(),
        "midden\tRegio Midden\tDirectie Regio Midden\tactief"
    );
    ok(
        &db,
        &[
            "region",
            "add",
            "--code",
            "midden",
            "--name",
            "Regio Midden",
            "--management-name",
            "Directie Midden",
            "--management-address",
            "Postbus 1",
            "--inactive",
        ],
    );
    let regions = ok(&db, &["region", "list"]);
    assert_eq!(
        regions.trim(),
        "midden\tRegio Midden\tDirectie Midden\tinactief"
    );
    assert_eq!(
        ok(&db, &["category", "list"]).trim(),
        "bejegening\tBejegening\tTreatment\tactief"
    );
}

#[test]
fn bad_codes_and_missing_names_exit_2_with_one_line() {
    let db = TestDb::sqlite();
    for args in [
        &[
            "region",
            "add",
            "--code",
            "mid den",
            "--name",
            "x",
            "--management-name",
            "y",
            "--management-address",
            "z",
        ][..],
        &[
            "region",
            "add",
            "--code",
            "midden",
            "--name",
            " ",
            "--management-name",
            "y",
            "--management-address",
            "z",
        ][..],
        &[
            "category",
            "add",
            "--code",
            "",
            "--name-nl",
            "a",
            "--name-en",
            "b",
        ][..],
    ] {
        let out = db.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("fout:")).count(),
            1,
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn the_organisation_settings_seed_the_database_once_and_never_overwrite_it() {
    let db = TestDb::sqlite();
    let data = tempfile::tempdir().unwrap();
    let drain = |name: &str| {
        let out = db
            .command(&["worker", "--drain"])
            .env("WEDERHOOR_DATA_DIR", data.path())
            .env("WEDERHOOR_ORG_NAME", name)
            .env("WEDERHOOR_ORG_PHONE", "088 007 1400")
            .output()
            .expect("the worker runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    drain("Focus Nederland");
    let store = store::connect(&db.url).await.unwrap();
    let seeded = store.organisation().await.unwrap().expect("seeded");
    assert_eq!(seeded.name, "Focus Nederland");
    assert_eq!(seeded.phone, "088 007 1400");
    // A beheerder's edit stands; the settings of a later start do not overwrite it.
    let mut edited = seeded.clone();
    edited.name = "Focus Nederland B.V.".into();
    store
        .set_organisation(&edited, jiff::Timestamp::now())
        .await
        .unwrap();
    drain("Iets anders");
    assert_eq!(store.organisation().await.unwrap(), Some(edited));
}

#[test]
fn postcode_ranges_are_added_listed_refused_when_overlapping_and_removed() {
    let db = TestDb::sqlite();
    ok(
        &db,
        &[
            "region",
            "add",
            "--code",
            "noord",
            "--name",
            "Regio Noord",
            "--management-name",
            "Directie Noord",
            "--management-address",
            "Postbus 1\\n9700 AA Groningen",
        ],
    );
    let add = |from: &str, to: &str, region: &str| {
        db.run(&[
            "region", "postcode", "add", "--region", region, "--from", from, "--to", to,
        ])
    };
    assert!(add("9000", "9999", "noord").status.success());
    let overlap = add("8500", "9000", "noord");
    assert_eq!(overlap.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&overlap.stderr).contains("overlapt met 9000–9999"));
    assert_eq!(add("1000", "1099", "nergens").status.code(), Some(2));
    assert_eq!(add("1100", "1000", "noord").status.code(), Some(2));
    assert_eq!(
        ok(&db, &["region", "postcode", "list"]).trim(),
        "9000\t9999\tnoord"
    );
    ok(&db, &["region", "postcode", "remove", "--from", "9000"]);
    assert_eq!(ok(&db, &["region", "postcode", "list"]).trim(), "");
}
