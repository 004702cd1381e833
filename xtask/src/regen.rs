//! `cargo xtask regen [--check] [--schemas DIR] [--out DIR | --crate OUT [--name NAME]]`: loads the schemas,
//! generates the crate's sources and writes them (only files that changed), or checks that the committed tree
//! and the lock file match what the generator produces now. With `--crate`, it writes a standalone crate
//! instead (see `crate::standalone`). Every run names the schema version before and after.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::fixtures::FIXTURES_OUT_DIR;
use codegen::locate::{self, GENERATED_DIR, LOCK_FILE};
use codegen::regen::Formatting;
use codegen::write::cache::CACHE_FILE;
use codegen::write::{self, Mode};

use crate::display_path;

/// Arguments of `regen`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Change nothing: exit non-zero and list every stale, missing or orphan file, and every schema file
    /// whose SHA-256 differs from schemas/paypal.sha256.
    #[arg(long)]
    pub(crate) check: bool,
    /// Format every generated file, ignoring the format cache (schemas/generated.sha256), which otherwise
    /// spares formatting files whose source and text it records.
    #[arg(long)]
    pub(crate) full: bool,
    /// Directory holding PayPalSvc.wsdl and the XSDs it imports. Default: $PAYPAL_SCHEMAS_DIR, else
    /// ../shared/schemas/paypal, else schemas/paypal (relative to the workspace root).
    #[arg(long, value_name = "DIR")]
    pub(crate) schemas: Option<PathBuf>,
    /// Where to write the generated sources. Default: generated/src/generated. Only the default directory
    /// updates (or, with --check, is compared with) the lock file.
    #[arg(long, value_name = "DIR", conflicts_with = "krate")]
    pub(crate) out: Option<PathBuf>,
    /// Write a complete standalone crate to OUT instead (Cargo.toml, src/lib.rs, src/generated/): types, XML
    /// readers and writers, validators and operation descriptors over paypal-soap-runtime, without the
    /// PayPal client. Works for any schema set; the lock file is not touched.
    #[arg(long = "crate", value_name = "OUT")]
    pub(crate) krate: Option<PathBuf>,
    /// The standalone crate's package name. Default: OUT's directory name.
    #[arg(long, value_name = "NAME", requires = "krate")]
    pub(crate) name: Option<String>,
}

/// Runs `regen`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    let start = Instant::now();
    let schemas = match &args.schemas {
        Some(dir) => dir.clone(),
        None => locate::schemas_dir(root)?.dir,
    };
    if let Some(out) = &args.krate {
        return standalone(args, root, &schemas, out);
    }
    let model = codegen::load(&schemas)
        .with_context(|| format!("cannot load the schemas in {}", display_path(root, &schemas)))?;
    let default_out = root.join(GENERATED_DIR);
    let out = args.out.clone().unwrap_or_else(|| default_out.clone());
    let out_shown = display_path(root, &out);
    let schemas_shown = display_path(root, &schemas);

    // Another output directory gets the crate's files only: the fixtures' output and the lock describe the
    // committed tree, which only the one entry point (`codegen::regen`, shared with the drift test) touches.
    if !same_dir(&out, &default_out) {
        // The catalog is ours (committed in schemas/), so it is read from the checkout, whatever --schemas says.
        let files = codegen::generate_crate(&model, root)?;
        let mode = if args.check { Mode::Check } else { Mode::Write };
        let report = write::sync(&out, &files, mode)?;
        if args.check && !report.is_up_to_date() {
            bail!("{out_shown} is not what the generator produces now:\n{report}");
        }
        println!("regen: {} files in {out_shown} ({}), from {schemas_shown}", files.files.len(), report.summary());
        return Ok(());
    }

    let formatting = if args.full { Formatting::Full } else { Formatting::Cached };
    if args.check {
        let outcome = codegen::regen::regenerate_with(root, &model, Mode::Check, formatting)?;
        let problems = outcome.problems();
        if !problems.is_empty() {
            let hint = if std::env::var_os("CI").is_some() {
                "CI found the committed files out of date: run `cargo xtask regen` locally and commit the result"
            } else {
                "run `cargo xtask regen` and commit the result"
            };
            bail!("{}\n(schemas read from {schemas_shown})\n{hint}", problems.join("\n"));
        }
        println!(
            "regen --check: {out_shown} and {FIXTURES_OUT_DIR} are up to date ({} files, {} formatted), from \
             {schemas_shown}, in {} ms",
            outcome.files.files.len(),
            outcome.formatted,
            start.elapsed().as_millis()
        );
        return Ok(());
    }

    let before = read_tree(&out);
    let old_version = committed_version(before.get("mod.rs").map(String::as_str));
    let outcome = codegen::regen::regenerate_with(root, &model, Mode::Write, formatting)?;
    let api_changes = codegen::api_summary::ApiChanges::of_regeneration(&before, &outcome.files);
    println!("regen: schema version {old_version} → {}", model.version_label());
    for line in outcome.crate_report.to_string().lines().filter(|l| l.starts_with("  ")) {
        println!("{line}");
    }
    println!("regen: {FIXTURES_OUT_DIR}: {}", outcome.fixtures_report.summary());
    let mut lock_note = if outcome.lock_updated { format!(", {LOCK_FILE} updated") } else { String::new() };
    if outcome.cache_updated {
        lock_note.push_str(&format!(", {CACHE_FILE} updated"));
    }
    println!("regen: {api_changes}");
    println!(
        "regen: {} files in {out_shown} ({}, {} formatted){lock_note}, from {schemas_shown}, in {} ms",
        outcome.files.files.len(),
        outcome.crate_report.summary(),
        outcome.formatted,
        start.elapsed().as_millis()
    );
    Ok(())
}

