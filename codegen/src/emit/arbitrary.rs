//! `Generate` impls (behind the generated crate's `fuzzing` feature): an arbitrary value of every complex
//! type, built from the decisions a `runtime::arbitrary::Source` reads from bytes, for fuzzing and property
//! tests of the writer and reader.
//!
//! Where `examples` makes one valid value, this makes every value that survives a write and a read: facets are
//! ignored (a response is never rejected for breaking one, and requests are checked by `validate()`, which the
//! fuzzer runs too), but values are canonical for the XML they become. Text is whitespace-processed as the
//! field's type says, enumeration values are known or unknown but never empty, and a later declaration of an
//! element name already declared in the same content model is filled only when the reader would fill it: it
//! gives each occurrence of a name to the first declaration still empty, and every occurrence to a list.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{ModulePlan, ScalarKind, Shape, StructPlan, TypePlan, Value};

/// The `Generate` impl of one complex type.
pub(crate) fn emit_generate(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let rt = ctx.rt;
    let path = ctx.path(&t.path);
    let mut assigns = Vec::new();
    if let Some(c) = &s.content {
        let f = ident(&c.rust);
        let v = scalar_value(ctx, &c.value);
        // String content is always present (an empty element is the empty string); other content is optional.
        assigns.push(if c.shape == Shape::Plain {
            quote!(out.#f = #v;)
        } else {
            quote!(out.#f = if src.bool() { ::std::option::Option::Some(#v) } else { ::std::option::Option::None };)
        });
    }
    for a in &s.attributes {
        let f = ident(&a.rust);
        let v = scalar_value(ctx, &a.value);
        assigns.push(
            quote!(out.#f = if src.bool() { ::std::option::Option::Some(#v) } else { ::std::option::Option::None };),
        );
    }
    for m in &s.members {
        let f = ident(&m.rust);
        let value = match &m.value {
            Value::Wildcard { namespace } => {
                let ns = wildcard_ns(namespace, &m.ns);
                assigns.push(quote! {
                    out.#f = (0..src.count(MAX_ITEMS)).map(|_| src.any_wildcard(#ns)).collect();
                });
                continue;
            }
            Value::Scalar { .. } => scalar_value(ctx, &m.value),
            Value::AnyType => {
                let (ns, name) = (&m.ns, &m.wire);
                quote!(src.any_element(#ns, #name))
            }
            Value::Complex { path, .. } => {
                let t = ctx.path(path);
                quote!(<#t as Generate>::generate(src, depth + 1))
            }
        };
        // Fields that lead back to their own type stay empty from MAX_DEPTH on.
        let stop = m.recursive.then(|| quote!(depth < MAX_DEPTH &&));
        let (expr, empty) = if m.shape == Shape::List {
            let list = quote!((0..src.count(MAX_ITEMS)).map(|_| #value).collect());
            let list = if stop.is_some() {
                quote!(if depth < MAX_DEPTH { #list } else { ::std::vec::Vec::new() })
            } else {
                list
            };
            (list, quote!(::std::vec::Vec::new()))
        } else {
            let one = if m.shape == Shape::Boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
            (
                quote!(if #stop src.bool() { ::std::option::Option::Some(#one) } else { ::std::option::Option::None }),
                quote!(::std::option::Option::None),
            )
        };
        // Earlier declarations of the same element name: the reader fills this field only after each of them.
        let earlier = &m.earlier_same_name;
        assigns.push(if earlier.is_empty() {
            quote!(out.#f = #expr;)
        } else if earlier.iter().any(|(_, many)| *many) {
            // A list before it takes every occurrence.
            quote!(out.#f = #empty;)
        } else {
            let set = earlier.iter().map(|(j, _)| {
                let e = ident(&s.members[*j].rust);
                quote!(out.#e.is_some())
            });
            quote!(out.#f = if #(#set)&&* { #expr } else { #empty };)
        });
    }
    if let Some(text) = &s.text {
        let f = ident(text);
        assigns.push(quote!(out.#f = src.text(#rt::xml::Ws::Preserve);));
    }
    let binding = if assigns.is_empty() { quote!(let out) } else { quote!(let mut out) };
    quote! {
        impl Generate for #path {
            #[allow(unused_variables)]
            fn generate(src: &mut Source<'_>, depth: u32) -> Self {
                #binding = <Self as ::std::default::Default>::default();
                #(#assigns)*
                out
            }
        }
    }
}

/// An arbitrary value of a scalar field, in the whitespace mode it is read with.
fn scalar_value(ctx: &Ctx<'_>, value: &Value) -> TokenStream {
    let Value::Scalar { scalar, .. } = value else { return quote!(::std::default::Default::default()) };
    match &scalar.kind {
        ScalarKind::Enum(id) => {
            let t = ctx.path(&ctx.plan.ty(id).path);
            quote!(#t::from_wire(&src.enum_text(#t::VALUES)))
        }
        ScalarKind::Builtin(b) => {
            let t = ctx.builtin_type(*b);
            let ws = ctx.ws(scalar.ws);
            quote!(<#t as GenerateScalar>::generate_scalar(src, #ws))
        }
    }
}

/// A namespace that an `xs:any` wildcard with namespace constraint `constraint` accepts (its first
/// alternative), so the reader puts a generated element back into the wildcard's list.
fn wildcard_ns(constraint: &str, target_ns: &str) -> String {
    match constraint.split_whitespace().next() {
        None | Some("##any" | "##local") => String::new(),
        Some("##targetNamespace") => target_ns.to_owned(),
        Some("##other") => "urn:x-paypal-soap:fuzz".to_owned(),
        Some(uri) => uri.to_owned(),
    }
}

/// The namespace's `arbitrary.rs`: `Generate` impls of its complex types.
pub(crate) fn emit_arbitrary_file(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let rt = ctx.rt;
    let items = ctx.plan.structs(module).map(|(t, s)| emit_generate(ctx, t, s));
    quote! {
        //! Arbitrary values of this namespace's types (feature `fuzzing`).
        #![allow(unused_imports, clippy::all)]
        use #rt::arbitrary::{Generate, GenerateScalar, MAX_ITEMS, Source};
        use #rt::example::MAX_DEPTH;
        #(#items)*
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard_ns;

    #[test]
    fn wildcard_namespaces_are_ones_the_reader_accepts() {
        assert_eq!(wildcard_ns("##any", "urn:t"), "");
        assert_eq!(wildcard_ns("##local", "urn:t"), "");
        assert_eq!(wildcard_ns("##targetNamespace ##local", "urn:t"), "urn:t");
        assert_ne!(wildcard_ns("##other", "urn:t"), "urn:t");
        assert_eq!(wildcard_ns("urn:a urn:b", "urn:t"), "urn:a");
    }
}
