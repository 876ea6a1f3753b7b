//! The HTML pages. Every string goes through maud's escaping.

use crate::api::{bucket_of, talks_query};
use crate::article::{cards, highlighted, label};
use crate::queries;
use crate::svg::{self, enc, quad_colour, Link, Node};
use crate::{filter_of, page_of, param, AppState, Fail, Params};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use herald_store::{EventRow, Filter, Page, Reader};
use maud::{html, Markup, DOCTYPE};
use std::collections::BTreeMap;
use std::sync::Arc;

type S = State<Arc<AppState>>;
type Q = Query<Params>;

/// Default rows of a page.
const PAGE_LIMIT: u64 = 50;

const NAV: &[(&str, &str)] = &[
    ("/", "Overview"),
    ("/events", "Events"),
    ("/documents", "Documents"),
    ("/actors", "Actors"),
    ("/quotes", "Quotes"),
    ("/dyad", "Dyads"),
    ("/network", "Network"),
    ("/talks", "Talks"),
];

fn layout(title: &str, active: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · herald" }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "herald" }
                    nav {
                        @for (href, name) in NAV {
                            a href=(href) class=[(*href == active).then_some("active")] { (name) }
                        }
                    }
                }
                main { (body) }
                footer { "herald serve · read-only · " a href="/api" { "JSON API" } }
            }
        }
    }
}

fn html_response(status: axum::http::StatusCode, m: Markup) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], m.into_string()).into_response()
}

/// The error page.
pub fn error(f: Fail) -> Response {
    let reason = f.status.canonical_reason().unwrap_or("Error");
    let body = html! {
        section.error {
            h1 { (f.status.as_u16()) " " (reason) }
            p.message { (f.message) }
            p { a href="/" { "Back to the overview" } }
        }
    };
    html_response(f.status, layout(reason, "", body))
}

fn page(r: Result<Markup, Fail>) -> Response {
    match r {
        Ok(m) => html_response(axum::http::StatusCode::OK, m),
        Err(f) => error(f),
    }
}

