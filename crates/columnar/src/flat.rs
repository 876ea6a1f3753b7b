//! Flat tables: one row an event, quote, actor or mention, keyed by `doc_id`.
//! Spans become `*_start` / `*_end` columns (characters of the document's
//! text); lists of codes stay `list<utf8>`.

use crate::schema::{list, u32f, utf8};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use herald_extract::events::{Event, Participant};
use herald_extract::Extraction;
use serde::Serialize;
use std::sync::{Arc, OnceLock};

macro_rules! cached_schema {
    ($name:ident, $fields:expr) => {
        pub(crate) fn $name() -> SchemaRef {
            static S: OnceLock<SchemaRef> = OnceLock::new();
            S.get_or_init(|| Arc::new(Schema::new($fields))).clone()
        }
    };
}

fn span_cols(prefix: &str, nullable: bool) -> [Field; 2] {
    [u32f(&format!("{prefix}_start"), nullable), u32f(&format!("{prefix}_end"), nullable)]
}

fn participant_cols(p: &str, nullable: bool) -> Vec<Field> {
    let [s, e] = span_cols(p, nullable);
    vec![utf8(&format!("{p}_actor"), true), utf8(&format!("{p}_name"), nullable), utf8(&format!("{p}_code"), nullable), s, e, utf8(&format!("{p}_text"), nullable)]
}

cached_schema!(documents_schema, vec![
    utf8("doc_id", false),
    utf8("title", true),
    utf8("url", true),
    utf8("published", true),
    u32f("chars", false),
    u32f("actors", false),
    u32f("quotes", false),
    u32f("events", false),
    utf8("duplicate_of", true),
    Field::new("duplicate_similarity", DataType::Float32, true),
    utf8("duplicate_kind", true),
    utf8("text", false),
]);

cached_schema!(events_schema, {
    let mut f = vec![utf8("doc_id", false), utf8("event_id", false), utf8("published", true)];
    f.extend(participant_cols("source", false));
    f.extend(participant_cols("target", true));
    f.extend([
        utf8("cameo", false),
        utf8("cameo_root", false),
        Field::new("quad_class", DataType::UInt8, true),
        Field::new("goldstein", DataType::Float32, true),
        utf8("plover_type", true),
        utf8("plover_mode", true),
        list("context", DataType::Utf8, false),
        Field::new("negated", DataType::Boolean, false),
        utf8("modality", false),
        utf8("claimed_by_actor", true),
        utf8("claimed_by_name", true),
        utf8("claimed_by_code", true),
        utf8("date_text", true),
        utf8("date_resolved", true),
        utf8("date_relation", true),
        utf8("place_name", true),
        utf8("place_code", true),
    ]);
    f.extend(span_cols("sentence", false));
    f.extend(span_cols("trigger", false));
    f.extend([utf8("trigger_text", true), utf8("rule", false)]);
    f
});

cached_schema!(quotes_schema, {
    let mut f = vec![utf8("doc_id", false), utf8("quote_id", false), utf8("kind", false)];
    f.extend(span_cols("quote", false));
    f.push(utf8("text", false));
    f.extend(span_cols("cue", true));
    f.push(utf8("cue_text", true));
    f.extend(span_cols("speaker", true));
    f.extend([utf8("speaker_text", true), utf8("speaker_actor", true), utf8("speaker_name", true), list("speaker_codes", DataType::Utf8, true), utf8("rule", false)]);
    f
});

cached_schema!(actors_schema, vec![
    utf8("doc_id", false),
    utf8("actor_id", false),
    utf8("name", false),
    utf8("type", false),
    list("codes", DataType::Utf8, false),
    utf8("role", true),
    u32f("mentions", false),
]);

cached_schema!(mentions_schema, vec![utf8("doc_id", false), utf8("actor_id", false), u32f("start", false), u32f("end", false), utf8("text", false)]);

