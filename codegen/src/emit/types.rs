//! Structs for complex types, aliases for non-enumerated simple types, and one trait per abstract base type.
//!
//! Optionality: every element field is an `Option` (or a `Vec` when it may repeat), including the ones the
//! schema calls required. Real PayPal responses omit "required" elements, and a decoder that refused them
//! would be useless; requests are checked by the generated `validate()` instead, which reports each missing
//! required element with its path. The README's "Optionality" section says the same for users.

use proc_macro2::TokenStream;
use quote::quote;

use super::scalar::{builtin_type, is_stringy, root_builtin, scalar_kind};
use super::{Ctx, doc_attrs, ident};
use crate::flatten::{FlatType, Member};
use crate::model::{MaxOccurs, Occurs, SimpleType, TypeDefKind, TypeId, TypeRef};

/// Wire names whose values are secrets or card data: structs holding them get a `Debug` that redacts them.
pub(crate) const SENSITIVE: &[&str] =
    &["Password", "Signature", "AuthCert", "AuthToken", "eBayAuthToken", "CVV2", "CreditCardNumber"];

/// Emits `types.rs` of one namespace.
pub(crate) fn emit_types(ctx: &Ctx<'_>, ids: &[&TypeId]) -> TokenStream {
    let mut items = Vec::new();
    for id in ids {
        let Some(def) = ctx.model.get(id) else { continue };
        match &def.kind {
            TypeDefKind::Simple(st) if st.enumeration.is_empty() => items.push(alias(ctx, id, st, def.doc.as_deref())),
            TypeDefKind::Simple(_) => {}
            TypeDefKind::Complex(ct) => {
                let Some(flat) = ctx.flat.types.get(*id) else { continue };
                items.push(structure(ctx, flat, def.doc.as_deref(), ct.is_abstract));
                if ct.is_abstract {
                    items.push(base_trait(ctx, flat));
                }
                for base in &flat.abstract_bases {
                    items.push(base_trait_impl(ctx, base, flat));
                }
            }
        }
    }
    quote! {
        //! Structs and aliases of this namespace.
        #(#items)*
    }
}

fn alias(ctx: &Ctx<'_>, id: &TypeId, st: &SimpleType, doc: Option<&str>) -> TokenStream {
    let name = ident(ctx.names.type_name(id));
    let target = match &st.base {
        TypeRef::Builtin(b) => builtin_type(*b),
        base @ TypeRef::Named(_) => ctx.rust_type(base),
    };
    let mut note =
        format!("XSD: simple type `{}` (`{}`), a restriction of `{}`.", id.name, id.ns, short(ctx, &st.base));
    let f = &st.facets;
    for (label, v) in [("length", f.length), ("minLength", f.min_length), ("maxLength", f.max_length)] {
        if let Some(v) = v {
            note.push_str(&format!(" Facet `{label}` = {v} characters, checked by `validate()`."));
        }
    }
    for (label, v) in [("minInclusive", &f.min_inclusive), ("maxInclusive", &f.max_inclusive)] {
        if let Some(v) = v {
            note.push_str(&format!(" Facet `{label}` = {v}, checked by `validate()`."));
        }
    }
    let docs = doc_attrs(doc, &note);
    let alias_attr = doc_alias(ctx.names.type_name(id), &id.name);
    quote! {
        #docs
        #alias_attr
        pub type #name = #target;
    }
}

/// A short, human name for a type reference (`xs:string`, `ebl:NameType`).
pub(crate) fn short(ctx: &Ctx<'_>, tr: &TypeRef) -> String {
    match tr {
        TypeRef::Builtin(b) => format!("xs:{}", b.xsd_name()),
        TypeRef::Named(id) => format!("{}:{}", ctx.names.module(&id.ns), id.name),
    }
}

