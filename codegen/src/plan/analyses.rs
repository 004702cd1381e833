//! The plan's whole-model analyses, each a named step of [`super::build`]: which fields must be boxed, which
//! lead back to their own type, and which types' `validate()` can report anything.

use std::collections::{BTreeMap, BTreeSet};

use super::{TypeKind, TypePlan, Value};
use crate::flatten::{Flat, FlatField, Member};
use crate::model::{MaxOccurs, Model, TypeId, TypeRef};

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
            TypeKind::Struct(s) => {
                s.content.iter().chain(&s.attributes).chain(&s.members).any(|f| {
                    let bounded_list = f.shape == super::Shape::List
                        && !matches!(f.value, Value::Wildcard { .. })
                        && (f.occurs.min > 0 || f.occurs.max != MaxOccurs::Unbounded);
                    f.required || bounded_list || !f.checks.is_empty()
                }) || s.rule_hook.is_some()
            }
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

/// Method names a setter must not take, because calls with method syntax would reach the setter instead of the
/// trait method they mean: the std and runtime trait methods generated and hand-written code call on these
/// types. (A hand-written inherent method named like a setter is a duplicate definition: the build says so.)
const TAKEN_METHODS: &[&str] = &[
    "as_ref",
    "borrow",
    "clone",
    "clone_from",
    "cmp",
    "default",
    "eq",
    "fmt",
    "from",
    "hash",
    "into",
    "ne",
    "partial_cmp",
    "read_element",
    "report",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "validate",
    "validate_into",
    "write_element",
];

/// Marks the types merchants build for requests, those reachable from an operation's request element through
/// complex fields, and names each of their fields' consuming setters: the field's own name unless a method of
/// the type already has it (a std or runtime trait method, or an accessor of an abstract base's trait such as
/// `AbstractRequest::version`), then `set_<name>`. Wildcards and raw XML get no setter.
pub fn request_setters(model: &Model, types: &mut BTreeMap<TypeId, TypePlan>) {
    let mut stack: Vec<TypeId> = model
        .service
        .operations
        .iter()
        .filter_map(|op| match &model.elements.get(&op.input.element)?.type_ref {
            TypeRef::Named(id) => Some(id.clone()),
            TypeRef::Builtin(_) => None,
        })
        .collect();
    let mut request_side = BTreeSet::new();
    while let Some(id) = stack.pop() {
        let Some(TypePlan { kind: TypeKind::Struct(s), .. }) = types.get(&id) else { continue };
        if !request_side.insert(id.clone()) {
            continue;
        }
        for f in &s.members {
            if let Value::Complex { id: c, .. } = &f.value {
                stack.push(c.clone());
            }
        }
    }
    // Accessor names of every abstract base's trait, which the implementing types must not shadow.
    let accessors: BTreeMap<TypeId, BTreeSet<String>> = types
        .values()
        .filter_map(|t| match &t.kind {
            TypeKind::Struct(s) if s.is_abstract => {
                Some((t.id.clone(), s.members.iter().map(|f| f.rust.clone()).collect()))
            }
            _ => None,
        })
        .collect();
    for id in &request_side {
        let Some(TypePlan { kind: TypeKind::Struct(s), .. }) = types.get_mut(id) else { continue };
        s.builder = true;
        let mut taken: BTreeSet<String> = TAKEN_METHODS.iter().map(|m| (*m).to_owned()).collect();
        for imp in &s.implements {
            taken.extend(accessors.get(&imp.base).into_iter().flatten().cloned());
        }
        let mut used = BTreeSet::new();
        for f in s.content.iter_mut().chain(&mut s.attributes).chain(&mut s.members) {
            if matches!(f.value, Value::Wildcard { .. } | Value::AnyType) {
                continue;
            }
            let mut name = f.rust.clone();
            while taken.contains(&name) || used.contains(&name) {
                name = format!("set_{name}");
            }
            used.insert(name.clone());
            f.setter = Some(name);
        }
    }
}
