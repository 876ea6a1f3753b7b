//! Every route of `herald serve` on a small hand-made store, through the
//! router without a socket (tower's `oneshot`): status, content, escaping of
//! hostile text and names, limits, path traversal, the error page.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use herald_extract::Extraction;
use herald_serve::{router, AppState};
use herald_store::Store;
use herald_text::Document;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;

const SAFE: &str = "Hamas said on Monday: \"We reject the proposal.\" Israel accused Hamas of stalling the talks in Cairo.";
const HOSTILE_NAME: &str = "<script>alert('name')</script>";
const HOSTILE: &str = "Officials said <script>alert('xss')</script> and <img src=x onerror=alert(1)> were found. \
    <script>alert('name')</script> accused Israel of lying.";

/// `[start, end)` in characters of the first `needle` in `hay`.
fn span(hay: &str, needle: &str) -> [usize; 2] {
    let b = hay.find(needle).unwrap_or_else(|| panic!("{needle} not in text"));
    let s = hay[..b].chars().count();
    [s, s + needle.chars().count()]
}

fn who(text: &str, code: &str, name: &str, needle: &str) -> Value {
    json!({"actor": null, "name": name, "code": code, "span": span(text, needle), "text": needle})
}

fn event(text: &str, id: &str, src: Value, tgt: Value, cameo: &str, plover: &str, quad: u8, trig: &str, date: &str) -> Value {
    json!({"id": id, "source": src, "target": tgt, "cameo": cameo, "cameo_root": &cameo[..2], "quad_class": quad,
           "goldstein": -2.0, "plover": {"type": plover, "mode": null}, "context": [], "negated": false,
           "modality": "asserted", "claimed_by": null,
           "date": {"text": "Monday", "span": [0, 0], "resolved": date, "relation": "on"}, "place": null,
           "sentence": {"span": [0, text.chars().count()]}, "trigger": {"span": span(text, trig), "text": trig},
           "rule": format!("test.rule:{id}")})
}

fn fixture() -> Vec<(Document, Extraction)> {
    let t = SAFE;
    let safe = json!({
        "id": "doc-1", "title": "Talks in Cairo", "url": "https://example.org/a", "published": "2025-07-21", "text": t,
        "actors": [
            {"id": "A1", "name": "Hamas", "type": "group", "codes": ["PSEREBHMS"], "role": null,
             "mentions": [{"span": span(t, "Hamas"), "text": "Hamas"}]},
            {"id": "A2", "name": "Israel", "type": "state", "codes": ["ISR"], "role": null,
             "mentions": [{"span": span(t, "Israel"), "text": "Israel"}]}
        ],
        "quotes": [{"id": "Q1", "kind": "direct", "span": span(t, "We reject the proposal."), "text": "We reject the proposal.",
                    "cue": {"span": span(t, "said"), "text": "said"},
                    "speaker": {"span": span(t, "Hamas"), "text": "Hamas", "actor": "A1", "name": "Hamas", "codes": ["PSEREBHMS"]},
                    "rule": "quote.rule"}],
        "events": [event(t, "E1", who(t, "ISR", "Israel", "Israel"), who(t, "PSEREBHMS", "Hamas", "Hamas"), "112", "ACCUSE", 3, "accused", "2025-07-21")]
    });
    let h = HOSTILE;
    let hostile = json!({
        "id": "doc-<b>2</b>", "title": "<img src=x onerror=alert('title')>", "url": null, "published": "2025-07-22", "text": h,
        "actors": [{"id": "A1", "name": HOSTILE_NAME, "type": "group", "codes": ["XSS"], "role": "<i>role</i>",
                    "mentions": [{"span": span(h, HOSTILE_NAME), "text": HOSTILE_NAME}]}],
        "quotes": [],
        "events": [event(h, "E1", who(h, "XSS", HOSTILE_NAME, HOSTILE_NAME), who(h, "ISR", "Israel", "Israel"), "112", "ACCUSE", 3, "accused", "2025-07-22")]
    });
    [safe, hostile]
        .into_iter()
        .map(|v| {
            let x: Extraction = serde_json::from_value(v).unwrap();
            let d = Document {
                id: x.id.clone(),
                text: x.text.clone(),
                title: x.title.clone(),
                url: x.url.clone(),
                source: Some("Test Wire".into()),
                published: x.published.clone(),
            };
            (d, x)
        })
        .collect()
}

fn db() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("herald-serve-routes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.db");
        let mut s = Store::open(&path, None).unwrap();
        s.insert_batch(&fixture()).unwrap();
        drop(s);
        path
    })
}

fn app() -> Router {
    router(AppState::open(db()).unwrap())
}

async fn get(uri: &str) -> (StatusCode, String, axum::http::HeaderMap) {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn send(req: Request<Body>) -> (StatusCode, String, axum::http::HeaderMap) {
    let resp = app().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap(), headers)
}

async fn json_of(uri: &str) -> Value {
    let (s, b, h) = get(uri).await;
    assert_eq!(s, StatusCode::OK, "{uri}: {b}");
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    serde_json::from_str(&b).unwrap()
}

