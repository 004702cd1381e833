//! Planning types and their members: step 4 of [`super::build`] (every type and field) and step 7 (global
//! elements and abstract bases), plus the namespace modules.

use std::collections::{BTreeMap, BTreeSet};

use super::scalar::{self, ScalarKind, is_integer};
use super::{
    AliasPlan, BasePlan, Check, ElementPlan, EnumPlan, FieldPlan, ItemPath, ModulePlan, RustType, Shape, StructPlan,
    TraitImpl, TypeKind, TypePlan, Value, VariantPlan,
};
use crate::flatten::{Flat, FlatType, Member};
use crate::limits::{Limit, Limits};
use crate::model::{Builtin, MaxOccurs, Model, Occurs, TypeDefKind, TypeId, TypeRef};
use crate::naming::{Names, field_ident};

/// Every type of `model`, planned. `validated` is left false here; [`super::analyses::validated_types`] sets it.
pub fn plan_types(
    model: &Model,
    flat: &Flat,
    names: &Names,
    limits: &Limits,
    boxed: &BTreeSet<(TypeId, usize)>,
    recursive: &BTreeSet<(TypeId, usize)>,
) -> BTreeMap<TypeId, TypePlan> {
    let p = Planner { model, flat, names, limits, boxed, recursive };
    model
        .types
        .iter()
        .map(|(id, def)| {
            let kind = match &def.kind {
                TypeDefKind::Simple(st) if !st.enumeration.is_empty() => TypeKind::Enum(EnumPlan {
                    variants: st
                        .enumeration
                        .iter()
                        .enumerate()
                        .map(|(i, v)| VariantPlan {
                            rust: names.variant(id, i).to_owned(),
                            wire: v.value.clone(),
                            doc: v.doc.clone(),
                        })
                        .collect(),
                    unknown: names.unknown_variant(id).to_owned(),
                }),
                TypeDefKind::Simple(st) => TypeKind::Alias(AliasPlan {
                    target: p.rust_type(&st.base),
                    base_short: p.short(&st.base),
                    facets: st.facets.clone(),
                }),
                TypeDefKind::Complex(ct) => match flat.types.get(id) {
                    Some(ft) => TypeKind::Struct(p.structure(ft, ct.is_abstract)),
                    None => TypeKind::Struct(StructPlan::empty()),
                },
            };
            (id.clone(), TypePlan { id: id.clone(), path: p.path(id), doc: def.doc.clone(), kind })
        })
        .collect()
}

/// One module per namespace that holds a type.
pub fn plan_modules(model: &Model, names: &Names) -> Vec<ModulePlan> {
    let namespaces: BTreeSet<&str> = model.types.keys().map(|id| id.ns.as_str()).collect();
    namespaces
        .into_iter()
        .map(|ns| {
            let types: Vec<TypeId> = model.types.keys().filter(|id| id.ns == ns).cloned().collect();
            let has_enums = types.iter().any(|id| {
                matches!(model.get(id).map(|d| &d.kind), Some(TypeDefKind::Simple(st)) if !st.enumeration.is_empty())
            });
            let name = names.module(ns).to_owned();
            ModulePlan { ns: ns.to_owned(), ns_const: name.to_uppercase(), name, types, has_enums }
        })
        .collect()
}

/// The global elements of complex type, and for each abstract base the elements whose type implements its trait.
pub fn plan_messages(
    model: &Model,
    types: &BTreeMap<TypeId, TypePlan>,
    names: &Names,
) -> (Vec<ElementPlan>, Vec<BasePlan>) {
    let elements: Vec<ElementPlan> = model
        .elements
        .values()
        .filter_map(|e| {
            let TypeRef::Named(id) = &e.type_ref else { return None };
            let t = types.get(id)?;
            matches!(t.kind, TypeKind::Struct(_)).then(|| ElementPlan {
                variant: names.element_variant(&e.name).to_owned(),
                ns: e.name.ns.clone(),
                name: e.name.name.clone(),
                type_id: id.clone(),
                path: t.path.clone(),
            })
        })
        .collect();
    let bases = types
        .values()
        .filter_map(|t| {
            let TypeKind::Struct(s) = &t.kind else { return None };
            let trait_name = s.trait_name.as_ref()?;
            let implements = |id: &TypeId| match types.get(id).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => s.implements.iter().any(|i| i.base == t.id),
                _ => false,
            };
            Some(BasePlan {
                id: t.id.clone(),
                trait_path: ItemPath { module: t.path.module.clone(), name: trait_name.clone() },
                method: format!("as_{}", field_ident(trait_name)),
                variants: elements.iter().filter(|e| implements(&e.type_id)).map(|e| e.variant.clone()).collect(),
            })
        })
        .collect();
    (elements, bases)
}

