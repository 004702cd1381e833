//! Generation of the test fixtures' output. Each fixture schema in `tests/fixtures/` is generated into
//! `tests/generated/<module>/`, rooted at `crate::<module>`, so that `tests/tests/fixtures_compile.rs` can
//! compile the very code the snapshots show. `cargo xtask regen` writes it and `--check` guards it, like the
//! real crate.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::write::{Files, Sources};

/// Where fixture output goes, relative to the workspace root.
pub const FIXTURES_OUT_DIR: &str = "tests/generated";

/// Where fixture schemas live, relative to the workspace root.
pub const FIXTURES_DIR: &str = "tests/fixtures";

/// The module name of a fixture (`two_ports.wsdl` → `two_ports`).
pub fn module_name(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("fixture").replace(['-', '.'], "_")
}

/// Emitter options for a fixture: its output is rooted at `crate::<module>`.
pub fn options(path: &Path) -> crate::emit::Options {
    crate::emit::Options { root_path: format!("crate::{}", module_name(path)), ..Default::default() }
}

/// The fixture schemas (`*.xsd`, `*.wsdl` directly in `dir`), sorted.
///
/// # Errors
/// When the directory cannot be read.
pub fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "xsd" || x == "wsdl"))
        .collect();
    out.sort();
    Ok(out)
}

/// Generates every fixture, keyed `<module>/<file>`.
///
/// # Errors
/// The first fixture that fails to load or generate, named.
pub fn generate_all(dir: &Path) -> Result<Files> {
    let mut all = Files::default();
    for sources in sources_all(dir)? {
        all.files.extend(crate::write::format_sources(&sources)?.files);
    }
    Ok(all)
}

/// [`generate_all`] before formatting: one [`Sources`] per fixture (each has its own header), keyed
/// `<module>/<file>`.
///
/// # Errors
/// The first fixture that fails to load, named.
pub fn sources_all(dir: &Path) -> Result<Vec<Sources>> {
    let mut all = Vec::new();
    for path in list(dir)? {
        let model = crate::load(&path)?;
        let mut sources = crate::emit_sources(&model, &options(&path));
        let module = module_name(&path);
        sources.files = sources.files.into_iter().map(|(name, text)| (format!("{module}/{name}"), text)).collect();
        all.push(sources);
    }
    Ok(all)
}
