//! Stage 4: the model to Rust token streams, one per output file.
//!
//! Output layout (paths relative to `generated/src/generated/`):
//!
//! - `mod.rs`: namespace constants, one module per namespace, and `types`, a flat re-export of every type;
//! - `<module>/mod.rs`, `<module>/types.rs`, `<module>/enums.rs`: the types of one namespace;
//! - `<module>/xml.rs`: their XML readers and writers; `<module>/validate.rs`: their validators;
//! - `<module>/examples.rs`, `<module>/arbitrary.rs`: example and arbitrary values (feature `examples`);
//! - `services.rs`: operation descriptors and the typed client.
//!
//! Every file is collected in a `BTreeMap` keyed by path, so output order never depends on traversal order.
//! Emitters take every Rust name from [`Names`] and refer to everything outside the crate by a fully qualified
//! path, so a schema type called `String` or `Result` cannot shadow std.

mod arbitrary;
mod enums;
mod examples;
mod messages;
mod scalar;
mod services;
mod types;
mod validate;
mod xml_read;
mod xml_write;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::flatten::{Flat, Member};
use crate::limits::Limits;
use crate::model::{Model, TypeDefKind, TypeId, TypeRef};
use crate::naming::Names;

pub(crate) use scalar::ScalarKind;

/// Everything an emitter needs, borrowed for the duration of one `emit` call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) model: &'a Model,
    pub(crate) flat: &'a Flat,
    pub(crate) names: &'a Names,
    /// Path of the generated module from the crate root (`crate::generated`).
    pub(crate) root: &'a TokenStream,
    /// The same path as text, for doc links.
    pub(crate) root_text: &'a str,
    /// Character limits from facets and documentation.
    pub(crate) limits: &'a Limits,
    /// Complex types whose `validate()` can report anything (see `validate::checked_types`).
    pub(crate) checked: &'a BTreeSet<TypeId>,
    /// Fields that must be boxed to break a cycle of directly nested types: (type, member index).
    pub(crate) boxed: &'a BTreeSet<(TypeId, usize)>,
}

