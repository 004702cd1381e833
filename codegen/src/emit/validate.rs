//! `Validate` impls: every generated type checks itself against the schema before a request is sent.
//!
//! What is checked: required elements and attributes (fields are `Option` so that responses missing them still
//! decode; requests are held to the schema here), `minOccurs`/`maxOccurs` of lists, the length and range
//! facets of each field's simple type, and enumeration membership (a value in the catch-all variant is
//! reported: PayPal rejects values it does not know on requests). Nested values are walked with their path.
//! Which checks apply is decided in the plan ([`FieldPlan::checks`]); this module renders them.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::plan::{Check, FieldPlan, MaxOccurs, Shape, StructPlan, TypePlan, Value};

/// The `Validate` impl of one complex type.
pub(crate) fn emit_validate(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let path = ctx.path(&t.path);
    let mut checks = Vec::new();

    for a in &s.attributes {
        let f = ident(&a.rust);
        let label = &a.rust;
        if a.required {
            checks.push(quote!(check_required(&self.#f, path, #label, out);));
        }
        let tests = record_each(&a.checks, label);
        if !tests.is_empty() {
            checks.push(quote!(if let ::std::option::Option::Some(v) = &self.#f { #(#tests)* }));
        }
    }
    if let Some(c) = &s.content {
        let f = ident(&c.rust);
        let tests = record_each(&c.checks, &c.rust);
        if !tests.is_empty() {
            checks.push(if c.shape == Shape::Plain {
                quote!({ let v = &self.#f; #(#tests)* })
            } else {
                quote!(if let ::std::option::Option::Some(v) = &self.#f { #(#tests)* })
            });
        }
    }
    for m in &s.members {
        if matches!(m.value, Value::Wildcard { .. }) {
            continue;
        }
        checks.extend(member_checks(m));
    }

    // PayPal's business rules run after the schema checks, in the service layer that implements them; output
    // without a service layer (fixtures, standalone crates) has no rules to call.
    if let (Some(hook), Some(svc)) = (&s.rule_hook, ctx.svc) {
        let hook = ident(hook);
        checks.push(quote!(#svc::rules::hooks::#hook(self, path, out);));
    }
    let unused = checks.is_empty().then(|| quote!(let _ = (path, out);));
    quote! {
        impl Validate for #path {
            fn validate_into(&self, path: &mut Path, out: &mut ::std::vec::Vec<Violation>) {
                #unused
                #(#checks)*
            }
        }
    }
}

/// The checks of one element member: its occurrences, its value's checks, and a walk into a validated type.
fn member_checks(m: &FieldPlan) -> Vec<TokenStream> {
    let f = ident(&m.rust);
    let label = &m.rust;
    let many = m.shape == Shape::List;
    let mut checks = Vec::new();
    if many {
        let min = u64::from(m.occurs.min);
        let max = match m.occurs.max {
            MaxOccurs::Bounded(n) => quote!(::std::option::Option::Some(#n as u64)),
            MaxOccurs::Unbounded => quote!(::std::option::Option::None),
        };
        if min > 0 || m.occurs.max != MaxOccurs::Unbounded {
            checks.push(quote!(check_occurs(self.#f.len(), #min, #max, path, #label, out);));
        }
    } else if m.required {
        checks.push(quote!(check_required(&self.#f, path, #label, out);));
    }
    if !m.checks.is_empty() {
        if many {
            let tests = m.checks.iter().map(|c| {
                let e = check_expr(c);
                quote!(if let ::std::option::Option::Some(k) = #e { record_item(path, #label, i, k, out); })
            });
            checks.push(quote!(for (i, v) in self.#f.iter().enumerate() { #(#tests)* }));
        } else {
            let tests = record_each(&m.checks, label);
            checks.push(quote!(if let ::std::option::Option::Some(v) = &self.#f { #(#tests)* }));
        }
    } else if matches!(m.value, Value::Complex { validated: true, .. }) {
        // One runtime call per nested field (the runtime's `validate/walk.rs`), not a closure per field.
        checks.push(match m.shape {
            Shape::List => quote!(path.validate_list(#label, &self.#f, out);),
            Shape::Boxed => quote!(path.validate_opt(#label, self.#f.as_deref(), out);),
            Shape::Optional => quote!(path.validate_opt(#label, self.#f.as_ref(), out);),
            Shape::Plain => quote!(path.validate_opt(#label, ::std::option::Option::Some(&self.#f), out);),
        });
    }
    checks
}

/// Each check (an `Option<ViolationKind>` over `v`) recorded at field `label` when it fires.
fn record_each(checks: &[Check], label: &str) -> Vec<TokenStream> {
    checks
        .iter()
        .map(|c| {
            let e = check_expr(c);
            quote!(if let ::std::option::Option::Some(k) = #e { record(path, #label, k, out); })
        })
        .collect()
}

/// One check as an expression over the value `v` (a reference) giving `Option<ViolationKind>`.
fn check_expr(c: &Check) -> TokenStream {
    match c {
        Check::Known => quote!(if v.is_known() {
            ::std::option::Option::None
        } else {
            ::std::option::Option::Some(checks::not_listed(v.as_str()))
        }),
        Check::Len(n) => quote!(checks::len(v, #n)),
        Check::MinLen(n) => quote!(checks::min_len(v, #n)),
        Check::MaxLen(n) => quote!(checks::max_len(v, #n)),
        Check::MinInclusive(n) => quote!(checks::min_inclusive(*v as i64, #n)),
        Check::MaxInclusive(n) => quote!(checks::max_inclusive(*v as i64, #n)),
        Check::Amount { currency_field } => {
            let c = ident(currency_field);
            quote!(checks::amount(v, self.#c.as_ref().map(|c| c.as_str())))
        }
    }
}

/// The limits table of one struct (`LIMITS`), so callers can size form fields from the same numbers
/// `validate()` checks.
pub(crate) fn emit_limits_table(ctx: &Ctx<'_>, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let rows = s.attributes.iter().chain(&s.members).filter_map(|f| {
        let l = f.limit.as_ref()?;
        let (field, wire, max, min) = (&f.rust, &f.wire, l.max_chars, l.min_chars);
        let source = l.source.to_string();
        Some(quote! {
            FieldLimit { field: #field, wire: #wire, max_chars: #max, min_chars: #min, source: #source },
        })
    });
    let path = ctx.path(&t.path);
    quote! {
        impl Limited for #path {
            const LIMITS: &'static [FieldLimit] = &[#(#rows)*];
        }
    }
}