struct Planner<'a> {
    model: &'a Model,
    flat: &'a Flat,
    names: &'a Names,
    limits: &'a Limits,
    boxed: &'a BTreeSet<(TypeId, usize)>,
    recursive: &'a BTreeSet<(TypeId, usize)>,
}

impl StructPlan {
    fn empty() -> Self {
        StructPlan {
            is_abstract: false,
            content: None,
            attributes: Vec::new(),
            members: Vec::new(),
            text: None,
            trait_name: None,
            implements: Vec::new(),
            abstract_bases: Vec::new(),
            validated: false,
            builder: false,
            rule_hook: None,
        }
    }
}

impl Planner<'_> {
    fn path(&self, id: &TypeId) -> ItemPath {
        ItemPath { module: self.names.module(&id.ns).to_owned(), name: self.names.type_name(id).to_owned() }
    }

    fn rust_type(&self, tr: &TypeRef) -> RustType {
        match tr {
            TypeRef::Builtin(b) => RustType::Builtin(*b),
            TypeRef::Named(id) => RustType::Generated(self.path(id)),
        }
    }

    /// A short, human name for a type reference (`xs:string`, `ebl:NameType`).
    fn short(&self, tr: &TypeRef) -> String {
        match tr {
            TypeRef::Builtin(b) => format!("xs:{}", b.xsd_name()),
            TypeRef::Named(id) => format!("{}:{}", self.names.module(&id.ns), id.name),
        }
    }

    fn value(&self, tr: &TypeRef) -> Value {
        if *tr == TypeRef::Builtin(Builtin::AnyType) {
            return Value::AnyType;
        }
        if let Some(scalar) = scalar::resolve(self.model, tr) {
            return Value::Scalar { scalar, rust: self.rust_type(tr), short: self.short(tr) };
        }
        match tr {
            TypeRef::Named(id) if self.flat.types.contains_key(id) => {
                Value::Complex { id: id.clone(), path: self.path(id), short: self.short(tr), validated: false }
            }
            // A reference the loader resolved to nothing complex (cannot happen for a lowered model) is kept as raw
            // XML rather than guessed at.
            _ => Value::AnyType,
        }
    }

    fn structure(&self, ft: &FlatType, is_abstract: bool) -> StructPlan {
        let id = &ft.id;
        let attributes: Vec<FieldPlan> = ft
            .attributes
            .iter()
            .enumerate()
            .map(|(i, fa)| {
                let a = &fa.attribute;
                let value = self.value(&a.type_ref);
                let limit = self.text_limit(&value, self.limits.attribute_limit(&fa.declared_in, &a.name));
                let checks = scalar_checks(&value, limit.as_ref());
                FieldPlan {
                    rust: self.names.attribute(id, i).to_owned(),
                    wire: a.name.clone(),
                    ns: a.ns.clone(),
                    ns_module: String::new(),
                    occurs: Occurs { min: u32::from(a.required), max: MaxOccurs::Bounded(1) },
                    shape: Shape::Optional,
                    required: a.required,
                    mask: mask(&a.name, &value),
                    value,
                    limit,
                    checks,
                    recursive: false,
                    earlier_same_name: Vec::new(),
                    doc: a.doc.clone(),
                    setter: None,
                }
            })
            .collect();
        let content = ft.simple_content.as_ref().map(|tr| {
            let value = self.value(tr);
            let stringy = matches!(&value, Value::Scalar { scalar, .. } if scalar.stringy);
            let mut checks = scalar_checks(&value, None);
            // PayPal's amount type (`cc:BasicAmountType`, text plus `currencyID`) gets the amount rules: the format
            // and the currency's number of decimals. It is recognised by name: the rules come from PayPal's
            // documentation of that type, not from a facet.
            if id.name == "BasicAmountType" {
                if let Some(c) = ft.attributes.iter().position(|a| a.attribute.name == "currencyID") {
                    checks.push(Check::Amount { currency_field: self.names.attribute(id, c).to_owned() });
                }
            }
            FieldPlan {
                rust: self.names.content_field(id).to_owned(),
                wire: String::new(),
                ns: id.ns.clone(),
                ns_module: String::new(),
                occurs: Occurs { min: 0, max: MaxOccurs::Bounded(1) },
                shape: if stringy { Shape::Plain } else { Shape::Optional },
                required: false,
                mask: None,
                value,
                limit: None,
                checks,
                recursive: false,
                earlier_same_name: Vec::new(),
                doc: None,
                setter: None,
            }
        });
        let members = ft.members.iter().enumerate().map(|(i, m)| self.member(ft, i, m)).collect();
        let trait_name = is_abstract.then(|| self.names.trait_name(id).to_owned());
        let mut bases: Vec<&TypeId> = Vec::new();
        if is_abstract {
            bases.push(id);
        }
        bases.extend(&ft.abstract_bases);
        let implements = bases.into_iter().filter_map(|base| self.trait_impl(base, ft)).collect();
        let abstract_bases = ft.abstract_bases.iter().map(|b| (b.name.clone(), self.trait_path(b))).collect::<Vec<_>>();
        StructPlan {
            is_abstract,
            content,
            attributes,
            members,
            text: ft.mixed.then(|| self.names.text_field(id).to_owned()),
            trait_name,
            implements,
            abstract_bases,
            validated: false,
            builder: false,
            rule_hook: rule_hook(id),
        }
    }

    fn member(&self, ft: &FlatType, i: usize, m: &Member) -> FieldPlan {
        let id = &ft.id;
        let rust = self.names.field(id, i).to_owned();
        match m {
            Member::Any(a) => FieldPlan {
                rust,
                wire: String::new(),
                ns: a.declared_in.ns.clone(),
                ns_module: String::new(),
                value: Value::Wildcard { namespace: a.any.namespace.clone() },
                occurs: a.occurs,
                shape: Shape::List,
                required: false,
                limit: None,
                checks: Vec::new(),
                mask: None,
                recursive: false,
                earlier_same_name: Vec::new(),
                doc: None,
                setter: None,
            },
            Member::Element(ff) => {
                let value = self.value(&ff.field.type_ref);
                let shape = if ff.occurs.is_many() {
                    Shape::List
                } else if self.boxed.contains(&(id.clone(), i)) {
                    Shape::Boxed
                } else {
                    Shape::Optional
                };
                let limit = self.text_limit(&value, self.limits.field_limit(&ff.declared_in, &ff.field.name));
                let checks = scalar_checks(&value, limit.as_ref());
                let earlier_same_name = ft.members[..i]
                    .iter()
                    .enumerate()
                    .filter_map(|(j, m)| match m {
                        Member::Element(e) if e.field.ns == ff.field.ns && e.field.name == ff.field.name => {
                            Some((j, e.occurs.is_many()))
                        }
                        _ => None,
                    })
                    .collect();
                FieldPlan {
                    rust,
                    wire: ff.field.name.clone(),
                    ns: ff.field.ns.clone(),
                    ns_module: self.names.module(&ff.field.ns).to_owned(),
                    mask: mask(&ff.field.name, &value),
                    value,
                    occurs: ff.occurs,
                    shape,
                    required: ff.occurs.min > 0,
                    limit,
                    checks,
                    recursive: self.recursive.contains(&(id.clone(), i)),
                    earlier_same_name,
                    doc: ff.field.doc.clone(),
                    setter: None,
                }
            }
        }
    }

    /// Character limits apply to text: a documented limit on an enumeration or a number is covered by the type.
    fn text_limit(&self, value: &Value, limit: Option<&Limit>) -> Option<Limit> {
        match value {
            Value::Scalar { scalar, .. } if scalar.stringy => limit.cloned(),
            _ => None,
        }
    }

    fn trait_path(&self, base: &TypeId) -> ItemPath {
        ItemPath { module: self.names.module(&base.ns).to_owned(), name: self.names.trait_name(base).to_owned() }
    }

    /// The impl of abstract type `base`'s trait for `ft`, when `ft` is `base` itself or extends it so that `base`'s
    /// members are a prefix of its own. Extension appends to the base; anything else (a restriction) gets no impl
    /// rather than a wrong one.
    fn trait_impl(&self, base: &TypeId, ft: &FlatType) -> Option<TraitImpl> {
        let base_flat = self.flat.types.get(base)?;
        let prefix = base_flat.members.len() <= ft.members.len()
            && base_flat.members.iter().zip(&ft.members).all(|(a, b)| match (a, b) {
                (Member::Element(x), Member::Element(y)) => x.field.name == y.field.name && x.field.ns == y.field.ns,
                (Member::Any(_), Member::Any(_)) => true,
                _ => false,
            });
        if ft.id != *base && !(ft.abstract_bases.contains(base) && prefix) {
            return None;
        }
        let accessors = (0..base_flat.members.len())
            .map(|i| (self.names.field(base, i).to_owned(), self.names.field(&ft.id, i).to_owned()))
            .collect();
        Some(TraitImpl { base: base.clone(), trait_path: self.trait_path(base), accessors })
    }
}

