//! `herald serve --db FILE [--port N] [--bind ADDR]`: a local, read-only web
//! application and JSON API over a herald store (crate `herald-serve`).

use anyhow::{Context, Result};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `herald serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store (opened read-only).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// TCP port (0 = any free port; the address is printed on stderr).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on. The default serves this machine only; give
    /// 0.0.0.0 to let others reach it.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
}

/// Runs `herald serve` until Ctrl-C or SIGTERM.
pub fn run(a: ServeArgs) -> Result<ExitCode> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
    rt.block_on(herald_serve::serve(&a.db, SocketAddr::new(a.bind, a.port)))?;
    Ok(ExitCode::SUCCESS)
}
