//! `Validate` impls: every generated type checks itself against the schema before a request is sent.
//!
//! What is checked: required elements and attributes (fields are `Option` so that responses missing them still
//! decode; requests are held to the schema here), `minOccurs`/`maxOccurs` of lists, the length and range
//! facets of each field's simple type, and enumeration membership (a value in the catch-all variant is
//! reported: PayPal rejects values it does not know on requests). Nested values are walked with their path.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::scalar::{ScalarKind, scalar_kind};
use super::{Ctx, ident};
use crate::flatten::Member;
use crate::limits::Limit;
use crate::model::{Builtin, Facets, MaxOccurs, TypeDefKind, TypeId, TypeRef};

/// The `Validate` impl of one complex type.
pub(crate) fn emit_validate(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let path = ctx.type_path(id);
    let mut checks = Vec::new();

    for (i, fa) in flat.attributes.iter().enumerate() {
        let f = ident(ctx.names.attribute(id, i));
        let label = f.to_string();
        if fa.attribute.required {
            checks.push(quote!(check_required(&self.#f, path, #label, out);));
        }
        let limit = ctx.limits.attribute_limit(&fa.declared_in, &fa.attribute.name);
        let tests = record_each(&scalar_checks(ctx, &fa.attribute.type_ref, limit), &label);
        if !tests.is_empty() {
            checks.push(quote!(if let ::std::option::Option::Some(v) = &self.#f { #(#tests)* }));
        }
    }
    if let Some(content) = &flat.simple_content {
        let f = ident(ctx.names.content_field(id));
        let label = f.to_string();
        let mut exprs = scalar_checks(ctx, content, None);
        exprs.extend(amount_check(ctx, id));
        let tests = record_each(&exprs, &label);
        if !tests.is_empty() {
            let stringy = matches!(scalar_kind(ctx.model, content), Some((ScalarKind::Builtin(b), _)) if super::scalar::is_stringy(b));
            checks.push(if stringy {
                quote!({ let v = &self.#f; #(#tests)* })
            } else {
                quote!(if let ::std::option::Option::Some(v) = &self.#f { #(#tests)* })
            });
        }
    }
    for (i, m) in flat.members.iter().enumerate() {
        let Member::Element(ff) = m else { continue };
        let f = ident(ctx.names.field(id, i));
        let label = f.to_string();
        let tr = &ff.field.type_ref;
        if ff.occurs.is_many() {
            let min = u64::from(ff.occurs.min);
            let max = match ff.occurs.max {
                MaxOccurs::Bounded(n) => quote!(::std::option::Option::Some(#n as u64)),
                MaxOccurs::Unbounded => quote!(::std::option::Option::None),
            };
            if min > 0 || ff.occurs.max != MaxOccurs::Unbounded {
                checks.push(quote!(check_occurs(self.#f.len(), #min, #max, path, #label, out);));
            }
        } else if ff.occurs.min > 0 {
            checks.push(quote!(check_required(&self.#f, path, #label, out);));
        }
        let limit = ctx.limits.field_limit(&ff.declared_in, &ff.field.name);
        let exprs = scalar_checks(ctx, tr, limit);
        if !exprs.is_empty() {
            if ff.occurs.is_many() {
                let tests = exprs.iter().map(
                    |e| quote!(if let ::std::option::Option::Some(k) = #e { record_item(path, #label, i, k, out); }),
                );
                checks.push(quote!(for (i, v) in self.#f.iter().enumerate() { #(#tests)* }));
            } else {
                let tests = record_each(&exprs, &label);
                checks.push(quote!(if let ::std::option::Option::Some(v) = &self.#f { #(#tests)* }));
            }
        } else if let Some(child) = complex_id(ctx, tr).filter(|child| ctx.checked.contains(*child)) {
            let _ = child;
            checks.push(if ff.occurs.is_many() {
                quote! {
                    if !self.#f.is_empty() {
                        path.field(#label, |path| {
                            for (i, v) in self.#f.iter().enumerate() { path.index(i, |path| Validate::validate_into(v, path, out)); }
                        });
                    }
                }
            } else {
                quote!(if let ::std::option::Option::Some(v) = &self.#f { path.field(#label, |path| Validate::validate_into(v, path, out)); })
            });
        }
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

/// Each check expression (an `Option<ViolationKind>` over `v`) recorded at field `label` when it fires.
fn record_each(exprs: &[TokenStream], label: &str) -> Vec<TokenStream> {
    exprs.iter().map(|e| quote!(if let ::std::option::Option::Some(k) = #e { record(path, #label, k, out); })).collect()
}

/// PayPal's amount type (`cc:BasicAmountType`, text plus `currencyID`) gets the amount rules: the format and the
/// currency's number of decimals. It is recognised by name: the rules come from PayPal's documentation of that
/// type, not from a facet.
fn amount_check(ctx: &Ctx<'_>, id: &TypeId) -> Option<TokenStream> {
    if id.name != "BasicAmountType" {
        return None;
    }
    let flat = ctx.flat.types.get(id)?;
    let currency = flat.attributes.iter().position(|a| a.attribute.name == "currencyID")?;
    let c = ident(ctx.names.attribute(id, currency));
    Some(quote!(checks::amount(v, self.#c.as_ref().map(|c| c.as_str()))))
}

/// The limits table of one struct (`LIMITS`), so callers can size form fields from the same numbers
/// `validate()` checks.
pub(crate) fn emit_limits_table(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    let Some(flat) = ctx.flat.types.get(id) else { return TokenStream::new() };
    let mut rows = Vec::new();
    let mut push = |field: &str, wire: &str, l: &Limit| {
        let (max, min) = (l.max_chars, l.min_chars);
        let source = l.source.to_string();
        rows.push(quote! {
            FieldLimit { field: #field, wire: #wire, max_chars: #max, min_chars: #min, source: #source },
        });
    };
    for (i, fa) in flat.attributes.iter().enumerate() {
        if let Some(l) = ctx.limits.attribute_limit(&fa.declared_in, &fa.attribute.name) {
            if is_string(ctx, &fa.attribute.type_ref) {
                push(ctx.names.attribute(id, i), &fa.attribute.name, l);
            }
        }
    }
    for (i, m) in flat.members.iter().enumerate() {
        let Member::Element(ff) = m else { continue };
        if let Some(l) = ctx.limits.field_limit(&ff.declared_in, &ff.field.name) {
            if is_string(ctx, &ff.field.type_ref) {
                push(ctx.names.field(id, i), &ff.field.name, l);
            }
        }
    }
    let path = ctx.type_path(id);
    quote! {
        impl Limited for #path {
            const LIMITS: &'static [FieldLimit] = &[#(#rows)*];
        }
    }
}

/// Character limits apply to text: a documented limit on an enumeration or a number is covered by the type.
pub(crate) fn is_string(ctx: &Ctx<'_>, tr: &TypeRef) -> bool {
    matches!(scalar_kind(ctx.model, tr), Some((ScalarKind::Builtin(b), _)) if super::scalar::is_stringy(b))
}

fn complex_id<'t>(ctx: &Ctx<'_>, tr: &'t TypeRef) -> Option<&'t TypeId> {
    match tr {
        TypeRef::Named(id) if matches!(ctx.model.get(id).map(|d| &d.kind), Some(TypeDefKind::Complex(_))) => Some(id),
        _ => None,
    }
}

/// The complex types whose `validate()` can report anything: those with a check of their own, and those with a
/// field of such a type. Fields of the other types are not walked at all, which keeps `validate()` of a large
/// request a small fraction of serializing it.
pub(crate) fn checked_types(ctx: &Ctx<'_>) -> BTreeSet<TypeId> {
    let own = |id: &TypeId, flat: &crate::flatten::FlatType| {
        let attr = flat.attributes.iter().any(|fa| {
            fa.attribute.required
                || !scalar_checks(
                    ctx,
                    &fa.attribute.type_ref,
                    ctx.limits.attribute_limit(&fa.declared_in, &fa.attribute.name),
                )
                .is_empty()
        });
        let content = flat.simple_content.as_ref().is_some_and(|c| !scalar_checks(ctx, c, None).is_empty())
            || (flat.simple_content.is_some() && amount_check(ctx, id).is_some());
        let members = flat.members.iter().any(|m| match m {
            Member::Element(ff) => {
                ff.occurs.min > 0
                    || (ff.occurs.is_many() && ff.occurs.max != MaxOccurs::Unbounded)
                    || !scalar_checks(ctx, &ff.field.type_ref, ctx.limits.field_limit(&ff.declared_in, &ff.field.name))
                        .is_empty()
            }
            Member::Any(_) => false,
        });
        attr || content || members
    };
    let mut checked: BTreeSet<TypeId> =
        ctx.flat.types.iter().filter(|(id, flat)| own(id, flat)).map(|(id, _)| id.clone()).collect();
    // Propagate to types that contain a checked type, until nothing changes.
    loop {
        let before = checked.len();
        for (id, flat) in &ctx.flat.types {
            if checked.contains(id) {
                continue;
            }
            let reaches =
                flat.fields().any(|ff| complex_id(ctx, &ff.field.type_ref).is_some_and(|c| checked.contains(c)));
            if reaches {
                checked.insert(id.clone());
            }
        }
        if checked.len() == before {
            return checked;
        }
    }
}

/// Facets in force for a simple type: the nearest declaration of each facet along the restriction chain.
pub(crate) fn effective_facets(ctx: &Ctx<'_>, tr: &TypeRef) -> Facets {
    let mut out = Facets::default();
    let mut cur = tr.clone();
    for _ in 0..32 {
        let TypeRef::Named(id) = &cur else { break };
        let Some(TypeDefKind::Simple(st)) = ctx.model.get(id).map(|d| &d.kind) else { break };
        let f = &st.facets;
        out.length = out.length.or(f.length);
        out.min_length = out.min_length.or(f.min_length);
        out.max_length = out.max_length.or(f.max_length);
        out.min_inclusive = out.min_inclusive.clone().or_else(|| f.min_inclusive.clone());
        out.max_inclusive = out.max_inclusive.clone().or_else(|| f.max_inclusive.clone());
        cur = st.base.clone();
    }
    out
}

/// Checks on one scalar value `v` (a reference), each an expression giving `Option<ViolationKind>`; empty when
/// the type has nothing to check. `limit` is the field's character limit from the limits table (facet or
/// documentation); it replaces the type's length facets, which the table already accounts for.
fn scalar_checks(ctx: &Ctx<'_>, tr: &TypeRef, limit: Option<&Limit>) -> Vec<TokenStream> {
    let Some((kind, _)) = scalar_kind(ctx.model, tr) else { return Vec::new() };
    let mut checks = Vec::new();
    match kind {
        ScalarKind::Enum(_) => checks.push(quote!(checks::known(v.is_known(), || v.as_str()))),
        ScalarKind::Builtin(b) => {
            let facets = effective_facets(ctx, tr);
            let stringy = super::scalar::is_stringy(b);
            if let (true, Some(l)) = (stringy, limit) {
                if l.min_chars == l.max_chars && l.min_chars > 0 {
                    let n = l.max_chars;
                    checks.push(quote!(checks::len(v, #n)));
                } else {
                    let (min, max) = (l.min_chars, l.max_chars);
                    if min > 0 {
                        checks.push(quote!(checks::min_len(v, #min)));
                    }
                    checks.push(quote!(checks::max_len(v, #max)));
                }
            } else if stringy {
                if let Some(n) = facets.length {
                    checks.push(quote!(checks::len(v, #n)));
                }
                if let Some(n) = facets.min_length {
                    checks.push(quote!(checks::min_len(v, #n)));
                }
                if let Some(n) = facets.max_length {
                    checks.push(quote!(checks::max_len(v, #n)));
                }
            }
            if is_integer(b) {
                // Range facets on integer types become literal comparisons; a facet that does not parse as an
                // integer is left to the schema, not guessed at.
                if let Some(min) = facets.min_inclusive.as_deref().and_then(|s| s.parse::<i64>().ok()) {
                    checks.push(quote!(checks::min_inclusive(*v as i64, #min)));
                }
                if let Some(max) = facets.max_inclusive.as_deref().and_then(|s| s.parse::<i64>().ok()) {
                    checks.push(quote!(checks::max_inclusive(*v as i64, #max)));
                }
            }
        }
    }
    checks
}

fn is_integer(b: Builtin) -> bool {
    matches!(b, Builtin::Int | Builtin::Integer | Builtin::Long | Builtin::Short | Builtin::Byte | Builtin::UnsignedInt)
}
