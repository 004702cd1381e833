//! `XmlRead` impls. Readers match children by namespace URI and local name, in any order, so real PayPal
//! responses that break the schema's order still decode. The local name is compared first: it tells the
//! candidates apart after a length check, so the (long, usually shared) namespace URI is compared once per child. A field that is already set when its element comes
//! again keeps the first value and the repeat is recorded in the decode report; elements the type does not
//! know are skipped with their raw XML recorded, so nothing received is lost. `xsi:type` is never consulted.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{FieldPlan, Shape, StructPlan, TypePlan, Value};

/// The `XmlRead` impl of one complex type.
pub(crate) fn emit_read(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let path = ctx.path(&t.path);

    let attr_arms = s.attributes.iter().map(|a| {
        let f = ident(&a.rust);
        let ns = ctx.ns_const(&a.ns);
        let name = &a.wire;
        let ws = match &a.value {
            Value::Scalar { scalar, .. } => Some(ctx.ws(scalar.ws)),
            _ => None,
        };
        quote!((#name, ns) if ns == #ns => out.#f = r.attr_scalar(start, a, #ws)?,)
    });
    let attrs = if s.attributes.is_empty() {
        quote!(for a in start.attrs() {
            r.unknown_attribute(start, a);
        })
    } else {
        quote! {
            for a in start.attrs() {
                match (a.local(), a.ns()) {
                    #(#attr_arms)*
                    _ => r.unknown_attribute(start, a),
                }
            }
        }
    };

    let body = if let Some(c) = &s.content {
        let f = ident(&c.rust);
        let ws = match &c.value {
            Value::Scalar { scalar, .. } => Some(ctx.ws(scalar.ws)),
            _ => None,
        };
        // The attributes were read above, so the content is read without them (`read_scalar` would record them
        // all again as unknown).
        if c.shape == Shape::Plain {
            quote!(out.#f = r.read_content(start, #ws)?.unwrap_or_default();)
        } else {
            quote!(out.#f = r.read_content(start, #ws)?;)
        }
    } else {
        children(ctx, s)
    };

    // A type with nothing to fill (an empty complexType) only skips what it receives.
    let assigns = !s.attributes.is_empty() || s.content.is_some() || !s.members.is_empty() || s.text.is_some();
    let binding = if assigns { quote!(let mut out) } else { quote!(let out) };
    quote! {
        impl XmlRead for #path {
            fn read_element<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> ::std::result::Result<Self, DecodeError> {
                #binding = <Self as ::std::default::Default>::default();
                #attrs
                #body
                ::std::result::Result::Ok(out)
            }
        }
    }
}

fn children(ctx: &Ctx<'_>, s: &StructPlan) -> TokenStream {
    // Members grouped by wire name, in first-declaration order. The same name can be declared twice in one
    // content model (a derived type redeclaring an inherited element, as DoUATPAuthorizationResponseType does
    // with MsgSubID): the first occurrence fills the first declaration, the next one the second, and so on.
    let mut groups: Vec<((&str, &str), Vec<&FieldPlan>)> = Vec::new();
    let mut any_arms = Vec::new();
    let mut takes_all = false;
    for m in &s.members {
        if let Value::Wildcard { namespace } = &m.value {
            let f = ident(&m.rust);
            let guard = any_guard(namespace, &m.ns);
            // `##any` takes everything, so its arm binds nothing and no fallback follows it.
            let catch_all = guard.to_string() == "true";
            takes_all |= catch_all;
            let pattern = if catch_all { quote!((_, _)) } else { quote!((_, ns) if #guard) };
            any_arms.push(quote!(#pattern => out.#f.push(r.read_any(child)?),));
            continue;
        }
        let key = (m.ns.as_str(), m.wire.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    let mut singles = 0usize;
    let mut arms = Vec::new();
    for ((ns, name), members) in &groups {
        let ns = ctx.ns_const(ns);
        let mut body = quote!(r.skip_duplicate(child)?;);
        // Built from the last declaration backwards, so the first one is tested first.
        for m in members.iter().rev() {
            let f = ident(&m.rust);
            let value = read_one(ctx, m);
            // Everything but `xs:anyType` reads as an `Option`: absent when nil (and, for scalars, when empty).
            let optional = m.value != Value::AnyType;
            body = if m.shape == Shape::List {
                // A list takes every occurrence, so later declarations of the same name are unreachable. The
                // reader appends, so that it can size the list from its first item. A nil item is left out;
                // if it had content anyway, the reader has recorded it.
                if optional {
                    quote!(if let ::std::option::Option::Some(v) = #value { r.push_item(&mut out.#f, v, child); })
                } else {
                    quote!({
                        let v = #value;
                        r.push_item(&mut out.#f, v, child);
                    })
                }
            } else {
                let slot = singles;
                singles += 1;
                let assign = if optional {
                    quote!(out.#f = #value;)
                } else {
                    quote!(out.#f = ::std::option::Option::Some(#value);)
                };
                quote!(if !seen[#slot] { seen[#slot] = true; #assign } else { #body })
            };
        }
        arms.push(quote!((#name, ns) if ns == #ns => { #body }));
    }
    let seen = (singles > 0).then(|| quote!(let mut seen = [false; #singles];));
    let next = if let Some(text) = &s.text {
        let t = ident(text);
        quote!(r.next_child_mixed(&mut out.#t))
    } else {
        quote!(r.next_child())
    };
    // The child is borrowed where the reader returned it (`ref`): a start tag is 128 bytes, and moving it out of
    // the `Result` (as `?` and `while let` would) copies it for every element.
    let child = quote! {
        let next = #next;
        let child = match next {
            ::std::result::Result::Ok(::std::option::Option::Some(ref child)) => child,
            ::std::result::Result::Ok(::std::option::Option::None) => break,
            ::std::result::Result::Err(e) => return ::std::result::Result::Err(e),
        };
    };
    let fallback = (!takes_all).then(|| quote!(_ => r.skip_unknown(child)?,));
    if arms.is_empty() && any_arms.is_empty() {
        return quote!(loop { #child r.skip_unknown(child)?; });
    }
    quote! {
        #seen
        loop {
            #child
            match (child.local(), child.ns()) {
                #(#arms)*
                #(#any_arms)*
                #fallback
            }
        }
    }
}

/// An expression that reads the element `child` as a value of field `f`: `Option<T>` for scalars (absent when
/// empty or nil) and for complex types (absent when nil; boxed when the field is), and an `AnyElement` for
/// `xs:anyType`, which keeps even a nil element as received.
fn read_one(ctx: &Ctx<'_>, f: &FieldPlan) -> TokenStream {
    match &f.value {
        Value::AnyType | Value::Wildcard { .. } => quote!(r.read_any(child)?),
        Value::Scalar { scalar, .. } => {
            let ws = ctx.ws(scalar.ws);
            quote!(r.read_scalar(child, #ws)?)
        }
        Value::Complex { path, .. } => {
            let path = ctx.path(path);
            let read = quote!(r.read_nillable(child, |r| <#path as XmlRead>::read_element(r, child))?);
            if f.shape == Shape::Boxed { quote!(#read.map(::std::boxed::Box::new)) } else { read }
        }
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
