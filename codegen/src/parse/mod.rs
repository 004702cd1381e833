//! Stage 1: reads the entry WSDL or XSD and every schema it reaches through `xs:import`/`xs:include` into raw
//! items that keep their source positions ([`Documents`]).
//!
//! Each file is read once, however often it is imported, so import cycles (PayPal's `eBLBaseComponents.xsd` ⇄
//! `CoreComponentTypes.xsd`) end. `schemaLocation`s are resolved relative to the importing file, and every
//! file is named relative to the entry's directory (`Pos::file`, `SourceFile::name`) so that messages and the
//! model do not depend on where the checkout lives.

mod raw;
mod wsdl;
mod xml;
mod xsd;

pub(crate) use raw::*;

use std::collections::{BTreeMap, VecDeque};
use std::fs;
use std::path::{Component, Path, PathBuf};

use roxmltree::Document;
use sha2::{Digest, Sha256};

use self::wsdl::WSDL_NS;
use self::xml::Ctx;
use self::xsd::SchemaLink;
use crate::error::{Error, Result};
use crate::model::{Pos, SourceFile, XS_NS};

/// Every document reached from the entry point, parsed but not yet resolved against each other.
#[derive(Debug, Default)]
pub struct Documents {
    /// Files read, in the order they were read (the entry first).
    pub(crate) sources: Vec<SourceFile>,
    /// Every schema: standalone files and those embedded in the WSDL, in reading order.
    pub(crate) schemas: Vec<RawSchema>,
    /// The WSDL, when the entry point is one.
    pub(crate) wsdl: Option<RawWsdl>,
}

impl Documents {
    /// The files read, in reading order, with their SHA-256.
    pub fn sources(&self) -> &[SourceFile] {
        &self.sources
    }
}

/// Reads `entry` (a `.wsdl` or `.xsd` file, or a directory holding exactly one `.wsdl`) and every schema it
/// imports or includes.
///
/// # Errors
/// [`Error::Entry`] when the entry point cannot be read; [`Error::Schema`] with `file:line:col` for XML syntax
/// errors, unsupported constructs and imports that cannot be read.
pub fn parse_entry(entry: &Path) -> Result<Documents> {
    let entry = entry_file(entry)?;
    let dir = entry.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = fs::read(&entry).map_err(|e| Error::Entry { path: entry.clone(), reason: e.to_string() })?;
    let canonical = fs::canonicalize(&entry).unwrap_or_else(|_| entry.clone());

    let mut loader = Loader { dir, docs: Documents::default(), seen: BTreeMap::new(), queue: VecDeque::new() };
    loader.read(&name, canonical, &bytes, true)?;
    while let Some((link, from)) = loader.queue.pop_front() {
        loader.follow(&link, &from)?;
    }
    Ok(loader.docs)
}

/// The entry file: `entry` itself, or the single `.wsdl` inside the directory `entry`.
fn entry_file(entry: &Path) -> Result<PathBuf> {
    if !entry.is_dir() {
        if !entry.exists() {
            return Err(Error::Entry { path: entry.to_path_buf(), reason: "no such file or directory".into() });
        }
        return Ok(entry.to_path_buf());
    }
    let listing = fs::read_dir(entry).map_err(|e| Error::Entry { path: entry.to_path_buf(), reason: e.to_string() })?;
    let mut wsdls: Vec<PathBuf> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("wsdl")))
        .collect();
    wsdls.sort();
    match wsdls.len() {
        1 => Ok(wsdls.remove(0)),
        0 => Err(Error::Entry { path: entry.to_path_buf(), reason: "the directory holds no .wsdl file".into() }),
        n => {
            let names: Vec<String> =
                wsdls.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
            Err(Error::Entry {
                path: entry.to_path_buf(),
                reason: format!("the directory holds {n} .wsdl files ({}); name one of them", names.join(", ")),
            })
        }
    }
}

/// The file a link was written in: its name relative to the entry's directory and its target namespace.
#[derive(Debug, Clone)]
struct From {
    name: String,
    target_ns: String,
}

struct Loader {
    /// The entry's directory: every relative name is relative to it.
    dir: PathBuf,
    docs: Documents,
    /// Canonical path → (relative name, target namespace) of every file read.
    seen: BTreeMap<PathBuf, (String, String)>,
    queue: VecDeque<(SchemaLink, From)>,
}