/// `regen --crate OUT`: a standalone crate, written or (with `--check`) compared.
fn standalone(args: &Args, root: &Path, schemas: &Path, out: &Path) -> Result<()> {
    let before = std::fs::read_to_string(out.join(codegen::standalone::GENERATED_SUBDIR).join("mod.rs")).ok();
    let old_version = committed_version(before.as_deref());
    let name = args.name.clone().unwrap_or_else(|| crate::standalone::package_name(out));
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let g = crate::standalone::write_crate(root, schemas, out, &name, mode)?;
    let out_shown = display_path(root, out);
    if args.check && !g.report.is_up_to_date() {
        bail!("{out_shown} is not what the generator produces now:\n{}", g.report);
    }
    println!("regen: schema version {old_version} → {}", g.version);
    println!(
        "regen: crate {name} in {out_shown} ({}): {} types, {} operations, {} generated lines, from {}, in {} ms",
        g.report.summary(),
        g.stats.types,
        g.stats.operations,
        g.stats.lines,
        display_path(root, schemas),
        g.elapsed.as_millis()
    );
    Ok(())
}

/// The schema version a generated tree was made from, read from its `mod.rs` (`SCHEMA_VERSION`); the
/// schema files themselves are never kept, so this is the only record of the old version.
fn committed_version(mod_rs: Option<&str>) -> String {
    let Some(text) = mod_rs else { return "none (nothing generated yet)".to_string() };
    text.lines()
        .find_map(|l| l.trim().strip_prefix("pub const SCHEMA_VERSION: &str = \"")?.strip_suffix("\";"))
        .map_or_else(|| "unknown (no SCHEMA_VERSION in the generated mod.rs)".to_string(), str::to_string)
}

/// Whether two paths name the same directory, whether or not it exists yet.
fn same_dir(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| p.canonicalize().or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.to_path_buf());
    resolve(a) == resolve(b)
}

/// The `.rs` files under `dir` (relative `/`-separated path → text): the generated API before regeneration.
fn read_tree(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                if let (Ok(text), Ok(rel)) = (std::fs::read_to_string(&path), path.strip_prefix(dir)) {
                    out.insert(rel.to_string_lossy().replace('\\', "/"), text);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_version_comes_from_the_generated_mod_rs() {
        let text = "//! x\npub const SCHEMA_VERSION: &str = \"121.0\";\n";
        assert_eq!(committed_version(Some(text)), "121.0");
        assert_eq!(committed_version(None), "none (nothing generated yet)");
        assert!(committed_version(Some("pub mod ns {}")).starts_with("unknown"));
    }
}
