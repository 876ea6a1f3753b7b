//! The store on hand-made extractions: idempotence, aggregation across
//! outlets, filters, malformed filters, dyad timelines, the read-only handle.

use herald_extract::events::{Event, EventDate, Modality, Participant, Plover, TextSpan};
use herald_extract::Extraction;
use herald_store::{AggregationRule, Bucket, Filter, Page, Reader, Store, StoreError, TypeLevel};
use herald_text::Document;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("store.db")
}

fn who(code: &str, name: &str) -> Participant {
    Participant { actor: None, name: name.into(), code: code.into(), span: [0, name.chars().count()], text: name.into() }
}

fn ev(id: &str, src: (&str, &str), tgt: Option<(&str, &str)>, cameo: &str, plover: &str, date: Option<&str>) -> Event {
    let quad = match &cameo[..2] {
        "01" | "02" | "03" | "04" | "05" => 1,
        "06" | "07" | "08" => 2,
        "09" | "10" | "11" | "12" | "13" => 3,
        _ => 4,
    };
    Event {
        id: id.into(),
        source: who(src.0, src.1),
        target: tgt.map(|t| who(t.0, t.1)),
        cameo: cameo.into(),
        cameo_root: cameo[..2].into(),
        quad_class: Some(quad),
        goldstein: Some(if quad >= 3 { -4.0 } else { 3.0 }),
        plover: Some(Plover { kind: plover.into(), mode: None }),
        context: vec![],
        negated: false,
        modality: Modality::Asserted,
        claimed_by: None,
        date: date.map(|d| EventDate { text: "on Thursday".into(), span: [0, 11], resolved: Some(d.into()), relation: String::new() }),
        place: None,
        sentence: TextSpan { span: [0, 20], text: None },
        trigger: TextSpan { span: [5, 10], text: Some("withdrew".into()) },
        rule: "test".into(),
    }
}

fn doc(id: &str, outlet: &str, published: &str, text: &str, events: Vec<Event>) -> (Document, Extraction) {
    let d = Document {
        id: id.into(),
        text: text.into(),
        title: Some(format!("{outlet} report")),
        url: None,
        source: Some(outlet.into()),
        published: Some(published.into()),
    };
    // Built from JSON so that fields added to Extraction later take their defaults.
    let mut x: Extraction = serde_json::from_value(serde_json::json!({
        "id": id, "title": d.title, "url": null, "published": published, "text": text,
        "actors": [], "quotes": [], "events": []
    }))
    .unwrap();
    x.events = events;
    (d, x)
}

const USA: (&str, &str) = ("USA", "United States");
const QAT: (&str, &str) = ("QAT", "Qatar");
const HMS: (&str, &str) = ("PSEREBHMS", "Hamas");

fn wire(id: &str, outlet: &str, published: &str, lead: &str) -> (Document, Extraction) {
    doc(
        id,
        outlet,
        published,
        &format!("{lead} The United States withdrew its delegation from Qatar on Thursday."),
        vec![ev("ev1", USA, Some(QAT), "164", "SANCTION", Some("2025-07-24"))],
    )
}

#[test]
fn one_wire_story_from_three_outlets_is_one_event_with_three_mentions_and_sources() {
    let db = tmp("wire");
    let mut s = Store::open(&db, None).unwrap();
    let rep = s
        .insert_batch(&[
            wire("reuters-1", "Reuters", "2025-07-25", "(Reuters) -"),
            wire("ap-1", "AP", "2025-07-25", "WASHINGTON (AP) -"),
            wire("afp-1", "AFP", "2025-07-26", "AFP -"),
        ])
        .unwrap();
    assert_eq!((rep.inserted, rep.mentions, rep.new_events), (3, 3, 1));
    let r = Reader::open(&db).unwrap();
    let evs = r.events(&Filter::default(), Page::default()).unwrap();
    assert_eq!(evs.len(), 1);
    let e = &evs[0];
    assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (3, 3, 3));
    assert_eq!(e.date.as_deref(), Some("2025-07-24"));
    assert_eq!((e.first_seen.as_deref(), e.last_seen.as_deref()), (Some("2025-07-25"), Some("2025-07-26")));
    assert!((e.confidence - 1.0).abs() < 1e-9, "three asserted mentions: {}", e.confidence);
    let ms = r.mentions(e.event_key).unwrap();
    let outlets: Vec<_> = ms.iter().map(|m| m.outlet.clone().unwrap()).collect();
    assert_eq!(outlets, ["Reuters", "AP", "AFP"]);
    assert_eq!(ms[0].sentence, "(Reuters) - The Unit", "sentence span sliced in characters");
}

