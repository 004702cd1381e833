//! `Example` impls (behind the generated crate's `fuzzing` feature): a fully populated value of every complex
//! type, for round-trip and schema-validation tests, plus visitors over every type and global element.
//!
//! Values respect the facets of each field (exact `length`, `minLength`, integer ranges, the first value of an
//! enumeration), so examples serialize to XML that PayPal's schema accepts. Fields that lead back to their own
//! type are filled only near the top, so recursive types stay finite.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{Builtin, MaxOccurs, ModulePlan, Scalar, ScalarKind, Shape, StructPlan, TypeKind, TypePlan, Value};

/// The `Example` impl of one complex type.
pub(crate) fn emit_example(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let rt = ctx.rt;
    let path = ctx.path(&t.path);
    let mut fields = Vec::new();
    if let Some(c) = &s.content {
        let f = ident(&c.rust);
        // A text value that reads as an amount suits every simpleContent type PayPal has (amounts and measures).
        fields.push(if c.shape == Shape::Plain {
            quote!(#f: ::std::string::String::from("1.00"),)
        } else {
            let v = value_of(ctx, &c.value);
            quote!(#f: ::std::option::Option::Some(#v),)
        });
    }
    for a in &s.attributes {
        let f = ident(&a.rust);
        let v = value_of(ctx, &a.value);
        fields.push(quote!(#f: ::std::option::Option::Some(#v),));
    }
    for m in &s.members {
        let f = ident(&m.rust);
        let value = match &m.value {
            Value::Wildcard { .. } => {
                fields.push(quote!(#f: ::std::vec::Vec::new(),));
                continue;
            }
            Value::AnyType => quote!(#rt::AnyElement::default()),
            Value::Complex { path, .. } => {
                let t = ctx.path(path);
                quote!(<#t as Example>::example_at(depth + 1))
            }
            Value::Scalar { .. } => value_of(ctx, &m.value),
        };
        let expr = if m.shape == Shape::List {
            let n = match m.occurs.max {
                MaxOccurs::Bounded(max) => m.occurs.min.max(2).min(max),
                MaxOccurs::Unbounded => m.occurs.min.max(2),
            };
            let items = (0..n).map(|_| value.clone());
            let list = quote!(::std::vec![#(#items),*]);
            if m.recursive { quote!(if depth < MAX_DEPTH { #list } else { ::std::vec::Vec::new() }) } else { list }
        } else {
            let one = if m.shape == Shape::Boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
            let some = quote!(::std::option::Option::Some(#one));
            if m.recursive { quote!(if depth < MAX_DEPTH { #some } else { ::std::option::Option::None }) } else { some }
        };
        fields.push(quote!(#f: #expr,));
    }
    if let Some(text) = &s.text {
        let f = ident(text);
        fields.push(quote!(#f: ::std::string::String::new(),));
    }
    let set_text = set_text(ctx, t, s);
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
fn set_text(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let path = ctx.path(&t.path);
    let arms: Vec<TokenStream> = s
        .attributes
        .iter()
        .chain(&s.members)
        .filter(|f| f.limit.is_some())
        .map(|f| {
            let field = ident(&f.rust);
            let name = &f.rust;
            if f.shape == Shape::List {
                quote!(#name => { self.#field = ::std::vec![value]; true })
            } else {
                quote!(#name => { self.#field = ::std::option::Option::Some(value); true })
            }
        })
        .collect();
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

/// An example value of a scalar field that satisfies its facets (anything else gets its default).
fn value_of(ctx: &Ctx<'_>, value: &Value) -> TokenStream {
    match value {
        Value::Scalar { scalar, .. } => scalar_value(ctx, scalar),
        _ => quote!(::std::default::Default::default()),
    }
}

fn scalar_value(ctx: &Ctx<'_>, scalar: &Scalar) -> TokenStream {
    match &scalar.kind {
        ScalarKind::Enum(id) => {
            let t = ctx.path(&ctx.plan.ty(id).path);
            quote!(#t::from_wire(#t::VALUES[0]))
        }
        ScalarKind::Builtin(b) => {
            let facets = &scalar.facets;
            if *b == Builtin::Duration {
                // Durations are held as text; "x" would not be a valid xs:duration.
                quote!(::std::string::String::from("PT1H"))
            } else if scalar.stringy {
                let len = facets.length.or(facets.min_length).unwrap_or(1).max(1);
                let len = usize::try_from(len).unwrap_or(1);
                quote!("x".repeat(#len))
            } else if let Some(min) = facets.min_inclusive.as_deref().and_then(|s| s.parse::<i64>().ok()) {
                let lit = proc_macro2::Literal::i64_unsuffixed(min);
                quote!(#lit)
            } else {
                let t = ctx.builtin_type(*b);
                quote!(<#t as ExampleScalar>::example_scalar())
            }
        }
    }
}

/// The namespace's `examples.rs`: `Example` impls of its complex types.
pub(crate) fn emit_examples_file(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let rt = ctx.rt;
    let items = ctx.plan.structs(module).map(|(t, s)| emit_example(ctx, t, s));
    quote! {
        //! Example values of this namespace's types (feature `fuzzing`).
        #![allow(unused_imports, clippy::all)]
        use #rt::example::{Example, ExampleScalar, MAX_DEPTH, SetText};
        #(#items)*
    }
}

/// The root `examples.rs`: visitors over every complex type and every global element of complex type.
pub(crate) fn emit_visitors(ctx: &Ctx<'_>) -> TokenStream {
    let rt = ctx.rt;
    let types = ctx.plan.types.values().filter(|t| matches!(t.kind, TypeKind::Struct(_))).map(|t| {
        let p = ctx.path(&t.path);
        let ns = &t.id.ns;
        let name = &t.id.name;
        quote!(v.visit::<#p>(#ns, #name);)
    });
    let elements = ctx.plan.elements.iter().map(|e| {
        let t = ctx.path(&e.path);
        let ns = &e.ns;
        let name = &e.name;
        quote!(v.visit::<#t>(#ns, #name);)
    });
    quote! {
        //! Visitors over every generated complex type and every global element of complex type
        //! (feature `fuzzing`), for tests that must cover all of them.
        use #rt::example::Visitor;

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
