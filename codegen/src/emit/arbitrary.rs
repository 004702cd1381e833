//! `Generate` impls (behind the generated crate's `examples` feature): an arbitrary value of every complex
//! type, built from the decisions a `runtime::arbitrary::Source` reads from bytes, for fuzzing and property
//! tests of the writer and reader.
//!
//! Where `examples` makes one valid value, this makes every value that survives a write and a read: facets are
//! ignored (a response is never rejected for breaking one, and requests are checked by `validate()`, which the
//! fuzzer runs too), but values are canonical for the XML they become. Text is whitespace-processed as the
//! field's type says, enumeration values are known or unknown but never empty, and a later declaration of an
//! element name already declared in the same content model is filled only when the reader would fill it: it
//! gives each occurrence of a name to the first declaration still empty, and every occurrence to a list.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::scalar::{ScalarKind, scalar_kind};
use super::{Ctx, ident};
use crate::flatten::Member;
use crate::model::{Builtin, TypeId, TypeRef};

/// The `Generate` impl of one complex type.
pub(crate) fn emit_generate(ctx: &Ctx<'_>, id: &TypeId, recursive: &BTreeSet<(TypeId, usize)>) -> TokenStream {
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let path = ctx.type_path(id);
    let mut assigns = Vec::new();
    if let Some(content) = &flat.simple_content {
        let f = ident(ctx.names.content_field(id));
        let v = scalar_value(ctx, content);
        let stringy = matches!(scalar_kind(ctx.model, content), Some((ScalarKind::Builtin(b), _)) if super::scalar::is_stringy(b));
        // String content is always present (an empty element is the empty string); other content is optional.
        assigns.push(if stringy {
            quote!(out.#f = #v;)
        } else {
            quote!(out.#f = if src.bool() { ::std::option::Option::Some(#v) } else { ::std::option::Option::None };)
        });
    }
    for (i, fa) in flat.attributes.iter().enumerate() {
        let f = ident(ctx.names.attribute(id, i));
        let v = scalar_value(ctx, &fa.attribute.type_ref);
        assigns.push(
            quote!(out.#f = if src.bool() { ::std::option::Option::Some(#v) } else { ::std::option::Option::None };),
        );
    }
    for (i, m) in flat.members.iter().enumerate() {
        let f = ident(ctx.names.field(id, i));
        let ff = match m {
            Member::Element(ff) => ff,
            Member::Any(a) => {
                let ns = wildcard_ns(&a.any.namespace, &a.declared_in.ns);
                assigns.push(quote! {
                    out.#f = (0..src.count(MAX_ITEMS)).map(|_| src.any_wildcard(#ns)).collect();
                });
                continue;
            }
        };
        let tr = &ff.field.type_ref;
        let value = if scalar_kind(ctx.model, tr).is_some() {
            scalar_value(ctx, tr)
        } else if *tr == TypeRef::Builtin(Builtin::AnyType) {
            let ns = &ff.field.ns;
            let name = &ff.field.name;
            quote!(src.any_element(#ns, #name))
        } else {
            let t = ctx.rust_type(tr);
            quote!(<#t as Generate>::generate(src, depth + 1))
        };
        // Fields that lead back to their own type stay empty from MAX_DEPTH on.
        let stop = recursive.contains(&(id.clone(), i)).then(|| quote!(depth < MAX_DEPTH &&));
        let (expr, empty) = if ff.occurs.is_many() {
            let list = quote!((0..src.count(MAX_ITEMS)).map(|_| #value).collect());
            let list = if stop.is_some() {
                quote!(if depth < MAX_DEPTH { #list } else { ::std::vec::Vec::new() })
            } else {
                list
            };
            (list, quote!(::std::vec::Vec::new()))
        } else {
            let one = if ctx.is_boxed(id, i) { quote!(::std::boxed::Box::new(#value)) } else { value };
            (
                quote!(if #stop src.bool() { ::std::option::Option::Some(#one) } else { ::std::option::Option::None }),
                quote!(::std::option::Option::None),
            )
        };
        // Earlier declarations of the same element name: the reader fills this field only after each of them.
        let earlier: Vec<(usize, bool)> = flat.members[..i]
            .iter()
            .enumerate()
            .filter_map(|(j, m)| match m {
                Member::Element(e) if e.field.ns == ff.field.ns && e.field.name == ff.field.name => {
                    Some((j, e.occurs.is_many()))
                }
                _ => None,
            })
            .collect();
        assigns.push(if earlier.is_empty() {
            quote!(out.#f = #expr;)
        } else if earlier.iter().any(|(_, many)| *many) {
            // A list before it takes every occurrence.
            quote!(out.#f = #empty;)
        } else {
            let set = earlier.iter().map(|(j, _)| {
                let e = ident(ctx.names.field(id, *j));
                quote!(out.#e.is_some())
            });
            quote!(out.#f = if #(#set)&&* { #expr } else { #empty };)
        });
    }
    if flat.mixed {
        let f = ident(ctx.names.text_field(id));
        assigns.push(quote!(out.#f = src.text(crate::runtime::xml::Ws::Preserve);));
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

/// An arbitrary value of a scalar type, in the whitespace mode its field is read with.
fn scalar_value(ctx: &Ctx<'_>, tr: &TypeRef) -> TokenStream {
    match scalar_kind(ctx.model, tr) {
        Some((ScalarKind::Enum(id), _)) => {
            let t = ctx.type_path(&id);
            quote!(#t::from_wire(&src.enum_text(#t::VALUES)))
        }
        Some((ScalarKind::Builtin(b), ws)) => {
            let t = super::scalar::builtin_type(b);
            let ws = ws.tokens();
            quote!(<#t as GenerateScalar>::generate_scalar(src, #ws))
        }
        None => quote!(::std::default::Default::default()),
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
pub(crate) fn emit_arbitrary_file(
    ctx: &Ctx<'_>,
    ids: &[&TypeId],
    recursive: &BTreeSet<(TypeId, usize)>,
) -> TokenStream {
    let items = ids.iter().filter(|id| ctx.flat.types.contains_key(**id)).map(|id| emit_generate(ctx, id, recursive));
    quote! {
        //! Arbitrary values of this namespace's types (feature `examples`).
        #![allow(unused_imports, clippy::all)]
        use crate::runtime::arbitrary::{Generate, GenerateScalar, MAX_ITEMS, Source};
        use crate::runtime::example::MAX_DEPTH;
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
