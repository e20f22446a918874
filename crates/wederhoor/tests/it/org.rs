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
