//! Enumerations: one Rust enum per enumerated simple type, with a catch-all variant that keeps values the
//! schema does not list. PayPal adds enumeration values without notice (`Completed_Funds_Held`, `refund`), and
//! its own SDKs crash on them; ours keeps the text, and `#[non_exhaustive]` lets a new schema version add
//! variants without breaking callers' matches.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::doc_alias;
use super::{Ctx, doc_attrs, ident};
use crate::plan::{EnumPlan, ModulePlan, TypeKind, TypePlan};

/// Emits `enums.rs` of one namespace.
pub(crate) fn emit_enums(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let items = module.types.iter().filter_map(|id| {
        let t = ctx.plan.types.get(id)?;
        match &t.kind {
            TypeKind::Enum(e) => Some(enumeration(t, e)),
            _ => None,
        }
    });
    quote! {
        //! Enumerations of this namespace.
        #(#items)*
    }
}

fn enumeration(t: &TypePlan, e: &EnumPlan) -> TokenStream {
    let name = ident(&t.path.name);
    let unknown = ident(&e.unknown);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let byte_patterns = values.iter().map(|value| byte_pattern(value));
    let variant_defs = e.variants.iter().zip(&variants).map(|(v, var)| {
        let docs = doc_attrs(v.doc.as_deref(), &format!("Wire value `{}`.", v.wire));
        quote!(#docs #var,)
    });
    let note = format!(
        "XSD: enumeration `{}` (`{}`), {} values. Values the schema does not list decode to `{unknown}` with \
         their text, and are written back unchanged.",
        t.id.name,
        t.id.ns,
        values.len()
    );
    let docs = doc_attrs(t.doc.as_deref(), &note);
    let alias_attr = doc_alias(&t.path.name, &t.id.name);
    let unknown_doc = " A value this version of the schema does not list, kept exactly as received.";
    quote! {
        #docs
        #alias_attr
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            #[doc = #unknown_doc]
            #unknown(::std::string::String),
        }

        impl #name {
            /// Every value the schema lists, in schema order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#unknown(value) => value,
                }
            }

            /// Maps wire text to a variant; text the schema does not list is kept in the catch-all variant.
            /// Matching is exact: PayPal's enumerations are case-sensitive (`none` and `None` differ).
            pub fn from_wire(value: &str) -> Self {
                match value.as_bytes() {
                    #(#byte_patterns => Self::#variants,)*
                    _ => Self::#unknown(::std::string::String::from(value)),
                }
            }

            /// False for values the schema does not list.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::#unknown(_))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_wire(value))
            }
        }
    }
}

/// A slice pattern of the bytes of `value` (`[b'U', b'S', b'D']`). The compiler turns a match on such patterns
/// into one decision on the length and then on each byte in turn, where a match on string literals compares the
/// text with each value in turn: `CurrencyCodeType` has 176 values, and decoding spent more time there than in
/// any other function of the generated code.
fn byte_pattern(value: &str) -> TokenStream {
    let bytes = value.bytes().map(|b| {
        if b.is_ascii_graphic() || b == b' ' {
            proc_macro2::Literal::byte_character(b)
        } else {
            proc_macro2::Literal::u8_suffixed(b)
        }
    });
    quote!([#(#bytes),*])
}

/// The `XmlScalar` impl of an enumeration (emitted into the namespace's `xml.rs`).
pub(crate) fn emit_scalar_impl(ctx: &Ctx<'_>, t: &TypePlan) -> TokenStream {
    let rt = ctx.rt;
    let path = ctx.path(&t.path);
    quote! {
        impl XmlScalar for #path {
            const EMPTY_IS_ABSENT: bool = true;
            fn to_xml_text(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
            fn from_xml_text(text: &str) -> ::std::result::Result<Self, #rt::xml::ValueError> {
                ::std::result::Result::Ok(Self::from_wire(text))
            }
        }
    }
}
