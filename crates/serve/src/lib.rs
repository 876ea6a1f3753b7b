//! `herald serve`: a local web application and JSON API over a herald store.
//!
//! Everything is read-only: the store is opened with [`herald_store::Reader`]
//! (SQLite read-only). Pages are rendered on the server with maud, which
//! escapes every interpolated string, so article text, titles and actor
//! names (untrusted input) always show as text; the Content-Security-Policy
//! header forbids inline scripts as a second line of defence. Charts are
//! inline SVG drawn on the server (they print). The stylesheet and the small
//! script are compiled into the binary and served from a fixed table, so
//! there is no file system path to traverse and nothing is fetched from the
//! internet.
//!
//! Routes: see [`router`] and the README section "Web".
#![deny(missing_docs)]

mod api;
mod article;
mod pages;
mod queries;
mod svg;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use herald_store::{Filter, Page, Reader, StoreError};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Largest page a request may ask for (`limit`).
pub const MAX_LIMIT: u64 = 1000;
/// Largest request URI (path and query) accepted, in bytes.
pub const MAX_URI: usize = 4096;
/// Largest request body accepted, in bytes (every route is GET).
pub const MAX_BODY: usize = 4096;
/// Database connections open at most at once.
const MAX_READERS: usize = 8;

/// What can go wrong starting the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The store could not be opened.
    #[error("{path}: {source}")]
    Store {
        /// The database path.
        path: PathBuf,
        /// Why.
        source: StoreError,
    },
    /// Binding or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The shared state: the database path and a pool of read-only readers.
pub struct AppState {
    path: PathBuf,
    idle: Mutex<Vec<Reader>>,
    permits: Semaphore,
}

/// An error of one request: the status and a message for the user.
#[derive(Debug)]
pub(crate) struct Fail {
    pub status: StatusCode,
    pub message: String,
}

impl Fail {
    pub fn bad(m: impl Into<String>) -> Fail {
        Fail { status: StatusCode::BAD_REQUEST, message: m.into() }
    }
    pub fn not_found(m: impl Into<String>) -> Fail {
        Fail { status: StatusCode::NOT_FOUND, message: m.into() }
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Fail {
        match e {
            StoreError::UnknownActor(_) | StoreError::BadDate(_) | StoreError::BadType { .. } => Fail::bad(e.to_string()),
            other => {
                eprintln!("herald serve: {other}");
                Fail { status: StatusCode::INTERNAL_SERVER_ERROR, message: format!("the store failed: {other}") }
            }
        }
    }
}

impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Fail {
        Fail::from(StoreError::Sqlite(e))
    }
}

impl AppState {
    /// Opens the store at `path` read-only (once, to check it is a store).
    pub fn open(path: &Path) -> Result<Arc<AppState>, ServeError> {
        let r = Reader::open(path).map_err(|source| ServeError::Store { path: path.to_path_buf(), source })?;
        Ok(Arc::new(AppState { path: path.to_path_buf(), idle: Mutex::new(vec![r]), permits: Semaphore::new(MAX_READERS) }))
    }

    /// Runs `f` with a reader on a blocking thread.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, Fail>
    where
        T: Send + 'static,
        F: FnOnce(&Reader) -> Result<T, Fail> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.map_err(|_| Fail {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "shutting down".into(),
        })?;
        let st = self.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = st.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let r = match pooled {
                Some(r) => r,
                None => Reader::open(&st.path)?,
            };
            let out = f(&r);
            st.idle.lock().unwrap_or_else(|p| p.into_inner()).push(r);
            out
        })
        .await
        .map_err(|e| Fail { status: StatusCode::INTERNAL_SERVER_ERROR, message: format!("request failed: {e}") })?
    }
}

/// Query string parameters, as given.
pub(crate) type Params = HashMap<String, String>;

