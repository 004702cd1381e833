//! A standalone crate from any schema set: `Cargo.toml`, `src/lib.rs` and `src/generated/**` (types, XML
//! readers and writers, validators, example and arbitrary values, operation descriptors), depending on the
//! runtime crate `paypal-soap-runtime` alone. `cargo xtask regen --crate OUT` writes one, and
//! `cargo xtask check-history` compiles one per published schema version.
//!
//! The PayPal client layer (typed async methods, `ApiResponse` impls, the fake server) is hand-written around
//! the committed `paypal-soap` crate and exists nowhere else, so a standalone crate is generated with
//! [`emit::Options::service_path`](crate::emit::Options::service_path) set to `None`: its `services.rs` holds
//! the operation descriptors only.

use std::collections::BTreeMap;

use quote::quote;

use crate::Result;
use crate::emit::Options;
use crate::model::Model;
use crate::write::{self, Files, Header};

/// Where the generated modules sit inside a standalone crate.
pub const GENERATED_SUBDIR: &str = "src/generated";

/// What a standalone crate is called and where its runtime is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateSpec {
    /// The package name (`paypal-soap-v121-0`); the library is named after it with `_` for `-`.
    pub name: String,
    /// The path of the runtime crate (`generated/runtime`) relative to the crate's directory, with `/`
    /// separators, written into `Cargo.toml` as a path dependency.
    pub runtime_path: String,
}

/// The size of a generated crate, for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Rust types generated (structs, enums and aliases), one per named or anonymous schema type.
    pub types: usize,
    /// WSDL operations (one descriptor each).
    pub operations: usize,
    /// Lines of every generated file, `Cargo.toml` included.
    pub lines: usize,
}

/// A standalone crate's files, keyed by path relative to the crate directory, and their size.
///
/// # Errors
/// As [`crate::generate`]: generated code that does not parse as Rust (a generator bug).
pub fn generate(model: &Model, spec: &CrateSpec) -> Result<(Files, Stats)> {
    let plan = crate::plan_model(model);
    let options = Options { service_path: None, ..Options::default() };
    let header = Header::for_model(model);
    let generated = write::format_files_with(crate::emit::emit(&plan, &options), &header)?;

    let mut files = BTreeMap::new();
    for (path, text) in generated.files {
        files.insert(format!("{GENERATED_SUBDIR}/{path}"), text);
    }
    let version = model.version_label();
    let lib_doc = [
        format!(" PayPal's classic SOAP API, schema version {version}: every schema type with its XML reader, writer"),
        " and validator, and one descriptor per WSDL operation, over `paypal-soap-runtime`.".to_string(),
        String::new(),
        " The typed client (one async method per operation) lives only in the `paypal-soap` crate.".to_string(),
    ];
    let lib = quote! {
        #(#![doc = #lib_doc])*
        #![forbid(unsafe_code)]

        pub mod generated;

        pub use generated::{SCHEMA_VERSION, services, types};
    };
    let lib = write::format_files_with(BTreeMap::from([("src/lib.rs".to_string(), lib)]), &header)?;
    files.extend(lib.files);
    files.insert("Cargo.toml".to_string(), cargo_toml(model, spec, &header));

    let files = Files { files };
    let stats = Stats {
        types: plan.types.len(),
        operations: plan.operation_names.len(),
        lines: files.files.values().map(|text| text.lines().count()).sum(),
    };
    Ok((files, stats))
}

/// The manifest. Its header is the `@generated` line as a TOML comment.
fn cargo_toml(model: &Model, spec: &CrateSpec, header: &Header) -> String {
    let header = header.line();
    let header = header.strip_prefix("//").unwrap_or(&header);
    let version = model.service.version.as_deref().unwrap_or("unversioned");
    let (name, runtime) = (&spec.name, &spec.runtime_path);
    format!(
        r#"#{header}
[package]
name = "{name}"
version = "0.1.0"
description = "PayPal's classic SOAP API, schema version {version}: types, XML readers and writers, validators and operation descriptors"
edition = "2024"
rust-version = "1.85"
publish = false

[dependencies]
paypal-soap-runtime = {{ path = "{runtime}" }}

# Generated code has `#[cfg(feature = "fuzzing")]` items (example and arbitrary values, visitors) that need the
# runtime's own `fuzzing` feature, and the `Message` enum of every global element behind `any-message`.
[features]
any-message = []
fuzzing = ["any-message", "paypal-soap-runtime/fuzzing"]
"#
    )
}
