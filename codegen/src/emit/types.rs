//! Structs for complex types, aliases for non-enumerated simple types, and one trait per abstract base type.
//!
//! Optionality: every element field is an `Option` (or a `Vec` when it may repeat), including the ones the
//! schema calls required. Real PayPal responses omit "required" elements, and a decoder that refused them
//! would be useless; requests are checked by the generated `validate()` instead, which reports each missing
//! required element with its path. The README's "Optionality" section says the same for users.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::plan::{
    AliasPlan, FieldPlan, Mask, MaxOccurs, ModulePlan, Occurs, Shape, Source, StructPlan, TraitImpl, TypeKind,
    TypePlan, Value,
};

/// Emits `types.rs` of one namespace.
pub(crate) fn emit_types(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let mut items = Vec::new();
    for id in &module.types {
        let Some(t) = ctx.plan.types.get(id) else { continue };
        match &t.kind {
            TypeKind::Alias(a) => items.push(alias(ctx, t, a)),
            TypeKind::Enum(_) => {}
            TypeKind::Struct(s) => {
                items.push(structure(ctx, t, s));
                if let Some(name) = &s.trait_name {
                    items.push(base_trait(ctx, t, s, name));
                }
                for imp in &s.implements {
                    items.push(trait_impl(ctx, t, s, imp));
                }
            }
        }
    }
    quote! {
        //! Structs and aliases of this namespace.
        #(#items)*
    }
}

fn alias(ctx: &Ctx<'_>, t: &TypePlan, a: &AliasPlan) -> TokenStream {
    let name = ident(&t.path.name);
    let target = ctx.rust_type(&a.target);
    let mut note = format!("XSD: simple type `{}` (`{}`), a restriction of `{}`.", t.id.name, t.id.ns, a.base_short);
    let f = &a.facets;
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
    let docs = doc_attrs(t.doc.as_deref(), &note);
    let alias_attr = doc_alias(&t.path.name, &t.id.name);
    quote! {
        #docs
        #alias_attr
        pub type #name = #target;
    }
}

