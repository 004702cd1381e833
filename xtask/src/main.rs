//! `cargo xtask`: the maintainer's commands, one module per subcommand. The work happens in the `codegen`
//! library; this binary only finds the project's paths, parses arguments and reports.

mod bench;
mod diff;
mod fetch_schemas;
mod history;
mod limits;
mod plan;
mod regen;
mod standalone;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Maintainer commands for the paypal-soap workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate `generated/src/generated` from PayPal's WSDL and XSDs, or check that it is current.
    Regen(regen::Args),
    /// Compare two schema sets and report what changed for users of the generated crate.
    Diff(diff::Args),
    /// Print every character limit of the schema (facets and prose) and the documentation that yields none.
    Limits(limits::Args),
    /// Print the generator's plan (every decision per type, field and operation), or with --model the model.
    Plan(plan::Args),
    /// Download PayPal's WSDL and XSDs and verify each against schemas/paypal.sha256.
    FetchSchemas(fetch_schemas::Args),
    /// Generate a standalone crate from every published schema set (history, paypal-alt, paypal) into
    /// target/history-check and lint them all with one `cargo clippy -- -D warnings`.
    CheckHistory(standalone::CheckArgs),
    /// Write schemas/HISTORY.md, PayPal's API history from the schema diff of consecutive versions, or check it.
    History(history::Args),
    /// Run the tests (`cargo test --workspace`), first getting what they need: PayPal's schemas and xmllint.
    Test(test::Args),
    /// Time whole processes: `regen --check` and `regen`, or a clean crate-only build of paypal-soap.
    Bench(bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = project_root();
    let result = match cli.command {
        Command::Regen(args) => regen::run(&args, &root),
        Command::Limits(args) => limits::run(&args, &root),
        Command::Plan(args) => plan::run(&args, &root),
        Command::FetchSchemas(args) => fetch_schemas::run(&args, &root),
        Command::Test(args) => test::run(&args, &root),
        Command::CheckHistory(args) => standalone::check_history(&args, &root),
        Command::History(args) => history::run(&args, &root),
        Command::Bench(args) => bench::run(&args, &root),
        // `diff` has its own exit codes: 1 means "changed", so errors exit with 2.
        Command::Diff(args) => return diff::run(&args, &root),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // The message and its causes only: a backtrace (anyhow prints one under RUST_BACKTRACE) says
            // nothing about a stale file or a missing schema.
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Loads the schema set in `dir`, or, without one, where `cargo xtask regen` finds PayPal's schemas
/// (`codegen::locate`). Returns the directory read and its model.
fn load_schemas(dir: Option<&Path>, root: &Path) -> anyhow::Result<(PathBuf, codegen::Model)> {
    use anyhow::Context as _;
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => codegen::locate::schemas_dir(root)?.dir,
    };
    let model =
        codegen::load(&dir).with_context(|| format!("cannot load the schemas in {}", display_path(root, &dir)))?;
    Ok((dir, model))
}

/// The workspace root: the parent of this crate's directory, as rust-analyzer's `project_root()` finds it.
/// It does not depend on the directory `cargo xtask` is run from.
fn project_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// `path` relative to `root` when it lies under it, for shorter messages; otherwise as given.
fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn regen_arguments_parse() {
        let cli = Cli::try_parse_from(["xtask", "regen", "--check", "--schemas", "s", "--out", "o"]).unwrap();
        let Command::Regen(args) = cli.command else { panic!("not regen") };
        assert!(args.check);
        assert_eq!(args.schemas.as_deref(), Some(Path::new("s")));
        assert_eq!(args.out.as_deref(), Some(Path::new("o")));
        assert!(Cli::try_parse_from(["xtask", "regen", "--bogus"]).is_err());
    }

    #[test]
    fn root_is_the_workspace() {
        let root = project_root();
        assert!(root.join("Cargo.toml").is_file() && root.join("xtask").is_dir(), "{}", root.display());
    }
}
