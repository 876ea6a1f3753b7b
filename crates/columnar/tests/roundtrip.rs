//! Extractions through Arrow and Parquet and back: nothing lost, nothing
//! invented, for the JSON shape `herald extract` writes.

use arrow_array::cast::AsArray;
use arrow_array::Array;
use herald_columnar::{to_record_batch, ParquetSink, Table};
use herald_extract::Extraction;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use proptest::prelude::*;
use serde_json::{json, Value};

fn sample() -> Extraction {
    serde_json::from_value(json!({
        "id": "doc-1", "title": "Talks collapse", "url": null, "published": "2025-07-26",
        "text": "“We are dismayed,” said Izzat al-Rishq. Israel accused Hamas.",
        "actors": [
            {"id": "A1", "name": "Izzat al-Rishq", "type": "person", "codes": ["PSEREBHMS", "PSE"], "role": null,
             "mentions": [{"span": [24, 38], "text": "Izzat al-Rishq"}]},
            {"id": "A2", "name": "Israel", "type": "state", "codes": ["ISR"], "role": "state",
             "mentions": [{"span": [40, 46], "text": "Israel"}]}
        ],
        "quotes": [
            {"id": "Q1", "kind": "direct", "span": [1, 16], "text": "We are dismayed",
             "cue": {"span": [19, 23], "text": "said"},
             "speaker": {"span": [24, 38], "text": "Izzat al-Rishq", "actor": "A1", "name": "Izzat al-Rishq", "codes": ["PSEREBHMS"]},
             "rule": "quote-then-cue"},
            {"id": "Q2", "kind": "mixed", "span": [1, 16], "text": "We are dismayed",
             "content": {"span": [0, 17], "text": "“We are dismayed”"},
             "cue": null, "speaker": null, "rule": "r"}
        ],
        "events": [
            {"id": "ev1",
             "source": {"actor": "A2", "name": "Israel", "code": "ISR", "span": [40, 46], "text": "Israel"},
             "target": {"actor": null, "name": "Hamas", "code": "PSEREBHMS", "span": [56, 61], "text": "Hamas"},
             "cameo": "112", "cameo_root": "11", "quad_class": 3, "goldstein": -2.0,
             "plover": {"type": "ACCUSE", "mode": null}, "context": ["political"], "negated": false,
             "modality": "asserted", "claimed_by": {"actor": null, "name": "Reuters", "code": "MED"},
             "date": {"text": "on Friday", "span": [1, 2], "resolved": "2025-07-25", "relation": "before"},
             "place": {"name": "Doha", "code": "QAT", "span": [3, 4]},
             "sentence": {"span": [40, 62]}, "trigger": {"span": [47, 55], "text": "accused"},
             "rule": "CAMEO.2.0.txt:1512"},
            {"id": "ev2",
             "source": {"actor": null, "name": "Hamas", "code": "PSEREBHMS", "span": [56, 61], "text": "Hamas"},
             "target": null, "cameo": "010", "cameo_root": "01", "quad_class": null, "goldstein": null,
             "plover": null, "context": [], "negated": true, "modality": "claimed", "claimed_by": null,
             "date": null, "place": null, "sentence": {"span": [0, 39], "text": "x"}, "trigger": {"span": [19, 23]},
             "rule": "herald:test"}
        ],
        "duplicate_of": {"of": "doc-0", "similarity": 0.875, "kind": "near"}
    }))
    .unwrap()
}

fn empty(id: &str) -> Extraction {
    serde_json::from_value(json!({"id": id, "title": null, "url": null, "published": null, "text": "",
        "actors": [], "quotes": [], "events": []}))
    .unwrap()
}

/// Back from Arrow to the JSON `herald extract` writes, through its own types.
fn back_to_json(batch: &arrow_array::RecordBatch) -> Vec<Value> {
    let mut w = arrow_json::ArrayWriter::new(Vec::new());
    w.write(batch).unwrap();
    w.finish().unwrap();
    let buf = w.into_inner();
    if buf.is_empty() {
        return Vec::new();
    }
    let rows: Vec<Extraction> = serde_json::from_slice(&buf).unwrap();
    rows.iter().map(|x| serde_json::to_value(x).unwrap()).collect()
}

fn to_parquet(table: Table, docs: &[Extraction], chunk: usize) -> Vec<u8> {
    let mut sink = ParquetSink::create(Vec::new(), table).unwrap();
    for c in docs.chunks(chunk.max(1)) {
        sink.write(c).unwrap();
    }
    assert_eq!(sink.rows(), if table == Table::Documents { docs.len() } else { sink.rows() });
    sink.finish().unwrap()
}

fn read_parquet(bytes: Vec<u8>) -> Vec<arrow_array::RecordBatch> {
    let r = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes)).unwrap().build().unwrap();
    r.collect::<Result<_, _>>().unwrap()
}

