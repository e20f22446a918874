//! `wederhoor portal revoke` through the binary, on both databases: every link of the complaint
//! stops working and the count is printed; an unknown or malformed reference is refused with
//! exit code 2 and one line.

use std::sync::Arc;

use domain::reference::Reference;
use sqlx::Connection;

use crate::db::TestDb;

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// The lowest reference in the database.
async fn first_reference(db: &TestDb) -> Reference {
    const SQL: &str = "SELECT CAST(ref_year AS BIGINT), CAST(ref_number AS BIGINT) FROM complaints ORDER BY ref_year, ref_number LIMIT 1";
    let (year, number): (i64, i64) = if db.url.starts_with("sqlite") {
        let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
        sqlx::query_as(SQL).fetch_one(&mut c).await.unwrap()
    } else {
        let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
        sqlx::query_as(SQL).fetch_one(&mut c).await.unwrap()
    };
    Reference::new(year.try_into().unwrap(), number.try_into().unwrap()).unwrap()
}

async fn revoking_ends_every_link_of_the_complaint(db: TestDb) {
    let out = db.run(&["dev", "seed", "--complaints", "3", "--seed", "7"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let reference = first_reference(&db).await;

    let store = store::connect(&db.url).await.unwrap();
    let accounts = app::accounts::Accounts::new(store.clone(), Arc::new(app::SystemClock));
    let complaint = store
        .complaint_by_reference(reference)
        .await
        .unwrap()
        .unwrap();
    let first = accounts.create_portal_link(complaint.id).await.unwrap();
    let second = accounts.create_portal_link(complaint.id).await.unwrap();
    for t in [&first, &second] {
        assert_eq!(
            accounts.portal_complaint(t.expose()).await.unwrap(),
            Some(complaint.id)
        );
    }

    let r = reference.to_string();
    let out = db.run(&["portal", "revoke", "--reference", &r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(&format!("2 persoonlijke links van klacht {r} ingetrokken")),
        "{}",
        text(&out.stdout)
    );
    for t in [&first, &second] {
        assert_eq!(accounts.portal_complaint(t.expose()).await.unwrap(), None);
    }

    // Again: nothing left to revoke, still fine.
    let out = db.run(&["portal", "revoke", "--reference", &r]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("0 "), "{}", text(&out.stdout));

    for wrong in ["K-2099-999999", "geen-kenmerk"] {
        let out = db.run(&["portal", "revoke", "--reference", wrong]);
        assert_eq!(out.status.code(), Some(2), "{wrong}: {}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(err.starts_with("fout: "), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[tokio::test]
async fn sqlite_portal_revoke_ends_every_link_of_the_complaint() {
    revoking_ends_every_link_of_the_complaint(TestDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_portal_revoke_ends_every_link_of_the_complaint() {
    if let Some(db) = TestDb::postgres().await {
        revoking_ends_every_link_of_the_complaint(db).await;
    }
}
