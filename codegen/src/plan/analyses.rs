//! The plan's whole-model analyses, each a named step of [`super::build`]: which fields must be boxed, which
//! lead back to their own type, and which types' `validate()` can report anything.

use std::collections::{BTreeMap, BTreeSet};

use super::{TypeKind, TypePlan, Value};
use crate::flatten::{Flat, FlatField, Member};
use crate::model::{MaxOccurs, TypeId, TypeRef};

/// Single (non-`Vec`) fields whose type can reach the containing type again through single fields: without a
/// `Box` the struct would have infinite size. Keys are (type, member index).
pub fn boxed_members(flat: &Flat) -> BTreeSet<(TypeId, usize)> {
    cyclic_members(flat, |ff| !ff.occurs.is_many())
}

/// Members that lead back to their own type through any chain of complex fields, lists included: example and
/// arbitrary values fill them only down to a fixed depth, so recursive types stay finite.
pub fn recursive_members(flat: &Flat) -> BTreeSet<(TypeId, usize)> {
    cyclic_members(flat, |_| true)
}

/// Members (type, member index) that lead back to their own type through a chain of complex fields that all pass
/// `follow`.
fn cyclic_members(flat: &Flat, follow: impl Fn(&FlatField) -> bool) -> BTreeSet<(TypeId, usize)> {
    let edges = |id: &TypeId| -> Vec<(usize, TypeId)> {
        let Some(t) = flat.types.get(id) else { return Vec::new() };
        t.members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m {
                Member::Element(ff) if follow(ff) => match &ff.field.type_ref {
                    TypeRef::Named(target) if flat.types.contains_key(target) => Some((i, target.clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    };
    let mut out = BTreeSet::new();
    for id in flat.types.keys() {
        for (i, target) in edges(id) {
            // Depth-first search from the field's type back to the containing type.
            let mut stack = vec![target];
            let mut visited = BTreeSet::new();
            while let Some(cur) = stack.pop() {
                if cur == *id {
                    out.insert((id.clone(), i));
                    break;
                }
                if visited.insert(cur.clone()) {
                    stack.extend(edges(&cur).into_iter().map(|(_, t)| t));
                }
            }
        }
    }
    out
}

/// Marks the complex types whose `validate()` can report anything: those with a check of their own (a required
/// field, a bounded list, a scalar check), and those with a field of such a type. Fields of the other types are
/// not walked at all, which keeps `validate()` of a large request a small fraction of serializing it. The
/// fields that hold a marked type are marked too, so the validator walks into them.
pub fn validated_types(types: &mut BTreeMap<TypeId, TypePlan>) {
    let mut validated: BTreeSet<TypeId> = types
        .iter()
        .filter(|(_, t)| match &t.kind {
            TypeKind::Struct(s) => s.content.iter().chain(&s.attributes).chain(&s.members).any(|f| {
                let bounded_list = f.shape == super::Shape::List
                    && !matches!(f.value, Value::Wildcard { .. })
                    && (f.occurs.min > 0 || f.occurs.max != MaxOccurs::Unbounded);
                f.required || bounded_list || !f.checks.is_empty()
            }),
            _ => false,
        })
        .map(|(id, _)| id.clone())
        .collect();
    // Propagate to types that contain a validated type, until nothing changes.
    loop {
        let before = validated.len();
        for (id, t) in types.iter() {
            let TypeKind::Struct(s) = &t.kind else { continue };
            if !validated.contains(id)
                && s.members.iter().any(|f| matches!(&f.value, Value::Complex { id: c, .. } if validated.contains(c)))
            {
                validated.insert(id.clone());
            }
        }
        if validated.len() == before {
            break;
        }
    }
    for (id, t) in types.iter_mut() {
        let TypeKind::Struct(s) = &mut t.kind else { continue };
        s.validated = validated.contains(id);
        for f in &mut s.members {
            if let Value::Complex { id: c, validated: v, .. } = &mut f.value {
                *v = validated.contains(c);
            }
        }
    }
}
