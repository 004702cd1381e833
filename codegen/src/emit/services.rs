//! The service: from the plan's operations to `services.rs`, holding one descriptor per WSDL operation (`ops`,
//! `OPERATIONS`), the typed client methods on the runtime's `Client`, the `ApiResponse` impls of the response
//! types, and (behind the `fake-server` feature) the server-side `PayPalApi` trait and its dispatcher. Without a
//! service layer (`Options::service_path` is `None`, as in a standalone crate) only the descriptors are emitted:
//! they need nothing but the runtime.
//! Which operations get methods is decided in the plan (`plan::services`); a plain XSD (no service) gets
//! nothing but an empty name list.

mod server;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::plan::{Effect, OperationPlan};

/// Emits `services.rs`.
pub(crate) fn emit_services(ctx: &Ctx<'_>) -> TokenStream {
    let names = &ctx.plan.operation_names;
    if names.is_empty() {
        return quote! {
            //! Operations of the service: none (the schema has no WSDL service).

            /// The name of every operation of the WSDL, in (port, name) order.
            pub const OPERATION_NAMES: &[&str] = &[];
        };
    }
    let rt = ctx.rt;
    let plans = &ctx.plan.operations;
    let consts = plans.iter().map(|p| descriptor(ctx, p));
    let all = plans.iter().map(|p| {
        let c = ident(&p.konst);
        quote!(&ops::#c)
    });
    let count = plans.len();
    let Some(svc) = ctx.svc else {
        let module_doc = format!(" Operations of the service, in (port, name) order: {count} descriptors.");
        return quote! {
            #![doc = #module_doc]

            /// The name of every operation of the WSDL, in (port, name) order.
            pub const OPERATION_NAMES: &[&str] = &[#(#names),*];

            /// One descriptor per WSDL operation.
            pub mod ops {
                #(#consts)*
            }

            /// Every operation descriptor, in (port, name) order.
            pub static OPERATIONS: &[&#rt::operation::Operation] = &[#(#all),*];
        };
    };
    let response_impls = response_impls(svc, ctx, plans);
    let methods: Vec<TokenStream> = plans.iter().filter(|p| p.is_typed()).map(|p| client_method(svc, ctx, p)).collect();
    let client = if methods.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            /// One method per WSDL operation.
            impl #svc::client::Client {
                #(#methods)*
            }
        }
    };
    let server = server::emit_server(svc, ctx, plans);
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
        pub static OPERATIONS: &[&#rt::operation::Operation] = &[#(#all),*];

        #response_impls
        #client
        #server
    }
}

fn descriptor(ctx: &Ctx<'_>, p: &OperationPlan) -> TokenStream {
    let rt = ctx.rt;
    let c = ident(&p.konst);
    let (name, port, action) = (&p.name, &p.port, &p.soap_action);
    let (req_ns, req_name) = (ctx.ns_const(&p.request_element.ns), &p.request_element.name);
    let (resp_ns, resp_name) = (ctx.ns_const(&p.response_element.ns), &p.response_element.name);
    let effect = ident(p.effect.variant());
    let msg = match &p.msg_sub_id {
        Some(path) => quote!(::std::option::Option::Some(#path)),
        None => quote!(::std::option::Option::None),
    };
    let doc = format!(" `{name}` on port `{port}`: `{req_name}` in, `{resp_name}` out ({}).", p.effect);
    quote! {
        #[doc = #doc]
        pub const #c: #rt::operation::Operation = #rt::operation::Operation {
            name: #name,
            port: #port,
            soap_action: #action,
            request_ns: #req_ns,
            request_element: #req_name,
            response_ns: #resp_ns,
            response_element: #resp_name,
            effect: #rt::operation::Effect::#effect,
            msg_sub_id: #msg,
        };
    }
}

fn response_impls(svc: &TokenStream, ctx: &Ctx<'_>, plans: &[OperationPlan]) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for p in plans {
        let Some((resp, common)) = &p.response else { continue };
        if !seen.insert(resp.clone()) {
            continue;
        }
        let ty = ctx.path(resp);
        let [ts, ack, cid, errors, version, build] = common.each().map(ident);
        out.push(quote! {
            impl #svc::client::ApiResponse for #ty {
                fn common(&self) -> #svc::client::CommonFields<'_> {
                    #svc::client::CommonFields {
                        timestamp: self.#ts.as_ref(),
                        ack: self.#ack.as_ref(),
                        correlation_id: self.#cid.as_deref(),
                        errors: &self.#errors,
                        version: self.#version.as_deref(),
                        build: self.#build.as_deref(),
                    }
                }
                fn common_mut(&mut self) -> #svc::client::CommonFieldsMut<'_> {
                    #svc::client::CommonFieldsMut {
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
fn method_doc(ctx: &Ctx<'_>, p: &OperationPlan) -> TokenStream {
    let root = ctx.root_text;
    let link = |path: &crate::plan::ItemPath| format!("[`{t}`]({root}::{}::{t})", path.module, t = path.name);
    let request = link(&p.request);
    let response = p.response.as_ref().map_or_else(String::new, |(r, _)| link(r));
    let details = p
        .details
        .as_ref()
        .map_or_else(String::new, |d| format!(" (or its details, {}, which convert into it)", link(&d.path)));
    let mut note = format!(
        "Calls `{}` (WSDL port `{}`): sends {request}{details} in `{}` and returns {response} from `{}`.\n\n\
         `Version` is set to `{root}::SCHEMA_VERSION` unless the request sets one, and the request is checked \
         against the schema's limits before it is sent (see `ClientBuilder::validate_requests`).\n\n",
        p.name, p.port, p.request_element.name, p.response_element.name
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
    doc_attrs(p.doc.as_deref(), &note)
}

fn client_method(svc: &TokenStream, ctx: &Ctx<'_>, p: &OperationPlan) -> TokenStream {
    let method = ident(&p.rust);
    let c = ident(&p.konst);
    let docs = method_doc(ctx, p);
    let request_ty = ctx.path(&p.request);
    let wrapper_ty = ctx.path(&p.wrapper);
    let root = ctx.root;
    let Some((resp, _)) = &p.response else { return TokenStream::new() };
    let response_ty = ctx.path(resp);
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
            request: impl ::std::convert::Into<#request_ty>,
        ) -> ::std::result::Result<#svc::client::Response<#response_ty>, #svc::client::Error> {
            let #mutable request: #request_ty = request.into();
            #set_version
            self.validate_request(&ops::#c, &request)?;
            let body = #body;
            self.call(&ops::#c, &body).await
        }
    }
}
