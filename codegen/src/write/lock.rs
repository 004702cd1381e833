//! The lock file: the SHA-256 of each schema file the committed tree was generated from.
//!
//! PayPal's files are never committed, so the lock is what makes "generated from a different set" visible:
//! `cargo xtask regen` rewrites it, and the drift check compares it with the files actually read. Its format
//! is `sha256sum`'s (`<hex>  <name>`, one line per file, sorted by name), so
//! `sha256sum -c` run in the schema directory verifies a download against it.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use super::WriteError;
use crate::model::SourceFile;

/// File name → lowercase hex SHA-256.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// The recorded hashes, keyed by file name relative to the schema directory.
    pub entries: BTreeMap<String, String>,
}

/// One way the schemas read differ from the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockMismatch {
    /// The file was read but its hash differs from the recorded one.
    Changed {
        /// File name.
        name: String,
        /// Hash in the lock.
        locked: String,
        /// Hash of the file read.
        actual: String,
    },
    /// The file was read but the lock does not list it.
    NotLocked {
        /// File name.
        name: String,
    },
    /// The lock lists a file that was not read.
    NotRead {
        /// File name.
        name: String,
    },
}

impl fmt::Display for LockMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Changed { name, locked, actual } => {
                write!(f, "{name}: its SHA-256 is {actual}, the lock records {locked}")
            }
            Self::NotLocked { name } => write!(f, "{name}: read from the schemas but not in the lock"),
            Self::NotRead { name } => write!(f, "{name}: in the lock but not among the schemas read"),
        }
    }
}

impl Lock {
    /// The lock for the files a model was loaded from.
    pub fn from_sources(sources: &[SourceFile]) -> Self {
        Self { entries: sources.iter().map(|s| (s.name.clone(), s.sha256.to_ascii_lowercase())).collect() }
    }

    /// Parses lock text. Blank lines are skipped; every other line must be `<64 hex digits>  <name>` (or
    /// `sha256sum`'s binary-mode ` *` separator).
    ///
    /// # Errors
    /// [`WriteError::LockSyntax`] naming `path` and the line.
    pub fn parse(path: &Path, text: &str) -> Result<Self, WriteError> {
        let mut entries = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let parsed = line.split_once("  ").or_else(|| line.split_once(" *")).filter(|(hash, name)| {
                hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && !name.is_empty()
            });
            let Some((hash, name)) = parsed else {
                return Err(WriteError::LockSyntax { path: path.to_path_buf(), line: i + 1, text: line.to_string() });
            };
            entries.insert(name.to_string(), hash.to_ascii_lowercase());
        }
        Ok(Self { entries })
    }

    /// Reads and parses the lock at `path`; `None` when the file does not exist.
    ///
    /// # Errors
    /// [`WriteError::Io`] or [`WriteError::LockSyntax`].
    pub fn read(path: &Path) -> Result<Option<Self>, WriteError> {
        match fs::read_to_string(path) {
            Ok(text) => Self::parse(path, &text).map(Some),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(WriteError::Io { path: path.to_path_buf(), source }),
        }
    }

    /// The file text: one `<hash>  <name>` line per file, sorted by name.
    pub fn render(&self) -> String {
        self.entries.iter().map(|(name, hash)| format!("{hash}  {name}\n")).collect()
    }

    /// How `actual` (the files read now) differs from this lock, in file-name order.
    pub fn diff(&self, actual: &Lock) -> Vec<LockMismatch> {
        let mut out = Vec::new();
        let mut names: Vec<&String> = self.entries.keys().chain(actual.entries.keys()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let name = name.clone();
            match (self.entries.get(&name), actual.entries.get(&name)) {
                (Some(locked), Some(now)) if locked != now => {
                    out.push(LockMismatch::Changed { name, locked: locked.clone(), actual: now.clone() });
                }
                (Some(_), None) => out.push(LockMismatch::NotRead { name }),
                (None, Some(_)) => out.push(LockMismatch::NotLocked { name }),
                _ => {}
            }
        }
        out
    }

    /// Writes the lock to `path` unless it already holds the same entries; returns whether it wrote. Creates
    /// the parent directory when needed.
    ///
    /// # Errors
    /// [`WriteError::Io`]; an existing lock that does not parse is overwritten, not an error.
    pub fn write_if_changed(&self, path: &Path) -> Result<bool, WriteError> {
        if matches!(Self::read(path), Ok(Some(old)) if old == *self) {
            return Ok(false);
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| WriteError::Io { path: parent.to_path_buf(), source })?;
        }
        fs::write(path, self.render()).map_err(|source| WriteError::Io { path: path.to_path_buf(), source })?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "24c1475b0238d27ee5db4e1be358b82d288bb437a158063d426e604ddd1171d3";
    const B: &str = "4b8095c72277509e5087c4fdd64820d665fa41e8fd7d518b68e4278af2e17a01";

    fn lock(entries: &[(&str, &str)]) -> Lock {
        Lock { entries: entries.iter().map(|(n, h)| (n.to_string(), h.to_string())).collect() }
    }

    #[test]
    fn render_and_parse_round_trip_in_sha256sum_format() {
        let l = lock(&[("b.wsdl", B), ("a.xsd", A)]);
        let text = l.render();
        assert_eq!(text, format!("{A}  a.xsd\n{B}  b.wsdl\n"));
        assert_eq!(Lock::parse(Path::new("x"), &text).unwrap(), l);
        let binary_mode = format!("{}  a.xsd\r\n\n{B} *b.wsdl\n", A.to_uppercase());
        assert_eq!(Lock::parse(Path::new("x"), &binary_mode).unwrap(), l);
    }

    #[test]
    fn bad_line_is_reported_with_its_number() {
        let err =
            Lock::parse(Path::new("schemas/paypal.sha256"), &format!("{A}  a.xsd\nnot a hash  b.xsd\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "schemas/paypal.sha256:2: expected `<64 hex digits>  <file name>`, found `not a hash  b.xsd`"
        );
    }

    #[test]
    fn diff_names_every_difference() {
        let locked = lock(&[("a.xsd", A), ("b.wsdl", B), ("gone.xsd", A)]);
        let now = lock(&[("a.xsd", A), ("b.wsdl", A), ("new.xsd", B)]);
        let diff: Vec<String> = locked.diff(&now).iter().map(ToString::to_string).collect();
        assert_eq!(
            diff,
            [
                format!("b.wsdl: its SHA-256 is {A}, the lock records {B}"),
                "gone.xsd: in the lock but not among the schemas read".to_string(),
                "new.xsd: read from the schemas but not in the lock".to_string(),
            ]
        );
        assert!(locked.diff(&locked).is_empty());
    }

    #[test]
    fn from_sources_lowercases() {
        let sources = [SourceFile { name: "a.xsd".into(), target_ns: String::new(), sha256: A.to_uppercase() }];
        assert_eq!(Lock::from_sources(&sources), lock(&[("a.xsd", A)]));
    }

    #[test]
    fn write_if_changed_writes_once() {
        let dir = crate::write::test_dir("lock");
        let path = dir.join("sub/paypal.sha256");
        let l = lock(&[("a.xsd", A)]);
        assert!(l.write_if_changed(&path).unwrap());
        assert!(!l.write_if_changed(&path).unwrap());
        assert_eq!(Lock::read(&path).unwrap(), Some(l));
        assert_eq!(Lock::read(&dir.join("missing")).unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
