//! Where types are used: which ones a request can contain (for the required-ness rule) and which types
//! inherit each type's members (so inherited changes are reported once, under the declaring base).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Content, Group, Model, Particle, TypeDefKind, TypeId, TypeRef};

/// Which direction a type travels in, as far as the models can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Reachable from some operation's input (body or header).
    Request,
    /// Only reachable from outputs, or not reachable at all, in a model that has operations.
    ResponseOnly,
    /// Neither model has operations (a plain XSD), so nothing is known.
    Unknown,
}

impl Side {
    /// Why a tightened requirement has the impact it has.
    pub(super) fn reason(self) -> &'static str {
        match self {
            Side::Request => "the type is used in requests, which validate() checks",
            Side::ResponseOnly => "the type only appears in responses, which are not validated",
            Side::Unknown => "no operations tell requests from responses, so requests are assumed",
        }
    }
}

/// The types one model's requests can contain.
#[derive(Debug)]
pub(super) struct RequestTypes {
    types: BTreeSet<TypeId>,
    has_operations: bool,
}

impl RequestTypes {
    /// Walks from every operation's input body and header elements through fields, attributes, bases and
    /// simple-type bases.
    pub(super) fn of(model: &Model) -> Self {
        let mut types = BTreeSet::new();
        let mut todo: Vec<TypeId> = Vec::new();
        for op in &model.service.operations {
            let heads = op.input.headers.iter().map(|h| &h.element);
            for el in std::iter::once(&op.input.element).chain(heads) {
                if let Some(TypeRef::Named(id)) = model.elements.get(el).map(|e| &e.type_ref) {
                    todo.push(id.clone());
                }
            }
        }
        while let Some(id) = todo.pop() {
            if !types.insert(id.clone()) {
                continue;
            }
            let Some(def) = model.get(&id) else { continue };
            let mut refs: Vec<&TypeRef> = Vec::new();
            match &def.kind {
                TypeDefKind::Simple(st) => refs.push(&st.base),
                TypeDefKind::Complex(ct) => {
                    if let Some((base, _)) = &ct.base {
                        todo.push(base.clone());
                    }
                    match &ct.content {
                        Content::Empty => {}
                        Content::Simple(t) => refs.push(t),
                        Content::Elements(g) => group_refs(g, &mut refs),
                    }
                    refs.extend(ct.attributes.iter().map(|a| &a.type_ref));
                }
            }
            todo.extend(refs.into_iter().filter_map(|r| match r {
                TypeRef::Named(t) if !types.contains(t) => Some(t.clone()),
                _ => None,
            }));
        }
        Self { types, has_operations: !model.service.operations.is_empty() }
    }

    /// The side of `id` judged from both models: a request in either counts.
    pub(super) fn side(old: &Self, new: &Self, id: &TypeId) -> Side {
        if old.types.contains(id) || new.types.contains(id) {
            Side::Request
        } else if old.has_operations || new.has_operations {
            Side::ResponseOnly
        } else {
            Side::Unknown
        }
    }
}

fn group_refs<'a>(group: &'a Group, out: &mut Vec<&'a TypeRef>) {
    for p in &group.particles {
        match p {
            Particle::Element(f) => out.push(&f.type_ref),
            Particle::Any(_) => {}
            Particle::Group(g) => group_refs(g, out),
        }
    }
}

/// For every type with a complex base, the types that derive from it, directly or not.
pub(super) fn heirs(model: &Model, into: &mut BTreeMap<TypeId, BTreeSet<TypeId>>) {
    for id in model.types.keys() {
        for base in model.bases(id) {
            into.entry(base.id.clone()).or_default().insert(id.clone());
        }
    }
}
