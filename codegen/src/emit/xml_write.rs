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
        quote!(w.attr_opt(#name, &self.#f);)
    });

    let content = s.content.as_ref().map(|c| {
        let f = ident(&c.rust);
        if c.shape == Shape::Plain {
            quote!(w.text_scalar(&self.#f)?;)
        } else {
            quote!(if let ::std::option::Option::Some(v) = &self.#f { w.text_scalar(v)?; })
        }
    });

    // One runtime call per field (see the runtime's `write_fields.rs`), with no error check of its own: the
    // writer keeps a field's error and `finish` returns it.
    let members = s.members.iter().map(|m| {
        let f = ident(&m.rust);
        let (ns, name) = (ctx.ns_short(&m.ns), &m.wire);
        let list = m.shape == Shape::List;
        match &m.value {
            Value::Wildcard { .. } => quote!(w.any_list(&self.#f);),
            Value::AnyType if list => quote!(w.any_list(&self.#f);),
            Value::AnyType => quote!(w.any_opt(&self.#f);),
            Value::Scalar { .. } if list => quote!(w.scalar_list(#ns, #name, &self.#f);),
            Value::Scalar { .. } => quote!(w.scalar_opt(#ns, #name, &self.#f);),
            Value::Complex { .. } if list => quote!(w.complex_list(#ns, #name, &self.#f);),
            Value::Complex { .. } if m.shape == Shape::Boxed => quote!(w.boxed_opt(#ns, #name, &self.#f);),
            Value::Complex { .. } => quote!(w.complex_opt(#ns, #name, &self.#f);),
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
                w.finish(ns, name)
            }
        }
    }
}
