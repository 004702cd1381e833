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
            TypeKind::Enum(e) => Some(enumeration(ctx, t, e)),
            _ => None,
        }
    });
    quote! {
        //! Enumerations of this namespace.
        #(#items)*
    }
}

fn enumeration(ctx: &Ctx<'_>, t: &TypePlan, e: &EnumPlan) -> TokenStream {
    let name = ident(&t.path.name);
    let unknown = ident(&e.unknown);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    // The lookup table: each wire text once, with the number of its first variant.
    let mut sorted: Vec<(&str, u16)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let n = u16::try_from(i).expect("an enumeration has fewer than 65,536 values");
        sorted.push((v, n));
    }
    // The runtime's `wire_order`: by length, then byte by byte.
    sorted.sort_by(|a, b| (a.0.len(), a.0.as_bytes(), a.1).cmp(&(b.0.len(), b.0.as_bytes(), b.1)));
    sorted.dedup_by(|later, first| later.0 == first.0);
    let by_text = sorted.iter().map(|(v, n)| quote!((#v, #n)));
    let numbers = (0..values.len()).map(|i| u16::try_from(i).expect("checked above"));
    let rt = ctx.rt;
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
                const BY_TEXT: &[(&str, u16)] = &[#(#by_text),*];
                match #rt::scalar::enumeration::variant_of(value, BY_TEXT) {
                    #(::std::option::Option::Some(#numbers) => Self::#variants,)*
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
