//! The generator: PayPal's classic SOAP WSDL and XSDs in, the `paypal-soap` crate's generated sources out.
//!
//! The stages run in this order, one module each, and each can be called on its own:
//!
//! 1. [`parse`]: roxmltree documents to raw schema items that keep their source positions;
//! 2. [`lower`]: resolves QNames, imports (including cycles), `ref`s and derivations into the [`model`];
//! 3. [`flatten`]: the per-type view (inherited fields first, effective occurrences);
//! 4. [`naming`]: every Rust name, derived once;
//! 5. [`plan`]: every per-type and per-field decision (shapes, scalar kinds, limits, checks, masks, operations),
//!    made once, with the whole-model analyses (boxing, recursion, validation, limits) as named steps;
//! 6. [`emit`]: the plan rendered as Rust token streams, one per output file;
//! 7. [`write`](mod@write): prettyplease formatting, the `@generated` header, and writing or checking the files.
//!
//! [`load`] runs stages 1–2, [`plan_model`] stages 3–5, and [`generate`] stages 3–7 up to the formatted text.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod api_summary;
pub mod catalog;
pub mod diff;
pub mod docs;
pub mod dump;
pub mod emit;
pub mod error;
pub mod fixtures;
pub mod flatten;
pub mod history;
pub mod limits;
pub mod locate;
pub mod lower;
pub mod model;
pub mod naming;
pub mod parse;
pub mod plan;
pub mod regen;
pub mod standalone;
pub mod write;

pub use error::{Error, Result};
pub use model::Model;

use std::path::Path;

/// Loads a WSDL (or a single XSD) and every schema it imports into a [`Model`].
///
/// `entry` is a `.wsdl` or `.xsd` file, or a directory that holds exactly one `.wsdl` file.
///
/// # Errors
/// I/O errors name the file; schema errors carry `file:line:col` and say what to do.
pub fn load(entry: &Path) -> Result<Model> {
    let docs = parse::parse_entry(entry)?;
    lower::lower(&docs)
}

/// Emits the generated sources for `model`: formatted Rust, each file starting with the `@generated` header.
/// Keys are paths relative to the generated directory (`generated/src/generated`), with `/` separators.
///
/// # Errors
/// Fails when a generated file does not parse as Rust (a generator bug, reported with the file name).
pub fn generate(model: &Model) -> Result<write::Files> {
    generate_with(model, &emit::Options::default())
}

/// The committed crate's sources: [`generate`] plus the error catalog, read from `root` (the workspace root)
/// at [`catalog::CATALOG_FILE`]. `cargo xtask regen` and the drift test both call this, so they cannot disagree.
///
/// # Errors
/// As [`generate`], and a missing or malformed catalog.
pub fn generate_crate(model: &Model, root: &Path) -> Result<write::Files> {
    write::format_sources(&crate_sources(model, root)?)
}

/// [`generate_crate`] before formatting.
///
/// # Errors
/// A missing or malformed catalog.
pub fn crate_sources(model: &Model, root: &Path) -> Result<write::Sources> {
    let catalog = catalog::load(&root.join(catalog::CATALOG_FILE))?;
    Ok(emit_sources(model, &emit::Options { catalog: Some(catalog), ..Default::default() }))
}

/// [`generate`] with explicit emitter options (tests compile fixture output under another module path).
///
/// # Errors
/// As [`generate`].
pub fn generate_with(model: &Model, options: &emit::Options) -> Result<write::Files> {
    write::format_sources(&emit_sources(model, options))
}

/// Stages 3–6: the unformatted source of every generated file, and their header.
pub fn emit_sources(model: &Model, options: &emit::Options) -> write::Sources {
    let plan = plan_model(model);
    write::Sources { header: write::Header::for_model(model).line(), files: emit::emit_text(&plan, options) }
}

/// Stages 3–5: flattens `model`, names everything and decides every field once.
pub fn plan_model(model: &Model) -> plan::Plan {
    let flat = flatten::flatten(model);
    let names = naming::Names::assign(model, &flat);
    plan::build(model, &flat, &names)
}
