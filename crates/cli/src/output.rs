//! Output plumbing shared by the commands: a buffered stdout or file writer
//! and the broken-pipe rule (a closed pipe ends the run quietly, exit 0).

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Opens the output: a file when given, else standard output.
pub fn open(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) if p.as_os_str() != "-" => Box::new(BufWriter::with_capacity(
            1 << 16,
            std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: cannot create: {e}", p.display()))?,
        )),
        _ => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    })
}

/// True when the error chain holds a broken pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// Options every document-processing command shares: threads and output.
#[derive(clap::Args, Clone, Default)]
pub struct RunArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
}

impl RunArgs {
    /// The worker pool.
    pub fn pool(&self) -> anyhow::Result<rayon::ThreadPool> {
        Ok(rayon::ThreadPoolBuilder::new().num_threads(self.threads.unwrap_or(0)).build()?)
    }
    /// The output writer.
    pub fn writer(&self) -> anyhow::Result<Box<dyn Write>> {
        open(self.output.as_deref())
    }
}
