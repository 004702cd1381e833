//! `Example` impls (behind the generated crate's `examples` feature): a fully populated value of every complex
//! type, for round-trip and schema-validation tests, plus visitors over every type and global element.
//!
//! Values respect the facets of each field (exact `length`, `minLength`, integer ranges, the first value of an
//! enumeration), so examples serialize to XML that PayPal's schema accepts. Fields that lead back to their own
//! type are filled only near the top, so recursive types stay finite.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::scalar::{ScalarKind, is_stringy, scalar_kind};
use super::validate::effective_facets;
use super::{Ctx, ident};
use crate::flatten::{Flat, Member};
use crate::model::{Builtin, MaxOccurs, TypeDefKind, TypeId, TypeRef};

/// The `Example` impl of one complex type.
pub(crate) fn emit_example(ctx: &Ctx<'_>, id: &TypeId, recursive: &BTreeSet<(TypeId, usize)>) -> TokenStream {
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let path = ctx.type_path(id);
    let mut fields = Vec::new();
    if let Some(content) = &flat.simple_content {
        let f = ident(ctx.names.content_field(id));
        let stringy = matches!(scalar_kind(ctx.model, content), Some((ScalarKind::Builtin(b), _)) if is_stringy(b));
        // A text value that reads as an amount suits every simpleContent type PayPal has (amounts and measures).
        fields.push(if stringy {
            quote!(#f: ::std::string::String::from("1.00"),)
        } else {
            let v = scalar_value(ctx, content);
            quote!(#f: ::std::option::Option::Some(#v),)
        });
    }
    for (i, fa) in flat.attributes.iter().enumerate() {
        let f = ident(ctx.names.attribute(id, i));
        let v = scalar_value(ctx, &fa.attribute.type_ref);
        fields.push(quote!(#f: ::std::option::Option::Some(#v),));
    }
    for (i, m) in flat.members.iter().enumerate() {
        let f = ident(ctx.names.field(id, i));
        let Member::Element(ff) = m else {
            fields.push(quote!(#f: ::std::vec::Vec::new(),));
            continue;
        };
        let tr = &ff.field.type_ref;
        let value = if scalar_kind(ctx.model, tr).is_some() {
            scalar_value(ctx, tr)
        } else if *tr == TypeRef::Builtin(Builtin::AnyType) {
            quote!(crate::runtime::AnyElement::default())
        } else {
            let t = ctx.rust_type(tr);
            quote!(<#t as Example>::example_at(depth + 1))
        };
        let stop = recursive.contains(&(id.clone(), i));
        let expr = if ff.occurs.is_many() {
            let n = match ff.occurs.max {
                MaxOccurs::Bounded(max) => ff.occurs.min.max(2).min(max),
                MaxOccurs::Unbounded => ff.occurs.min.max(2),
            };
            let items = (0..n).map(|_| value.clone());
            let list = quote!(::std::vec![#(#items),*]);
            if stop { quote!(if depth < MAX_DEPTH { #list } else { ::std::vec::Vec::new() }) } else { list }
        } else {
            let one = if ctx.is_boxed(id, i) { quote!(::std::boxed::Box::new(#value)) } else { value };
            let some = quote!(::std::option::Option::Some(#one));
            if stop { quote!(if depth < MAX_DEPTH { #some } else { ::std::option::Option::None }) } else { some }
        };
        fields.push(quote!(#f: #expr,));
    }
    if flat.mixed {
        let f = ident(ctx.names.text_field(id));
        fields.push(quote!(#f: ::std::string::String::new(),));
    }
    let set_text = set_text(ctx, id);
    quote! {
        impl Example for #path {
            #[allow(unused_variables)]
            fn example_at(depth: u32) -> Self {
                Self { #(#fields)* }
            }
        }
        #set_text
    }
}

/// The `SetText` impl: one arm per text field that has a character limit.
fn set_text(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    let path = ctx.type_path(id);
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let mut arms = Vec::new();
    for (i, fa) in flat.attributes.iter().enumerate() {
        let limited = ctx.limits.attribute_limit(&fa.declared_in, &fa.attribute.name).is_some();
        if limited && super::validate::is_string(ctx, &fa.attribute.type_ref) {
            let f = ident(ctx.names.attribute(id, i));
            let name = f.to_string();
            arms.push(quote!(#name => { self.#f = ::std::option::Option::Some(value); true }));
        }
    }
    for (i, m) in flat.members.iter().enumerate() {
        let Member::Element(ff) = m else { continue };
        let limited = ctx.limits.field_limit(&ff.declared_in, &ff.field.name).is_some();
        if limited && super::validate::is_string(ctx, &ff.field.type_ref) {
            let f = ident(ctx.names.field(id, i));
            let name = f.to_string();
            arms.push(if ff.occurs.is_many() {
                quote!(#name => { self.#f = ::std::vec![value]; true })
            } else {
                quote!(#name => { self.#f = ::std::option::Option::Some(value); true })
            });
        }
    }
    let body = if arms.is_empty() {
        quote!(let _ = (field, value); false)
    } else {
        quote!(match field { #(#arms)* _ => false })
    };
    quote! {
        impl SetText for #path {
            fn set_text(&mut self, field: &str, value: ::std::string::String) -> bool { #body }
        }
    }
}

/// An example value of a scalar type that satisfies its facets.
fn scalar_value(ctx: &Ctx<'_>, tr: &TypeRef) -> TokenStream {
    match scalar_kind(ctx.model, tr) {
        Some((ScalarKind::Enum(id), _)) => {
            let t = ctx.type_path(&id);
            quote!(#t::from_wire(#t::VALUES[0]))
        }
        Some((ScalarKind::Builtin(b), _)) => {
            let facets = effective_facets(ctx, tr);
            if b == Builtin::Duration {
                // Durations are held as text; "x" would not be a valid xs:duration.
                quote!(::std::string::String::from("PT1H"))
            } else if is_stringy(b) {
                let len = facets.length.or(facets.min_length).unwrap_or(1).max(1);
                let len = usize::try_from(len).unwrap_or(1);
                quote!("x".repeat(#len))
            } else if let Some(min) = facets.min_inclusive.as_deref().and_then(|s| s.parse::<i64>().ok()) {
                let lit = proc_macro2::Literal::i64_unsuffixed(min);
                quote!(#lit)
            } else {
                let t = super::scalar::builtin_type(b);
                quote!(<#t as ExampleScalar>::example_scalar())
            }
        }
        None => quote!(::std::default::Default::default()),
    }
}

/// Members that lead back to their own type through any chain of complex fields (lists included): examples
/// fill them only above [`MAX_DEPTH`] levels.
pub(crate) fn recursive_members(flat: &Flat) -> BTreeSet<(TypeId, usize)> {
    super::cyclic_members(flat, |_| true)
}

/// The namespace's `examples.rs`: `Example` impls of its complex types.
pub(crate) fn emit_examples_file(ctx: &Ctx<'_>, ids: &[&TypeId], recursive: &BTreeSet<(TypeId, usize)>) -> TokenStream {
    let items = ids.iter().filter(|id| ctx.flat.types.contains_key(**id)).map(|id| emit_example(ctx, id, recursive));
    quote! {
        //! Example values of this namespace's types (feature `examples`).
        #![allow(unused_imports, clippy::all)]
        use crate::runtime::example::{Example, ExampleScalar, MAX_DEPTH, SetText};
        #(#items)*
    }
}

/// The root `examples.rs`: visitors over every complex type and every global element of complex type.
pub(crate) fn emit_visitors(ctx: &Ctx<'_>) -> TokenStream {
    let types = ctx.flat.types.keys().map(|id| {
        let t = ctx.type_path(id);
        let ns = &id.ns;
        let name = &id.name;
        quote!(v.visit::<#t>(#ns, #name);)
    });
    let elements = ctx.model.elements.values().filter_map(|e| {
        let TypeRef::Named(id) = &e.type_ref else { return None };
        if !matches!(ctx.model.get(id).map(|d| &d.kind), Some(TypeDefKind::Complex(_))) {
            return None;
        }
        let t = ctx.type_path(id);
        let ns = &e.name.ns;
        let name = &e.name.name;
        Some(quote!(v.visit::<#t>(#ns, #name);))
    });
    quote! {
        //! Visitors over every generated complex type and every global element of complex type
        //! (feature `examples`), for tests that must cover all of them.
        use crate::runtime::example::Visitor;

        /// Calls `v.visit::<T>(namespace, wire name)` for every complex type.
        pub fn for_each_type<V: Visitor>(v: &mut V) {
            let _ = &v;
            #(#types)*
        }

        /// Calls `v.visit::<T>(namespace, element name)` for every global element whose type is complex.
        pub fn for_each_element<V: Visitor>(v: &mut V) {
            let _ = &v;
            #(#elements)*
        }
    }
}
