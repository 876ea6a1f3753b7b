//! PLACEHOLDER written by the lead so the binary builds; the lexicon engineer replaces this file.
/// Arguments of `herald lexicon`.
#[derive(clap::Args)]
pub struct LexiconArgs {}
/// Runs `herald lexicon`.
pub fn run(_a: LexiconArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("herald lexicon is not built yet")
}
