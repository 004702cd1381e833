//! Shared helpers of the generator's integration tests (in `tests/tests/`), and every fixture's generated output
//! mounted as a module.
//!
//! The fixture modules are part of the library, not of a test, because the library's only dependencies are the
//! generator and the runtime crate: `cargo build -p paypal-soap-tests --lib` proves that generated code
//! compiles against `paypal-soap-runtime` alone, without the PayPal crate. Generated code refers to the runtime
//! as `::paypal_soap_runtime` and to itself as `crate::<fixture>`; it is formatted by prettyplease, so rustfmt
//! skips it like the PayPal crate's own `generated` module.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

pub use codegen::fixtures::options as fixture_options;

#[path = "../generated/anonymous_types/mod.rs"]
#[rustfmt::skip]
pub mod anonymous_types;
#[path = "../generated/any/mod.rs"]
#[rustfmt::skip]
pub mod any;
#[path = "../generated/choice/mod.rs"]
#[rustfmt::skip]
pub mod choice;
#[path = "../generated/collisions/mod.rs"]
#[rustfmt::skip]
pub mod collisions;
#[path = "../generated/cyclic_a/mod.rs"]
#[rustfmt::skip]
pub mod cyclic_a;
#[path = "../generated/cyclic_b/mod.rs"]
#[rustfmt::skip]
pub mod cyclic_b;
#[path = "../generated/default_ns/mod.rs"]
#[rustfmt::skip]
pub mod default_ns;
#[path = "../generated/extension/mod.rs"]
#[rustfmt::skip]
pub mod extension;
#[path = "../generated/facets/mod.rs"]
#[rustfmt::skip]
pub mod facets;
#[path = "../generated/include/mod.rs"]
#[rustfmt::skip]
pub mod include;
#[path = "../generated/include_part/mod.rs"]
#[rustfmt::skip]
pub mod include_part;
#[path = "../generated/refs/mod.rs"]
#[rustfmt::skip]
pub mod refs;
#[path = "../generated/refs_other/mod.rs"]
#[rustfmt::skip]
pub mod refs_other;
#[path = "../generated/simple_content/mod.rs"]
#[rustfmt::skip]
pub mod simple_content;
#[path = "../generated/two_ports/mod.rs"]
#[rustfmt::skip]
pub mod two_ports;
#[path = "../generated/two_ports_base/mod.rs"]
#[rustfmt::skip]
pub mod two_ports_base;