/// A parameter, trimmed, `None` when absent or empty.
pub(crate) fn param(p: &Params, k: &str) -> Option<String> {
    p.get(k).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The filter of `herald query` from the query string.
pub(crate) fn filter_of(p: &Params) -> Filter {
    Filter {
        actor: param(p, "actor"),
        target: param(p, "target"),
        kind: param(p, "type"),
        since: param(p, "since"),
        until: param(p, "until"),
        outlet: param(p, "outlet"),
        text: param(p, "text"),
        document: param(p, "document"),
    }
}

/// `limit` and `offset` from the query string: `limit` defaults to `default`
/// and may not exceed [`MAX_LIMIT`].
pub(crate) fn page_of(p: &Params, default: u64) -> Result<Page, Fail> {
    let num = |k: &str, d: u64| -> Result<u64, Fail> {
        match param(p, k) {
            None => Ok(d),
            Some(s) => s.parse::<u64>().map_err(|_| Fail::bad(format!("{k} must be a whole number, not '{s}'"))),
        }
    };
    let limit = num("limit", default)?;
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Fail::bad(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let offset = num("offset", 0)?;
    if offset > i64::MAX as u64 / 2 {
        return Err(Fail::bad("offset too large"));
    }
    Ok(Page { limit, offset })
}

/// The application: every page, the API and the static assets.
///
/// | route | what |
/// |---|---|
/// | `/` | overview |
/// | `/events`, `/events/{key}` | events table, one event with its mentions |
/// | `/documents`, `/documents/{id}` | documents, the article view |
/// | `/actors`, `/actors/{key}` | actors, one actor |
/// | `/quotes` | quotes by speaker |
/// | `/dyad` | dyad timeline |
/// | `/network` | actor network |
/// | `/talks` | talks tracker |
/// | `/api/...` | JSON (see README) |
/// | `/static/{name}` | bundled CSS and JS |
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(pages::overview))
        .route("/events", get(pages::events))
        .route("/events/{key}", get(pages::event))
        .route("/documents", get(pages::documents))
        .route("/documents/{id}", get(pages::document))
        .route("/actors", get(pages::actors))
        .route("/actors/{key}", get(pages::actor))
        .route("/quotes", get(pages::quotes))
        .route("/dyad", get(pages::dyad))
        .route("/network", get(pages::network))
        .route("/talks", get(pages::talks))
        .route("/api", get(api::index))
        .route("/api/stats", get(api::stats))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/events", get(api::events))
        .route("/api/events/{key}", get(api::event))
        .route("/api/quotes", get(api::quotes))
        .route("/api/actors", get(api::actors))
        .route("/api/talks", get(api::talks))
        .route("/api/dyad", get(api::dyad))
        .route("/static/{name}", get(static_file))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(guard))
        .with_state(state)
}

/// Limits and headers for every request: GET/HEAD only, bounded URI and
/// body, and security headers on every response.
async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api");
    let fail = |status: StatusCode, msg: &str| {
        let f = Fail { status, message: msg.to_string() };
        if api { api::error(f) } else { pages::error(f) }
    };
    let mut resp = if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = fail(StatusCode::METHOD_NOT_ALLOWED, "only GET is served: the store is read-only");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else if req.uri().to_string().len() > MAX_URI {
        fail(StatusCode::URI_TOO_LONG, "the request address is too long")
    } else if req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > MAX_BODY)
    {
        fail(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large")
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

async fn not_found(req: Request) -> Response {
    let f = Fail::not_found(format!("no page at {}", req.uri().path()));
    if req.uri().path().starts_with("/api") {
        api::error(f)
    } else {
        pages::error(f)
    }
}

/// The bundled assets, by exact name.
const ASSETS: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
];

async fn static_file(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ty, body)) => (
            [(header::CONTENT_TYPE, *ty), (header::CACHE_CONTROL, "public, max-age=3600")],
            Body::from(*body),
        )
            .into_response(),
        None => pages::error(Fail::not_found(format!("no asset named {name}"))),
    }
}

/// The highlighted article text of an extraction (HTML), as
/// `/documents/{id}` shows it; `focus` is an event id. For the fuzz target.
pub fn article_html(x: &herald_extract::Extraction, focus: Option<&str>) -> String {
    article::highlighted(x, focus).into_string()
}

/// Serves the store at `db` on `addr` until Ctrl-C or SIGTERM.
pub async fn serve(db: &Path, addr: SocketAddr) -> Result<(), ServeError> {
    let state = AppState::open(db)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    eprintln!("herald serve: {} on http://{local}/ (read-only; Ctrl-C stops)", db.display());
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
