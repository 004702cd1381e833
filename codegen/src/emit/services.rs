//! The service: from the model's operations to `services.rs`, holding one descriptor per WSDL operation (`ops`,
//! `OPERATIONS`), the typed client methods on the runtime's `Client`, the `ApiResponse` impls of the response
//! types, and (behind the `fake-server` feature) the server-side `PayPalApi` trait and its dispatcher.
//!
//! An operation gets a client method and a server method only when its response type carries the fields of
//! PayPal's `AbstractResponseType` (`Timestamp`, `Ack`, `CorrelationID`, `Errors`, `Version`, `Build`, with
//! PayPal's `AckCodeType` and `ErrorType`), since the runtime reads the outcome from them. Every PayPal
//! operation does; a fixture schema with other base types gets descriptors only, and a plain XSD (no service)
//! gets nothing but an empty name list.

mod plan;
mod server;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use plan::{Effect, OpPlan, plan_operations};

/// Emits `services.rs`.
pub(crate) fn emit_services(ctx: &Ctx<'_>) -> TokenStream {
    let ops = &ctx.model.service.operations;
    let names = ops.iter().map(|op| op.name.as_str());
    if ops.is_empty() {
        return quote! {
            //! Operations of the service: none (the schema has no WSDL service).

            /// The name of every operation of the WSDL, in (port, name) order.
            pub const OPERATION_NAMES: &[&str] = &[];
        };
    }
    let plans = plan_operations(ctx);
    let consts = plans.iter().map(|p| descriptor(ctx, p));
    let all = plans.iter().map(|p| {
        let c = &p.konst;
        quote!(&ops::#c)
    });
    let response_impls = response_impls(ctx, &plans);
    let methods: Vec<TokenStream> = plans.iter().filter(|p| p.is_typed()).map(|p| client_method(ctx, p)).collect();
    let client = if methods.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            /// One method per WSDL operation.
            impl crate::runtime::client::Client {
                #(#methods)*
            }
        }
    };
    let server = server::emit_server(ctx, &plans);
    let count = plans.len();
    let typed = plans.iter().filter(|p| p.is_typed()).count();
    let module_doc = format!(
        " Operations of the service, in (port, name) order: {count} descriptors, {typed} typed client methods."
    );
    quote! {
        #![doc = #module_doc]

        /// The name of every operation of the WSDL, in (port, name) order.
        pub const OPERATION_NAMES: &[&str] = &[#(#names),*];

        /// One descriptor per WSDL operation.
        pub mod ops {
            #(#consts)*
        }

        /// Every operation descriptor, in (port, name) order.
        pub static OPERATIONS: &[&crate::runtime::client::Operation] = &[#(#all),*];

        #response_impls
        #client
        #server
    }
}

fn descriptor(ctx: &Ctx<'_>, p: &OpPlan<'_>) -> TokenStream {
    let op = p.op;
    let c = &p.konst;
    let (name, port, action) = (&op.name, &op.port, &op.soap_action);
    let (req_ns, req_name) = (ctx.ns_const(&op.input.element.ns), &op.input.element.name);
    let (resp_ns, resp_name) = (ctx.ns_const(&op.output.element.ns), &op.output.element.name);
    let effect = match p.effect {
        Effect::ReadOnly => quote!(ReadOnly),
        Effect::Mutating => quote!(Mutating),
        Effect::MovesMoney => quote!(MovesMoney),
    };
    let msg = match &p.msg_sub_id {
        Some(path) => quote!(::std::option::Option::Some(#path)),
        None => quote!(::std::option::Option::None),
    };
    let doc = format!(" `{name}` on port `{port}`: `{req_name}` in, `{resp_name}` out ({}).", p.effect.describe());
    quote! {
        #[doc = #doc]
        pub const #c: crate::runtime::client::Operation = crate::runtime::client::Operation {
            name: #name,
            port: #port,
            soap_action: #action,
            request_ns: #req_ns,
            request_element: #req_name,
            response_ns: #resp_ns,
            response_element: #resp_name,
            effect: crate::runtime::client::Effect::#effect,
            msg_sub_id: #msg,
        };
    }
}

fn response_impls(ctx: &Ctx<'_>, plans: &[OpPlan<'_>]) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for p in plans {
        let (Some(resp), Some(common)) = (&p.response, &p.common) else { continue };
        if !seen.insert(resp.clone()) {
            continue;
        }
        let ty = ctx.type_path(resp);
        let [ts, ack, cid, errors, version, build] = common.each().map(ident);
        out.push(quote! {
            impl crate::runtime::client::ApiResponse for #ty {
                fn common(&self) -> crate::runtime::client::CommonFields<'_> {
                    crate::runtime::client::CommonFields {
                        timestamp: self.#ts.as_ref(),
                        ack: self.#ack.as_ref(),
                        correlation_id: self.#cid.as_deref(),
                        errors: &self.#errors,
                        version: self.#version.as_deref(),
                        build: self.#build.as_deref(),
                    }
                }
                fn common_mut(&mut self) -> crate::runtime::client::CommonFieldsMut<'_> {
                    crate::runtime::client::CommonFieldsMut {
                        timestamp: &mut self.#ts,
                        ack: &mut self.#ack,
                        correlation_id: &mut self.#cid,
                        errors: &mut self.#errors,
                        version: &mut self.#version,
                        build: &mut self.#build,
                    }
                }
            }
        });
    }
    quote!(#(#out)*)
}

