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