impl Loader {
    /// Parses one file's bytes and queues its links.
    fn read(&mut self, name: &str, canonical: PathBuf, bytes: &[u8], entry: bool) -> Result<String> {
        let at_start = Pos { file: name.to_string(), line: 1, col: 1 };
        let text = std::str::from_utf8(bytes).map_err(|e| Error::Schema {
            pos: at_start.clone(),
            message: format!("the file is not UTF-8 text ({e})"),
        })?;
        let doc = Document::parse(text).map_err(|e| {
            let p = e.pos();
            let message = e.to_string().replace(&format!(" at {p}"), "");
            Error::Schema {
                pos: Pos { file: name.to_string(), line: p.row, col: p.col },
                message: format!("malformed XML: {message}"),
            }
        })?;
        let ctx = Ctx::new(name, &doc);
        let root = doc.root_element();
        let (schemas, links, target_ns) = if root.has_tag_name((XS_NS, "schema")) {
            let (schema, links) = xsd::read_schema(&ctx, root)?;
            let tns = schema.target_ns.clone();
            (vec![schema], links, tns)
        } else if root.has_tag_name((WSDL_NS, "definitions")) && entry {
            let (wsdl, schemas, links) = wsdl::read_wsdl(&ctx, root)?;
            let tns = schemas.first().map_or_else(|| wsdl.target_ns.clone(), |s| s.target_ns.clone());
            self.docs.wsdl = Some(wsdl);
            (schemas, links, tns)
        } else {
            let expected = if entry { "<xs:schema> or <wsdl:definitions>" } else { "<xs:schema>" };
            return Err(ctx.err(root, format!("the document's root element must be {expected}")));
        };
        let from = From { name: name.to_string(), target_ns: target_ns.clone() };
        self.queue.extend(links.into_iter().map(|l| (l, from.clone())));
        self.docs.schemas.extend(schemas);
        self.docs.sources.push(SourceFile {
            name: name.to_string(),
            target_ns: target_ns.clone(),
            sha256: Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect(),
        });
        self.seen.insert(canonical, (name.to_string(), target_ns.clone()));
        Ok(target_ns)
    }

    /// Reads the file a link points to (unless it was read already) and checks its target namespace.
    fn follow(&mut self, link: &SchemaLink, from: &From) -> Result<()> {
        let err = |message: String| Error::Schema { pos: link.pos.clone(), message };
        let Some(location) = &link.location else {
            // An import without a location names a namespace whose schema comes from elsewhere (another
            // embedded schema, or a file imported by someone else); unresolved names are reported by `lower`.
            return Ok(());
        };
        if location.contains("://") {
            return Err(err(format!(
                "remote schemaLocation `{location}` is not supported; download the file and refer to the local copy"
            )));
        }
        let name = relative_name(&from.name, location);
        let path = self.dir.join(&name);
        let canonical = fs::canonicalize(&path).map_err(|e| {
            err(format!(
                "cannot read the schema `{name}` named by schemaLocation=\"{location}\": {e}; put the file there \
                 (PayPal publishes its schemas at https://www.paypal.com/wsdl/) or fix schemaLocation"
            ))
        })?;
        let target_ns = match self.seen.get(&canonical) {
            Some((_, tns)) => tns.clone(),
            None => {
                let bytes = fs::read(&path).map_err(|e| err(format!("cannot read the schema `{name}`: {e}")))?;
                self.read(&name, canonical, &bytes, false)?
            }
        };
        let expected = if link.include { Some(from.target_ns.as_str()) } else { link.namespace.as_deref() };
        let expected = expected.unwrap_or("");
        if target_ns != expected {
            let what = if link.include { "included" } else { "imported" };
            return Err(err(format!(
                "the {what} schema `{name}` has targetNamespace \"{target_ns}\", but \"{expected}\" is expected here"
            )));
        }
        Ok(())
    }
}

/// `location` resolved against the directory of `from` (both relative to the entry's directory), with `.` and
/// `..` folded lexically and `/` as separator.
fn relative_name(from: &str, location: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    for component in base.join(location).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".into()),
            Component::RootDir | Component::Prefix(_) => {
                parts.clear();
                parts.push(String::new());
            }
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::relative_name;

    #[test]
    fn names_are_relative_to_the_entry_directory() {
        assert_eq!(relative_name("PayPalSvc.wsdl", "eBLBaseComponents.xsd"), "eBLBaseComponents.xsd");
        assert_eq!(relative_name("sub/a.xsd", "b.xsd"), "sub/b.xsd");
        assert_eq!(relative_name("sub/a.xsd", "../b.xsd"), "b.xsd");
        assert_eq!(relative_name("a.xsd", "./../other/b.xsd"), "../other/b.xsd");
    }
}
