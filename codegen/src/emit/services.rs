//! The service: one descriptor per WSDL operation, from the model's service IR.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;

/// Emits `services.rs`.
pub(crate) fn emit_services(ctx: &Ctx<'_>) -> TokenStream {
    let names = ctx.model.service.operations.iter().map(|op| op.name.as_str());
    quote! {
        //! Operations of the service, in (port, name) order.

        /// The name of every operation of the WSDL, in (port, name) order.
        pub const OPERATION_NAMES: &[&str] = &[#(#names),*];
    }
}
