//! `cargo xtask test [-- ARGS]`: the project's tests on any machine, with nothing installed by hand.
//!
//! The tests need three things besides Rust: PayPal's schema files (never committed; the drift check and the
//! model tests read them), `xmllint` (the external oracle that validates what we serialize against PayPal's
//! schema) and `../shared` (the real sample messages). This command finds each or gets it, then runs
//! `cargo test --workspace`. Nothing is skipped: whatever it cannot get stops the run with one line saying
//! exactly what is missing and how to get it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Arguments of `test`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Extra arguments for `cargo test --workspace` (after `--`), such as a test name filter.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub(crate) cargo_args: Vec<String>,
}

/// Runs `test`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    ensure_schemas(root)?;
    ensure_xmllint(OsStr::new("xmllint"), is_root() && runs(OsStr::new("apt-get")))?;
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["test", "--workspace"])
        .args(&args.cargo_args)
        .current_dir(root)
        .status()
        .context("cannot run `cargo test`")?;
    if !status.success() {
        bail!("`cargo test --workspace` failed ({status})");
    }
    Ok(())
}

/// PayPal's schemas, found as `cargo xtask regen` finds them, or downloaded and verified into `schemas/paypal/`.
fn ensure_schemas(root: &Path) -> Result<()> {
    if codegen::locate::schemas_dir(root).is_ok() {
        return Ok(());
    }
    if std::env::var_os("PAYPAL_SCHEMAS_DIR").is_some() {
        // An explicit directory that does not hold the schemas is a mistake to report, not to paper over.
        codegen::locate::schemas_dir(root)?;
    }
    println!("test: PayPal's schemas are not here; downloading them (`cargo xtask fetch-schemas`)");
    crate::fetch_schemas::run(&crate::fetch_schemas::Args::default(), root)
        .context("cannot get PayPal's schemas; download the four files by hand into schemas/paypal/")
}

/// `xmllint`, found on the `PATH` or, when `can_install` (root with Debian's `apt-get`, as in CI and fresh
/// containers), installed; otherwise one line saying how to install it.
fn ensure_xmllint(program: &OsStr, can_install: bool) -> Result<()> {
    if runs(program) {
        return Ok(());
    }
    let hint = "xmllint is missing: install it with `sudo apt-get install libxml2-utils` (Debian, Ubuntu), \
                `sudo dnf install libxml2` (Fedora) or `brew install libxml2` (macOS), then run this again";
    if !can_install {
        bail!("{hint}");
    }
    println!("test: xmllint is missing; installing libxml2-utils with apt-get");
    let installed = |update: bool| {
        if update {
            let _ = Command::new("apt-get").args(["update", "-qq"]).status();
        }
        Command::new("apt-get").args(["install", "-y", "-qq", "libxml2-utils"]).status().is_ok_and(|s| s.success())
    };
    if !(installed(false) || installed(true)) || !runs(program) {
        bail!("{hint}");
    }
    Ok(())
}

/// True when `program --version` runs.
fn runs(program: &OsStr) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_reported_not_skipped() {
        let missing = OsStr::new("surely-not-an-installed-program");
        assert!(!runs(missing));
        let err = ensure_xmllint(missing, false).unwrap_err().to_string();
        assert!(err.starts_with("xmllint is missing: install it with `sudo apt-get install libxml2-utils`"), "{err}");
        assert!(!err.contains('\n'), "the hint is one line: {err}");
    }
}
