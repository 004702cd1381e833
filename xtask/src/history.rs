//! `cargo xtask history [--check]`: writes `schemas/HISTORY.md` (PayPal's API history from the schema diff of
//! consecutive versions, rendered by `codegen::history`), or fails when the committed file is out of date.
//! The earlier schema sets come from `$PAYPAL_SCHEMA_HISTORY_DIR` or `../shared/schemas/history`, the last
//! from the committed crate's schema directory; a missing directory is an error, never a skip.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::history::{self, HISTORY_FILE};
use codegen::locate;

/// Arguments of `history`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Change nothing: exit non-zero when schemas/HISTORY.md is not what the schemas give now.
    #[arg(long)]
    pub(crate) check: bool,
}

/// Runs `history`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    let start = Instant::now();
    let history_dir = locate::history_dir(root).map_err(anyhow::Error::msg)?;
    let current = locate::schemas_dir(root)?.dir;
    let releases = history::load(&history_dir, &current)?;
    let rendered = history::render(&releases);
    let steps = releases.len().saturating_sub(1);
    if args.check {
        if let Some(problem) = history::drift(root, &rendered) {
            bail!("{problem}");
        }
        println!(
            "history --check: {HISTORY_FILE} is up to date ({steps} steps), in {} ms",
            start.elapsed().as_millis()
        );
        return Ok(());
    }
    let path = root.join(HISTORY_FILE);
    let changed = history::drift(root, &rendered).is_some();
    if changed {
        std::fs::write(&path, &rendered).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let what = if changed { "written" } else { "unchanged" };
    println!("history: {HISTORY_FILE} {what} ({steps} steps), in {} ms", start.elapsed().as_millis());
    Ok(())
}
