//! Emits the generated error module from a [`Catalog`]: the typed `ErrorCode` and the `CATALOG` table the
//! runtime's `crate::recovery` types are filled with.
//!
//! The table is written in code order (the catalog is a `BTreeMap`), which is what lets `ErrorCode::info`
//! binary-search it, and each code's messages in file order.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::{Catalog, CodeEntry, MessageEntry};

/// The Rust source of the generated error module (`generated/src/generated/errors.rs`) for `catalog`.
///
/// The output refers to the `paypal-soap` crate's recovery layer as `crate::recovery` and to everything outside
/// the crate by a fully qualified path.
///
/// # Example
/// ```
/// let text = "code\tapis\tshort_message\tlong_message\trecovery\trest_names\tguidance\n\
///             10486\tDoExpressCheckoutPayment\t\t\tredirect_to_paypal\t\tSend the buyer back to PayPal.\n";
/// let catalog = codegen::catalog::parse("catalog.tsv", text).unwrap();
/// let source = codegen::catalog::emit_catalog(&catalog).to_string();
/// assert!(source.contains("pub enum ErrorCode"));
/// assert!(source.contains("RedirectToPayPal"));
/// ```
pub fn emit_catalog(catalog: &Catalog) -> TokenStream {
    let len = Literal::usize_unsuffixed(catalog.codes.len());
    let entries = catalog.codes.values().map(entry);
    let error_code = error_code();
    quote! {
        //! PayPal's classic error codes: the typed [`ErrorCode`] and [`CATALOG`], what the project knows about each
        //! code (PayPal's messages, the APIs that return it, the recovery, the corresponding REST error names and
        //! our guidance). Generated from `schemas/error-catalog.tsv`; the types and the recovery rules are in
        //! `crate::recovery`.

        use crate::recovery::{ErrorInfo, MessageInfo, RecoveryClass, ReportedError, Severity};

        #error_code

        /// Every code of the catalog, sorted by code so [`ErrorCode::info`] can binary-search it.
        pub static CATALOG: [ErrorInfo; #len] = [#(#entries),*];
    }
}

/// `ErrorCode` and its impls; they do not depend on the catalog's content.
fn error_code() -> TokenStream {
    quote! {
        /// A PayPal error code, as the `ErrorCode` element of an `Errors` entry carries it.
        ///
        /// Codes the catalog does not list, and codes that are not numbers, are kept as received, never
        /// rejected: [`ErrorCode::info`] then returns `None`.
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord
        )]
        pub enum ErrorCode {
            /// A code in canonical decimal form (no sign, no leading zero), as PayPal documents them.
            Number(u32),
            /// Any other token, with its whitespace collapsed.
            Text(::std::string::String),
        }

        impl ErrorCode {
            /// Reads the `ErrorCode` element's text, an `xs:token`: whitespace is collapsed, a canonical decimal
            /// becomes [`ErrorCode::Number`] and anything else [`ErrorCode::Text`]. It never fails.
            pub fn from_wire(text: &str) -> Self {
                let token = crate::recovery::collapse_token(text);
                match crate::recovery::canonical_number(&token) {
                    ::std::option::Option::Some(number) => Self::Number(number),
                    ::std::option::Option::None => Self::Text(token.into_owned()),
                }
            }

            /// The code as a number, when it is one.
            pub fn number(&self) -> ::std::option::Option<u32> {
                match self {
                    Self::Number(number) => ::std::option::Option::Some(*number),
                    Self::Text(_) => ::std::option::Option::None,
                }
            }

            /// What the catalog knows about the code; `None` for a code it does not list.
            pub fn info(&self) -> ::std::option::Option<&'static ErrorInfo> {
                self.number().and_then(|number| crate::recovery::lookup(&CATALOG, number))
            }

            /// The recovery for a received error with this code and these messages (see
            /// [`ErrorInfo::recovery_for`]); `None` for a code the catalog does not list.
            pub fn recovery(
                &self,
                short: ::std::option::Option<&str>,
                long: ::std::option::Option<&str>,
            ) -> ::std::option::Option<RecoveryClass> {
                self.info().map(|info| info.recovery_for(short, long))
            }

            /// A received error with this code, as `crate::recovery::decide` takes it.
            pub fn reported(
                &self,
                short: ::std::option::Option<&str>,
                long: ::std::option::Option<&str>,
                severity: Severity,
            ) -> ReportedError {
                ReportedError { recovery: self.recovery(short, long), severity }
            }
        }

        /// The code as PayPal sends it.
        impl ::std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Self::Number(number) => ::std::fmt::Display::fmt(number, f),
                    Self::Text(text) => f.write_str(text),
                }
            }
        }

        impl ::std::convert::From<u32> for ErrorCode {
            fn from(number: u32) -> Self {
                Self::Number(number)
            }
        }

        /// The same as [`ErrorCode::from_wire`]; it cannot fail.
        impl ::std::str::FromStr for ErrorCode {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_wire(text))
            }
        }
    }
}

/// One `ErrorInfo` of the table.
fn entry(entry: &CodeEntry) -> TokenStream {
    let code = Literal::u32_unsuffixed(entry.code);
    let apis = entry.apis();
    let recovery = recovery(entry.recovery());
    let rest_names = &entry.rest_names;
    let messages = entry.messages.iter().map(message);
    quote! {
        ErrorInfo {
            code: #code,
            apis: &[#(#apis),*],
            recovery: #recovery,
            rest_names: &[#(#rest_names),*],
            messages: &[#(#messages),*],
        }
    }
}

/// One `MessageInfo` of an entry.
fn message(message: &MessageEntry) -> TokenStream {
    let short = optional(message.short.as_deref());
    let long = optional(message.long.as_deref());
    let apis = &message.apis;
    let recovery = recovery(message.recovery);
    let guidance = &message.guidance;
    quote! {
        MessageInfo { short: #short, long: #long, apis: &[#(#apis),*], recovery: #recovery, guidance: #guidance }
    }
}

fn recovery(recovery: super::Recovery) -> TokenStream {
    let variant = Ident::new(recovery.variant(), Span::call_site());
    quote!(RecoveryClass::#variant)
}

fn optional(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::std::option::Option::Some(#text)),
        None => quote!(::std::option::Option::None),
    }
}