#[derive(Serialize)]
pub(crate) struct DocRow<'a> {
    doc_id: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
    chars: usize,
    actors: usize,
    quotes: usize,
    events: usize,
    duplicate_of: Option<&'a str>,
    duplicate_similarity: Option<f32>,
    duplicate_kind: Option<herald_extract::output::DuplicateKind>,
    text: &'a str,
}

pub(crate) fn documents_rows(docs: &[Extraction]) -> Vec<DocRow<'_>> {
    docs.iter()
        .map(|d| DocRow {
            doc_id: &d.id,
            title: d.title.as_deref(),
            url: d.url.as_deref(),
            published: d.published.as_deref(),
            chars: d.text.chars().count(),
            actors: d.actors.len(),
            quotes: d.quotes.len(),
            events: d.events.len(),
            duplicate_of: d.duplicate_of.as_ref().map(|x| x.of.as_str()),
            duplicate_similarity: d.duplicate_of.as_ref().map(|x| x.similarity),
            duplicate_kind: d.duplicate_of.as_ref().map(|x| x.kind),
            text: &d.text,
        })
        .collect()
}

#[derive(Serialize, Default)]
struct ParticipantCols<'a> {
    actor: Option<&'a str>,
    name: Option<&'a str>,
    code: Option<&'a str>,
    start: Option<usize>,
    end: Option<usize>,
    text: Option<&'a str>,
}

fn participant(p: Option<&Participant>) -> ParticipantCols<'_> {
    match p {
        Some(p) => ParticipantCols {
            actor: p.actor.as_deref(),
            name: Some(&p.name),
            code: Some(&p.code),
            start: Some(p.span[0]),
            end: Some(p.span[1]),
            text: Some(&p.text),
        },
        None => ParticipantCols::default(),
    }
}

#[derive(Serialize)]
pub(crate) struct EventRow<'a> {
    doc_id: &'a str,
    event_id: &'a str,
    published: Option<&'a str>,
    source_actor: Option<&'a str>,
    source_name: Option<&'a str>,
    source_code: Option<&'a str>,
    source_start: Option<usize>,
    source_end: Option<usize>,
    source_text: Option<&'a str>,
    target_actor: Option<&'a str>,
    target_name: Option<&'a str>,
    target_code: Option<&'a str>,
    target_start: Option<usize>,
    target_end: Option<usize>,
    target_text: Option<&'a str>,
    cameo: &'a str,
    cameo_root: &'a str,
    quad_class: Option<u8>,
    goldstein: Option<f32>,
    plover_type: Option<&'a str>,
    plover_mode: Option<&'a str>,
    context: &'a [String],
    negated: bool,
    modality: herald_extract::events::Modality,
    claimed_by_actor: Option<&'a str>,
    claimed_by_name: Option<&'a str>,
    claimed_by_code: Option<&'a str>,
    date_text: Option<&'a str>,
    date_resolved: Option<&'a str>,
    date_relation: Option<&'a str>,
    place_name: Option<&'a str>,
    place_code: Option<&'a str>,
    sentence_start: usize,
    sentence_end: usize,
    trigger_start: usize,
    trigger_end: usize,
    trigger_text: Option<&'a str>,
    rule: &'a str,
}

fn event_row<'a>(d: &'a Extraction, e: &'a Event) -> EventRow<'a> {
    let s = participant(Some(&e.source));
    let t = participant(e.target.as_ref());
    EventRow {
        doc_id: &d.id,
        event_id: &e.id,
        published: d.published.as_deref(),
        source_actor: s.actor,
        source_name: s.name,
        source_code: s.code,
        source_start: s.start,
        source_end: s.end,
        source_text: s.text,
        target_actor: t.actor,
        target_name: t.name,
        target_code: t.code,
        target_start: t.start,
        target_end: t.end,
        target_text: t.text,
        cameo: &e.cameo,
        cameo_root: &e.cameo_root,
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        plover_type: e.plover.as_ref().map(|p| p.kind.as_str()),
        plover_mode: e.plover.as_ref().and_then(|p| p.mode.as_deref()),
        context: &e.context,
        negated: e.negated,
        modality: e.modality,
        claimed_by_actor: e.claimed_by.as_ref().and_then(|c| c.actor.as_deref()),
        claimed_by_name: e.claimed_by.as_ref().map(|c| c.name.as_str()),
        claimed_by_code: e.claimed_by.as_ref().map(|c| c.code.as_str()),
        date_text: e.date.as_ref().map(|x| x.text.as_str()),
        date_resolved: e.date.as_ref().and_then(|x| x.resolved.as_deref()),
        date_relation: e.date.as_ref().map(|x| x.relation.as_str()),
        place_name: e.place.as_ref().map(|p| p.name.as_str()),
        place_code: e.place.as_ref().and_then(|p| p.code.as_deref()),
        sentence_start: e.sentence.span[0],
        sentence_end: e.sentence.span[1],
        trigger_start: e.trigger.span[0],
        trigger_end: e.trigger.span[1],
        trigger_text: e.trigger.text.as_deref(),
        rule: &e.rule,
    }
}

