//! Snapshots of the plan of each fixture schema: every per-type and per-field decision (names, shapes, scalar
//! kinds, limits, checks, masks, operations) as stable text. A change of decision shows up here, in review,
//! before it shows up in the emitted Rust (`tests/generated/`).

#[test]
fn plan_dump() {
    insta::glob!("../fixtures", "*.{xsd,wsdl}", |path| {
        let model = codegen::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        insta::assert_snapshot!(codegen::plan::dump(&codegen::plan_model(&model)));
    });
}