fn doc_alias(rust: &str, wire: &str) -> TokenStream {
    if rust == wire { TokenStream::new() } else { quote!(#[doc(alias = #wire)]) }
}

fn occurs_text(o: Occurs) -> String {
    match (o.min, o.max) {
        (0, MaxOccurs::Bounded(1)) => "optional".to_string(),
        (1, MaxOccurs::Bounded(1)) => "required by the schema (checked by `validate()`; responses may omit it)".into(),
        (min, MaxOccurs::Unbounded) => format!("{min} or more"),
        (min, MaxOccurs::Bounded(max)) => format!("{min} to {max}"),
    }
}

/// The Rust type of one member's field.
pub(crate) fn member_type(ctx: &Ctx<'_>, flat: &FlatType, index: usize) -> TokenStream {
    match &flat.members[index] {
        Member::Any(_) => quote!(::std::vec::Vec<crate::runtime::AnyElement>),
        Member::Element(ff) => {
            let base = ctx.rust_type(&ff.field.type_ref);
            if ff.occurs.is_many() {
                quote!(::std::vec::Vec<#base>)
            } else if ctx.is_boxed(&flat.id, index) {
                quote!(::std::option::Option<::std::boxed::Box<#base>>)
            } else {
                quote!(::std::option::Option<#base>)
            }
        }
    }
}

fn structure(ctx: &Ctx<'_>, flat: &FlatType, doc: Option<&str>, is_abstract: bool) -> TokenStream {
    let id = &flat.id;
    let name = ident(ctx.names.type_name(id));
    let mut fields = Vec::new();
    let mut debug_fields = Vec::new();

    if let Some(content) = &flat.simple_content {
        let f = ident(ctx.names.content_field(id));
        let stringy = root_builtin(ctx.model, content).is_some_and(is_stringy);
        let ty = ctx.rust_type(content);
        let ty = if stringy { ty } else { quote!(::std::option::Option<#ty>) };
        let d = format!(" The element's text value (`{}`).", short(ctx, content));
        fields.push(quote!(#[doc = #d] pub #f: #ty,));
        debug_fields.push((f, false));
    }
    for (i, fa) in flat.attributes.iter().enumerate() {
        let a = &fa.attribute;
        let f = ident(ctx.names.attribute(id, i));
        let ty = ctx.rust_type(&a.type_ref);
        let req = if a.required { "required by the schema (checked by `validate()`)" } else { "optional" };
        let docs = doc_attrs(a.doc.as_deref(), &format!("XML: attribute `{}`, {req}.", a.name));
        fields.push(quote!(#docs pub #f: ::std::option::Option<#ty>,));
        debug_fields.push((f, SENSITIVE.contains(&a.name.as_str())));
    }
    for (i, m) in flat.members.iter().enumerate() {
        let f = ident(ctx.names.field(id, i));
        let ty = member_type(ctx, flat, i);
        let (docs, sensitive) = match m {
            Member::Element(ff) => {
                let mut note = format!(
                    "XML: element `{}:{}` of type `{}`, {}.",
                    ctx.names.module(&ff.field.ns),
                    ff.field.name,
                    short(ctx, &ff.field.type_ref),
                    occurs_text(ff.occurs)
                );
                if let Some(l) = ctx.limits.field_limit(&ff.declared_in, &ff.field.name) {
                    if super::validate::is_string(ctx, &ff.field.type_ref) {
                        let from = if l.source == crate::limits::Source::Facet {
                            "schema facet"
                        } else {
                            "PayPal's documentation"
                        };
                        note.push_str(&format!(
                            " At most {} characters ({from}), checked by `validate()`.",
                            l.max_chars
                        ));
                    }
                }
                (doc_attrs(ff.field.doc.as_deref(), &note), SENSITIVE.contains(&ff.field.name.as_str()))
            }
            Member::Any(a) => {
                let note = format!(
                    "Elements matched by the schema's `xs:any` wildcard (namespace `{}`), kept as raw XML.",
                    a.any.namespace
                );
                (doc_attrs(None, &note), false)
            }
        };
        fields.push(quote!(#docs pub #f: #ty,));
        debug_fields.push((f, sensitive));
    }
    if flat.mixed {
        let f = ident(ctx.names.text_field(id));
        fields.push(
            quote!(#[doc = " Text between the child elements (the type is `mixed`)."] pub #f: ::std::string::String,),
        );
        debug_fields.push((f, false));
    }

    let mut note = format!("XSD: complex type `{}` (`{}`).", id.name, id.ns);
    if is_abstract {
        note.push_str(" Abstract: the types that extend it carry its fields and implement its trait.");
    }
    for base in &flat.abstract_bases {
        let t = ctx.names.trait_name(base);
        let module = ctx.names.module(&base.ns);
        note.push_str(&format!(
            " Extends `{}`: its fields come first, and [`{t}`]({}::{module}::{t}) gives typed access to them.",
            base.name, ctx.root_text
        ));
    }
    let docs = doc_attrs(doc, &note);
    let alias_attr = doc_alias(ctx.names.type_name(id), &id.name);
    let redact = debug_fields.iter().any(|(_, s)| *s);
    let derive = if redact {
        quote!(#[derive(Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    };
    let debug_impl = if redact { redacted_debug(&name, &debug_fields) } else { TokenStream::new() };
    quote! {
        #docs
        #alias_attr
        #derive
        pub struct #name {
            #(#fields)*
        }
        #debug_impl
    }
}

fn redacted_debug(name: &proc_macro2::Ident, fields: &[(proc_macro2::Ident, bool)]) -> TokenStream {
    let label = name.to_string();
    let entries = fields.iter().map(|(f, sensitive)| {
        let l = f.to_string();
        if *sensitive {
            quote!(.field(#l, &self.#f.as_ref().map(|_| "[redacted]")))
        } else {
            quote!(.field(#l, &self.#f))
        }
    });
    quote! {
        /// Secrets and card data print as `[redacted]`.
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    }
}

/// The accessor signature and body of member `index` of `flat`, for the base traits.
fn accessor(ctx: &Ctx<'_>, flat: &FlatType, index: usize, field: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    match &flat.members[index] {
        Member::Any(_) => (quote!(&[crate::runtime::AnyElement]), quote!(&self.#field)),
        Member::Element(ff) => {
            let base = ctx.rust_type(&ff.field.type_ref);
            let stringy = matches!(scalar_kind(ctx.model, &ff.field.type_ref),
                Some((super::ScalarKind::Builtin(b), _)) if is_stringy(b));
            if ff.occurs.is_many() {
                (quote!(&[#base]), quote!(&self.#field))
            } else if stringy {
                (quote!(::std::option::Option<&str>), quote!(self.#field.as_deref()))
            } else if ctx.is_boxed(&flat.id, index) {
                (quote!(::std::option::Option<&#base>), quote!(self.#field.as_deref()))
            } else {
                (quote!(::std::option::Option<&#base>), quote!(self.#field.as_ref()))
            }
        }
    }
}

fn base_trait(ctx: &Ctx<'_>, flat: &FlatType) -> TokenStream {
    let t = ident(ctx.names.trait_name(&flat.id));
    let methods = (0..flat.members.len()).map(|i| {
        let m = ident(ctx.names.field(&flat.id, i));
        let (ret, _) = accessor(ctx, flat, i, &m);
        let d = match &flat.members[i] {
            Member::Element(ff) => format!(" The inherited `{}` element.", ff.field.name),
            Member::Any(_) => " Elements matched by the inherited `xs:any` wildcard.".to_string(),
        };
        quote!(#[doc = #d] fn #m(&self) -> #ret;)
    });
    let doc = format!(" Typed access to the fields every type extending `{}` inherits.", flat.id.name);
    let own = base_trait_impl(ctx, &flat.id, flat);
    quote! {
        #[doc = #doc]
        pub trait #t {
            #(#methods)*
        }
        #own
    }
}

/// True when `flat` implements the trait of abstract type `base`: it is `base` itself, or extends it so that
/// `base`'s members are a prefix of its own. Extension appends to the base; anything else (a restriction) gets no
/// impl rather than a wrong one.
pub(crate) fn implements_base_trait(ctx: &Ctx<'_>, base: &TypeId, flat: &FlatType) -> bool {
    let Some(base_flat) = ctx.flat.types.get(base) else { return false };
    if flat.id == *base {
        return true;
    }
    flat.abstract_bases.contains(base)
        && base_flat.members.len() <= flat.members.len()
        && base_flat.members.iter().zip(&flat.members).all(|(a, b)| match (a, b) {
            (Member::Element(x), Member::Element(y)) => x.field.name == y.field.name && x.field.ns == y.field.ns,
            (Member::Any(_), Member::Any(_)) => true,
            _ => false,
        })
}

fn base_trait_impl(ctx: &Ctx<'_>, base: &TypeId, flat: &FlatType) -> TokenStream {
    let Some(base_flat) = ctx.flat.types.get(base) else { return TokenStream::new() };
    if !implements_base_trait(ctx, base, flat) {
        return TokenStream::new();
    }
    let t = ctx.type_path_trait(base);
    let name = ident(ctx.names.type_name(&flat.id));
    let methods = (0..base_flat.members.len()).map(|i| {
        let m = ident(ctx.names.field(base, i));
        let f = ident(ctx.names.field(&flat.id, i));
        let (ret, body) = accessor(ctx, flat, i, &f);
        quote!(fn #m(&self) -> #ret { #body })
    });
    quote! {
        impl #t for #name {
            #(#methods)*
        }
    }
}

impl Ctx<'_> {
    /// The path of an abstract type's trait.
    pub(crate) fn type_path_trait(&self, id: &TypeId) -> TokenStream {
        let module = ident(self.names.module(&id.ns));
        let name = ident(self.names.trait_name(id));
        let root = self.root;
        quote!(#root::#module::#name)
    }
}
