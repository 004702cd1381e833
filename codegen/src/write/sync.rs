//! Makes a directory hold exactly the generated set of files, or reports how it differs.
//!
//! The full expected set is known up front, so besides files that differ (stale) or do not exist (missing),
//! `.rs` files under the directory that are not in the set (orphans, e.g. left behind by a renamed module) are
//! found too. Only files whose content changed are written, so an unchanged tree rebuilds nothing.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Files, GENERATED_MARKER, WriteError, normalize_newlines};

/// What [`sync()`] does with the differences it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write stale and missing files, delete orphans (only those that carry the `@generated` header).
    Write,
    /// Change nothing; only report.
    Check,
}

/// What [`sync()`] found and did. Every list holds paths relative to the output directory with `/`
/// separators, sorted.
///
/// `stale`, `missing` and `orphans` describe the directory as it was found, in both modes; `written` and
/// `removed` are what [`Mode::Write`] changed (always empty in [`Mode::Check`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// The mode the report was made in.
    pub mode: Mode,
    /// Files written because they were stale or missing.
    pub written: Vec<String>,
    /// Files whose content already matched.
    pub unchanged: Vec<String>,
    /// Files that exist but differ from the generated text.
    pub stale: Vec<String>,
    /// Generated files that do not exist.
    pub missing: Vec<String>,
    /// `.rs` files in the directory that are not in the generated set.
    pub orphans: Vec<String>,
    /// Orphans that were deleted.
    pub removed: Vec<String>,
}

impl SyncReport {
    fn new(mode: Mode) -> Self {
        Self {
            mode,
            written: Vec::new(),
            unchanged: Vec::new(),
            stale: Vec::new(),
            missing: Vec::new(),
            orphans: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// Whether the directory already matched the generated set (nothing stale, missing or orphaned).
    pub fn is_up_to_date(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.orphans.is_empty()
    }

    /// A one-line count, e.g. `2 written, 10 unchanged, 1 removed` or `1 stale, 0 missing, 0 orphans`.
    pub fn summary(&self) -> String {
        match self.mode {
            Mode::Write => format!(
                "{} written, {} unchanged, {} removed",
                self.written.len(),
                self.unchanged.len(),
                self.removed.len()
            ),
            Mode::Check => format!(
                "{} stale, {} missing, {} orphans, {} up to date",
                self.stale.len(),
                self.missing.len(),
                self.orphans.len(),
                self.unchanged.len()
            ),
        }
    }
}

/// One line per file that differs or was changed, then the [`SyncReport::summary`].
impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: &[(&str, &[String])] = match self.mode {
            Mode::Check => &[("stale", &self.stale), ("missing", &self.missing), ("orphan", &self.orphans)],
            Mode::Write => &[("wrote", &self.written), ("removed", &self.removed)],
        };
        for &(label, paths) in groups {
            for path in paths {
                writeln!(f, "  {label:<8}{path}")?;
            }
        }
        write!(f, "{}", self.summary())
    }
}

