//! `XmlWrite` impls: each complex type writes its start tag, attributes, text value or child elements in
//! schema order, and its end tag. Every element is written in the namespace the schema gives it, which is
//! why inherited eBL fields inside a PayPalAPI element come out in the eBL namespace.

use proc_macro2::TokenStream;
use quote::quote;

use super::scalar::{is_stringy, root_builtin, scalar_kind};
use super::{Ctx, ident};
use crate::flatten::Member;
use crate::model::{Builtin, TypeId, TypeRef};

/// The `XmlWrite` impl of one complex type.
pub(crate) fn emit_write(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let path = ctx.type_path(id);

    let attrs = flat.attributes.iter().enumerate().map(|(i, fa)| {
        let f = ident(ctx.names.attribute(id, i));
        let name = &fa.attribute.name;
        quote!(if let ::std::option::Option::Some(v) = &self.#f { w.attr_scalar(#name, v)?; })
    });

    let content = flat.simple_content.as_ref().map(|c| {
        let f = ident(ctx.names.content_field(id));
        if root_builtin(ctx.model, c).is_some_and(is_stringy) {
            quote!(w.text_scalar(&self.#f)?;)
        } else {
            quote!(if let ::std::option::Option::Some(v) = &self.#f { w.text_scalar(v)?; })
        }
    });

    let members = flat.members.iter().enumerate().map(|(i, m)| {
        let f = ident(ctx.names.field(id, i));
        match m {
            Member::Any(_) => quote!(for v in &self.#f { w.any(v)?; }),
            Member::Element(ff) => {
                let ns = ctx.ns_const(&ff.field.ns);
                let name = &ff.field.name;
                let one = write_one(ctx, &ff.field.type_ref, &ns, name);
                if ff.occurs.is_many() {
                    quote!(for v in &self.#f { #one })
                } else {
                    quote!(if let ::std::option::Option::Some(v) = &self.#f { #one })
                }
            }
        }
    });

    let text = flat.mixed.then(|| {
        let f = ident(ctx.names.text_field(id));
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

/// Writes the value `v` (a reference) as element `{ns}name`.
fn write_one(ctx: &Ctx<'_>, tr: &TypeRef, ns: &TokenStream, name: &str) -> TokenStream {
    if *tr == TypeRef::Builtin(Builtin::AnyType) {
        return quote!(w.any(v)?;);
    }
    if scalar_kind(ctx.model, tr).is_some() {
        quote!(w.scalar_element(#ns, #name, v)?;)
    } else {
        quote!(v.write_element(w, #ns, #name)?;)
    }
}
