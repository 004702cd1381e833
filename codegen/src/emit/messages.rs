//! `messages.rs`: the `Message` enum, one variant per global element of complex type, so a caller holding an
//! envelope it did not ask for (a captured response, a request arriving at a server) can decode its body by
//! the element it carries.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};

/// Emits `messages.rs`.
pub(crate) fn emit_messages(ctx: &Ctx<'_>) -> TokenStream {
    let rt = ctx.rt;
    let mut variants = Vec::new();
    let mut names = Vec::new();
    let mut reads = Vec::new();
    for e in &ctx.plan.elements {
        let v = ident(&e.variant);
        let t = ctx.path(&e.path);
        let ns = ctx.ns_const(&e.ns);
        let name = &e.name;
        let doc = format!(" Element `{}` (`{}`).", e.name, e.ns);
        variants.push(quote!(#[doc = #doc] #v(::std::boxed::Box<#t>),));
        names.push(quote!(Self::#v(_) => (#ns, #name),));
        reads.push(quote! {
            (#ns, #name) => Self::#v(::std::boxed::Box::new(<#t as XmlRead>::read_element(r, start)?)),
        });
    }
    // One accessor per abstract base type: the message as that base's trait object, for the variants whose type
    // extends it (every response is an `AbstractResponse`).
    let mut accessors = Vec::new();
    for base in &ctx.plan.bases {
        let trait_path = ctx.path(&base.trait_path);
        let method = ident(&base.method);
        let arms = base.variants.iter().map(|v| {
            let v = ident(v);
            quote!(Self::#v(m) => ::std::option::Option::Some(&**m),)
        });
        let doc = format!(
            " The message as a [`{}`]({}) when its type extends `{}`.",
            base.trait_path.name,
            trait_path.to_string().replace(' ', ""),
            base.id.name
        );
        accessors.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> ::std::option::Option<&dyn #trait_path> {
                #[allow(unreachable_patterns)]
                match self {
                    #(#arms)*
                    _ => ::std::option::Option::None,
                }
            }
        });
    }
    if variants.is_empty() {
        return quote! {
            //! No global element of complex type in this schema.
        };
    }
    quote! {
        //! Every global element of complex type as one enum, for decoding a body by the element it carries.
        use #rt::xml::{DecodeError, StartTag, XmlRead, XmlReader};

        /// A decoded global element.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Message {
            #(#variants)*
        }

        impl Message {
            /// The element's namespace and name.
            pub fn element(&self) -> (&'static str, &'static str) {
                match self {
                    #(#names)*
                }
            }

            #(#accessors)*

            /// Reads the element `start` as whichever global element it is, or `Ok(None)` (leaving the element
            /// unread) when the schema declares no such element.
            ///
            /// # Errors
            /// As the element's own reader.
            pub fn read<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> ::std::result::Result<::std::option::Option<Self>, DecodeError> {
                ::std::result::Result::Ok(::std::option::Option::Some(match (start.ns(), start.local()) {
                    #(#reads)*
                    _ => return ::std::result::Result::Ok(::std::option::Option::None),
                }))
            }

            /// Reads a SOAP envelope whose body holds any global element of the schema (or a fault): for
            /// captured traffic, where the operation is not known in advance.
            ///
            /// # Errors
            /// Malformed XML, a body element the schema does not declare, or the element's own errors.
            pub fn read_envelope(bytes: &[u8]) -> ::std::result::Result<#rt::soap::Response<Self>, DecodeError> {
                #rt::soap::read_envelope(bytes, "a global element of the schema", Self::read)
            }
        }
    }
}
