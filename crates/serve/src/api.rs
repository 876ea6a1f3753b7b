//! The JSON API: the same data as the pages, paged.

use crate::{filter_of, page_of, param, AppState, Fail, Params};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use herald_store::talks::TalksQuery;
use herald_store::Bucket;
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;

type S = State<Arc<AppState>>;
type Q = Query<Params>;

/// A failure as JSON: `{"error": message, "status": code}`.
pub fn error(f: Fail) -> Response {
    (f.status, Json(json!({"error": f.message, "status": f.status.as_u16()}))).into_response()
}

fn reply<T: Serialize>(r: Result<T, Fail>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(f) => error(f),
    }
}

/// A page of items with the total under the filter.
#[derive(Serialize)]
struct Paged<T> {
    total: u64,
    limit: u64,
    offset: u64,
    items: Vec<T>,
}

/// Default page size of the API.
const API_LIMIT: u64 = 100;

pub async fn index() -> Response {
    Json(json!({
        "endpoints": {
            "/api/stats": "counts over the store",
            "/api/documents": "documents; filters actor, since, until, outlet, text, document; limit, offset",
            "/api/documents/{id}": "one document with its text and extraction",
            "/api/events": "aggregated events; filters actor, target, type, since, until, outlet, text, document; limit, offset",
            "/api/events/{key}": "one event with its mentions",
            "/api/quotes": "quotes; filters actor (speaker), type (direct|mixed|indirect), since, until, outlet, text, document; limit, offset",
            "/api/actors": "actors; filters actor, type, since, until, outlet, text, document; limit, offset",
            "/api/talks": "talks tracker; parties=A,B (required), mediators=C, since, until",
            "/api/dyad": "dyad timeline; a, b (required), bucket=day|week|month, type, since, until"
        },
        "max_limit": crate::MAX_LIMIT
    }))
    .into_response()
}

pub async fn stats(State(st): S) -> Response {
    reply(st.run(|r| Ok(r.stats()?)).await)
}

macro_rules! listing {
    ($name:ident, $count:ident, $list:ident) => {
        pub async fn $name(State(st): S, Query(p): Q) -> Response {
            reply(
                st.run(move |r| {
                    let f = filter_of(&p);
                    let page = page_of(&p, API_LIMIT)?;
                    Ok(Paged { total: r.$count(&f)?, limit: page.limit, offset: page.offset, items: r.$list(&f, page)? })
                })
                .await,
            )
        }
    };
}

listing!(documents, count_documents, documents);
listing!(events, count_events, events);
listing!(quotes, count_quotes, quotes);
listing!(actors, count_actors, actors);

pub async fn document(State(st): S, Path(id): Path<String>) -> Response {
    reply(
        st.run(move |r| match r.document(&id)? {
            Some(d) => Ok(d),
            None => Err(Fail::not_found(format!("no document with id '{id}'"))),
        })
        .await,
    )
}

pub async fn event(State(st): S, Path(key): Path<String>) -> Response {
    reply(
        st.run(move |r| {
            let k: i64 = key.parse().map_err(|_| Fail::bad(format!("an event key is a number, not '{key}'")))?;
            match r.event(k)? {
                Some(e) => Ok(json!({"event": e, "mentions": r.mentions(k)?})),
                None => Err(Fail::not_found(format!("no event {k}"))),
            }
        })
        .await,
    )
}

/// `a,b` into its non-empty items.
pub(crate) fn list_param(p: &Params, k: &str) -> Vec<String> {
    param(p, k).map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect()).unwrap_or_default()
}

pub(crate) fn talks_query(p: &Params) -> TalksQuery {
    TalksQuery {
        parties: list_param(p, "parties"),
        mediators: list_param(p, "mediators"),
        since: param(p, "since"),
        until: param(p, "until"),
    }
}

pub async fn talks(State(st): S, Query(p): Q) -> Response {
    reply(
        st.run(move |r| {
            let q = talks_query(&p);
            if q.parties.len() < 2 {
                return Err(Fail::bad("parties: give at least two actors, comma separated (parties=ISR,PSE)"));
            }
            Ok(r.talks(&q)?)
        })
        .await,
    )
}

pub(crate) fn bucket_of(p: &Params) -> Result<Bucket, Fail> {
    match param(p, "bucket").as_deref() {
        None | Some("week") => Ok(Bucket::Week),
        Some("day") => Ok(Bucket::Day),
        Some("month") => Ok(Bucket::Month),
        Some(b) => Err(Fail::bad(format!("bucket must be day, week or month, not '{b}'"))),
    }
}

pub async fn dyad(State(st): S, Query(p): Q) -> Response {
    reply(
        st.run(move |r| {
            let (Some(a), Some(b)) = (param(&p, "a"), param(&p, "b")) else {
                return Err(Fail::bad("give both actors: a=...&b=..."));
            };
            let rows = r.dyad(&a, &b, bucket_of(&p)?, &filter_of(&p))?;
            Ok(json!({"a": a, "b": b, "periods": rows}))
        })
        .await,
    )
}

