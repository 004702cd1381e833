//! `XmlRead` impls. Readers match children by namespace URI and local name, in any order, so real PayPal
//! responses that break the schema's order still decode. A field that is already set when its element comes
//! again keeps the first value and the repeat is recorded in the decode report; elements the type does not
//! know are skipped with their raw XML recorded, so nothing received is lost. `xsi:type` is never consulted.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::scalar::{is_stringy, root_builtin, scalar_kind};
use super::{Ctx, ident};
use crate::flatten::Member;
use crate::model::{Builtin, TypeId, TypeRef};

/// The `XmlRead` impl of one complex type.
pub(crate) fn emit_read(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let path = ctx.type_path(id);

    let attr_arms = flat.attributes.iter().enumerate().map(|(i, fa)| {
        let f = ident(ctx.names.attribute(id, i));
        let a = &fa.attribute;
        let ns = ctx.ns_const(&a.ns);
        let name = &a.name;
        let ws = scalar_kind(ctx.model, &a.type_ref).map(|(_, ws)| ws.tokens());
        quote!((#ns, #name) => out.#f = r.attr_scalar(start, a, #ws)?,)
    });
    let attrs = if flat.attributes.is_empty() {
        quote!(for a in start.attrs() { r.unknown_attribute(start, a); })
    } else {
        quote! {
            for a in start.attrs() {
                match (a.ns(), a.local()) {
                    #(#attr_arms)*
                    _ => r.unknown_attribute(start, a),
                }
            }
        }
    };

    let body = if let Some(content) = &flat.simple_content {
        let f = ident(ctx.names.content_field(id));
        let ws = scalar_kind(ctx.model, content).map(|(_, ws)| ws.tokens());
        if root_builtin(ctx.model, content).is_some_and(is_stringy) {
            quote!(out.#f = r.read_scalar(start, #ws)?.unwrap_or_default();)
        } else {
            quote!(out.#f = r.read_scalar(start, #ws)?;)
        }
    } else {
        children(ctx, id)
    };

    quote! {
        impl XmlRead for #path {
            fn read_element<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> ::std::result::Result<Self, DecodeError> {
                let mut out = <Self as ::std::default::Default>::default();
                #attrs
                #body
                ::std::result::Result::Ok(out)
            }
        }
    }
}

fn children(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    let flat = &ctx.flat.types[id];
    let mut arms = Vec::new();
    let mut any_arms = Vec::new();
    let mut taken = BTreeSet::new();
    let mut singles = 0usize;
    for (i, m) in flat.members.iter().enumerate() {
        let f = ident(ctx.names.field(id, i));
        match m {
            Member::Element(ff) => {
                // The same element name twice in one content model (possible through a choice or a
                // redeclared inherited element): the first declaration receives it.
                if !taken.insert((ff.field.ns.clone(), ff.field.name.clone())) {
                    continue;
                }
                let ns = ctx.ns_const(&ff.field.ns);
                let name = &ff.field.name;
                let value = read_one(ctx, &ff.field.type_ref, ctx.is_boxed(id, i));
                let arm = if ff.occurs.is_many() {
                    if scalar_kind(ctx.model, &ff.field.type_ref).is_some() {
                        quote!((#ns, #name) => if let ::std::option::Option::Some(v) = #value { out.#f.push(v); },)
                    } else {
                        quote!((#ns, #name) => out.#f.push(#value),)
                    }
                } else {
                    let slot = singles;
                    singles += 1;
                    let assign = if scalar_kind(ctx.model, &ff.field.type_ref).is_some() {
                        quote!(out.#f = #value;)
                    } else {
                        quote!(out.#f = ::std::option::Option::Some(#value);)
                    };
                    quote! {
                        (#ns, #name) => if seen[#slot] { r.skip_duplicate(&child)?; } else { seen[#slot] = true; #assign },
                    }
                };
                arms.push(arm);
            }
            Member::Any(a) => {
                let guard = any_guard(&a.any.namespace, &a.declared_in.ns);
                any_arms.push(quote!((ns, _) if #guard => out.#f.push(r.read_any(&child)?),));
            }
        }
    }
    let seen = (singles > 0).then(|| quote!(let mut seen = [false; #singles];));
    let next = if flat.mixed {
        let t = ident(ctx.names.text_field(id));
        quote!(r.next_child_mixed(&mut out.#t)?)
    } else {
        quote!(r.next_child()?)
    };
    if arms.is_empty() && any_arms.is_empty() {
        return quote!(while let ::std::option::Option::Some(child) = #next { r.skip_unknown(&child)?; });
    }
    quote! {
        #seen
        while let ::std::option::Option::Some(child) = #next {
            match (child.ns(), child.local()) {
                #(#arms)*
                #(#any_arms)*
                _ => r.skip_unknown(&child)?,
            }
        }
    }
}

/// An expression that reads the element `child` as a value of `tr`: `Option<T>` for scalars (absent when
/// empty or nil), `T` (boxed when `boxed`) for complex types.
fn read_one(ctx: &Ctx<'_>, tr: &TypeRef, boxed: bool) -> TokenStream {
    if *tr == TypeRef::Builtin(Builtin::AnyType) {
        return quote!(r.read_any(&child)?);
    }
    if let Some((_, ws)) = scalar_kind(ctx.model, tr) {
        let ws = ws.tokens();
        return quote!(r.read_scalar(&child, #ws)?);
    }
    let path = ctx.rust_type(tr);
    if boxed {
        quote!(::std::boxed::Box::new(<#path as XmlRead>::read_element(r, &child)?))
    } else {
        quote!(<#path as XmlRead>::read_element(r, &child)?)
    }
}

/// The match guard (on `ns`, the child's namespace) for an `xs:any` namespace constraint.
fn any_guard(constraint: &str, target_ns: &str) -> TokenStream {
    let mut alternatives = Vec::new();
    for token in constraint.split_whitespace() {
        alternatives.push(match token {
            "##any" => quote!(true),
            "##local" => quote!(ns.is_empty()),
            "##targetNamespace" => quote!(ns == #target_ns),
            "##other" => quote!((!ns.is_empty() && ns != #target_ns)),
            uri => quote!(ns == #uri),
        });
    }
    if alternatives.is_empty() {
        return quote!(true);
    }
    quote!(#(#alternatives)||*)
}
