//! Consuming setters on the types merchants build for requests, in the idiom of generated Rust clients
//! (`PaymentDetailsType::default().order_total(total).payment_details_item(item)`): each takes `impl Into<…>`,
//! wraps an optional field in `Some` (and a boxed one in `Box`), and appends to a repeated one, so a request is
//! written without `Some(` or `..Default::default()`. Struct literals keep working: the fields stay public.
//!
//! Which types get setters and what each setter is called is decided in the plan
//! ([`StructPlan::builder`](crate::plan::StructPlan::builder), [`FieldPlan::setter`]); this module renders it.
//! Setters are generic, so the crate compiles only their signatures: a body is compiled where a merchant calls
//! it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{FieldPlan, ModulePlan, Plan, Shape};

/// True when the module has a `builders.rs`: some of its types are built for requests, or some request of
/// its converts from its details.
pub(crate) fn has_builders(plan: &Plan, module: &ModulePlan) -> bool {
    plan.structs(module).any(|(_, s)| s.builder)
        || plan.operations.iter().any(|op| op.request.module == module.name && op.details.is_some())
}

/// The `builders.rs` file of one module (see [`has_builders`]).
pub(crate) fn emit_builders_file(ctx: &Ctx<'_>, module: &ModulePlan) -> TokenStream {
    let mut impls: Vec<TokenStream> = ctx
        .plan
        .structs(module)
        .filter(|(_, s)| s.builder)
        .map(|(t, s)| {
            let path = ctx.path(&t.path);
            let setters = s.content.iter().chain(&s.attributes).chain(&s.members).filter_map(|f| setter(ctx, f));
            quote! {
                impl #path {
                    #(#setters)*
                }
            }
        })
        .collect();
    // A request whose one required member is its details converts from them, so a client method takes either.
    // Two operations can share a request type; it gets one impl.
    let mut seen = std::collections::BTreeSet::new();
    for op in ctx.plan.operations.iter().filter(|op| op.request.module == module.name) {
        let Some(details) = &op.details else { continue };
        if !seen.insert(&op.request) {
            continue;
        }
        let (request, from) = (ctx.path(&op.request), ctx.path(&details.path));
        let field = ident(&details.field);
        let value = if details.boxed { quote!(::std::boxed::Box::new(details)) } else { quote!(details) };
        impls.push(quote! {
            impl ::std::convert::From<#from> for #request {
                fn from(details: #from) -> Self {
                    Self { #field: ::std::option::Option::Some(#value), ..::std::default::Default::default() }
                }
            }
        });
    }
    quote! {
        //! Consuming setters of this namespace's request types, and requests built from their details.
        #(#impls)*
    }
}

/// One field's setter.
fn setter(ctx: &Ctx<'_>, f: &FieldPlan) -> Option<TokenStream> {
    let name = ident(f.setter.as_ref()?);
    let field = ident(&f.rust);
    let item = ctx.item_type(&f.value);
    let what = if f.wire.is_empty() { "the text content".to_owned() } else { format!("`{}`", f.wire) };
    let (doc, body) = match f.shape {
        Shape::Plain => (format!(" Sets {what}."), quote!(self.#field = value.into();)),
        Shape::Optional => (format!(" Sets {what}."), quote!(self.#field = ::std::option::Option::Some(value.into());)),
        Shape::Boxed => (
            format!(" Sets {what}."),
            quote!(self.#field = ::std::option::Option::Some(::std::boxed::Box::new(value.into()));),
        ),
        Shape::List => (format!(" Appends one {what}."), quote!(self.#field.push(value.into());)),
    };
    Some(quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #name(mut self, value: impl ::std::convert::Into<#item>) -> Self {
            #body
            self
        }
    })
}
