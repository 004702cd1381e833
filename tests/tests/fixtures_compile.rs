//! Proves that the code the generator emits for each fixture compiles and works: `cargo xtask regen` writes
//! every fixture's output to `tests/generated/<module>/` rooted at `crate::<module>`, and the library of this
//! crate (`tests/src/lib.rs`) mounts each one as a module, compiled against `paypal-soap-runtime` alone. Those
//! committed files are the fixtures' golden output: the drift check (`regen.rs`, `cargo xtask regen --check`)
//! fails when they differ from what the generator produces.

use paypal_soap_tests::*;

/// Every fixture must be mounted in the library (`tests/src/lib.rs`): a new fixture without a module there
/// would go uncompiled.
#[test]
fn every_fixture_is_mounted() {
    let this = include_str!("../src/lib.rs");
    let dir = paypal_soap_tests::workspace_root().join(codegen::fixtures::FIXTURES_DIR);
    for path in codegen::fixtures::list(&dir).unwrap() {
        let module = codegen::fixtures::module_name(&path);
        assert!(this.contains(&format!("pub mod {module};")), "fixture {} is not mounted here", path.display());
    }
}

/// Arbitrary values of every fixture type survive a write and a read: the fixtures have what PayPal's schema
/// lacks (`xs:anyType` fields, `##other` wildcards, unqualified elements), so this covers the generator's
/// `Generate` impls where `fuzz_props.rs` cannot.
#[test]
fn arbitrary_values_of_fixture_types_round_trip() {
    use paypal_soap::fuzz::type_round_trip;
    use paypal_soap_runtime::arbitrary::Generate;
    use paypal_soap_runtime::example::Visitor;
    use paypal_soap_runtime::xml::{XmlRead, XmlWrite};

    struct RoundTrips(usize, Vec<String>);
    impl Visitor for RoundTrips {
        fn visit<T>(&mut self, ns: &'static str, name: &'static str)
        where
            T: Generate + XmlRead + XmlWrite + paypal_soap_runtime::validate::Validate + PartialEq + std::fmt::Debug,
        {
            self.0 += 1;
            let mut x = 0x2545_F491u32;
            for _ in 0..64 {
                let bytes: Vec<u8> = (0..300)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        x.to_le_bytes()[1]
                    })
                    .collect();
                if let Err(e) = type_round_trip::<T>(&bytes, ns, name) {
                    self.1.push(format!("{{{ns}}}{name}: {e}"));
                }
            }
        }
    }
    let mut v = RoundTrips(0, Vec::new());
    anonymous_types::examples::for_each_type(&mut v);
    any::examples::for_each_type(&mut v);
    choice::examples::for_each_type(&mut v);
    // Not `collisions`: its element `123abc` is not an XML name (the fixture is about Rust names), so no XML
    // round trip of it can succeed.
    cyclic_a::examples::for_each_type(&mut v);
    cyclic_b::examples::for_each_type(&mut v);
    default_ns::examples::for_each_type(&mut v);
    extension::examples::for_each_type(&mut v);
    facets::examples::for_each_type(&mut v);
    include::examples::for_each_type(&mut v);
    include_part::examples::for_each_type(&mut v);
    refs::examples::for_each_type(&mut v);
    refs_other::examples::for_each_type(&mut v);
    simple_content::examples::for_each_type(&mut v);
    two_ports::examples::for_each_type(&mut v);
    two_ports_base::examples::for_each_type(&mut v);
    assert!(v.0 >= 40, "only {} fixture types", v.0);
    assert!(v.1.is_empty(), "{} failures:\n{}", v.1.len(), v.1.join("\n"));
}
