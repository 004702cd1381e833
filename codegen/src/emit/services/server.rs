//! The server side of the service, for the fake PayPal (`fake-server` feature): the `PayPalApi` trait with one
//! handler per operation, and `dispatch`, which routes a request envelope to its handler through the runtime's
//! `Exchange` (decode, record, check credentials and scripted failures, call, encode).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::{Ctx, ident};
use crate::plan::OperationPlan;

/// Emits the `server` module, or nothing when no operation is typed.
pub(crate) fn emit_server(svc: &TokenStream, ctx: &Ctx<'_>, plans: &[OperationPlan]) -> TokenStream {
    let typed: Vec<&OperationPlan> = plans.iter().filter(|p| p.is_typed()).collect();
    if typed.is_empty() {
        return TokenStream::new();
    }
    let methods = typed.iter().map(|p| trait_method(svc, ctx, p));
    let arms = typed.iter().map(|p| dispatch_arm(ctx, p));
    let server = format!("{}::server", ctx.svc_text);
    let module_doc = format!(" The server side, for the fake PayPal (`{server}`).");
    let trait_doc = [
        " The fake PayPal's handlers: one method per WSDL operation, each given the caller's".to_owned(),
        format!(" [`Call`]({server}::Call) and the decoded inner request."),
        String::new(),
        format!(" Every method has a default that answers [`Reply::Unhandled`]({server}::Reply::Unhandled):"),
        " the server then answers as its `DefaultReply` says (by default `Ack=Failure` with error code".to_owned(),
        " `NotImplementedByFake`, so a test that forgets a handler fails loudly instead of seeing a payment".to_owned(),
        " succeed). Implement the operations a test needs; write them as `async fn`.".to_owned(),
    ];
    quote! {
        #[doc = #module_doc]
        #[cfg(feature = "testing")]
        pub mod server {
            use super::ops;

            #(#[doc = #trait_doc])*
            pub trait PayPalApi: ::std::marker::Send + ::std::marker::Sync + 'static {
                #(#methods)*
            }

            /// Routes one request envelope to its handler: finds the operation by the body element, decodes the
            /// request, records it, checks credentials and scripted replies, calls the handler and encodes its
            /// reply. Requests for no known operation get a SOAP `Client` fault.
            pub async fn dispatch<A: PayPalApi + ?Sized>(
                api: &A,
                ex: &mut #svc::server::Exchange<'_>,
            ) -> #svc::server::HttpReply {
                let ::std::option::Option::Some(op) = ex.operation(super::OPERATIONS) else {
                    return ex.unknown_operation();
                };
                match (op.port, op.name) {
                    #(#arms)*
                    _ => ex.unknown_operation(),
                }
            }
        }
    }
}

fn trait_method(svc: &TokenStream, ctx: &Ctx<'_>, p: &OperationPlan) -> TokenStream {
    let method = ident(&p.rust);
    let request_ty = ctx.path(&p.request);
    let Some((resp, _)) = &p.response else { return TokenStream::new() };
    let response_ty = ctx.path(resp);
    let doc = format!(
        " Handles `{}` (port `{}`, {}). Default: [`Reply::Unhandled`]({}::server::Reply::Unhandled).",
        p.name, p.port, p.effect, ctx.svc_text
    );
    quote! {
        #[doc = #doc]
        fn #method(
            &self,
            call: &#svc::server::Call,
            request: #request_ty,
        ) -> impl ::std::future::Future<Output = #svc::server::Reply<#response_ty>> + ::std::marker::Send {
            let _ = (call, request);
            ::std::future::ready(#svc::server::Reply::Unhandled)
        }
    }
}

fn dispatch_arm(ctx: &Ctx<'_>, p: &OperationPlan) -> TokenStream {
    let method = ident(&p.rust);
    let c = ident(&p.konst);
    let (port, name) = (&p.port, &p.name);
    let wrapper_ty = ctx.path(&p.wrapper);
    let Some((resp, _)) = &p.response else { return TokenStream::new() };
    let response_ty = ctx.path(resp);
    let unwrap = match &p.inner {
        Some(inner) => {
            let f = ident(&inner.field);
            if inner.boxed {
                quote!(let request = request.#f.map(|b| *b).unwrap_or_default();)
            } else {
                quote!(let request = request.#f.unwrap_or_default();)
            }
        }
        None => TokenStream::new(),
    };
    // Each arm runs in its own boxed future: inline, the dispatcher's future would be as large as the largest
    // operation's state (tens of KiB, copied on every request).
    quote! {
        (#port, #name) => ::std::boxed::Box::pin(async move {
            let op = &ops::#c;
            let request = match ex.decode::<#wrapper_ty>(op) {
                ::std::result::Result::Ok(request) => request,
                ::std::result::Result::Err(reply) => return reply,
            };
            #unwrap
            ex.record(&request);
            if let ::std::option::Option::Some(reply) = ex.intercept::<#response_ty>(op).await {
                return reply;
            }
            let reply = api.#method(ex.call(), request).await;
            ex.respond(op, reply)
        })
        .await,
    }
}