pub(crate) fn doc_alias(rust: &str, wire: &str) -> TokenStream {
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

/// The doc note of one field: where it is on the wire, and its limit.
fn field_docs(f: &FieldPlan, is_attribute: bool) -> TokenStream {
    let short = match &f.value {
        Value::Scalar { short, .. } | Value::Complex { short, .. } => short.as_str(),
        Value::AnyType => "xs:anyType",
        Value::Wildcard { namespace } => {
            let note = format!(
                "Elements matched by the schema's `xs:any` wildcard (namespace `{namespace}`), kept as raw XML."
            );
            return doc_attrs(None, &note);
        }
    };
    if is_attribute {
        let req = if f.required { "required by the schema (checked by `validate()`)" } else { "optional" };
        return doc_attrs(f.doc.as_deref(), &format!("XML: attribute `{}`, {req}.", f.wire));
    }
    let mut note = format!("XML: element `{}:{}` of type `{short}`, {}.", f.ns_module, f.wire, occurs_text(f.occurs));
    if let Some(l) = &f.limit {
        let from = if l.source == Source::Facet { "schema facet" } else { "PayPal's documentation" };
        note.push_str(&format!(" At most {} characters ({from}), checked by `validate()`.", l.max_chars));
    }
    doc_attrs(f.doc.as_deref(), &note)
}

fn structure(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let id = &t.id;
    let name = ident(&t.path.name);
    let mut fields = Vec::new();

    if let Some(c) = &s.content {
        let f = ident(&c.rust);
        let ty = ctx.field_type(c);
        let short = match &c.value {
            Value::Scalar { short, .. } | Value::Complex { short, .. } => short.clone(),
            _ => String::new(),
        };
        let d = format!(" The element's text value (`{short}`).");
        fields.push(quote!(#[doc = #d] pub #f: #ty,));
    }
    for a in &s.attributes {
        let f = ident(&a.rust);
        let ty = ctx.field_type(a);
        let docs = field_docs(a, true);
        fields.push(quote!(#docs pub #f: #ty,));
    }
    for m in &s.members {
        let f = ident(&m.rust);
        let ty = ctx.field_type(m);
        let docs = field_docs(m, false);
        fields.push(quote!(#docs pub #f: #ty,));
    }
    if let Some(text) = &s.text {
        let f = ident(text);
        fields.push(
            quote!(#[doc = " Text between the child elements (the type is `mixed`)."] pub #f: ::std::string::String,),
        );
    }

    let mut note = format!("XSD: complex type `{}` (`{}`).", id.name, id.ns);
    if s.is_abstract {
        note.push_str(" Abstract: the types that extend it carry its fields and implement its trait.");
    }
    for (base, path) in &s.abstract_bases {
        note.push_str(&format!(
            " Extends `{base}`: its fields come first, and [`{t}`]({}::{}::{t}) gives typed access to them.",
            ctx.root_text,
            path.module,
            t = path.name
        ));
    }
    let docs = doc_attrs(t.doc.as_deref(), &note);
    let alias_attr = doc_alias(&t.path.name, &id.name);
    let masked = s.has_masked_fields();
    let derive = if masked {
        quote!(#[derive(Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    };
    let debug_impl = if masked { masked_debug(ctx, &name, s) } else { TokenStream::new() };
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

/// A `Debug` that shows every field but the secrets, which it shows through their policy mask
/// (`paypal_soap_policy::secrets`): a text secret as `***` or `************1111`, anything else as `***`.
fn masked_debug(ctx: &Ctx<'_>, name: &proc_macro2::Ident, s: &StructPlan) -> TokenStream {
    let rt = ctx.rt;
    let label = name.to_string();
    let all = s.content.iter().chain(&s.attributes).chain(&s.members);
    let entries = all.map(|f| {
        let field = ident(&f.rust);
        let l = &f.rust;
        let Some(mask) = f.mask else { return quote!(.field(#l, &self.#field)) };
        let mask = match mask {
            Mask::Whole => quote!(#rt::policy::Mask::Whole),
            Mask::AllButLastFour => quote!(#rt::policy::Mask::AllButLastFour),
        };
        let text = matches!(&f.value, Value::Scalar { scalar, .. } if scalar.stringy);
        if !text {
            // Nothing of a structured secret is shown: only whether it is there (and how many).
            let hidden = quote!(#rt::policy::Masked("", #rt::policy::Mask::Whole));
            return match f.shape {
                Shape::List => quote!(.field(#l, &self.#field.iter().map(|_| #hidden).collect::<::std::vec::Vec<_>>())),
                Shape::Plain => quote!(.field(#l, &#hidden)),
                Shape::Optional | Shape::Boxed => quote!(.field(#l, &self.#field.as_ref().map(|_| #hidden))),
            };
        }
        let masked = quote!(#rt::policy::Masked(v, #mask));
        match f.shape {
            Shape::List => quote!(.field(#l, &self.#field.iter().map(|v| #masked).collect::<::std::vec::Vec<_>>())),
            Shape::Plain => quote!(.field(#l, &{ let v = self.#field.as_str(); #masked })),
            Shape::Optional | Shape::Boxed => quote!(.field(#l, &self.#field.as_deref().map(|v| #masked))),
        }
    });
    let text = s.text.as_ref().map(|t| {
        let f = ident(t);
        quote!(.field(#t, &self.#f))
    });
    quote! {
        /// Secrets, tokens and card data print masked, as `paypal_soap_policy::secrets` says.
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#entries)* #text .finish()
            }
        }
    }
}

/// The accessor signature and body of member `f` (this type's field `field`), for the base traits.
fn accessor(ctx: &Ctx<'_>, f: &FieldPlan, field: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let base = ctx.item_type(&f.value);
    let stringy = matches!(&f.value, Value::Scalar { scalar, .. } if scalar.stringy);
    match f.shape {
        Shape::List => (quote!(&[#base]), quote!(&self.#field)),
        _ if stringy => (quote!(::std::option::Option<&str>), quote!(self.#field.as_deref())),
        Shape::Boxed => (quote!(::std::option::Option<&#base>), quote!(self.#field.as_deref())),
        Shape::Optional | Shape::Plain => (quote!(::std::option::Option<&#base>), quote!(self.#field.as_ref())),
    }
}

fn base_trait(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan, trait_name: &str) -> TokenStream {
    let name = ident(trait_name);
    let methods = s.members.iter().map(|f| {
        let m = ident(&f.rust);
        let (ret, _) = accessor(ctx, f, &m);
        let d = match &f.value {
            Value::Wildcard { .. } => " Elements matched by the inherited `xs:any` wildcard.".to_string(),
            _ => format!(" The inherited `{}` element.", f.wire),
        };
        quote!(#[doc = #d] fn #m(&self) -> #ret;)
    });
    let doc = format!(" Typed access to the fields every type extending `{}` inherits.", t.id.name);
    quote! {
        #[doc = #doc]
        pub trait #name {
            #(#methods)*
        }
    }
}

fn trait_impl(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan, imp: &TraitImpl) -> TokenStream {
    let trait_path = ctx.path(&imp.trait_path);
    let name = ident(&t.path.name);
    let methods = imp.accessors.iter().zip(&s.members).map(|((base_field, own_field), f)| {
        let m = ident(base_field);
        let own = ident(own_field);
        let (ret, body) = accessor(ctx, f, &own);
        quote!(fn #m(&self) -> #ret { #body })
    });
    quote! {
        impl #trait_path for #name {
            #(#methods)*
        }
    }
}
