//! `XmlRead` impls. Readers match children by namespace URI and local name, in any order, so real PayPal
//! responses that break the schema's order still decode. Each reader is a table of the names it knows and one
//! runtime call per field (`find_in`, then `scalar_once`, `complex_item`, … from the runtime's
//! `read/fields.rs`): the per-field steps are shared generic code, which keeps both the emitted text and the
//! crate's build small. A field that is already set when its element comes again keeps the first value and the
//! repeat is recorded in the decode report; elements the type does not know are skipped with their raw XML
//! recorded, so nothing received is lost. `xsi:type` is never consulted.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{FieldPlan, Shape, StructPlan, TypePlan, Value};

/// The `XmlRead` impl of one complex type.
pub(crate) fn emit_read(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let path = ctx.path(&t.path);

    let attr_arms = s.attributes.iter().map(|a| {
        let f = ident(&a.rust);
        let ns = ctx.ns_short(&a.ns);
        let name = &a.wire;
        let ws = match &a.value {
            Value::Scalar { scalar, .. } => Some(Ctx::ws_short(scalar.ws)),
            _ => None,
        };
        quote!((#name, ns) if ns == #ns => out.#f = r.attr_scalar(start, a, #ws)?,)
    });
    let attrs = if s.attributes.is_empty() {
        quote!(r.attributes_unknown(start);)
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
            Value::Scalar { scalar, .. } => Some(Ctx::ws_short(scalar.ws)),
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
    let mut wildcards = Vec::new();
    for m in &s.members {
        if let Value::Wildcard { namespace } = &m.value {
            wildcards.push((ident(&m.rust), any_guard(namespace, &m.ns)));
            continue;
        }
        let key = (m.ns.as_str(), m.wire.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    // Each arm is one runtime call (see the runtime's `read/fields.rs`); `seen` marks the single-valued fields
    // already read, so a repeat keeps the first value and is recorded.
    let mut singles = 0usize;
    let mut arms = Vec::new();
    for (index, (_, members)) in groups.iter().enumerate() {
        let mut body = None;
        // Built from the last declaration backwards, so the first one is tested first.
        for m in members.iter().rev() {
            if m.shape == Shape::List {
                // A list takes every occurrence, so later declarations of the same name are unreachable.
                body = Some(read_item(m));
                continue;
            }
            let slot = singles;
            singles += 1;
            let once = read_once(m, slot);
            body = Some(match body {
                None => once,
                Some(rest) => quote!(if !seen[#slot] { #once } else { #rest }),
            });
        }
        arms.push(quote!(#index => #body,));
    }
    // Elements that no name matches go to the first wildcard whose namespace constraint admits them, else are
    // skipped and recorded. `##any` admits everything, so nothing after it is reachable.
    let mut fallback = quote!(r.skip_unknown(child));
    for (f, guard) in wildcards.iter().rev() {
        fallback = if guard.to_string() == "true" {
            quote!(r.any_item(&mut out.#f, child))
        } else {
            quote!(if #guard { r.any_item(&mut out.#f, child) } else { #fallback })
        };
    }
    let seen = (singles > 0).then(|| quote!(let mut seen = [false; #singles];));
    let names = groups.iter().map(|((ns, name), _)| {
        let ns = ctx.ns_short(ns);
        quote!((#ns, #name))
    });
    let (table, dispatch) = if arms.is_empty() {
        (None, fallback)
    } else {
        // `next` is where the name search starts: after the element read last (see `StartTag::find_in`).
        let table = quote!(const NAMES: &[(&str, &str)] = &[#(#names),*]; let mut next = 0usize;);
        let dispatch = quote! {
            match child.find_in(NAMES, &mut next) {
                #(#arms)*
                _ => #fallback,
            }
        };
        (Some(table), dispatch)
    };
    let read = match &s.text {
        Some(text) => {
            let t = ident(text);
            quote!(r.read_children_mixed(&mut out.#t, &mut |r, child| #dispatch)?;)
        }
        None => quote!(r.read_children(&mut |r, child| #dispatch)?;),
    };
    quote!(#table #seen #read)
}

/// The call that reads one occurrence of a single-valued member's element into its field; `slot` is the
/// member's place in `seen`.
fn read_once(f: &FieldPlan, slot: usize) -> TokenStream {
    let field = ident(&f.rust);
    match &f.value {
        Value::AnyType | Value::Wildcard { .. } => quote!(r.any_once(&mut seen, #slot, &mut out.#field, child)),
        Value::Scalar { scalar, .. } => {
            let ws = Ctx::ws_short(scalar.ws);
            quote!(r.scalar_once(&mut seen, #slot, &mut out.#field, child, #ws))
        }
        Value::Complex { .. } if f.shape == Shape::Boxed => {
            quote!(r.boxed_once(&mut seen, #slot, &mut out.#field, child))
        }
        Value::Complex { .. } => quote!(r.complex_once(&mut seen, #slot, &mut out.#field, child)),
    }
}

/// The call that reads one occurrence of a list member's element and appends it.
fn read_item(f: &FieldPlan) -> TokenStream {
    let field = ident(&f.rust);
    match &f.value {
        Value::AnyType | Value::Wildcard { .. } => quote!(r.any_item(&mut out.#field, child)),
        Value::Scalar { scalar, .. } => {
            let ws = Ctx::ws_short(scalar.ws);
            quote!(r.scalar_item(&mut out.#field, child, #ws))
        }
        Value::Complex { .. } => quote!(r.complex_item(&mut out.#field, child)),
    }
}

/// The condition on the child's namespace for an `xs:any` namespace constraint.
fn any_guard(constraint: &str, target_ns: &str) -> TokenStream {
    let mut alternatives = Vec::new();
    for token in constraint.split_whitespace() {
        alternatives.push(match token {
            "##any" => quote!(true),
            "##local" => quote!(child.ns().is_empty()),
            "##targetNamespace" => quote!(child.ns() == #target_ns),
            // `&&` binds tighter than the `||` joining alternatives, so no parentheses are needed.
            "##other" => quote!(!child.ns().is_empty() && child.ns() != #target_ns),
            uri => quote!(child.ns() == #uri),
        });
    }
    if alternatives.is_empty() {
        return quote!(true);
    }
    quote!(#(#alternatives)||*)
}