impl Ctx<'_> {
    /// True when member `index` of `ty` is held in a `Box`.
    pub(crate) fn is_boxed(&self, ty: &TypeId, index: usize) -> bool {
        self.boxed.contains(&(ty.clone(), index))
    }

    /// The path of a generated type from anywhere in the crate.
    pub(crate) fn type_path(&self, id: &TypeId) -> TokenStream {
        let module = ident(self.names.module(&id.ns));
        let name = ident(self.names.type_name(id));
        let root = self.root;
        quote!(#root::#module::#name)
    }

    /// The constant that holds a namespace URI (`crate::generated::ns::EBL`), or a string literal for a namespace
    /// that has no module (only possible for namespaces no type lives in).
    pub(crate) fn ns_const(&self, ns: &str) -> TokenStream {
        if ns.is_empty() {
            return quote!("");
        }
        let c = ident(&self.names.module(ns).to_uppercase());
        let root = self.root;
        quote!(#root::ns::#c)
    }

    /// Namespaces that hold at least one type, in order.
    pub(crate) fn namespaces(&self) -> BTreeSet<&str> {
        self.model.types.keys().map(|id| id.ns.as_str()).collect()
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
    /// The error catalog (`schemas/error-catalog.tsv`), emitted as `errors.rs` when present.
    pub catalog: Option<crate::catalog::Catalog>,
}

impl Default for Options {
    fn default() -> Self {
        Options { root_path: "crate::generated".to_string(), catalog: None }
    }
}

/// Emits every generated file of `model`.
///
/// # Panics
/// When `options.root_path` is not a Rust path (a caller bug).
pub fn emit(model: &Model, flat: &Flat, names: &Names, options: &Options) -> BTreeMap<String, TokenStream> {
    let boxed = boxed_fields(flat);
    let root: TokenStream = options.root_path.parse().expect("Options::root_path must be a Rust path");
    let limits = crate::limits::collect(model);
    let no_checks = BTreeSet::new();
    let mut ctx = Ctx {
        model,
        flat,
        names,
        root: &root,
        root_text: &options.root_path,
        limits: &limits,
        checked: &no_checks,
        boxed: &boxed,
    };
    let checked = validate::checked_types(&ctx);
    ctx.checked = &checked;
    let mut files = BTreeMap::new();
    let namespaces = ctx.namespaces();
    let recursive = examples::recursive_members(flat);

    let mut mods = Vec::new();
    let mut ns_consts = Vec::new();
    for ns in &namespaces {
        let module = names.module(ns);
        let m = ident(module);
        let c = ident(&module.to_uppercase());
        let doc = format!(" Types of the namespace `{ns}`.");
        mods.push(quote!(#[doc = #doc] pub mod #m;));
        let cdoc = format!(" `{ns}`.");
        ns_consts.push(quote!(#[doc = #cdoc] pub const #c: &str = #ns;));

        let ids: Vec<&TypeId> = model.types.keys().filter(|id| id.ns == *ns).collect();
        let has_enums = ids.iter().any(
            |id| matches!(model.get(id).map(|d| &d.kind), Some(TypeDefKind::Simple(st)) if !st.enumeration.is_empty()),
        );
        files.insert(format!("{module}/mod.rs"), module_file(ns, has_enums));
        files.insert(format!("{module}/types.rs"), types::emit_types(&ctx, &ids));
        if has_enums {
            files.insert(format!("{module}/enums.rs"), enums::emit_enums(&ctx, &ids));
        }
        files.insert(format!("{module}/xml.rs"), xml_file(&ctx, &ids));
        files.insert(format!("{module}/validate.rs"), validate_file(&ctx, &ids));
        files.insert(format!("{module}/examples.rs"), examples::emit_examples_file(&ctx, &ids, &recursive));
        files.insert(format!("{module}/arbitrary.rs"), arbitrary::emit_arbitrary_file(&ctx, &ids, &recursive));
    }
    let reexports = namespaces.iter().map(|ns| {
        let m = ident(names.module(ns));
        quote!(pub use super::#m::*;)
    });
    files.insert("services.rs".to_string(), services::emit_services(&ctx));
    files.insert("examples.rs".to_string(), examples::emit_visitors(&ctx));
    files.insert("messages.rs".to_string(), messages::emit_messages(&ctx));
    let errors_mod = options.catalog.as_ref().map(|catalog| {
        files.insert("errors.rs".to_string(), crate::catalog::emit_catalog(catalog));
        // The module documents itself (its inner docs link to its items; an outer doc here would make rustdoc
        // resolve those links in this module instead).
        quote!(
            pub mod errors;
        )
    });
    let version = model.service.version.clone().unwrap_or_default();
    files.insert(
        "mod.rs".to_string(),
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

            pub mod messages;

            #errors_mod

            pub mod services;

            #[cfg(feature = "examples")]
            pub mod examples;

            /// Every generated type, re-exported from one place.
            pub mod types {
                #(#reexports)*
            }
        },
    );
    files
}

/// Single (non-`Vec`) fields whose type can reach the containing type again through single fields: without a
/// `Box` the struct would have infinite size.
fn boxed_fields(flat: &Flat) -> BTreeSet<(TypeId, usize)> {
    cyclic_members(flat, |ff| !ff.occurs.is_many())
}

/// Members (type, member index) that lead back to their own type through a chain of complex fields that all pass
/// `follow`. Boxing follows single fields only; example values follow lists too.
pub(crate) fn cyclic_members(
    flat: &Flat,
    follow: impl Fn(&crate::flatten::FlatField) -> bool,
) -> BTreeSet<(TypeId, usize)> {
    let edges = |id: &TypeId| -> Vec<(usize, TypeId)> {
        let Some(t) = flat.types.get(id) else { return Vec::new() };
        t.members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m {
                Member::Element(ff) if follow(ff) => match &ff.field.type_ref {
                    TypeRef::Named(target) if flat.types.contains_key(target) => Some((i, target.clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    };
    let mut out = BTreeSet::new();
    for id in flat.types.keys() {
        for (i, target) in edges(id) {
            // Depth-first search from the field's type back to the containing type.
            let mut stack = vec![target];
            let mut visited = BTreeSet::new();
            while let Some(cur) = stack.pop() {
                if cur == *id {
                    out.insert((id.clone(), i));
                    break;
                }
                if visited.insert(cur.clone()) {
                    stack.extend(edges(&cur).into_iter().map(|(_, t)| t));
                }
            }
        }
    }
    out
}

fn module_file(ns: &str, has_enums: bool) -> TokenStream {
    let doc = format!(" Types of the namespace `{ns}`: structs and aliases, enumerations, and their XML code.");
    let enums = has_enums.then(|| {
        quote!(
            mod enums;
            pub use enums::*;
        )
    });
    quote! {
        #![doc = #doc]
        #enums
        mod types;
        mod validate;
        mod xml;
        #[cfg(feature = "examples")]
        mod examples;
        #[cfg(feature = "examples")]
        mod arbitrary;

        pub use types::*;
    }
}

fn validate_file(ctx: &Ctx<'_>, ids: &[&TypeId]) -> TokenStream {
    let items = ids.iter().filter(|id| ctx.flat.types.contains_key(**id)).map(|id| {
        let validate = validate::emit_validate(ctx, id);
        let limits = validate::emit_limits_table(ctx, id);
        quote!(#validate #limits)
    });
    quote! {
        //! Validators of this namespace's types.
        #![allow(unused_imports, clippy::cast_lossless)]
        use crate::runtime::validate::{
            FieldLimit, Limited, Path, Validate, Violation, checks, check_occurs, check_required, record, record_item,
        };
        #(#items)*
    }
}

fn xml_file(ctx: &Ctx<'_>, ids: &[&TypeId]) -> TokenStream {
    let mut items = Vec::new();
    for id in ids {
        let Some(def) = ctx.model.get(id) else { continue };
        match &def.kind {
            TypeDefKind::Complex(_) => {
                items.push(xml_write::emit_write(ctx, id));
                items.push(xml_read::emit_read(ctx, id));
            }
            TypeDefKind::Simple(st) if !st.enumeration.is_empty() => items.push(enums::emit_scalar_impl(ctx, id, st)),
            TypeDefKind::Simple(_) => {}
        }
    }
    quote! {
        //! XML writers and readers of this namespace's types.
        #![allow(unused_imports)]
        use crate::runtime::xml::{DecodeError, EncodeError, StartTag, Ws, XmlRead, XmlReader, XmlScalar, XmlWrite, XmlWriter};
        #(#items)*
    }
}
