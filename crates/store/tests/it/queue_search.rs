//! The work queue's handler, channel and category filters and its full-text search, on both
//! databases. Matching differs by design (see `ops::queue_search`): SQLite matches word
//! prefixes, PostgreSQL matches Dutch stems.

use store::*;

use crate::helpers::*;

struct Spec {
    region: &'static str,
    channel: &'static str,
    category: &'static str,
    assignee: Option<&'static str>,
    deadline: &'static str,
    text: &'static str,
}

const SPECS: [Spec; 6] = [
    Spec {
        region: "noord",
        channel: "web",
        category: "gedrag",
        assignee: Some("u-anna"),
        deadline: "2026-03-03",
        text: "Jan de Vries jan@example.nl De buschauffeur was onbeleefd",
    },
    Spec {
        region: "zuid",
        channel: "post",
        category: "gedrag",
        assignee: None,
        deadline: "2026-03-04",
        text: "Piet Jansen Mijn klacht gaat over een vertraging van de trein",
    },
    Spec {
        region: "noord",
        channel: "telefoon",
        category: "dienstverlening",
        assignee: Some("u-bert"),
        deadline: "2026-03-05",
        text: "Marie van Dijk Twee klachten over de balie in Groningen",
    },
    Spec {
        region: "noord",
        channel: "web",
        category: "dienstverlening",
        assignee: None,
        deadline: "2026-03-06",
        text: "Kees de Vries Ik wacht al weken op antwoord",
    },
    Spec {
        region: "zuid",
        channel: "web",
        category: "gedrag",
        assignee: Some("u-anna"),
        deadline: "2026-03-07",
        text: "Café Ésprit \"quotes\" -streepjes AND NEAR(x) Over de klacht van gisteren",
    },
    Spec {
        region: "noord",
        channel: "post",
        category: "gedrag",
        assignee: Some("u-anna"),
        deadline: "2026-03-08",
        text: "Sanne Bakker De trein was te laat",
    },
];

/// Creates the open complaints of [`SPECS`] (in deadline order) and one closed complaint whose
/// text matches every search; returns the created complaints in queue order.
async fn seed(db: &TestDb) -> Vec<Created> {
    let mut batch = Vec::new();
    for s in &SPECS {
        let mut nc = complaint(2026);
        let mut p = projection(s.region, "received", Some(s.deadline));
        p.channel = s.channel.into();
        p.category = s.category.into();
        p.assignee = s.assignee.map(Into::into);
        p.search_text = s.text.into();
        nc.projection = p;
        batch.push(nc);
    }
    let mut closed = complaint(2026);
    closed.projection.closed = true;
    closed.projection.search_text = "Jan de Vries klacht trein Café".into();
    batch.push(closed);
    let created = db.store.create_complaints(batch).await.unwrap();
    created[..SPECS.len()].to_vec()
}

fn page(limit: u32) -> QueueQuery {
    QueueQuery {
        limit,
        ..Default::default()
    }
}

fn search(text: &str) -> QueueQuery {
    QueueQuery {
        search: Some(text.into()),
        ..page(100)
    }
}

/// The positions in [`SPECS`] of the rows of `q`.
async fn found(db: &TestDb, created: &[Created], q: &QueueQuery) -> Vec<usize> {
    let rows = db.store.queue(q).await.unwrap();
    rows.iter()
        .map(|r| {
            created
                .iter()
                .position(|c| c.id == r.id)
                .expect("an open complaint of the seed")
        })
        .collect()
}

conformance_test!(the_queue_filters_by_handler_channel_and_category);
async fn the_queue_filters_by_handler_channel_and_category(db: &TestDb) {
    let created = seed(db).await;
    let mine = QueueQuery {
        assignee: Some(AssigneeFilter::User("u-anna".into())),
        ..page(100)
    };
    assert_eq!(found(db, &created, &mine).await, [0, 4, 5]);
    let unassigned = QueueQuery {
        assignee: Some(AssigneeFilter::Unassigned),
        ..page(100)
    };
    assert_eq!(found(db, &created, &unassigned).await, [1, 3]);
    let by_post = QueueQuery {
        channel: Some("post".into()),
        ..page(100)
    };
    assert_eq!(found(db, &created, &by_post).await, [1, 5]);
    let service = QueueQuery {
        category: Some("dienstverlening".into()),
        ..page(100)
    };
    assert_eq!(found(db, &created, &service).await, [2, 3]);
    let nobody = QueueQuery {
        assignee: Some(AssigneeFilter::User("u-nobody".into())),
        ..page(100)
    };
    assert_eq!(found(db, &created, &nobody).await, [] as [usize; 0]);
}

