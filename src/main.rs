//! The storyline command line: a thin layer over the library.

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// Turn news articles into stories and timelines.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, max_term_width = 80)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find temporal expressions in a text; prints one JSON object per line per expression
    /// ({"start","end","text","type","value"}, byte offsets).
    Tag {
        /// The text file to read; `-` (the default) reads stdin.
        #[arg(default_value = "-")]
        file: String,
        /// Publication date (YYYY-MM-DD) that relative expressions are resolved against.
        /// Without it, "Monday" or "last week" keep X placeholders (XXXX-WXX-1).
        #[arg(long, value_parser = parse_date)]
        published: Option<NaiveDate>,
    },
    /// Measure quality against labelled data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Score the temporal tagger on TimeML files: extent P/R/F1 (strict and relaxed) and
    /// value F1.
    Timex {
        /// Directory searched recursively for `.tml` files.
        dir: PathBuf,
        /// Print the scores as one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also print every false positive, missed and wrongly valued expression.
        #[arg(long)]
        errors: bool,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date; expected YYYY-MM-DD (e.g. 2014-09-15)"))
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match cli.command {
        Command::Tag { file, published } => {
            let text = if file == "-" {
                let mut s = String::new();
                io::stdin()
                    .read_to_string(&mut s)
                    .context("cannot read stdin")?;
                s
            } else {
                std::fs::read_to_string(&file).with_context(|| format!("cannot read {file}"))?
            };
            for t in storyline::temporal::tag(&text, published) {
                serde_json::to_writer(&mut out, &t)?;
                writeln!(out)?;
            }
        }
        Command::Eval {
            what: EvalCommand::Timex { dir, json, errors },
        } => {
            let (s, docs, errs) = storyline::temporal::evaluate_dir(&dir)?;
            if errors {
                for (d, e) in docs.iter().zip(&errs) {
                    write!(out, "{}", e.report(&d.path.display().to_string()))?;
                }
            }
            if json {
                serde_json::to_writer(&mut out, &s)?;
                writeln!(out)?;
            } else {
                write!(out, "{s}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
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
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
