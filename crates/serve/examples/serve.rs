//! The server without the rest of herald (no extractor linked): for working
//! on the pages and for load tests on a machine without a full build.
//!
//! ```sh
//! cargo run -p herald-serve --example serve -- STORE.db [127.0.0.1:8080]
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: serve STORE.db [ADDR:PORT]")?;
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into()).parse()?;
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(herald_serve::serve(std::path::Path::new(&db), addr))?;
    Ok(())
}
