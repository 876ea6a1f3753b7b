//! PLACEHOLDER written by the lead so the binary builds; replaced by the engineer who owns it.
/// Arguments of `herald extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {}
/// Runs `herald extract`.
pub fn run(_a: ExtractArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("herald extract is not built yet")
}
