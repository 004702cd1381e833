//! `cargo xtask limits [--schemas DIR]`: every character limit of PayPal's schema. stdout gets one line per
//! limited field (`type  field  max_chars  source  phrase`, tab-separated, wire names); stderr gets every
//! documentation text that mentions characters or a length but yields no limit, with why, then every
//! disagreement between a facet and the prose, then the counts.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Arguments of `limits`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Directory holding PayPalSvc.wsdl and the XSDs it imports. Default: $PAYPAL_SCHEMAS_DIR, else
    /// ../shared/schemas/paypal, else schemas/paypal (relative to the workspace root).
    #[arg(long, value_name = "DIR")]
    pub(crate) schemas: Option<PathBuf>,
}

/// Runs `limits`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    let (_, model) = crate::load_schemas(args.schemas.as_deref(), root)?;
    let limits = codegen::limits::collect(&model);
    // Written whole, so a closed pipe (`| head`) ends the command with an error instead of a panic.
    std::io::stdout().lock().write_all(limits.table().as_bytes()).context("cannot write the table to stdout")?;
    std::io::stderr().lock().write_all(limits.report().as_bytes()).context("cannot write the report to stderr")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn arguments_parse() {
        let cli = crate::Cli::try_parse_from(["xtask", "limits", "--schemas", "s"]).unwrap();
        let crate::Command::Limits(args) = cli.command else { panic!("not limits") };
        assert_eq!(args.schemas.as_deref(), Some(Path::new("s")));
        assert!(crate::Cli::try_parse_from(["xtask", "limits", "--check"]).is_err());
    }

    #[test]
    fn a_directory_without_schemas_is_an_error_that_names_it() {
        let root = crate::project_root();
        let args = Args { schemas: Some(root.join("xtask/no-such-schemas")) };
        let err = run(&args, &root).unwrap_err();
        assert!(err.to_string().contains("xtask/no-such-schemas"), "{err:#}");
    }
}