/// The query string of `p` with `set` replacing (or adding, or with an empty
/// value removing) keys.
fn qs(p: &Params, set: &[(&str, String)]) -> String {
    let mut m: BTreeMap<&str, &str> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (k, v) in set {
        m.insert(k, v.as_str());
    }
    let parts: Vec<String> = m.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn pager(path: &str, p: &Params, page: Page, total: u64, shown: usize) -> Markup {
    let first = if shown == 0 { 0 } else { page.offset + 1 };
    let last = page.offset + shown as u64;
    html! {
        nav.pager {
            span { (first) "–" (last) " of " (total) }
            @if page.offset > 0 {
                a rel="prev" href={(path) (qs(p, &[("offset", page.offset.saturating_sub(page.limit).to_string())]))} { "← previous" }
            }
            @if last < total {
                a rel="next" href={(path) (qs(p, &[("offset", last.to_string())]))} { "next →" }
            }
        }
    }
}

/// A text input of a filter form, keeping its value.
fn field(p: &Params, name: &str, label: &str, hint: &str) -> Markup {
    html! {
        label { span { (label) } input type="text" name=(name) value=[p.get(name)] placeholder=(hint); }
    }
}

fn filter_form(path: &str, p: &Params, fields: &[(&str, &str, &str)]) -> Markup {
    html! {
        form.filters method="get" action=(path) {
            @for (name, label, hint) in fields { (field(p, name, label, hint)) }
            button type="submit" { "Filter" }
            a.reset href=(path) { "reset" }
        }
    }
}

fn dot(q: Option<u8>) -> Markup {
    html! {
        svg.dot width="10" height="10" aria-hidden="true" { circle cx="5" cy="5" r="5" fill=(quad_colour(q)) {} }
    }
}

fn actor_link(key: Option<&str>, name: &str, code: Option<&str>) -> Markup {
    html! {
        @match key {
            Some(k) => a href={"/actors/" (enc(k))} { (name) },
            None => (name),
        }
        @if let Some(c) = code.filter(|c| !c.is_empty()) { " " small.code { (c) } }
    }
}

fn key_of(code: Option<&str>, name: &str) -> String {
    herald_store::actor_key(code.unwrap_or(""), name)
}

fn event_label(e: &EventRow) -> String {
    match &e.plover_type {
        Some(t) => format!("{} ({})", t, e.cameo),
        None => format!("CAMEO {}", e.cameo),
    }
}

fn events_table(rows: &[EventRow]) -> Markup {
    html! {
        table.events {
            thead { tr { th { "date" } th { "source" } th { "event" } th { "target" } th { "quad" } th.num { "Goldstein" } th.num { "mentions" } th.num { "sources" } th.num { "confidence" } th { "evidence" } } }
            tbody {
                @for e in rows {
                    tr {
                        td { (e.date.as_deref().unwrap_or("undated")) }
                        td { (actor_link(Some(&key_of(e.source_code.as_deref(), &e.source_name)), &e.source_name, e.source_code.as_deref())) }
                        td { (event_label(e)) @if e.negated { " " em { "(negated)" } } }
                        td { @if let Some(t) = &e.target_name { (actor_link(Some(&key_of(e.target_code.as_deref(), t)), t, e.target_code.as_deref())) } @else { "–" } }
                        td { (dot(e.quad_class)) " " (e.quad_class.map(|q| q.to_string()).unwrap_or_default()) }
                        td.num { (e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default()) }
                        td.num { (e.num_mentions) }
                        td.num { (e.num_sources) }
                        td.num { (format!("{:.2}", e.confidence)) }
                        td { a.evidence href={"/events/" (e.event_key)} { "evidence" } }
                    }
                }
            }
        }
    }
}

pub async fn overview(State(st): S) -> Response {
    page(
        st.run(|r| {
            let s = r.stats()?;
            let (unit, periods) = queries::events_by_period(r)?;
            let bars: Vec<(String, [u64; 4])> = periods.into_iter().map(|p| (p.period, p.quad)).collect();
            let top = r.actors(&Filter::default(), Page { limit: 15, offset: 0 })?;
            let docs = r.documents(&Filter::default(), Page { limit: 10, offset: 0 })?;
            let body = html! {
                h1 { "Overview" }
                ul.stats {
                    li { a href="/documents" { strong { (s.documents) } " documents" } }
                    li { a href="/events" { strong { (s.events) } " events" } } 
                    li { strong { (s.mentions) } " event mentions" }
                    li { a href="/quotes" { strong { (s.quotes) } " quotes" } }
                    li { a href="/actors" { strong { (s.actors) } " actors" } }
                    li { "published " (s.first_date.as_deref().unwrap_or("?")) " to " (s.last_date.as_deref().unwrap_or("?")) }
                }
                h2 { "Events per " (unit) " by quad class" }
                @if bars.is_empty() { p { "No dated events." } } @else { (svg::stacked_bars(&format!("events per {unit} by quad class"), &bars)) }
                div.cols {
                    section {
                        h2 { "Most frequent actors" }
                        table { thead { tr { th { "actor" } th.num { "documents" } th.num { "mentions" } } }
                            tbody { @for a in &top { tr { td { (actor_link(Some(&a.key), &a.name, a.code.as_deref())) } td.num { (a.documents) } td.num { (a.mentions) } } } } }
                    }
                    section {
                        h2 { "First documents" }
                        ul.docs { @for d in &docs { li { a href={"/documents/" (enc(&d.id))} { (d.title.as_deref().unwrap_or(&d.id)) } " " small { (d.date.as_deref().unwrap_or("")) } } } }
                    }
                }
            };
            Ok(layout("Overview", "/", body))
        })
        .await,
    )
}

const EVENT_FIELDS: &[(&str, &str, &str)] = &[
    ("actor", "source", "code or name"),
    ("target", "target", "code or name"),
    ("type", "type", "CAMEO or PLOVER"),
    ("since", "since", "YYYY-MM-DD"),
    ("until", "until", "YYYY-MM-DD"),
    ("outlet", "outlet", ""),
    ("text", "words", ""),
    ("document", "document id", ""),
];

pub async fn events(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let f = filter_of(&p);
            let pg = page_of(&p, PAGE_LIMIT)?;
            let total = r.count_events(&f)?;
            let rows = r.events(&f, pg)?;
            let body = html! {
                h1 { "Events" }
                (filter_form("/events", &p, EVENT_FIELDS))
                (pager("/events", &p, pg, total, rows.len()))
                (events_table(&rows))
                (pager("/events", &p, pg, total, rows.len()))
            };
            Ok(layout("Events", "/events", body))
        })
        .await,
    )
}

