//! The one regeneration entry point of the committed tree: the `paypal-soap` crate's generated sources, every
//! fixture's output (`tests/generated/`, which the tests compile) and the lock file (`schemas/paypal.sha256`).
//! `cargo xtask regen [--check]` and the drift test (`tests/tests/regen.rs`) both call [`regenerate`], so they
//! cannot disagree about what is checked: a hand edit anywhere under either generated directory fails both.
//!
//! Formatting is most of the cost, so files whose source and text the format cache
//! ([`crate::write::cache`]) records are not formatted again; see there why the check stays exact.

use std::path::Path;

use crate::Result;
use crate::fixtures::{FIXTURES_DIR, FIXTURES_OUT_DIR};
use crate::locate::{GENERATED_DIR, LOCK_FILE};
use crate::model::Model;
use crate::write::cache::{CACHE_FILE, FormatCache, formatter_id};
use crate::write::lock::Lock;
use crate::write::{self, Files, Mode, SyncReport};

/// What one regeneration found (in [`Mode::Check`]) or did (in [`Mode::Write`]).
#[derive(Debug)]
pub struct Outcome {
    /// The crate's generated files.
    pub files: Files,
    /// `generated/src/generated` against those files.
    pub crate_report: SyncReport,
    /// `tests/generated` against the fixtures' output.
    pub fixtures_report: SyncReport,
    /// How the lock file differs from the schemas read (check), one line each; empty when it matches.
    pub lock_problems: Vec<String>,
    /// True when the lock file was rewritten (write).
    pub lock_updated: bool,
    /// How many files were formatted (the others were known from the format cache).
    pub formatted: usize,
    /// True when the format cache was rewritten (write).
    pub cache_updated: bool,
}

/// Whether a regeneration may use the format cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formatting {
    /// Files whose source and text the cache records are not formatted again.
    Cached,
    /// Every file is formatted, whatever the cache says (`regen --check --full`).
    Full,
}

impl Outcome {
    /// Every problem a check found, one paragraph each; empty when the committed tree is current.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.crate_report.is_up_to_date() {
            out.push(format!("{GENERATED_DIR} is not what the generator produces now:\n{}", self.crate_report));
        }
        if !self.fixtures_report.is_up_to_date() {
            out.push(format!("{FIXTURES_OUT_DIR} is not what the generator produces now:\n{}", self.fixtures_report));
        }
        if !self.lock_problems.is_empty() {
            out.push(format!(
                "the schemas read are not the ones recorded in {LOCK_FILE}:\n{}",
                self.lock_problems.join("\n")
            ));
        }
        out
    }
}

/// Generates the crate from `model` (PayPal's schemas) and every fixture under `root`, then writes or checks
/// the committed tree and the lock file, as `mode` says.
///
/// # Errors
/// A fixture or the error catalog that does not load, generated code that does not parse, or a file that
/// cannot be read or written.
pub fn regenerate(root: &Path, model: &Model, mode: Mode) -> Result<Outcome> {
    regenerate_with(root, model, mode, Formatting::Cached)
}

/// [`regenerate`], using the format cache or not as `formatting` says.
///
/// # Errors
/// As [`regenerate`].
pub fn regenerate_with(root: &Path, model: &Model, mode: Mode, formatting: Formatting) -> Result<Outcome> {
    let cache_path = root.join(CACHE_FILE);
    let cache = match formatting {
        Formatting::Cached => FormatCache::read(&cache_path)?,
        Formatting::Full => FormatCache::default(),
    };
    let formatter = formatter_id(root);
    let crate_sources = crate::crate_sources(model, root)?;
    let fixture_sources = crate::fixtures::sources_all(&root.join(FIXTURES_DIR))?;
    let krate = write::format_with_cache(
        std::slice::from_ref(&crate_sources),
        &root.join(GENERATED_DIR),
        &format!("{GENERATED_DIR}/"),
        &cache,
        &formatter,
    )?;
    let fixtures = write::format_with_cache(
        &fixture_sources,
        &root.join(FIXTURES_OUT_DIR),
        &format!("{FIXTURES_OUT_DIR}/"),
        &cache,
        &formatter,
    )?;
    let formatted = krate.formatted + fixtures.formatted;
    let mut entries = krate.entries;
    entries.extend(fixtures.entries);
    let files = krate.files;
    let crate_report = write::sync(&root.join(GENERATED_DIR), &files, mode)?;
    let fixtures_report = write::sync(&root.join(FIXTURES_OUT_DIR), &fixtures.files, mode)?;
    let lock_path = root.join(LOCK_FILE);
    let inputs = Lock::from_sources(&model.sources);
    let (lock_problems, lock_updated, cache_updated) = match mode {
        Mode::Check => {
            let problems = match Lock::read(&lock_path)? {
                Some(lock) => lock.diff(&inputs).iter().map(|m| format!("  {m}")).collect(),
                None => vec![format!("  {LOCK_FILE} does not exist")],
            };
            (problems, false, false)
        }
        Mode::Write => {
            let lock_updated = inputs.write_if_changed(&lock_path)?;
            let cache_updated = FormatCache { formatter, entries }.write_if_changed(&cache_path)?;
            (Vec::new(), lock_updated, cache_updated)
        }
    };
    Ok(Outcome { files, crate_report, fixtures_report, lock_problems, lock_updated, formatted, cache_updated })
}