pub(crate) fn event_rows(docs: &[Extraction]) -> Vec<EventRow<'_>> {
    docs.iter().flat_map(|d| d.events.iter().map(move |e| event_row(d, e))).collect()
}

#[derive(Serialize)]
pub(crate) struct QuoteRow<'a> {
    doc_id: &'a str,
    quote_id: &'a str,
    kind: herald_extract::quotes::QuoteKind,
    quote_start: usize,
    quote_end: usize,
    text: &'a str,
    cue_start: Option<usize>,
    cue_end: Option<usize>,
    cue_text: Option<&'a str>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    speaker_text: Option<&'a str>,
    speaker_actor: Option<&'a str>,
    speaker_name: Option<&'a str>,
    speaker_codes: Option<&'a [String]>,
    rule: &'a str,
}

pub(crate) fn quote_rows(docs: &[Extraction]) -> Vec<QuoteRow<'_>> {
    docs.iter()
        .flat_map(|d| {
            d.quotes.iter().map(move |q| QuoteRow {
                doc_id: &d.id,
                quote_id: &q.id,
                kind: q.kind,
                quote_start: q.span[0],
                quote_end: q.span[1],
                text: &q.text,
                cue_start: q.cue.as_ref().map(|c| c.span[0]),
                cue_end: q.cue.as_ref().map(|c| c.span[1]),
                cue_text: q.cue.as_ref().map(|c| c.text.as_str()),
                speaker_start: q.speaker.as_ref().map(|s| s.span[0]),
                speaker_end: q.speaker.as_ref().map(|s| s.span[1]),
                speaker_text: q.speaker.as_ref().map(|s| s.text.as_str()),
                speaker_actor: q.speaker.as_ref().and_then(|s| s.actor.as_deref()),
                speaker_name: q.speaker.as_ref().and_then(|s| s.name.as_deref()),
                speaker_codes: q.speaker.as_ref().map(|s| s.codes.as_slice()),
                rule: &q.rule,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct ActorRow<'a> {
    doc_id: &'a str,
    actor_id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    ty: herald_extract::actors::ActorType,
    codes: &'a [String],
    role: Option<&'a str>,
    mentions: usize,
}

pub(crate) fn actor_rows(docs: &[Extraction]) -> Vec<ActorRow<'_>> {
    docs.iter()
        .flat_map(|d| {
            d.actors.iter().map(move |a| ActorRow {
                doc_id: &d.id,
                actor_id: &a.id,
                name: &a.name,
                ty: a.ty,
                codes: &a.codes,
                role: a.role.as_deref(),
                mentions: a.mentions.len(),
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct MentionRow<'a> {
    doc_id: &'a str,
    actor_id: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

pub(crate) fn mention_rows(docs: &[Extraction]) -> Vec<MentionRow<'_>> {
    docs.iter()
        .flat_map(|d| {
            d.actors.iter().flat_map(move |a| a.mentions.iter().map(move |m| MentionRow { doc_id: &d.id, actor_id: &a.id, start: m.span[0], end: m.span[1], text: &m.text }))
        })
        .collect()
}