pub async fn event(State(st): S, Path(key): Path<String>) -> Response {
    page(
        st.run(move |r| {
            let k: i64 = key.parse().map_err(|_| Fail::bad(format!("an event key is a number, not '{key}'")))?;
            let e = r.event(k)?.ok_or_else(|| Fail::not_found(format!("no event {k}")))?;
            let ms = r.mentions(k)?;
            let body = html! {
                h1 { "Event " (k) ": " (e.source_name) " · " (event_label(&e)) @if let Some(t) = &e.target_name { " · " (t) } }
                dl.facts {
                    dt { "date" } dd { (e.date.as_deref().unwrap_or("undated")) }
                    dt { "source" } dd { (actor_link(Some(&key_of(e.source_code.as_deref(), &e.source_name)), &e.source_name, e.source_code.as_deref())) }
                    @if let Some(t) = &e.target_name { dt { "target" } dd { (actor_link(Some(&key_of(e.target_code.as_deref(), t)), t, e.target_code.as_deref())) } }
                    dt { "CAMEO" } dd { (e.cameo) " (root " (e.cameo_root) ")" }
                    @if let Some(t) = &e.plover_type { dt { "PLOVER" } dd { (t) @if let Some(m) = &e.plover_mode { " / " (m) } } }
                    dt { "quad class" } dd { (dot(e.quad_class)) " " (e.quad_class.map(|q| svg::QUAD_NAMES[(q.clamp(1, 4) - 1) as usize]).unwrap_or("–")) }
                    dt { "Goldstein" } dd { (e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default()) }
                    dt { "negated" } dd { (e.negated) }
                    dt { "seen" } dd { (e.first_seen.as_deref().unwrap_or("?")) " – " (e.last_seen.as_deref().unwrap_or("?")) }
                    dt { "mentions / articles / sources" } dd { (e.num_mentions) " / " (e.num_articles) " / " (e.num_sources) }
                    dt { "confidence" } dd { (format!("{:.2}", e.confidence)) }
                }
                h2 { "Evidence (" (ms.len()) " mentions)" }
                @for m in &ms {
                    article.mention {
                        p.sentence { (m.sentence) }
                        dl {
                            dt { "document" } dd { (m.doc_id) " " small { (m.outlet.as_deref().unwrap_or("")) " " (m.published.as_deref().unwrap_or("")) } }
                            dt { "source / target" } dd { (m.source_text) " → " (m.target_text.as_deref().unwrap_or("–")) }
                            dt { "trigger" } dd { (m.trigger.as_deref().unwrap_or("")) }
                            dt { "modality" } dd { (m.modality) @if let Some(c) = &m.claimed_by { ", claimed by " (c) } }
                            @if let Some(d) = &m.date_text { dt { "date" } dd { (d) @if let Some(x) = &m.date { " = " (x) } } }
                            dt { "rule" } dd { code { (m.rule) } }
                            dt { "confidence" } dd { (format!("{:.2}", m.confidence)) }
                        }
                        a.evidence href={"/documents/" (enc(&m.doc_id)) "?event=" (enc(&m.local_id)) "#at-" (enc(&m.local_id))} { "show " (m.local_id) " highlighted in the article" }
                    }
                }
            };
            Ok(layout(&format!("Event {k}"), "/events", body))
        })
        .await,
    )
}

