//! `cargo xtask diff OLD NEW [--json] [--docs] [--timing]`: loads two schema sets and reports what changed
//! for users of the generated crate, each change marked breaking or compatible (the rules are in
//! `codegen::diff`). Exit code 0 when nothing changed, 1 when something did, 2 on error, so scripts can
//! tell "changed" from "failed".

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use codegen::diff::Options;

use crate::display_path;

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The old schema set: a directory holding one .wsdl file, or a .wsdl or .xsd file.
    #[arg(value_name = "OLD_DIR")]
    pub(crate) old: PathBuf,
    /// The new schema set, in the same form.
    #[arg(value_name = "NEW_DIR")]
    pub(crate) new: PathBuf,
    /// Print one JSON object instead of text (documentation changes are always listed in it).
    #[arg(long)]
    pub(crate) json: bool,
    /// List documentation changes with their old and new texts instead of only counting them.
    #[arg(long)]
    pub(crate) docs: bool,
    /// Print how long loading and comparing took, on stderr.
    #[arg(long)]
    pub(crate) timing: bool,
}

/// Exit code when the schema sets differ.
const CHANGED: u8 = 1;
/// Exit code when a schema set could not be loaded.
const FAILED: u8 = 2;

/// Runs `diff` and turns the outcome into the documented exit code.
pub(crate) fn run(args: &Args, root: &Path) -> ExitCode {
    match compare(args, root) {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(CHANGED),
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(FAILED)
        }
    }
}

/// Prints the report; returns whether anything changed.
fn compare(args: &Args, root: &Path) -> Result<bool> {
    let start = Instant::now();
    let load = |path: &Path| {
        let t = Instant::now();
        let model =
            codegen::load(path).with_context(|| format!("cannot load the schemas in {}", display_path(root, path)))?;
        Ok::<_, anyhow::Error>((model, t.elapsed()))
    };
    let (old, old_time) = load(&args.old)?;
    let (new, new_time) = load(&args.new)?;
    let t = Instant::now();
    let diff = codegen::diff::diff(&old, &new);
    let diff_time = t.elapsed();

    let options = Options {
        old_label: args.old.display().to_string(),
        new_label: args.new.display().to_string(),
        docs: args.docs,
    };
    let report = if args.json { diff.to_json(&options) } else { diff.to_text(&options) };
    print!("{report}");
    if args.timing {
        eprintln!(
            "timing: load old {}, load new {}, diff {}, total {}",
            ms(old_time),
            ms(new_time),
            ms(diff_time),
            ms(start.elapsed())
        );
    }
    Ok(!diff.is_empty())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(old: PathBuf, new: PathBuf) -> Args {
        Args { old, new, json: false, docs: false, timing: false }
    }

    #[test]
    fn a_missing_schema_set_exits_with_2() {
        let args = args(PathBuf::from("/nonexistent/old"), PathBuf::from("/nonexistent/new"));
        assert_eq!(run(&args, Path::new("/")), ExitCode::from(FAILED));
    }

    #[test]
    fn the_exit_code_says_whether_anything_changed() {
        let root = crate::project_root();
        let side = |case: &str, side: &str| root.join("tests/fixtures/diff").join(case).join(side).join("schema.xsd");
        let same = args(side("unchanged", "old"), side("unchanged", "new"));
        assert_eq!(run(&same, &root), ExitCode::SUCCESS);
        let mut changed = args(side("fields", "old"), side("fields", "new"));
        changed.json = true;
        assert_eq!(run(&changed, &root), ExitCode::from(CHANGED));
    }
}