conformance_test!(the_queue_combines_every_filter);
async fn the_queue_combines_every_filter(db: &TestDb) {
    let created = seed(db).await;
    let q = QueueQuery {
        region: Some("noord".into()),
        state: Some("received".into()),
        assignee: Some(AssigneeFilter::User("u-anna".into())),
        channel: Some("post".into()),
        category: Some("gedrag".into()),
        ..page(100)
    };
    assert_eq!(found(db, &created, &q).await, [5]);
    let q = QueueQuery {
        region: Some("noord".into()),
        category: Some("gedrag".into()),
        search: Some("vries".into()),
        ..page(100)
    };
    assert_eq!(found(db, &created, &q).await, [0]);
    let q = QueueQuery {
        assignee: Some(AssigneeFilter::Unassigned),
        channel: Some("web".into()),
        search: Some("wacht".into()),
        ..page(100)
    };
    assert_eq!(found(db, &created, &q).await, [3]);
}

conformance_test!(search_finds_open_complaints_by_name_e_mail_and_words);
async fn search_finds_open_complaints_by_name_e_mail_and_words(db: &TestDb) {
    let created = seed(db).await;
    // The closed complaint matches every one of these, and is never listed.
    assert_eq!(found(db, &created, &search("Vries")).await, [0, 3]);
    assert_eq!(found(db, &created, &search("jan de vries")).await, [0]);
    assert_eq!(found(db, &created, &search("jan@example.nl")).await, [0]);
    assert_eq!(found(db, &created, &search("TREIN")).await, [1, 5]);
    assert_eq!(found(db, &created, &search("cafe")).await, [4], "accents");
    assert_eq!(
        found(db, &created, &search("vries trein")).await,
        [] as [usize; 0]
    );
    // "klacht" is in 1 and 4, "klachten" in 2.
    match db.backend() {
        Backend::Postgres => {
            // Dutch stemming: each form finds the other.
            assert_eq!(found(db, &created, &search("klachten")).await, [1, 2, 4]);
            assert_eq!(found(db, &created, &search("klacht")).await, [1, 2, 4]);
        }
        Backend::Sqlite => {
            // Prefixes: the shorter form finds the longer, not the other way round.
            assert_eq!(found(db, &created, &search("klacht")).await, [1, 2, 4]);
            assert_eq!(found(db, &created, &search("klachten")).await, [2]);
            assert_eq!(found(db, &created, &search("vri")).await, [0, 3]);
        }
    }
}

conformance_test!(search_by_exact_reference_finds_that_complaint);
async fn search_by_exact_reference_finds_that_complaint(db: &TestDb) {
    let created = seed(db).await;
    let r = created[3].reference;
    let short = format!("{}-{:06}", r.year(), r.number());
    for text in [r.to_string(), r.to_string().to_lowercase(), short] {
        assert_eq!(found(db, &created, &search(&text)).await, [3], "{text}");
    }
    let other_region = QueueQuery {
        region: Some("zuid".into()),
        ..search(&r.to_string())
    };
    assert_eq!(found(db, &created, &other_region).await, [] as [usize; 0]);
}

conformance_test!(search_input_is_never_syntax);
async fn search_input_is_never_syntax(db: &TestDb) {
    let created = seed(db).await;
    for nasty in [
        "\"",
        "\"quotes\"",
        "-streepjes",
        "AND",
        "NEAR(x)",
        "OR NOT",
        "*",
        "café' OR 1=1 --",
        "(",
        ":",
        "search_text:x",
        "^jan",
        "'; DROP TABLE complaints; --",
        "\\",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
        "a\u{0}b",
    ] {
        let rows = db.store.queue(&search(nasty)).await;
        assert!(rows.is_ok(), "{nasty:?}: {rows:?}");
    }
    // Operators are words: only complaint 4 has them in its text.
    assert_eq!(
        found(db, &created, &search("\"quotes\" NEAR(x)")).await,
        [4]
    );
    assert_eq!(found(db, &created, &search("-streepjes")).await, [4]);
    // Punctuation alone is no search at all: every open complaint.
    assert_eq!(
        found(db, &created, &search(" - \" ")).await,
        [0, 1, 2, 3, 4, 5]
    );
}

