//! The `storyline` command line: parses arguments, calls the library, prints.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn a pile of news articles into stories, timelines and outlet comparisons.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, max_term_width = 80)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure quality against gold labels.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Compare predicted stories with gold stories: B-cubed and pairwise
    /// precision/recall/F1, NMI, ARI, cluster counts.
    Clusters(EvalClusters),
}

#[derive(Debug, Args)]
struct EvalClusters {
    /// Gold CSV with `id` and `story` columns.
    #[arg(long, value_name = "GOLD.csv")]
    gold: PathBuf,
    /// Predicted CSV (e.g. DIR/articles.csv) with `id` and `story_id` columns; rows with an
    /// empty `story_id` are skipped articles.
    #[arg(long, value_name = "PRED.csv")]
    pred: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Eval(EvalCommand::Clusters(a)) => {
            let m = storyline::eval::evaluate_files(&a.gold, &a.pred)?;
            let text = if a.json {
                serde_json::to_string_pretty(&m).context("writing JSON")?
            } else {
                m.to_string()
            };
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}")?;
            if !a.json && !m.missing_from_pred.is_empty() {
                eprintln!(
                    "warning: {} gold article(s) have no story in {}",
                    m.missing_from_pred.len(),
                    a.pred.display()
                );
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed stdout pipe (`| head`) is not an error.
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