/// The business-rule hook of a PayPal type that `paypal_soap_policy::rules` lists rules for: the type's name in
/// snake case, the function the service layer's `rules::hooks` defines. Only PayPal's namespaces qualify, so a
/// fixture schema that reuses a name gets no hook.
fn rule_hook(id: &TypeId) -> Option<String> {
    (id.ns.starts_with("urn:ebay:") && paypal_soap_policy::rules::has_rules(&id.name)).then(|| field_ident(&id.name))
}

/// How `Debug` shows a field named `wire`: as the policy says for a secret text value, and wholly masked for a
/// secret of any other kind (nothing of a structured secret is shown).
fn mask(wire: &str, value: &Value) -> Option<super::Mask> {
    let secret = paypal_soap_policy::secrets::secret(wire)?;
    Some(match value {
        Value::Scalar { scalar, .. } if scalar.stringy => secret.mask,
        _ => super::Mask::Whole,
    })
}

/// Checks on one scalar value; empty when the value has nothing to check. `limit` is the field's character
/// limit from the limits table (facet or documentation); it replaces the type's length facets, which the table
/// already accounts for.
fn scalar_checks(value: &Value, limit: Option<&Limit>) -> Vec<Check> {
    let Value::Scalar { scalar, .. } = value else { return Vec::new() };
    let mut checks = Vec::new();
    match &scalar.kind {
        ScalarKind::Enum(_) => checks.push(Check::Known),
        ScalarKind::Builtin(b) => {
            let facets = &scalar.facets;
            if let (true, Some(l)) = (scalar.stringy, limit) {
                if l.min_chars == l.max_chars && l.min_chars > 0 {
                    checks.push(Check::Len(l.max_chars));
                } else {
                    if l.min_chars > 0 {
                        checks.push(Check::MinLen(l.min_chars));
                    }
                    checks.push(Check::MaxLen(l.max_chars));
                }
            } else if scalar.stringy {
                checks.extend(facets.length.map(Check::Len));
                checks.extend(facets.min_length.map(Check::MinLen));
                checks.extend(facets.max_length.map(Check::MaxLen));
            }
            if is_integer(*b) {
                // Range facets on integer types become literal comparisons; a facet that does not parse as an
                // integer is left to the schema, not guessed at.
                checks.extend(facets.min_inclusive.as_deref().and_then(|s| s.parse().ok()).map(Check::MinInclusive));
                checks.extend(facets.max_inclusive.as_deref().and_then(|s| s.parse().ok()).map(Check::MaxInclusive));
            }
        }
    }
    checks
}
