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