/// The rustdoc of an operation's client method.
fn method_doc(ctx: &Ctx<'_>, p: &OpPlan<'_>) -> TokenStream {
    let op = p.op;
    let root = ctx.root_text;
    let link = |id: &crate::model::TypeId| {
        let t = ctx.names.type_name(id);
        format!("[`{t}`]({root}::{}::{t})", ctx.names.module(&id.ns))
    };
    let request = link(p.request_type());
    let response = p.response.as_ref().map_or_else(String::new, link);
    let mut note = format!(
        "Calls `{}` (WSDL port `{}`): sends {request} in `{}` and returns {response} from `{}`.\n\n\
         `Version` is set to `{root}::SCHEMA_VERSION` unless the request sets one, and the request is checked \
         against the schema's limits before it is sent (see `ClientBuilder::validate_requests`).\n\n",
        op.name, op.port, op.input.element.name, op.output.element.name
    );
    note.push_str(match p.effect {
        Effect::ReadOnly => {
            "Read-only: with a `RetryPolicy` it is retried after transient failures (timeouts, broken \
             connections, `Server` faults, HTTP 5xx pages)."
        }
        Effect::Mutating => {
            "Changes state at PayPal: never retried once the request may have reached PayPal; \
             `Error::outcome_unknown` then says the outcome is unknown."
        }
        Effect::MovesMoney => {
            "**Moves money**: never retried once the request may have reached PayPal; \
             `Error::outcome_unknown` then says the outcome is unknown, and the merchant must look the \
             transaction up before sending it again."
        }
    });
    if let Some(path) = &p.msg_sub_id {
        note.push_str(&format!(
            "\n\nSafe resending: set `request.{path}` (`MsgSubID`) to a value unique to this payment and keep it; \
             when the outcome is unknown, send the same request with the same `MsgSubID` and PayPal answers with \
             the first attempt's result instead of acting twice."
        ));
    }
    note.push_str(
        "\n\n# Errors\n`ErrorKind::Api` for `Ack=Failure` (with every `Errors` entry, the correlation ID and the \
         payload), and every other failure `ErrorKind` lists.",
    );
    doc_attrs(op.doc.as_deref(), &note)
}

fn client_method(ctx: &Ctx<'_>, p: &OpPlan<'_>) -> TokenStream {
    let method = ident(&p.rust);
    let c = &p.konst;
    let docs = method_doc(ctx, p);
    let request_ty = ctx.type_path(p.request_type());
    let wrapper_ty = ctx.type_path(&p.wrapper);
    let root = ctx.root;
    let Some(resp) = &p.response else { return TokenStream::new() };
    let response_ty = ctx.type_path(resp);
    let set_version = p.version_field.as_ref().map(|f| {
        let f = ident(f);
        quote! {
            if request.#f.is_none() {
                request.#f = ::std::option::Option::Some(#root::SCHEMA_VERSION.to_owned());
            }
        }
    });
    let mutable = if set_version.is_some() { quote!(mut) } else { TokenStream::new() };
    let body = match &p.inner {
        Some(inner) => {
            let f = ident(&inner.field);
            let value = if inner.boxed { quote!(::std::boxed::Box::new(request)) } else { quote!(request) };
            quote!(#wrapper_ty { #f: ::std::option::Option::Some(#value) })
        }
        None => quote!(request),
    };
    quote! {
        #docs
        pub async fn #method(
            &self,
            #mutable request: #request_ty,
        ) -> ::std::result::Result<crate::runtime::client::Response<#response_ty>, crate::runtime::client::Error> {
            #set_version
            self.validate_request(&ops::#c, &request)?;
            let body = #body;
            self.call(&ops::#c, &body).await
        }
    }
}