/// Makes `out_dir` hold exactly `files` ([`Mode::Write`]) or reports how it differs ([`Mode::Check`]).
///
/// Contents are compared after `\r\n` → `\n` normalization. In write mode the directory (and any
/// subdirectory) is created when needed, only stale and missing files are written, and orphan `.rs` files
/// are deleted along with directories they leave empty. Before anything is changed, every orphan is checked
/// for the `@generated` header: a file without it may be hand-written, so it is never deleted.
///
/// # Errors
/// [`WriteError::BadPath`] for a key that is not a clean relative path, [`WriteError::NotGenerated`] for an
/// orphan without the header (write mode only), and [`WriteError::Io`] naming the file that could not be
/// read, written or deleted.
pub fn sync(out_dir: &Path, files: &Files, mode: Mode) -> Result<SyncReport, WriteError> {
    let mut report = SyncReport::new(mode);
    let mut to_write = Vec::new();
    for (key, text) in &files.files {
        let path = out_dir.join(checked_relative(key)?);
        let expected = normalize_newlines(text);
        match read_if_exists(&path)? {
            None => report.missing.push(key.clone()),
            Some(bytes) if std::str::from_utf8(&bytes).is_ok_and(|s| normalize_newlines(s) == expected) => {
                report.unchanged.push(key.clone());
                continue;
            }
            Some(_) => report.stale.push(key.clone()),
        }
        to_write.push((key, path, expected));
    }

    let mut orphans = Vec::new();
    if out_dir.is_dir() {
        collect_rs_files(out_dir, String::new(), &mut orphans)?;
    }
    orphans.retain(|(key, _)| !files.files.contains_key(key));
    orphans.sort();
    report.orphans = orphans.iter().map(|(key, _)| key.clone()).collect();

    if mode == Mode::Check {
        return Ok(report);
    }

    // Refuse before touching anything, so a mistaken `--out` cannot half-overwrite a hand-written tree.
    for (_, path) in &orphans {
        let text = read_if_exists(path)?.unwrap_or_default();
        if !text.starts_with(GENERATED_MARKER.as_bytes()) {
            return Err(WriteError::NotGenerated { path: path.clone(), dir: out_dir.to_path_buf() });
        }
    }
    // The directory exists afterwards even when the set is empty, so `--out` always leaves a tree to compare.
    fs::create_dir_all(out_dir).map_err(|source| WriteError::Io { path: out_dir.to_path_buf(), source })?;
    for (key, path, expected) in to_write {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| WriteError::Io { path: parent.to_path_buf(), source })?;
        }
        fs::write(&path, expected.as_bytes()).map_err(|source| WriteError::Io { path: path.clone(), source })?;
        report.written.push(key.clone());
    }
    for (key, path) in &orphans {
        fs::remove_file(path).map_err(|source| WriteError::Io { path: path.clone(), source })?;
        remove_empty_parents(out_dir, path)?;
        report.removed.push(key.clone());
    }
    Ok(report)
}

/// Turns a generated-file key into a relative path, rejecting anything that could land outside the output
/// directory or that would name the same file two ways.
fn checked_relative(key: &str) -> Result<PathBuf, WriteError> {
    let bad = || WriteError::BadPath { path: key.to_string() };
    if key.is_empty() || key.contains('\\') || key.contains(':') {
        return Err(bad());
    }
    let mut path = PathBuf::new();
    for part in key.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(bad());
        }
        path.push(part);
    }
    Ok(path)
}

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, WriteError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(WriteError::Io { path: path.to_path_buf(), source }),
    }
}

/// Collects every `.rs` file under `dir` as (key with `/` separators, path). Symbolic links are not followed,
/// so the walk stays inside the output directory.
fn collect_rs_files(dir: &Path, prefix: String, out: &mut Vec<(String, PathBuf)>) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io { path: dir.to_path_buf(), source };
    for entry in fs::read_dir(dir).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        let file_type = entry.file_type().map_err(io_err)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let key = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if file_type.is_dir() {
            collect_rs_files(&entry.path(), key, out)?;
        } else if file_type.is_file() && name.ends_with(".rs") {
            out.push((key, entry.path()));
        }
    }
    Ok(())
}

/// Deletes the directories between `file` and `root` (exclusive) that are now empty.
fn remove_empty_parents(root: &Path, file: &Path) -> Result<(), WriteError> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) {
            break;
        }
        let empty =
            fs::read_dir(d).map_err(|source| WriteError::Io { path: d.to_path_buf(), source })?.next().is_none();
        if !empty {
            break;
        }
        fs::remove_dir(d).map_err(|source| WriteError::Io { path: d.to_path_buf(), source })?;
        dir = d.parent();
    }
    Ok(())
}

#[cfg(test)]
#[path = "sync_tests.rs"]
mod tests;