pub async fn documents(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let f = Filter { target: None, kind: None, ..filter_of(&p) };
            let pg = page_of(&p, PAGE_LIMIT)?;
            let total = r.count_documents(&f)?;
            let rows = r.documents(&f, pg)?;
            let body = html! {
                h1 { "Documents" }
                (filter_form("/documents", &p, &[("actor", "actor", "code or name"), ("since", "since", "YYYY-MM-DD"), ("until", "until", "YYYY-MM-DD"), ("outlet", "outlet", ""), ("text", "words", "")]))
                (pager("/documents", &p, pg, total, rows.len()))
                table {
                    thead { tr { th { "date" } th { "title" } th { "outlet" } th.num { "actors" } th.num { "quotes" } th.num { "events" } } }
                    tbody { @for d in &rows { tr {
                        td { (d.date.as_deref().unwrap_or("")) }
                        td { a href={"/documents/" (enc(&d.id))} { (d.title.as_deref().unwrap_or(&d.id)) } }
                        td { (d.outlet.as_deref().unwrap_or("")) }
                        td.num { (d.n_actors) } td.num { (d.n_quotes) } td.num { (d.n_events) }
                    } } }
                }
            };
            Ok(layout("Documents", "/documents", body))
        })
        .await,
    )
}

pub async fn document(State(st): S, Path(id): Path<String>, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let d = r.document(&id)?.ok_or_else(|| Fail::not_found(format!("no document with id '{id}'")))?;
            let focus = param(&p, "event");
            let s = &d.summary;
            let x = &d.extraction;
            let body = html! {
                h1 { (s.title.as_deref().unwrap_or(&s.id)) }
                p.meta {
                    "id " code { (s.id) }
                    @if let Some(o) = &s.outlet { " · " (o) }
                    @if let Some(pb) = &s.published { " · published " (pb) }
                    @if let Some(u) = &s.url { " · " span.url { (u) } }
                }
                p.keys {
                    span.h.m { "actor mention" } " " span.h.q { "quote" } " " span.h.s { "speaker" } " " span.h.t { "event trigger" }
                    " — hover for what herald coded, click to show its card"
                }
                div.article {
                    (highlighted(x, focus.as_deref()))
                    aside #cards { (cards(x, &d.event_keys, focus.as_deref())) }
                }
            };
            Ok(layout(s.title.as_deref().unwrap_or(&s.id), "/documents", body))
        })
        .await,
    )
}

pub async fn actors(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let f = Filter { target: None, ..filter_of(&p) };
            let pg = page_of(&p, PAGE_LIMIT)?;
            let total = r.count_actors(&f)?;
            let rows = r.actors(&f, pg)?;
            let body = html! {
                h1 { "Actors" }
                (filter_form("/actors", &p, &[("actor", "actor", "code or name"), ("type", "type", "person, state, ..."), ("since", "since", "YYYY-MM-DD"), ("until", "until", "YYYY-MM-DD"), ("text", "words", "")]))
                (pager("/actors", &p, pg, total, rows.len()))
                table {
                    thead { tr { th { "actor" } th { "code" } th.num { "documents" } th.num { "mentions" } } }
                    tbody { @for a in &rows { tr {
                        td { a href={"/actors/" (enc(&a.key))} { (a.name) } }
                        td { (a.code.as_deref().unwrap_or("")) }
                        td.num { (a.documents) } td.num { (a.mentions) }
                    } } }
                }
            };
            Ok(layout("Actors", "/actors", body))
        })
        .await,
    )
}

fn deeds_table(rows: &[queries::Deed], other: &str) -> Markup {
    html! {
        table {
            thead { tr { th { "what" } th { (other) } th.num { "events" } } }
            tbody { @for d in rows { tr {
                td { (dot(d.quad_class)) " " (d.kind) }
                td { @match (&d.other_key, &d.other) { (Some(k), Some(n)) => a href={"/actors/" (enc(k))} { (n) }, _ => "–" } }
                td.num { (d.events) }
            } } }
        }
    }
}

fn quote_list(rows: &[herald_store::QuoteRow], with_speaker: bool) -> Markup {
    html! {
        ul.quotes {
            @for q in rows {
                li {
                    @if with_speaker {
                        strong { (q.speaker_name.as_deref().or(q.speaker_text.as_deref()).unwrap_or("no speaker")) } ": "
                    }
                    q { (q.text) }
                    " " small { (label_kind(&q.kind)) " · " (q.date.as_deref().unwrap_or("")) " · "
                        a href={"/documents/" (enc(&q.doc_id)) "#ann-" (enc(&q.local_id))} { (q.doc_id) " " (q.local_id) } }
                }
            }
        }
    }
}

fn label_kind(k: &str) -> &str {
    k
}

