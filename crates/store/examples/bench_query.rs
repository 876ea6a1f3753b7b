//! Query speed over a large store: generates documents with synthetic
//! events through the normal write path (aggregation included), then times
//! the queries `herald query` runs.
//!
//! ```sh
//! cargo run --release -p herald-store --example bench_query -- /tmp/bench.db 1000000
//! ```
//!
//! An existing database at the path is reused (delete it to regenerate).

use herald_extract::events::{Event, Modality, Participant, Plover, TextSpan};
use herald_extract::Extraction;
use herald_store::date::format_day;
use herald_store::{Bucket, Filter, Page, Reader, Store};
use herald_text::Document;
use std::path::PathBuf;
use std::time::Instant;

const CAMEO: &[(&str, &str, u8, f32)] = &[
    ("010", "CONSULT", 1, 0.0),
    ("036", "CONSULT", 1, 4.0),
    ("042", "CONSULT", 1, 1.9),
    ("046", "CONSULT", 1, 7.0),
    ("057", "AGREE", 1, 8.0),
    ("061", "COOPERATE", 2, 6.4),
    ("0841", "CONCEDE", 2, 7.0),
    ("111", "ACCUSE", 3, -2.0),
    ("112", "ACCUSE", 3, -2.0),
    ("125", "REJECT", 3, -5.0),
    ("138", "THREATEN", 3, -7.0),
    ("164", "SANCTION", 4, -7.0),
    ("173", "COERCE", 4, -5.0),
    ("190", "ASSAULT", 4, -10.0),
];

fn next(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

fn actor(i: u64) -> (String, String) {
    // 300 actors: 3-letter country codes, some with a sector.
    let a = (b'A' + (i % 26) as u8) as char;
    let b = (b'A' + (i / 26 % 26) as u8) as char;
    let code = if i % 3 == 0 { format!("{a}{b}XGOV") } else { format!("{a}{b}X") };
    (code.clone(), format!("Actor {code}"))
}

fn who(i: u64) -> Participant {
    let (code, name) = actor(i);
    Participant { actor: None, name: name.clone(), code, span: [0, 5], text: name }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = PathBuf::from(args.get(1).cloned().unwrap_or_else(|| "/tmp/herald-bench.db".into()));
    let target: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    if !db.exists() {
        let t0 = Instant::now();
        let mut store = Store::open(&db, None).expect("open");
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let per_doc = 10u64;
        let docs = target / per_doc;
        let mut batch = Vec::with_capacity(1000);
        for d in 0..docs {
            let day = 18_000 + (next(&mut rng) % 1_100) as i64; // 2019-04 .. 2022-04
            let text = format!("Synthetic document {d}.");
            let events = (0..per_doc)
                .map(|k| {
                    let (cameo, plover, quad, gold) = CAMEO[(next(&mut rng) % CAMEO.len() as u64) as usize];
                    let s = next(&mut rng) % 300;
                    let t = next(&mut rng) % 300;
                    Event {
                        id: format!("ev{k}"),
                        source: who(s),
                        target: (t != s).then(|| who(t)),
                        cameo: cameo.into(),
                        cameo_root: cameo[..2].into(),
                        quad_class: Some(quad),
                        goldstein: Some(gold),
                        plover: Some(Plover { kind: plover.into(), mode: None }),
                        context: vec![],
                        negated: false,
                        modality: Modality::Asserted,
                        claimed_by: None,
                        date: None,
                        place: None,
                        sentence: TextSpan { span: [0, 10], text: None },
                        trigger: TextSpan { span: [0, 5], text: Some("did".into()) },
                        rule: "bench".into(),
                    }
                })
                .collect();
            let doc = Document {
                id: format!("doc-{d}"),
                text: text.clone(),
                title: None,
                url: None,
                source: Some(format!("Outlet {}", d % 50)),
                published: Some(format_day(day)),
            };
            let mut x: Extraction = serde_json::from_value(serde_json::json!({
                "id": doc.id, "title": null, "url": null, "published": doc.published, "text": text,
                "actors": [], "quotes": [], "events": []
            }))
            .expect("extraction");
            x.events = events;
            batch.push((doc, x));
            if batch.len() == 1000 {
                store.insert_batch(&batch).expect("insert");
                batch.clear();
            }
        }
        store.insert_batch(&batch).expect("insert");
        let s = t0.elapsed().as_secs_f64();
        eprintln!("generated {} mentions in {s:.1} s ({:.0} mentions/s)", docs * per_doc, (docs * per_doc) as f64 / s);
    }
    let r = Reader::open(&db).expect("open");
    let st = r.stats().expect("stats");
    println!("store: {} documents, {} events, {} mentions", st.documents, st.events, st.mentions);
    let f = |actor: Option<&str>, target: Option<&str>, kind: Option<&str>, since: Option<&str>, until: Option<&str>| Filter {
        actor: actor.map(Into::into),
        target: target.map(Into::into),
        kind: kind.map(Into::into),
        since: since.map(Into::into),
        until: until.map(Into::into),
        ..Filter::default()
    };
    let time = |name: &str, run: &mut dyn FnMut() -> usize| {
        let t0 = Instant::now();
        let n = run();
        println!("{name:<64} {n:>8} rows  {:>8.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    };
    let p = Page::default();
    time("events (first page, no filter)", &mut || r.events(&Filter::default(), p).unwrap().len());
    time("count events (no filter)", &mut || r.count_events(&Filter::default()).unwrap() as usize);
    time("events --actor ABX (first page)", &mut || r.events(&f(Some("ABX"), None, None, None, None), p).unwrap().len());
    time("count events --actor ABX", &mut || r.count_events(&f(Some("ABX"), None, None, None, None)).unwrap() as usize);
    time("events --actor ABX --target CDX --since 2020-01-01 (all)", &mut || {
        r.events(&f(Some("ABX"), Some("CDX"), None, Some("2020-01-01"), None), Page::all()).unwrap().len()
    });
    time("count events --type ASSAULT --since 2021-01-01 --until 2021-03-31", &mut || {
        r.count_events(&f(None, None, Some("ASSAULT"), Some("2021-01-01"), Some("2021-03-31"))).unwrap() as usize
    });
    time("events --type 19 --since 2021-01-01 --until 2021-01-07 (all)", &mut || {
        r.events(&f(None, None, Some("19"), Some("2021-01-01"), Some("2021-01-07")), Page::all()).unwrap().len()
    });
    time("count events --outlet 'Outlet 7' --actor ABX", &mut || {
        let mut g = f(Some("ABX"), None, None, None, None);
        g.outlet = Some("Outlet 7".into());
        r.count_events(&g).unwrap() as usize
    });
    time("count events --text 'document 12345'", &mut || {
        let g = Filter { text: Some("document 12345".into()), ..Filter::default() };
        r.count_events(&g).unwrap() as usize
    });
    time("dyad ABX BAX --by week", &mut || r.dyad("ABX", "BAX", Bucket::Week, &Filter::default()).unwrap().len());
    time("dyad AAX (prefix of AAXGOV) CDX --by month", &mut || r.dyad("AAX", "CDX", Bucket::Month, &Filter::default()).unwrap().len());
}
