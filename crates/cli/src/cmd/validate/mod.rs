//! `herald validate quotes|events`: scores extraction against gold annotations.

pub mod events;
pub mod quotes;

use std::process::ExitCode;

/// Arguments of `herald validate`.
#[derive(clap::Args)]
pub struct ValidateArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Quotes and speakers against PolNeAR attributions.
    Quotes(quotes::QuotesArgs),
    /// Events against PETRARCH unit tests, PLOVER gold or herald gold.
    Events(events::EventsArgs),
}

/// Runs `herald validate`.
pub fn run(a: ValidateArgs) -> anyhow::Result<ExitCode> {
    match a.what {
        What::Quotes(q) => quotes::run(q),
        What::Events(e) => events::run(e),
    }
}