#[test]
fn same_outlet_twice_is_two_articles_one_source_and_far_dates_are_two_events() {
    let db = tmp("window");
    let mut s = Store::open(&db, Some(AggregationRule { window_days: 1, type_level: TypeLevel::Root })).unwrap();
    let mut far = wire("later", "Reuters", "2025-08-10", "Later:");
    far.1.events[0].date.as_mut().unwrap().resolved = Some("2025-08-09".into());
    let mut other_code = wire("other", "AP", "2025-07-25", "Other code:");
    other_code.1.events[0].cameo = "161".into(); // same root 16: same event under TypeLevel::Root
    s.insert_batch(&[wire("a", "Reuters", "2025-07-25", "A:"), wire("b", "Reuters", "2025-07-25", "B:"), far, other_code]).unwrap();
    let r = Reader::open(&db).unwrap();
    let evs = r.events(&Filter::default(), Page::default()).unwrap();
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!((evs[0].num_mentions, evs[0].num_articles, evs[0].num_sources), (3, 3, 2));
    assert_eq!(evs[1].date.as_deref(), Some("2025-08-09"));
    // The rule is part of the store: asking for another is an error.
    drop(s);
    assert!(matches!(Store::open(&db, Some(AggregationRule::default())), Err(StoreError::RuleMismatch { .. })));
    assert!(Store::open(&db, None).is_ok());
}

#[test]
fn reingesting_changes_nothing() {
    let db = tmp("idem");
    let mut s = Store::open(&db, None).unwrap();
    let batch = [wire("a", "Reuters", "2025-07-25", "A:"), wire("b", "AP", "2025-07-25", "B:")];
    s.insert_batch(&batch).unwrap();
    let r = Reader::open(&db).unwrap();
    let before = (r.stats().unwrap(), r.events(&Filter::default(), Page::all()).unwrap());
    let rep = s.insert_batch(&batch).unwrap();
    assert_eq!((rep.inserted, rep.duplicates), (0, 2));
    // Same text under another id, and same id with another text: both duplicates.
    let mut same_text = wire("a-copy", "Reuters", "2025-07-25", "A:");
    same_text.0.text = same_text.0.text.replace(' ', "  ");
    let same_id = wire("b", "AP", "2025-07-25", "Changed:");
    let rep = s.insert_batch(&[same_text, same_id]).unwrap();
    assert_eq!((rep.inserted, rep.duplicates), (0, 2));
    let after = (r.stats().unwrap(), r.events(&Filter::default(), Page::all()).unwrap());
    assert_eq!(before, after);
    assert!(r.has_document("zzz", &batch[0].0.text).unwrap());
    assert!(!r.has_document("zzz", "another text").unwrap());
}

fn sample(db: &PathBuf) -> Reader {
    // Window 0: the same event on two days is two events.
    let mut s = Store::open(db, Some(AggregationRule { window_days: 0, type_level: TypeLevel::Cameo })).unwrap();
    let mut docs = vec![];
    for (i, day) in ["2025-07-01", "2025-07-02", "2025-07-09", "2025-07-16"].iter().enumerate() {
        docs.push(doc(
            &format!("d{i}"),
            if i % 2 == 0 { "Reuters" } else { "AP" },
            day,
            &format!("Story {i} about the ceasefire talks in Doha."),
            vec![
                ev("ev1", HMS, Some(USA), "111", "ACCUSE", None),
                ev("ev2", USA, Some(HMS), "046", "CONSULT", None),
                ev("ev3", QAT, None, "030", "AGREE", None),
            ],
        ));
    }
    docs[3].0.text = "A story about a football match.".into();
    docs[3].1.text = docs[3].0.text.clone();
    s.insert_batch(&docs).unwrap();
    Reader::open(db).unwrap()
}

#[test]
fn filters() {
    let db = tmp("filters");
    let r = sample(&db);
    let f = |actor: Option<&str>, target: Option<&str>, kind: Option<&str>| Filter {
        actor: actor.map(Into::into),
        target: target.map(Into::into),
        kind: kind.map(Into::into),
        ..Filter::default()
    };
    assert_eq!(r.count_events(&Filter::default()).unwrap(), 12);
    // By name, by code, by code prefix; source and target.
    assert_eq!(r.count_events(&f(Some("hamas"), None, None)).unwrap(), 4);
    assert_eq!(r.count_events(&f(Some("PSE"), None, None)).unwrap(), 4);
    assert_eq!(r.count_events(&f(Some("USA"), Some("HAMAS"), None)).unwrap(), 4);
    assert_eq!(r.count_events(&f(None, Some("USA"), Some("11"))).unwrap(), 4);
    assert_eq!(r.count_events(&f(None, None, Some("ACCUSE"))).unwrap(), 4);
    assert_eq!(r.count_events(&f(None, None, Some("0461"))).unwrap(), 0);
    assert_eq!(r.count_events(&f(None, None, Some("046"))).unwrap(), 4);
    let dated = Filter { since: Some("2025-07-02".into()), until: Some("2025-07-09".into()), ..Filter::default() };
    assert_eq!(r.count_events(&dated).unwrap(), 6);
    let outlet = Filter { outlet: Some("reuters".into()), ..Filter::default() };
    assert_eq!(r.count_events(&outlet).unwrap(), 6);
    assert_eq!(r.count_documents(&outlet).unwrap(), 2);
    let text = Filter { text: Some("ceasefire DOHA".into()), ..Filter::default() };
    assert_eq!(r.count_events(&text).unwrap(), 9);
    assert_eq!(r.count_documents(&text).unwrap(), 3);
    let odd = Filter { text: Some("\" OR 1=1; DROP TABLE events; --".into()), ..Filter::default() };
    assert_eq!(r.count_events(&odd).unwrap(), 0);
    assert_eq!(r.count_events(&Filter::default()).unwrap(), 12, "still there");
    // Paging.
    let p1 = r.events(&Filter::default(), Page { limit: 5, offset: 0 }).unwrap();
    let p2 = r.events(&Filter::default(), Page { limit: 5, offset: 5 }).unwrap();
    assert_eq!((p1.len(), p2.len()), (5, 5));
    assert!(p1.iter().all(|a| p2.iter().all(|b| a.event_key != b.event_key)));
    assert!(p1.windows(2).all(|w| w[0].date <= w[1].date));
    // One document, whole.
    let d = r.document("d1").unwrap().unwrap();
    assert_eq!(d.extraction.events.len(), 3);
    assert_eq!(d.event_keys.len(), 3);
    assert_eq!(d.summary.outlet.as_deref(), Some("AP"));
    assert!(r.document("nope").unwrap().is_none());
}

