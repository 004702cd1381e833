//! `XmlWrite` impls: each complex type writes its start tag, attributes, text value or child elements in
//! schema order, and its end tag. Every element is written in the namespace the schema gives it, which is
//! why inherited eBL fields inside a PayPalAPI element come out in the eBL namespace.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{Shape, StructPlan, TypePlan, Value};

/// The `XmlWrite` impl of one complex type.
pub(crate) fn emit_write(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let path = ctx.path(&t.path);

    let attrs = s.attributes.iter().map(|a| {
        let f = ident(&a.rust);
        let name = &a.wire;
        quote!(if let ::std::option::Option::Some(v) = &self.#f { w.attr_scalar(#name, v)?; })
    });

    let content = s.content.as_ref().map(|c| {
        let f = ident(&c.rust);
        if c.shape == Shape::Plain {
            quote!(w.text_scalar(&self.#f)?;)
        } else {
            quote!(if let ::std::option::Option::Some(v) = &self.#f { w.text_scalar(v)?; })
        }
    });

    let members = s.members.iter().map(|m| {
        let f = ident(&m.rust);
        let one = match &m.value {
            Value::Wildcard { .. } => return quote!(for v in &self.#f { w.any(v)?; }),
            Value::AnyType => quote!(w.any(v)?;),
            Value::Scalar { .. } => {
                let (ns, name) = (ctx.ns_const(&m.ns), &m.wire);
                quote!(w.scalar_element(#ns, #name, v)?;)
            }
            Value::Complex { .. } => {
                let (ns, name) = (ctx.ns_const(&m.ns), &m.wire);
                quote!(v.write_element(w, #ns, #name)?;)
            }
        };
        if m.shape == Shape::List {
            quote!(for v in &self.#f { #one })
        } else {
            quote!(if let ::std::option::Option::Some(v) = &self.#f { #one })
        }
    });

    let text = s.text.as_ref().map(|t| {
        let f = ident(t);
        quote!(w.text(&self.#f)?;)
    });

    quote! {
        impl XmlWrite for #path {
            fn write_element(&self, w: &mut XmlWriter, ns: &'static str, name: &'static str) -> ::std::result::Result<(), EncodeError> {
                w.start(ns, name)?;
                #(#attrs)*
                w.end_start()?;
                #content
                #(#members)*
                #text
                w.end(ns, name)
            }
        }
    }
}