conformance_test!(keyset_paging_walks_search_results_once);
async fn keyset_paging_walks_search_results_once(db: &TestDb) {
    let created = seed(db).await;
    let mut q = QueueQuery {
        search: Some("klacht".into()),
        ..page(2)
    };
    let mut pages = 0;
    let mut seen = Vec::new();
    loop {
        let rows = db.store.queue(&q).await.unwrap();
        assert!(rows.len() <= 2);
        let Some(last) = rows.last() else { break };
        q.after = Some(last.cursor());
        seen.extend(rows.iter().map(|r| r.id));
        pages += 1;
    }
    let want: Vec<_> = [1, 2, 4].iter().map(|&i| created[i].id).collect();
    assert_eq!(seen, want);
    assert_eq!(pages, 2);
}

conformance_test!(search_follows_appends_and_closing);
async fn search_follows_appends_and_closing(db: &TestDb) {
    let created = seed(db).await;
    let id = created[5].id;
    let mut p = db.store.complaint(id).await.unwrap().unwrap().projection;
    p.search_text = "Sanne Bakker De bus was te laat".into();
    db.store
        .append(id, 1, vec![event("noted", "x")], p.clone(), vec![])
        .await
        .unwrap();
    assert_eq!(found(db, &created, &search("trein")).await, [1]);
    assert_eq!(found(db, &created, &search("bus bakker")).await, [5]);
    p.closed = true;
    db.store
        .append(id, 2, vec![event("closed", "x")], p.clone(), vec![])
        .await
        .unwrap();
    assert_eq!(
        found(db, &created, &search("bakker")).await,
        [] as [usize; 0]
    );
    p.closed = false;
    db.store
        .append(id, 3, vec![event("reopened", "x")], p, vec![])
        .await
        .unwrap();
    assert_eq!(found(db, &created, &search("bakker")).await, [5]);
}

conformance_test!(the_new_filters_use_their_partial_indexes_and_search_its_index);
async fn the_new_filters_use_their_partial_indexes_and_search_its_index(db: &TestDb) {
    seed(db).await;
    let after = Some((day("2026-03-05"), uuid::Uuid::nil()));
    for (index, q) in [
        (
            "complaints_open_by_assignee_deadline",
            QueueQuery {
                assignee: Some(AssigneeFilter::User("u-anna".into())),
                after,
                ..page(50)
            },
        ),
        (
            // SQLite takes `IS NULL` on the assignee index, PostgreSQL needs its own.
            "complaints_open_unassigned_by_deadline|complaints_open_by_assignee_deadline",
            QueueQuery {
                assignee: Some(AssigneeFilter::Unassigned),
                ..page(50)
            },
        ),
        (
            "complaints_open_by_channel_deadline",
            QueueQuery {
                channel: Some("post".into()),
                after,
                ..page(50)
            },
        ),
        (
            "complaints_open_by_category_deadline",
            QueueQuery {
                category: Some("gedrag".into()),
                ..page(50)
            },
        ),
    ] {
        let plan = db.store.explain_queue(&q).await.unwrap();
        assert!(index.split('|').any(|i| plan.contains(i)), "{q:?}\n{plan}");
        match db.backend() {
            Backend::Sqlite => assert!(!plan.contains("TEMP B-TREE"), "sorts: {q:?}\n{plan}"),
            Backend::Postgres => assert!(!plan.contains("Sort"), "sorts: {q:?}\n{plan}"),
        }
    }
    let plan = db.store.explain_queue(&search("vries")).await.unwrap();
    match db.backend() {
        Backend::Sqlite => {
            assert!(plan.contains("complaints_fts VIRTUAL TABLE"), "{plan}");
            assert!(
                plan.lines().all(|l| l.trim() != "SCAN complaints"),
                "full scan:\n{plan}"
            );
        }
        Backend::Postgres => assert!(!plan.contains("Seq Scan"), "full scan:\n{plan}"),
    }
    let plan = db
        .store
        .explain_queue(&search("K-2026-000001"))
        .await
        .unwrap();
    let key = match db.backend() {
        Backend::Sqlite => "sqlite_autoindex_complaints_2 (ref_year=? AND ref_number=?)",
        Backend::Postgres => "complaints_reference_key",
    };
    assert!(plan.contains(key), "{plan}");
}