pub async fn actor(State(st): S, Path(key): Path<String>) -> Response {
    page(
        st.run(move |r| {
            let (name, code) = queries::actor_name(r, &key)?.ok_or_else(|| Fail::not_found(format!("no actor '{key}'")))?;
            let seen = queries::appearances(r, &key, 200)?;
            let f = Filter { actor: Some(key.clone()), ..Filter::default() };
            let quotes = r.quotes(&f, Page { limit: 100, offset: 0 })?;
            let did = queries::deeds(r, &key, true, 50)?;
            let got = queries::deeds(r, &key, false, 50)?;
            let evs = r.events(&f, Page { limit: 50, offset: 0 })?;
            let body = html! {
                h1 { (name) @if let Some(c) = &code { " " small.code { (c) } } }
                p { "key " code { (key) } " · " a href={"/events?actor=" (enc(&key))} { "events as source" } " · " a href={"/events?target=" (enc(&key))} { "events as target" } " · " a href={"/quotes?actor=" (enc(&key))} { "quotes" } }
                h2 { "Codes and roles over time" }
                table {
                    thead { tr { th { "date" } th { "document" } th { "name" } th { "type" } th { "codes" } th { "role" } th.num { "mentions" } } }
                    tbody { @for a in &seen { tr {
                        td { (a.date.as_deref().unwrap_or("")) }
                        td { a href={"/documents/" (enc(&a.doc_id))} { (a.title.as_deref().unwrap_or(&a.doc_id)) } }
                        td { (a.name) } td { (a.kind) } td { (a.codes) } td { (a.role.as_deref().unwrap_or("")) } td.num { (a.mentions) }
                    } } }
                }
                div.cols {
                    section { h2 { "What they did, to whom" } (deeds_table(&did, "to whom")) }
                    section { h2 { "What was done to them, by whom" } (deeds_table(&got, "by whom")) }
                }
                h2 { "What they said (" (quotes.len()) ")" }
                (quote_list(&quotes, false))
                h2 { "Their events" }
                (events_table(&evs))
            };
            Ok(layout(&name, "/actors", body))
        })
        .await,
    )
}

pub async fn quotes(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let f = Filter { target: None, ..filter_of(&p) };
            let pg = page_of(&p, PAGE_LIMIT)?;
            let total = r.count_quotes(&f)?;
            let rows = r.quotes(&f, pg)?;
            let speakers = queries::speakers(r, 100)?;
            let body = html! {
                h1 { "Quotes" }
                (filter_form("/quotes", &p, &[("actor", "speaker", "code or name"), ("type", "kind", "direct, mixed, indirect"), ("since", "since", "YYYY-MM-DD"), ("until", "until", "YYYY-MM-DD"), ("text", "words", "")]))
                div.side {
                    nav.speakers {
                        h2 { "Speakers" }
                        ul { @for s in &speakers { li { a href={"/quotes?actor=" (enc(&s.key))} class=[(p.get("actor") == Some(&s.key)).then_some("active")] { (s.name) } " " small { (s.quotes) } } } }
                    }
                    section {
                        (pager("/quotes", &p, pg, total, rows.len()))
                        (quote_list(&rows, true))
                    }
                }
            };
            Ok(layout("Quotes", "/quotes", body))
        })
        .await,
    )
}

