//! Proves that the code the generator emits for each fixture compiles and works: `cargo xtask regen` writes
//! every fixture's output to `tests/generated/<module>/` rooted at `crate::<module>`, and this file mounts
//! each one as a module of this test crate. `generate.rs` snapshots the same text.

// Generated code refers to the runtime as `crate::runtime`.
pub use paypal_soap::runtime;

#[path = "../generated/anonymous_types/mod.rs"]
pub mod anonymous_types;
#[path = "../generated/any/mod.rs"]
pub mod any;
#[path = "../generated/choice/mod.rs"]
pub mod choice;
#[path = "../generated/collisions/mod.rs"]
pub mod collisions;
#[path = "../generated/cyclic_a/mod.rs"]
pub mod cyclic_a;
#[path = "../generated/cyclic_b/mod.rs"]
pub mod cyclic_b;
#[path = "../generated/default_ns/mod.rs"]
pub mod default_ns;
#[path = "../generated/extension/mod.rs"]
pub mod extension;
#[path = "../generated/facets/mod.rs"]
pub mod facets;
#[path = "../generated/include/mod.rs"]
pub mod include;
#[path = "../generated/include_part/mod.rs"]
pub mod include_part;
#[path = "../generated/refs/mod.rs"]
pub mod refs;
#[path = "../generated/refs_other/mod.rs"]
pub mod refs_other;
#[path = "../generated/simple_content/mod.rs"]
pub mod simple_content;
#[path = "../generated/two_ports/mod.rs"]
pub mod two_ports;
#[path = "../generated/two_ports_base/mod.rs"]
pub mod two_ports_base;

/// Every fixture must be mounted above: a new fixture without a module here would go uncompiled.
#[test]
fn every_fixture_is_mounted() {
    let this = include_str!("fixtures_compile.rs");
    let dir = paypal_soap_tests::workspace_root().join(codegen::fixtures::FIXTURES_DIR);
    for path in codegen::fixtures::list(&dir).unwrap() {
        let module = codegen::fixtures::module_name(&path);
        assert!(this.contains(&format!("pub mod {module};")), "fixture {} is not mounted here", path.display());
    }
}

/// The fixtures' committed output is what the generator produces now.
#[test]
fn fixture_output_is_current() {
    let root = paypal_soap_tests::workspace_root();
    let files = codegen::fixtures::generate_all(&root.join(codegen::fixtures::FIXTURES_DIR)).unwrap();
    let report = codegen::write::sync(&root.join(codegen::fixtures::FIXTURES_OUT_DIR), &files, codegen::write::Mode::Check)
        .unwrap();
    assert!(report.is_up_to_date(), "run `cargo xtask regen` and commit the result:\n{report}");
}
