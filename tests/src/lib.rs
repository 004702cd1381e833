//! Shared helpers of the generator's integration tests (in `tests/tests/`).

use std::path::Path;

/// The module a fixture's generated code lives in when compiled inside this crate's tests
/// (`tests/generated/<stem>`, mounted at `crate::<stem>` by `tests/tests/fixtures_compile.rs`).
pub fn fixture_module(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("fixture").replace(['-', '.'], "_")
}

/// Emitter options for a fixture: its output is rooted at `crate::<stem>`.
pub fn fixture_options(path: &Path) -> codegen::emit::Options {
    codegen::emit::Options { root_path: format!("crate::{}", fixture_module(path)) }
}
