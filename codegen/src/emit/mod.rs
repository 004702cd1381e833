//! Stage 6: the plan to Rust token streams, one per output file. Emitters only render the [`Plan`]: every name,
//! shape, check and mask is decided there, and no emitter reads the model, the names or the limits table.
//!
//! Output layout (paths relative to `generated/src/generated/`):
//!
//! - `mod.rs`: namespace constants, one module per namespace, and `types`, a flat re-export of every type;
//! - `<module>/mod.rs`, `<module>/types.rs`, `<module>/enums.rs`: the types of one namespace;
//! - `<module>/xml.rs`: their XML readers and writers; `<module>/validate.rs`: their validators;
//! - `<module>/builders.rs`: consuming setters of the types merchants build for requests;
//! - `<module>/examples.rs`, `<module>/arbitrary.rs`: example and arbitrary values (feature `fuzzing`);
//! - `services.rs`: operation descriptors and the typed client.
//!
//! Every file is collected in a `BTreeMap` keyed by path, so output order never depends on traversal order.
//! Emitters refer to the runtime through [`Options::runtime_path`] and to everything else outside the crate by
//! a fully qualified path, so a schema type called `String` or `Result` cannot shadow std.

mod arbitrary;
mod builders;
mod enums;
mod examples;
mod messages;
mod services;
mod types;
mod validate;
mod xml_read;
mod xml_write;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::plan::{Builtin, FieldPlan, ItemPath, ModulePlan, Plan, RustType, Shape, TypeKind, Value, Ws};

/// Everything an emitter needs, borrowed for the duration of one `emit` call: the plan and the two paths the
/// output refers to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) plan: &'a Plan,
    /// Path of the generated module from the crate root (`crate::generated`).
    pub(crate) root: &'a TokenStream,
    /// The same path as text, for doc links.
    pub(crate) root_text: &'a str,
    /// Path of the runtime (`::paypal_soap_runtime`): the one place generated code names it.
    pub(crate) rt: &'a TokenStream,
    /// Path of the PayPal service layer that holds `client` and `server` (`crate` in `paypal-soap`); `None`
    /// when the output is descriptors only (a standalone crate has no client to extend).
    pub(crate) svc: Option<&'a TokenStream>,
    /// The same path as text, for doc links.
    pub(crate) svc_text: &'a str,
}

