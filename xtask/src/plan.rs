//! `cargo xtask plan [--schemas DIR] [--model]`: prints the generator's plan of PayPal's schema (every type,
//! field and operation with every decision made about it), or with `--model` the loader's model, as the stable
//! text the fixture snapshots hold. For reading a decision on the real schema without reading generated code.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Arguments of `plan`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Directory holding PayPalSvc.wsdl and the XSDs it imports. Default: as `cargo xtask regen` finds it.
    #[arg(long, value_name = "DIR")]
    pub(crate) schemas: Option<PathBuf>,
    /// Print the model (the loader's output) instead of the plan.
    #[arg(long)]
    pub(crate) model: bool,
}

/// Runs `plan`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    let (_, model) = crate::load_schemas(args.schemas.as_deref(), root)?;
    let text = if args.model { codegen::dump::dump(&model) } else { codegen::plan::dump(&codegen::plan_model(&model)) };
    // Written whole, so a closed pipe (`| grep -m1`) ends the command with an error instead of a panic.
    std::io::stdout().lock().write_all(text.as_bytes()).context("cannot write to stdout")?;
    Ok(())
}