pub async fn dyad(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let a = param(&p, "a");
            let b = param(&p, "b");
            let form = html! {
                form.filters method="get" action="/dyad" {
                    (field(&p, "a", "actor A", "code or name")) (field(&p, "b", "actor B", "code or name"))
                    label { span { "bucket" } select name="bucket" {
                        @for o in ["day", "week", "month"] { option value=(o) selected[p.get("bucket").map(String::as_str).unwrap_or("week") == o] { (o) } }
                    } }
                    (field(&p, "type", "type", "CAMEO or PLOVER")) (field(&p, "since", "since", "YYYY-MM-DD")) (field(&p, "until", "until", "YYYY-MM-DD"))
                    button type="submit" { "Show" }
                }
            };
            let content = match (a, b) {
                (Some(a), Some(b)) => {
                    let rows = r.dyad(&a, &b, bucket_of(&p)?, &filter_of(&p))?;
                    let bars: Vec<(String, [u64; 4])> =
                        rows.iter().map(|d| (d.period.clone().unwrap_or_else(|| "undated".into()), d.quad)).collect();
                    html! {
                        h2 { (a) " ⇄ " (b) }
                        p { a href={"/events" (qs(&Params::new(), &[("actor", a.clone()), ("target", b.clone())]))} { "events " (a) " → " (b) } " · "
                            a href={"/events" (qs(&Params::new(), &[("actor", b.clone()), ("target", a.clone())]))} { "events " (b) " → " (a) } }
                        @if bars.is_empty() { p { "No events between them." } } @else { (svg::stacked_bars(&format!("events between {a} and {b}"), &bars)) }
                        table {
                            thead { tr { th { "period" } th.num { "events" } th.num { (a) " → " (b) } th.num { (b) " → " (a) } th.num { "Goldstein sum" } } }
                            tbody { @for d in &rows { tr { td { (d.period.as_deref().unwrap_or("undated")) } td.num { (d.events) } td.num { (d.a_to_b) } td.num { (d.b_to_a) } td.num { (format!("{:.1}", d.goldstein)) } } } }
                        }
                    }
                }
                _ => {
                    let pairs = queries::network(r, None, None, None, 15)?;
                    html! {
                        p { "Pick two actors. Busiest pairs:" }
                        ul { @for e in &pairs { li { a href={"/dyad" (qs(&Params::new(), &[("a", e.source.clone()), ("b", e.target.clone())]))} { (e.source_name) " ⇄ " (e.target_name) } " " small { (e.events) } } } }
                    }
                }
            };
            Ok(layout("Dyad timeline", "/dyad", html! { h1 { "Dyad timeline" } (form) (content) }))
        })
        .await,
    )
}

pub async fn network(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r| {
            let kind = param(&p, "type");
            let edges_max: u64 = match param(&p, "edges") {
                None => 40,
                Some(s) => s.parse().ok().filter(|n| (1..=200).contains(n)).ok_or_else(|| Fail::bad("edges must be 1 to 200"))?,
            };
            let edges = queries::network(r, kind.as_deref(), param(&p, "since").as_deref(), param(&p, "until").as_deref(), edges_max)?;
            let mut keys: Vec<(&str, &str)> = Vec::new();
            for e in &edges {
                for (k, n) in [(e.source.as_str(), e.source_name.as_str()), (e.target.as_str(), e.target_name.as_str())] {
                    if !keys.iter().any(|(x, _)| *x == k) {
                        keys.push((k, n));
                    }
                }
            }
            let nodes: Vec<Node> = keys.iter().map(|(k, n)| Node { key: k, name: n }).collect();
            let idx = |k: &str| keys.iter().position(|(x, _)| *x == k).unwrap_or(0);
            let links: Vec<Link> = edges
                .iter()
                .map(|e| Link {
                    from: idx(&e.source),
                    to: idx(&e.target),
                    weight: e.events,
                    quad: e.quad_class,
                    label: format!("{} → {}: {} events", e.source_name, e.target_name, e.events),
                })
                .collect();
            let body = html! {
                h1 { "Actor network" }
                form.filters method="get" action="/network" {
                    label { span { "who" } select name="type" {
                        option value="" { "all events" }
                        @for (t, l) in [("ACCUSE", "accuses"), ("THREATEN", "threatens"), ("CONSULT", "meets / consults"), ("SUPPORT", "supports"), ("AGREE", "agrees with"), ("COOPERATE", "cooperates with"), ("REJECT", "rejects"), ("ASSAULT", "assaults")] {
                            option value=(t) selected[kind.as_deref() == Some(t)] { (l) " whom" }
                        }
                    } }
                    (field(&p, "since", "since", "YYYY-MM-DD")) (field(&p, "until", "until", "YYYY-MM-DD")) (field(&p, "edges", "edges", "40"))
                    button type="submit" { "Show" }
                }
                @if edges.is_empty() { p { "No events with a target." } } @else { (svg::network(&nodes, &links)) }
                table {
                    thead { tr { th { "source" } th { "target" } th { "quad (main)" } th.num { "events" } th { "" } } }
                    tbody { @for e in &edges { tr {
                        td { a href={"/actors/" (enc(&e.source))} { (e.source_name) } }
                        td { a href={"/actors/" (enc(&e.target))} { (e.target_name) } }
                        td { (dot(e.quad_class)) " " (e.quad_class.map(|q| q.to_string()).unwrap_or_default()) }
                        td.num { (e.events) }
                        td { a href={"/events" (qs(&Params::new(), &[("actor", e.source.clone()), ("target", e.target.clone()), ("type", kind.clone().unwrap_or_default())]))} { "events" } }
                    } } }
                }
            };
            Ok(layout("Network", "/network", body))
        })
        .await,
    )
}