impl Ctx<'_> {
    /// The path of a generated item from anywhere in the crate.
    pub(crate) fn path(&self, p: &ItemPath) -> TokenStream {
        let module = ident(&p.module);
        let name = ident(&p.name);
        let root = self.root;
        quote!(#root::#module::#name)
    }

    /// The Rust type of one value.
    pub(crate) fn rust_type(&self, t: &RustType) -> TokenStream {
        match t {
            RustType::Builtin(b) => self.builtin_type(*b),
            RustType::Generated(p) => self.path(p),
        }
    }

    /// The Rust type of one item of a field (the shape not applied).
    pub(crate) fn item_type(&self, v: &Value) -> TokenStream {
        let rt = self.rt;
        match v {
            Value::Scalar { rust, .. } => self.rust_type(rust),
            Value::Complex { path, .. } => self.path(path),
            Value::AnyType | Value::Wildcard { .. } => quote!(#rt::AnyElement),
        }
    }

    /// The Rust type of a field, its shape applied.
    pub(crate) fn field_type(&self, f: &FieldPlan) -> TokenStream {
        let item = self.item_type(&f.value);
        match f.shape {
            Shape::Plain => item,
            Shape::Optional => quote!(::std::option::Option<#item>),
            Shape::Boxed => quote!(::std::option::Option<::std::boxed::Box<#item>>),
            Shape::List => quote!(::std::vec::Vec<#item>),
        }
    }

    /// The Rust type of a built-in. Numbers that XSD leaves unbounded (`xs:integer`) become `i64`: PayPal uses
    /// them for quantities, and an overflowing value is a decode error rather than a silent wrap.
    pub(crate) fn builtin_type(&self, b: Builtin) -> TokenStream {
        let rt = self.rt;
        match b {
            Builtin::String
            | Builtin::NormalizedString
            | Builtin::Token
            | Builtin::AnyUri
            | Builtin::Duration
            | Builtin::Base64Binary => quote!(::std::string::String),
            Builtin::Boolean => quote!(bool),
            Builtin::Int => quote!(i32),
            Builtin::Integer | Builtin::Long => quote!(i64),
            Builtin::Short => quote!(i16),
            Builtin::Byte => quote!(i8),
            Builtin::NonNegativeInteger | Builtin::PositiveInteger => quote!(u64),
            Builtin::UnsignedInt => quote!(u32),
            Builtin::Decimal => quote!(#rt::Decimal),
            Builtin::Double => quote!(f64),
            Builtin::Float => quote!(f32),
            Builtin::DateTime => quote!(#rt::DateTime),
            Builtin::Date => quote!(#rt::Date),
            Builtin::Time => quote!(#rt::Time),
            Builtin::AnyType => quote!(#rt::AnyElement),
        }
    }

    /// The runtime's whitespace mode (`paypal_soap_runtime::xml::Ws::Collapse`).
    pub(crate) fn ws(&self, ws: Ws) -> TokenStream {
        let rt = self.rt;
        let short = Self::ws_short(ws);
        quote!(#rt::xml::#short)
    }

    /// [`Ctx::ws`] for `xml.rs`, which imports `Ws` (`Ws::Collapse`).
    pub(crate) fn ws_short(ws: Ws) -> TokenStream {
        match ws {
            Ws::Preserve => quote!(Ws::Preserve),
            Ws::Replace => quote!(Ws::Replace),
            Ws::Collapse => quote!(Ws::Collapse),
        }
    }

    /// The constant that holds a namespace URI (`crate::generated::ns::EBL`), or a string literal for a namespace
    /// that has no module (only possible for namespaces no type lives in).
    pub(crate) fn ns_const(&self, ns: &str) -> TokenStream {
        let root = self.root;
        match self.ns_ident(ns) {
            Some(c) => quote!(#root::ns::#c),
            None => quote!(#ns),
        }
    }

    /// [`Ctx::ns_const`] for `xml.rs`, which imports every namespace constant: the bare name (`EBL`). Readers
    /// and writers name a namespace once per field, and the short form keeps each call on one line.
    pub(crate) fn ns_short(&self, ns: &str) -> TokenStream {
        match self.ns_ident(ns) {
            Some(c) => quote!(#c),
            None => quote!(#ns),
        }
    }

    /// The name of the constant that holds namespace `ns`, when a module of the plan has it.
    fn ns_ident(&self, ns: &str) -> Option<Ident> {
        self.plan.module(ns).map(|m| ident(&m.ns_const))
    }
}

/// Makes an identifier from a name the naming module produced.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` attributes from schema documentation, followed by a line that says where the item comes
/// from on the wire.
pub(crate) fn doc_attrs(doc: Option<&str>, wire_note: &str) -> TokenStream {
    let mut text = doc.map(docs::to_rustdoc).unwrap_or_default();
    if !wire_note.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(wire_note);
    }
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote!(#(#[doc = #lines])*)
}

/// Emitter settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Path of the generated module from the crate root. `crate::generated` for `paypal-soap`; tests that compile
    /// fixture output inside another crate point it elsewhere.
    pub root_path: String,
    /// Path of the runtime crate, the one way generated code names it (as prost-build's `prost_path`). Fixture
    /// output and every historical schema set compile against that crate alone.
    pub runtime_path: String,
    /// Path of the service layer whose `client` and `server` modules the operation code extends (`crate` in
    /// `paypal-soap`). `None` emits operation descriptors only (`ops`, `OPERATIONS`, `OPERATION_NAMES`): no
    /// client methods, `ApiResponse` impls or fake-server module, which only the PayPal client layer can host.
    /// Standalone crates (`cargo xtask regen --crate`) use `None`.
    pub service_path: Option<String>,
    /// The error catalog (`schemas/error-catalog.tsv`), emitted as `errors.rs` when present.
    pub catalog: Option<crate::catalog::Catalog>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            root_path: "crate::generated".to_string(),
            runtime_path: "::paypal_soap_runtime".to_string(),
            service_path: Some("crate".to_string()),
            catalog: None,
        }
    }
}

/// Emits every generated file of `plan`.
///
/// # Panics
/// When `options.root_path`, `options.runtime_path` or `options.service_path` is not a Rust path (a caller bug).
pub fn emit(plan: &Plan, options: &Options) -> BTreeMap<String, TokenStream> {
    let paths = Paths::parse(options);
    let ctx = paths.ctx(plan, options);
    jobs(plan, options).into_iter().map(|job| (job.path(plan), job.emit(&ctx, options))).collect()
}

/// [`emit`], each file printed as Rust source text. Files are emitted on all cores: token streams cannot leave
/// the thread that made them, so each worker emits whole files and hands back their text.
///
/// # Panics
/// As [`emit`].
pub fn emit_text(plan: &Plan, options: &Options) -> BTreeMap<String, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let jobs = jobs(plan, options);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(jobs.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let paths = Paths::parse(options);
        let ctx = paths.ctx(plan, options);
        let mut done = Vec::new();
        while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((job.path(plan), job.emit(&ctx, options).to_string()));
        }
        done
    };
    if workers <= 1 {
        return work().into_iter().collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// The paths the output refers to, parsed once per thread (token streams cannot be shared between threads).
struct Paths {
    root: TokenStream,
    rt: TokenStream,
    svc: Option<TokenStream>,
}

impl Paths {
    fn parse(options: &Options) -> Self {
        Paths {
            root: options.root_path.parse().expect("Options::root_path must be a Rust path"),
            rt: options.runtime_path.parse().expect("Options::runtime_path must be a Rust path"),
            svc: options.service_path.as_ref().map(|p| p.parse().expect("Options::service_path must be a Rust path")),
        }
    }

    fn ctx<'a>(&'a self, plan: &'a Plan, options: &'a Options) -> Ctx<'a> {
        Ctx {
            plan,
            root: &self.root,
            root_text: &options.root_path,
            rt: &self.rt,
            svc: self.svc.as_ref(),
            svc_text: options.service_path.as_deref().unwrap_or_default(),
        }
    }
}

/// One generated file. Each is emitted on its own, so files can be emitted on several threads.
#[derive(Debug, Clone, Copy)]
enum Job {
    ModuleMod(usize),
    Types(usize),
    Enums(usize),
    Xml(usize),
    Validate(usize),
    Examples(usize),
    Arbitrary(usize),
    Builders(usize),
    Services,
    Visitors,
    Messages,
    Errors,
    Root,
}

/// Every file of the output, the largest kinds first so that parallel workers finish together.
fn jobs(plan: &Plan, options: &Options) -> Vec<Job> {
    let mut jobs = Vec::new();
    let per_module: [fn(usize) -> Job; 8] =
        [Job::Xml, Job::Arbitrary, Job::Builders, Job::Enums, Job::Validate, Job::Examples, Job::Types, Job::ModuleMod];
    for make in per_module {
        for (i, module) in plan.modules.iter().enumerate() {
            let skip = match make(i) {
                Job::Enums(_) => !module.has_enums,
                Job::Builders(_) => !builders::has_builders(plan, module),
                _ => false,
            };
            if skip {
                continue;
            }
            jobs.push(make(i));
        }
    }
    jobs.extend([Job::Services, Job::Messages, Job::Visitors, Job::Root]);
    if options.catalog.is_some() {
        jobs.push(Job::Errors);
    }
    jobs
}

impl Job {
    fn path(self, plan: &Plan) -> String {
        let module = |i: usize, file: &str| format!("{}/{file}", plan.modules[i].name);
        match self {
            Job::ModuleMod(i) => module(i, "mod.rs"),
            Job::Types(i) => module(i, "types.rs"),
            Job::Enums(i) => module(i, "enums.rs"),
            Job::Xml(i) => module(i, "xml.rs"),
            Job::Validate(i) => module(i, "validate.rs"),
            Job::Examples(i) => module(i, "examples.rs"),
            Job::Arbitrary(i) => module(i, "arbitrary.rs"),
            Job::Builders(i) => module(i, "builders.rs"),
            Job::Services => "services.rs".to_string(),
            Job::Visitors => "examples.rs".to_string(),
            Job::Messages => "messages.rs".to_string(),
            Job::Errors => "errors.rs".to_string(),
            Job::Root => "mod.rs".to_string(),
        }
    }

    fn emit(self, ctx: &Ctx<'_>, options: &Options) -> TokenStream {
        let modules = &ctx.plan.modules;
        match self {
            Job::ModuleMod(i) => {
                module_file(&modules[i].ns, modules[i].has_enums, builders::has_builders(ctx.plan, &modules[i]))
            }
            Job::Types(i) => types::emit_types(ctx, &modules[i]),
            Job::Enums(i) => enums::emit_enums(ctx, &modules[i]),
            Job::Xml(i) => xml_file(ctx, &modules[i]),
            Job::Validate(i) => validate_file(ctx, &modules[i]),
            Job::Examples(i) => examples::emit_examples_file(ctx, &modules[i]),
            Job::Arbitrary(i) => arbitrary::emit_arbitrary_file(ctx, &modules[i]),
            Job::Builders(i) => builders::emit_builders_file(ctx, &modules[i]),
            Job::Services => services::emit_services(ctx),
            Job::Visitors => examples::emit_visitors(ctx),
            Job::Messages => messages::emit_messages(ctx),
            Job::Errors => options.catalog.as_ref().map(crate::catalog::emit_catalog).unwrap_or_default(),
            Job::Root => root_file(ctx.plan, options),
        }
    }
}

/// The root `mod.rs`: the schema version, the namespace constants and every module.
fn root_file(plan: &Plan, options: &Options) -> TokenStream {
    let mut mods = Vec::new();
    let mut ns_consts = Vec::new();
    for module in &plan.modules {
        let ns = &module.ns;
        let m = ident(&module.name);
        let c = ident(&module.ns_const);
        let doc = format!(" Types of the namespace `{ns}`.");
        mods.push(quote!(#[doc = #doc] pub mod #m;));
        let cdoc = format!(" `{ns}`.");
        ns_consts.push(quote!(#[doc = #cdoc] pub const #c: &str = #ns;));
    }
    let reexports = plan.modules.iter().map(|m| {
        let m = ident(&m.name);
        quote!(pub use super::#m::*;)
    });
    // The errors module documents itself (its inner docs link to its items; an outer doc here would make
    // rustdoc resolve those links in this module instead).
    let errors_mod = options.catalog.is_some().then(|| {
        quote!(
            pub mod errors;
        )
    });
    let version = &plan.schema_version;
    quote! {
        //! Types generated from PayPal's schemas: one module per namespace, and [`types`] with all of them.
        #![allow(clippy::all, clippy::pedantic)]

        /// The schema version the types were generated from (`ns:version` of the WSDL).
        pub const SCHEMA_VERSION: &str = #version;

        /// Namespace URIs of the schemas.
        pub mod ns {
            #(#ns_consts)*
        }

        #(#mods)*

        #[cfg(feature = "any-message")]
        pub mod messages;

        #errors_mod

        pub mod services;

        #[cfg(feature = "fuzzing")]
        pub mod examples;

        /// Every generated type, re-exported from one place.
        pub mod types {
            #(#reexports)*
        }
    }
}

fn module_file(ns: &str, has_enums: bool, has_builders: bool) -> TokenStream {
    let doc = format!(" Types of the namespace `{ns}`: structs and aliases, enumerations, and their XML code.");
    let enums = has_enums.then(|| {
        quote!(
            mod enums;
            pub use enums::*;
        )
    });
    let builders = has_builders.then(|| {
        quote!(
            mod builders;
        )
    });
    quote! {
        #![doc = #doc]
        #enums
        #builders
        mod types;
        mod validate;
        mod xml;
        #[cfg(feature = "fuzzing")]
        mod examples;
        #[cfg(feature = "fuzzing")]
        mod arbitrary;

        pub use types::*;
    }
}

fn validate_file(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let rt = ctx.rt;
    let items = ctx.plan.structs(module).map(|(t, s)| {
        let validate = validate::emit_validate(ctx, t, s);
        let limits = validate::emit_limits_table(ctx, t, s);
        quote!(#validate #limits)
    });
    quote! {
        //! Validators of this namespace's types.
        #![allow(unused_imports, clippy::cast_lossless)]
        use #rt::validate::{
            FieldLimit, Limited, Path, Validate, Violation, checks, check_occurs, check_required, record, record_item,
        };
        #(#items)*
    }
}

fn xml_file(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let rt = ctx.rt;
    let mut items = Vec::new();
    for id in &module.types {
        let Some(t) = ctx.plan.types.get(id) else { continue };
        match &t.kind {
            TypeKind::Struct(s) => {
                items.push(xml_write::emit_write(ctx, t, s));
                items.push(xml_read::emit_read(ctx, t, s));
            }
            TypeKind::Enum(_) => items.push(enums::emit_scalar_impl(ctx, t)),
            TypeKind::Alias(_) => {}
        }
    }
    let root = ctx.root;
    let ns_consts = ctx.plan.modules.iter().map(|m| ident(&m.ns_const));
    quote! {
        //! XML writers and readers of this namespace's types.
        #![allow(unused_imports)]
        use #rt::xml::{DecodeError, EncodeError, StartTag, Ws, XmlRead, XmlReader, XmlScalar, XmlWrite, XmlWriter};
        use #root::ns::{#(#ns_consts),*};
        #(#items)*
    }
}