/// No markup from the hostile document survives unescaped.
fn assert_inert(uri: &str, body: &str) {
    for bad in ["<script>alert", "<img src=x", "<i>role", "<b>2</b>"] {
        assert!(!body.contains(bad), "{uri} carries raw {bad}");
    }
}

#[tokio::test]
async fn every_page_renders() {
    let ev: Value = json_of("/api/events?actor=ISR").await;
    let key = ev["items"][0]["event_key"].as_i64().unwrap();
    for (uri, want) in [
        ("/", "Events per day by quad class"),
        ("/events", "evidence"),
        ("/events?actor=ISR&type=ACCUSE", "Israel"),
        (&format!("/events/{key}") as &str, "show E1 highlighted in the article"),
        ("/documents", "Talks in Cairo"),
        ("/documents/doc-1", "We reject the proposal."),
        ("/documents/doc-1?event=E1", "fs focus\" data-ann=\"E1\""),
        ("/actors", "Hamas"),
        ("/actors/ISR", "What they did, to whom"),
        ("/quotes", "Speakers"),
        ("/quotes?actor=PSEREBHMS", "We reject the proposal."),
        ("/dyad", "Busiest pairs"),
        ("/dyad?a=ISR&b=PSEREBHMS&bucket=day", "2025-07-21"),
        ("/network", "actor network"),
        ("/network?type=ACCUSE", "Israel"),
        ("/talks", "at least two parties"),
        ("/talks?parties=ISR,PSEREBHMS", "parties"),
    ] {
        let (s, b, h) = get(uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {b}");
        assert!(b.contains(want), "{uri} lacks {want}");
        assert!(b.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("script-src 'self'"));
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_inert(uri, &b);
    }
}

#[tokio::test]
async fn event_links_to_highlighted_evidence() {
    let ev: Value = json_of("/api/events?actor=ISR&target=HAMAS").await;
    assert_eq!(ev["total"], 1);
    let key = ev["items"][0]["event_key"].as_i64().unwrap();
    let (_, page, _) = get(&format!("/events/{key}")).await;
    let href = "/documents/doc-1?event=E1#at-E1";
    assert!(page.contains(&format!("href=\"{href}\"")), "{page}");
    let (s, art, _) = get("/documents/doc-1?event=E1").await;
    assert_eq!(s, StatusCode::OK);
    // The trigger is highlighted, focused, anchored, and its card is selected.
    assert!(art.contains("id=\"at-E1\""));
    let at = art.find("id=\"at-E1\"").unwrap();
    let span_end = art[at..].find("</span>").unwrap();
    assert!(art[at..at + span_end].ends_with(">accused"), "{}", &art[at..at + span_end]);
    assert!(art.contains("class=\"card ev sel\""));
    assert!(art.contains("test.rule:E1"));
    // The quote and its speaker are marked, with the rule in the tooltip.
    assert!(art.contains("data-ann=\"Q1\""));
    assert!(art.contains("rule quote.rule"));
}

#[tokio::test]
async fn hostile_text_and_names_are_inert() {
    for uri in ["/documents/doc-%3Cb%3E2%3C%2Fb%3E", "/actors/XSS", "/events?actor=XSS", "/network", "/actors", "/documents", "/"] {
        let (s, b, _) = get(uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {b}");
        assert_inert(uri, &b);
    }
    let (_, b, _) = get("/documents/doc-%3Cb%3E2%3C%2Fb%3E").await;
    assert!(b.contains("&lt;script&gt;alert('xss')&lt;/script&gt;"));
    assert!(b.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(b.contains("&lt;script&gt;alert('name')&lt;/script&gt;"));
    // The only script element is the bundled one.
    assert_eq!(b.matches("<script").count(), 1);
    // JSON carries the text as data.
    let v = json_of("/api/documents/doc-%3Cb%3E2%3C%2Fb%3E").await;
    assert_eq!(v["extraction"]["actors"][0]["name"], HOSTILE_NAME);
}

#[tokio::test]
async fn api_lists_pages_and_totals() {
    let v = json_of("/api/documents").await;
    assert_eq!(v["total"], 2);
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let v = json_of("/api/documents?limit=1&offset=1").await;
    assert_eq!((v["total"].as_u64(), v["limit"].as_u64(), v["offset"].as_u64()), (Some(2), Some(1), Some(1)));
    assert_eq!(v["items"][0]["id"], "doc-<b>2</b>");
    let v = json_of("/api/events").await;
    assert_eq!(v["total"], 2);
    let v = json_of("/api/quotes?actor=Hamas").await;
    assert_eq!(v["items"][0]["text"], "We reject the proposal.");
    let v = json_of("/api/actors?type=state").await;
    assert_eq!(v["items"][0]["key"], "ISR");
    let key = json_of("/api/events?actor=XSS").await["items"][0]["event_key"].as_i64().unwrap();
    let v = json_of(&format!("/api/events/{key}")).await;
    assert_eq!(v["mentions"][0]["trigger"], "accused");
    let v = json_of("/api/talks?parties=ISR,PSEREBHMS").await;
    assert!(v["moves"].is_array() && v["states"].is_array());
    let v = json_of("/api/dyad?a=ISR&b=HAMAS&bucket=month").await;
    assert_eq!(v["periods"][0]["period"], "2025-07-01");
    assert_eq!(v["periods"][0]["a_to_b"], 1);
    let v = json_of("/api/stats").await;
    assert_eq!(v["documents"], 2);
    let v = json_of("/api").await;
    assert!(v["endpoints"]["/api/events"].is_string());
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    for (uri, status, says) in [
        ("/api/events?limit=1001", StatusCode::BAD_REQUEST, "limit must be between 1 and 1000"),
        ("/api/events?limit=0", StatusCode::BAD_REQUEST, "limit must be between"),
        ("/api/events?limit=abc", StatusCode::BAD_REQUEST, "whole number"),
        ("/api/events?actor=Nobody", StatusCode::BAD_REQUEST, "unknown actor"),
        ("/api/events?since=2025-13", StatusCode::BAD_REQUEST, "bad date"),
        ("/api/events?type=XYZ", StatusCode::BAD_REQUEST, "unknown type"),
        ("/api/events/abc", StatusCode::BAD_REQUEST, "a number"),
        ("/api/events/999999", StatusCode::NOT_FOUND, "no event"),
        ("/api/documents/nope", StatusCode::NOT_FOUND, "no document"),
        ("/api/talks?parties=ISR", StatusCode::BAD_REQUEST, "at least two"),
        ("/api/dyad?a=ISR", StatusCode::BAD_REQUEST, "both actors"),
        ("/api/nope", StatusCode::NOT_FOUND, "no page"),
    ] {
        let (s, b, h) = get(uri).await;
        assert_eq!(s, status, "{uri}: {b}");
        assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"), "{uri}");
        let v: Value = serde_json::from_str(&b).unwrap();
        assert!(v["error"].as_str().unwrap().contains(says), "{uri}: {b}");
        assert_eq!(v["status"], status.as_u16());
    }
    for (uri, status, says) in [
        ("/events?limit=5000", StatusCode::BAD_REQUEST, "limit must be between"),
        ("/events?actor=%3Cscript%3Ealert(1)%3C/script%3E", StatusCode::BAD_REQUEST, "unknown actor"),
        ("/documents/%3Cscript%3Ex", StatusCode::NOT_FOUND, "no document"),
        ("/actors/nobody", StatusCode::NOT_FOUND, "no actor"),
        ("/events/12x", StatusCode::BAD_REQUEST, "a number"),
        ("/network?edges=999", StatusCode::BAD_REQUEST, "edges"),
        ("/network?type=HUG", StatusCode::BAD_REQUEST, "PLOVER"),
        ("/dyad?a=ISR&b=HAMAS&bucket=year", StatusCode::BAD_REQUEST, "bucket"),
        ("/no/such/page", StatusCode::NOT_FOUND, "no page"),
    ] {
        let (s, b, _) = get(uri).await;
        assert_eq!(s, status, "{uri}: {b}");
        assert!(b.contains("<section class=\"error\">") && b.contains(says), "{uri}: {b}");
        assert!(!b.contains("<script>alert"), "{uri} reflects markup");
    }
}

#[tokio::test]
async fn static_assets_and_no_traversal() {
    let (s, css, h) = get("/static/app.css").await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    assert!(css.contains("@media print"));
    let (s, js, _) = get("/static/app.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(js.contains("addEventListener"));
    for uri in [
        "/static/../Cargo.toml",
        "/static/..%2FCargo.toml",
        "/static/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/static/..%2f..%2fsrc%2flib.rs",
        "/static/app.css%00",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/../../etc/passwd",
    ] {
        let (s, b, _) = get(uri).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(!b.contains("[package]") && !b.contains("root:"), "{uri} leaked a file");
    }
}

#[tokio::test]
async fn limits_on_methods_uris_and_bodies() {
    let (s, _, h) = send(Request::post("/api/events").body(Body::from("x")).unwrap()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(h[header::ALLOW], "GET, HEAD");
    let (s, _, _) = send(Request::delete("/documents/doc-1").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    let long = format!("/events?text={}", "a".repeat(herald_serve::MAX_URI));
    let (s, b, _) = get(&long).await;
    assert_eq!(s, StatusCode::URI_TOO_LONG, "{b}");
    let big = Request::get("/api/events")
        .header(header::CONTENT_LENGTH, (herald_serve::MAX_BODY + 1).to_string())
        .body(Body::from(vec![b'x'; herald_serve::MAX_BODY + 1]))
        .unwrap();
    let (s, _, _) = send(big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[test]
fn refuses_what_is_not_a_store() {
    let dir = std::env::temp_dir().join(format!("herald-serve-nostore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    assert!(AppState::open(&dir.join("missing.db")).is_err());
    let empty = dir.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(AppState::open(&empty).is_err());
}

#[tokio::test]
async fn the_store_is_not_written() {
    let before = std::fs::read(db()).unwrap();
    for uri in ["/", "/events", "/documents/doc-1", "/api/events", "/talks?parties=ISR,HAMAS"] {
        let _ = get(uri).await;
    }
    assert_eq!(std::fs::read(db()).unwrap(), before);
}
