//! The format cache: for each committed generated file, the SHA-256 of the unformatted source the emitter
//! produced and the SHA-256 of the formatted text written, so that a regeneration formats only files whose
//! source changed.
//!
//! Formatting (prettyplease) is most of what a regeneration costs, and it is a pure function of the source
//! text, the header and the formatter's version. When a file's source hashes as recorded and the file on disk
//! hashes as the text recorded for it, the file on disk is byte for byte what formatting would produce, so it
//! is not formatted again. The check stays exact: a one-byte change in a generated file changes its hash, and
//! the file is then formatted and compared in full. Only a hand edit of the cache file itself, made to match a
//! hand edit of a generated file, could hide that edit; `regen --check --full` ignores the cache.
//!
//! The first line names the formatter (the versions of prettyplease, syn and proc-macro2 in `Cargo.lock`, and
//! [`FORMAT_REVISION`]); a cache recorded with another formatter is not used. The other lines are
//! `<source sha256> <text sha256>  <path>`, sorted by path, paths relative to the workspace root.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::WriteError;

/// Where the cache lives, relative to the workspace root.
pub const CACHE_FILE: &str = "schemas/generated.sha256";

/// The revision of what [`super::format_sources`] does around prettyplease (the header, the line endings, the
/// final newline). Bump it whenever that changes, so caches recorded before are not trusted.
pub const FORMAT_REVISION: u32 = 1;

/// The two hashes recorded for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// SHA-256 of the header line and the unformatted source.
    pub source: [u8; 32],
    /// SHA-256 of the formatted text (header included), as written.
    pub text: [u8; 32],
}

/// The recorded hashes of every committed generated file, and the formatter they were recorded with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatCache {
    /// Names the formatter; entries recorded with another one are not used.
    pub formatter: String,
    /// Path relative to the workspace root → hashes.
    pub entries: BTreeMap<String, Entry>,
}

/// SHA-256 of the header line and the unformatted source of one file: what a cache entry is keyed on.
pub fn source_hash(header: &str, source: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(header.as_bytes());
    h.update(b"\n");
    h.update(source.as_bytes());
    h.finalize().into()
}

/// SHA-256 of a formatted file's text.
pub fn text_hash(text: &[u8]) -> [u8; 32] {
    Sha256::digest(text).into()
}

/// The formatter's name for the cache: the versions of the crates that format, as `Cargo.lock` at `root`
/// records them, and [`FORMAT_REVISION`]. Without a readable `Cargo.lock` the name is unique to this call, so
/// no cache is trusted.
pub fn formatter_id(root: &Path) -> String {
    let Ok(lock) = fs::read_to_string(root.join("Cargo.lock")) else {
        return format!("unknown formatter {:?}", std::time::SystemTime::now());
    };
    let mut versions: Vec<String> = Vec::new();
    let mut name = "";
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = \"").and_then(|r| r.strip_suffix('"')) {
            name = n;
        } else if let Some(v) = line.strip_prefix("version = \"").and_then(|r| r.strip_suffix('"')) {
            if matches!(name, "prettyplease" | "syn" | "proc-macro2") {
                versions.push(format!("{name} {v}"));
            }
            name = "";
        }
    }
    versions.sort();
    format!("format revision {FORMAT_REVISION}, {}", versions.join(", "))
}

fn hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

impl FormatCache {
    /// Reads the cache at `path`. A missing file, or one that does not parse, is an empty cache: the cache
    /// only saves work, and without it every file is formatted.
    ///
    /// # Errors
    /// [`WriteError::Io`] when the file exists but cannot be read.
    pub fn read(path: &Path) -> Result<Self, WriteError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(WriteError::Io { path: path.to_path_buf(), source }),
        };
        Ok(Self::parse(&text).unwrap_or_default())
    }

    fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        let formatter = lines.next()?.strip_prefix("# formatter: ")?.to_string();
        let mut entries = BTreeMap::new();
        for line in lines {
            let (hashes, path) = line.split_once("  ")?;
            let (source, text) = hashes.split_once(' ')?;
            entries.insert(path.to_string(), Entry { source: unhex(source)?, text: unhex(text)? });
        }
        Some(Self { formatter, entries })
    }

    /// The file text.
    pub fn render(&self) -> String {
        let mut out = format!("# formatter: {}\n", self.formatter);
        for (path, e) in &self.entries {
            out.push_str(&format!("{} {}  {path}\n", hex(&e.source), hex(&e.text)));
        }
        out
    }

    /// The entry for `path`, when it was recorded with `formatter`.
    pub fn get(&self, formatter: &str, path: &str) -> Option<&Entry> {
        if self.formatter == formatter { self.entries.get(path) } else { None }
    }

    /// Writes the cache to `path` unless the file already holds exactly this text; returns whether it wrote.
    ///
    /// # Errors
    /// [`WriteError::Io`].
    pub fn write_if_changed(&self, path: &Path) -> Result<bool, WriteError> {
        let text = self.render();
        if fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Ok(false);
        }
        fs::write(path, text).map_err(|source| WriteError::Io { path: path.to_path_buf(), source })?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_and_parse_round_trip() {
        let mut cache = FormatCache { formatter: "f 1".into(), entries: BTreeMap::new() };
        cache.entries.insert("a/b.rs".into(), Entry { source: source_hash("h", "x"), text: text_hash(b"y") });
        let parsed = FormatCache::parse(&cache.render()).unwrap();
        assert_eq!(parsed, cache);
        assert!(parsed.get("f 1", "a/b.rs").is_some());
        assert!(parsed.get("f 2", "a/b.rs").is_none(), "another formatter's entries are not used");
    }

    #[test]
    fn a_damaged_cache_is_empty() {
        assert_eq!(FormatCache::parse("# formatter: f\nnot a line\n"), None);
        assert_eq!(FormatCache::parse(""), None);
    }

    #[test]
    fn the_source_hash_covers_the_header() {
        assert_ne!(source_hash("a", "b"), source_hash("b", "b"));
    }

    #[test]
    fn the_formatter_names_the_formatting_crates() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let id = formatter_id(root);
        assert!(id.contains("prettyplease 0.2") && id.contains("syn 2") && id.contains("proc-macro2 1"), "{id}");
    }
}