#[test]
fn nested_batch_round_trips() {
    let docs = vec![sample(), empty("doc-2")];
    let batch = to_record_batch(&docs).unwrap();
    assert_eq!(batch.num_rows(), 2);
    let want: Vec<Value> = docs.iter().map(|x| serde_json::to_value(x).unwrap()).collect();
    assert_eq!(back_to_json(&batch), want);
    // The duplicate column is null for the original.
    let dup = batch.column_by_name("duplicate_of").unwrap();
    assert!(dup.is_valid(0) && dup.is_null(1));
}

#[test]
fn parquet_round_trips_in_order() {
    let docs: Vec<Extraction> = (0..7).map(|i| if i % 3 == 0 { sample() } else { empty(&format!("d{i}")) }).collect();
    let bytes = to_parquet(Table::Documents, &docs, 3);
    assert_eq!(&bytes[..4], b"PAR1");
    let got: Vec<Value> = read_parquet(bytes).iter().flat_map(back_to_json).collect();
    let want: Vec<Value> = docs.iter().map(|x| serde_json::to_value(x).unwrap()).collect();
    assert_eq!(got, want);
}

#[test]
fn flat_tables_have_a_row_per_item() {
    let docs = vec![sample(), empty("doc-2"), sample()];
    let rows = |t: Table| t.batch(&docs).unwrap().num_rows();
    assert_eq!(rows(Table::DocumentsFlat), 3);
    assert_eq!(rows(Table::Events), 4);
    assert_eq!(rows(Table::Quotes), 4);
    assert_eq!(rows(Table::Actors), 4);
    assert_eq!(rows(Table::Mentions), 4);

    let ev = Table::Events.batch(&docs).unwrap();
    let col = |n: &str| ev.column_by_name(n).unwrap_or_else(|| panic!("no column {n}")).clone();
    let doc_id = col("doc_id");
    assert_eq!(doc_id.as_string::<i32>().value(0), "doc-1");
    let target = col("target_code");
    assert_eq!(target.as_string::<i32>().value(0), "PSEREBHMS");
    assert!(target.is_null(1), "an event without a target has null target columns");
    let start = col("trigger_start");
    assert_eq!(start.as_primitive::<arrow_array::types::UInt32Type>().value(0), 47);
    assert_eq!(col("modality").as_string::<i32>().value(1), "claimed");

    let d = Table::DocumentsFlat.batch(&docs).unwrap();
    let kind = d.column_by_name("duplicate_kind").unwrap();
    assert_eq!(kind.as_string::<i32>().value(0), "near");
    assert!(kind.is_null(1));
    let chars = d.column_by_name("chars").unwrap().as_primitive::<arrow_array::types::UInt32Type>().value(0);
    assert_eq!(chars as usize, docs[0].text.chars().count());

    for t in Table::ALL {
        let bytes = to_parquet(t, &docs, 2);
        let n: usize = read_parquet(bytes).iter().map(|b| b.num_rows()).sum();
        assert_eq!(n, rows(t), "{}", t.name());
    }
}

#[test]
fn no_documents_make_an_empty_file() {
    let bytes = to_parquet(Table::Events, &[], 1);
    assert_eq!(read_parquet(bytes).iter().map(|b| b.num_rows()).sum::<usize>(), 0);
    assert_eq!(to_record_batch(&[]).unwrap().num_rows(), 0);
}

fn arb_doc() -> impl Strategy<Value = Extraction> {
    (
        "\\PC{0,40}",
        proptest::option::of("\\PC{0,10}"),
        proptest::collection::vec(("[A-Z]{3,9}", "\\PC{0,12}", 0usize..1000, proptest::option::of("\\PC{0,8}")), 0..4),
        proptest::option::of(0.0f32..=1.0),
    )
        .prop_map(|(text, title, actors, dup)| {
            let actors: Vec<Value> = actors
                .iter()
                .enumerate()
                .map(|(i, (code, name, start, role))| {
                    json!({"id": format!("A{i}"), "name": name, "type": "organisation", "codes": [code], "role": role,
                           "mentions": [{"span": [start, start + 3], "text": name}]})
                })
                .collect();
            let mut v = json!({"id": text.chars().rev().collect::<String>(), "title": title, "url": null, "published": null,
                               "text": text, "actors": actors, "quotes": [], "events": []});
            if let Some(s) = dup {
                v["duplicate_of"] = json!({"of": "x", "similarity": s, "kind": "exact"});
            }
            serde_json::from_value(v).unwrap()
        })
}

proptest! {
    #[test]
    fn any_documents_round_trip(docs in proptest::collection::vec(arb_doc(), 0..6)) {
        let batch = to_record_batch(&docs).unwrap();
        let want: Vec<Value> = docs.iter().map(|x| serde_json::to_value(x).unwrap()).collect();
        prop_assert_eq!(back_to_json(&batch), want);
    }
}