fn state_colour(s: &str) -> &'static str {
    match s {
        "ongoing" => "#2166ac",
        "suspended" => "#e08214",
        "collapsed" => "#b2182b",
        "resumed" => "#5aae61",
        "agreed" => "#1b7837",
        _ => "#888888",
    }
}

fn state_name(s: &str) -> &'static str {
    match s {
        "ongoing" => "ongoing",
        "suspended" => "suspended",
        "collapsed" => "collapsed",
        "resumed" => "resumed",
        "agreed" => "agreed",
        _ => "unknown",
    }
}

pub async fn talks(State(st): S, Query(p): Q) -> Response {
    page(
        st.run(move |r: &Reader| {
            let q = talks_query(&p);
            let form = html! {
                form.filters method="get" action="/talks" {
                    (field(&p, "parties", "parties", "ISR,PSE")) (field(&p, "mediators", "mediators", "EGY,QAT"))
                    (field(&p, "since", "since", "YYYY-MM-DD")) (field(&p, "until", "until", "YYYY-MM-DD"))
                    button type="submit" { "Track" }
                }
            };
            let content = if q.parties.len() < 2 {
                html! { p { "Give at least two parties (codes or names, comma separated)." } }
            } else {
                let t = r.talks(&q)?;
                let strip: Vec<(String, &'static str, &'static str)> = t
                    .states
                    .iter()
                    .map(|s| {
                        let l = label(&s.state);
                        (s.date.clone().unwrap_or_else(|| "undated".into()), state_name(&l), state_colour(&l))
                    })
                    .collect();
                html! {
                    p { "parties " (t.parties.join(", ")) @if !t.mediators.is_empty() { " · mediators " (t.mediators.join(", ")) } }
                    @if strip.is_empty() { p { "No moves found." } } @else { (svg::states_strip(&strip)) }
                    table.talks {
                        thead { tr { th { "date" } th { "state" } th { "move" } th { "who" } th { "evidence" } th { "rule" } } }
                        tbody {
                            @for s in &t.states {
                                @for (n, i) in s.supported_by.iter().chain(s.expected.iter()).enumerate() {
                                    @if let Some(m) = t.moves.get(*i) {
                                        tr {
                                            td { @if n == 0 { (s.date.as_deref().unwrap_or("undated")) } }
                                            td { @if n == 0 { span class={"state " (state_name(&label(&s.state)))} { (state_name(&label(&s.state))) } } }
                                            td { (label(&m.kind)) @if m.expected { " " em { "(expected" @if let Some(d) = &m.expected_date { " " (d) } ")" } } }
                                            td { (m.actor.as_deref().unwrap_or("?")) @if let Some(x) = &m.target { " → " (x) } }
                                            td { q { (m.evidence) } " "
                                                @match (m.event_key, &m.quote) {
                                                    (Some(k), _) => a href={"/events/" (k)} { "event" },
                                                    (None, Some(qid)) => a href={"/documents/" (enc(&m.doc_id)) "#ann-" (enc(qid))} { "quote" },
                                                    _ => a href={"/documents/" (enc(&m.doc_id))} { "document" },
                                                }
                                            }
                                            td { code { (m.rule) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    h2 { "All moves (" (t.moves.len()) ")" }
                    ol.moves { @for m in &t.moves { li { (m.date.as_deref().unwrap_or("undated")) ": " (label(&m.kind)) @if m.expected { " (expected)" } " — " (m.actor.as_deref().unwrap_or("?")) @if let Some(x) = &m.target { " → " (x) } } } }
                }
            };
            Ok(layout("Talks", "/talks", html! { h1 { "Talks tracker" } (form) (content) }))
        })
        .await,
    )
}