#[test]
fn malformed_filters_are_typed_errors() {
    let db = tmp("bad");
    let r = sample(&db);
    let bad = |f: Filter| r.count_events(&f).unwrap_err();
    assert!(matches!(bad(Filter { actor: Some("ZZZ".into()), ..Filter::default() }), StoreError::UnknownActor(a) if a == "ZZZ"));
    assert!(matches!(bad(Filter { since: Some("2025-13-01".into()), ..Filter::default() }), StoreError::BadDate(_)));
    assert!(matches!(bad(Filter { until: Some("last week".into()), ..Filter::default() }), StoreError::BadDate(_)));
    assert!(matches!(bad(Filter { kind: Some("HUG".into()), ..Filter::default() }), StoreError::BadType { .. }));
    assert!(matches!(bad(Filter { kind: Some("1".into()), ..Filter::default() }), StoreError::BadType { .. }));
    let msg = bad(Filter { actor: Some("ZZZ".into()), ..Filter::default() }).to_string();
    assert!(msg.contains("unknown actor 'ZZZ'"), "{msg}");
}

#[test]
fn dyad_timeline_by_week() {
    let db = tmp("dyad");
    let r = sample(&db);
    let rows = r.dyad("HAMAS", "USA", Bucket::Week, &Filter::default()).unwrap();
    // 2025-07-01 and -02 are one week (Monday 2025-06-30), then the 7th and the 14th.
    let periods: Vec<_> = rows.iter().map(|r| r.period.clone().unwrap()).collect();
    assert_eq!(periods, ["2025-06-30", "2025-07-07", "2025-07-14"]);
    assert_eq!((rows[0].events, rows[0].quad, rows[0].a_to_b, rows[0].b_to_a), (4, [2, 0, 2, 0], 2, 2));
    assert!((rows[0].goldstein - (2.0 * 3.0 - 2.0 * 4.0)).abs() < 1e-9);
    let months = r.dyad("Hamas", "United States", Bucket::Month, &Filter::default()).unwrap();
    assert_eq!(months.len(), 1);
    assert_eq!(months[0].events, 8);
    assert!(r.dyad("Hamas", "Narnia", Bucket::Day, &Filter::default()).is_err());
}

#[test]
fn reader_refuses_what_is_not_a_store() {
    let db = tmp("notastore");
    std::fs::write(&db, b"").unwrap();
    assert!(matches!(Reader::open(&db), Err(StoreError::NotAStore)));
    assert!(Reader::open(&db.with_extension("missing")).is_err());
}

mod any_filter {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any user text in any filter answers or is a typed error; the store is unchanged.
        #[test]
        fn answers_or_typed_error(s in "\\PC{0,30}", field in 0usize..6) {
            static DB: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
            let db = DB.get_or_init(|| { let db = tmp("prop"); sample(&db); db });
            let r = Reader::open(db).unwrap();
            let v = Some(s.clone());
            let f = match field {
                0 => Filter { actor: v, ..Filter::default() },
                1 => Filter { target: v, ..Filter::default() },
                2 => Filter { kind: v, ..Filter::default() },
                3 => Filter { since: v, ..Filter::default() },
                4 => Filter { text: v, ..Filter::default() },
                _ => Filter { outlet: v.clone(), document: v, ..Filter::default() },
            };
            match r.count_events(&f) {
                Ok(n) => prop_assert!(n <= 12),
                Err(e) => prop_assert!(matches!(e, StoreError::UnknownActor(_) | StoreError::BadDate(_) | StoreError::BadType { .. }), "{e}"),
            }
            prop_assert_eq!(r.count_events(&Filter::default()).unwrap(), 12);
        }
    }
}
