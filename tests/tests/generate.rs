//! Snapshots of the Rust the generator emits for each fixture schema (one snapshot per fixture, all of its
//! files in path order). The committed `generated/` crate is the snapshot of the real schema; these lock the
//! behaviour construct by construct. `tests/tests/fixtures_compile.rs` proves the same output compiles.

use std::path::Path;

/// The emitted files of one fixture, concatenated in path order with a marker line before each.
fn emitted(path: &Path) -> String {
    let model = codegen::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let files = codegen::generate_with(&model, &paypal_soap_tests::fixture_options(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = String::new();
    for (name, text) in &files.files {
        out.push_str(&format!("// ==== {name} ====\n{text}\n"));
    }
    out
}

#[test]
fn emitted_rust() {
    insta::glob!("../fixtures", "*.{xsd,wsdl}", |path| {
        insta::assert_snapshot!(emitted(path));
    });
}
