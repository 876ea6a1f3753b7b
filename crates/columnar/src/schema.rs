//! The nested document schema: field for field the JSON of `herald extract`.

use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use std::sync::{Arc, OnceLock};

pub(crate) fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

pub(crate) fn u32f(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::UInt32, nullable)
}

/// `[start, end)` in characters.
pub(crate) fn span(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::FixedSizeList(Arc::new(Field::new("item", DataType::UInt32, false)), 2), nullable)
}

pub(crate) fn list(name: &str, item: DataType, nullable: bool) -> Field {
    Field::new(name, DataType::List(Arc::new(Field::new("item", item, true))), nullable)
}

fn strukt(name: &str, fields: Vec<Field>, nullable: bool) -> Field {
    Field::new(name, DataType::Struct(Fields::from(fields)), nullable)
}

fn struct_list(name: &str, fields: Vec<Field>) -> Field {
    list(name, DataType::Struct(Fields::from(fields)), false)
}

/// `{span, text}`; `text_nullable` for event spans, whose text may be absent.
fn text_span(name: &str, nullable: bool, text_nullable: bool) -> Field {
    strukt(name, vec![span("span", false), utf8("text", text_nullable)], nullable)
}

fn participant(name: &str, nullable: bool) -> Field {
    strukt(
        name,
        vec![utf8("actor", true), utf8("name", false), utf8("code", false), span("span", false), utf8("text", false)],
        nullable,
    )
}

fn actor_fields() -> Vec<Field> {
    vec![
        utf8("id", false),
        utf8("name", false),
        utf8("type", false),
        list("codes", DataType::Utf8, false),
        utf8("role", true),
        struct_list("mentions", vec![span("span", false), utf8("text", false)]),
    ]
}

fn quote_fields() -> Vec<Field> {
    vec![
        utf8("id", false),
        utf8("kind", false),
        span("span", false),
        utf8("text", false),
        text_span("content", true, false),
        text_span("cue", true, false),
        strukt(
            "speaker",
            vec![span("span", false), utf8("text", false), utf8("actor", true), utf8("name", true), list("codes", DataType::Utf8, false)],
            true,
        ),
        utf8("rule", false),
    ]
}

fn event_fields() -> Vec<Field> {
    vec![
        utf8("id", false),
        participant("source", false),
        participant("target", true),
        utf8("cameo", false),
        utf8("cameo_root", false),
        Field::new("quad_class", DataType::UInt8, true),
        Field::new("goldstein", DataType::Float32, true),
        strukt("plover", vec![utf8("type", false), utf8("mode", true)], true),
        list("context", DataType::Utf8, false),
        Field::new("negated", DataType::Boolean, false),
        utf8("modality", false),
        strukt("claimed_by", vec![utf8("actor", true), utf8("name", false), utf8("code", false)], true),
        strukt("date", vec![utf8("text", false), span("span", false), utf8("resolved", true), utf8("relation", false)], true),
        strukt("place", vec![utf8("name", false), utf8("code", true), span("span", false)], true),
        text_span("sentence", false, true),
        text_span("trigger", false, true),
        utf8("rule", false),
    ]
}

/// The document table: one row a `herald_extract::Extraction`.
///
/// ```text
/// id: utf8, title: utf8?, url: utf8?, published: utf8?, text: utf8,
/// actors: list<{id, name, type, codes: list<utf8>, role?, mentions: list<{span, text}>}>,
/// quotes: list<{id, kind, span, text, content?: {span, text}, cue?: {span, text},
///               speaker?: {span, text, actor?, name?, codes}, rule}>,
/// events: list<{id, source: {actor?, name, code, span, text}, target?: {...},
///               cameo, cameo_root, quad_class?: uint8, goldstein?: float32,
///               plover?: {type, mode?}, context: list<utf8>, negated: bool, modality,
///               claimed_by?: {actor?, name, code}, date?: {text, span, resolved?, relation},
///               place?: {name, code?, span}, sentence: {span, text?}, trigger: {span, text?}, rule}>,
/// duplicate_of?: {of, similarity: float32, kind}
/// ```
///
/// `span` is `fixed_size_list<uint32, 2>`: `[start, end)` in characters of `text`.
pub fn document_schema() -> SchemaRef {
    static S: OnceLock<SchemaRef> = OnceLock::new();
    S.get_or_init(|| {
        Arc::new(Schema::new(vec![
            utf8("id", false),
            utf8("title", true),
            utf8("url", true),
            utf8("published", true),
            utf8("text", false),
            struct_list("actors", actor_fields()),
            struct_list("quotes", quote_fields()),
            struct_list("events", event_fields()),
            strukt("duplicate_of", vec![utf8("of", false), Field::new("similarity", DataType::Float32, false), utf8("kind", false)], true),
        ]))
    })
    .clone()
}
