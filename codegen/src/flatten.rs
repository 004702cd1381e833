//! Stage 3: the per-type view that emitters and naming need, computed once from the [`Model`].
//!
//! XSD spreads a complex type over its derivation chain and nested groups. Emitters want one flat list per
//! type: inherited members first (extension appends to the base), each element with its *effective*
//! occurrence range (a field inside a repeated `choice` may appear any number of times, and one inside an
//! optional group may be absent), wildcards where they stand, and all attributes. This module computes that
//! list and nothing else; it does not name anything.

use std::collections::BTreeMap;

use crate::model::{
    AnyParticle, Attribute, Compositor, Content, Derivation, Field, Group, Model, Occurs, Particle, TypeDefKind,
    TypeId, TypeRef,
};

/// One member of a flattened complex type, in wire order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// A child element.
    Element(FlatField),
    /// An `xs:any` wildcard: unknown children are kept here as raw XML.
    Any(FlatAny),
}

/// An element of a flattened complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatField {
    /// The declaration as in the model.
    pub field: Field,
    /// Effective occurrences after multiplying by the enclosing groups' ranges (a member of a choice with
    /// several alternatives has minimum 0).
    pub occurs: Occurs,
    /// The type whose content model declares the element (the type itself or one of its bases).
    pub declared_in: TypeId,
    /// True when the element is an alternative of an `xs:choice`.
    pub in_choice: bool,
}

/// A wildcard of a flattened complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatAny {
    /// The declaration.
    pub any: AnyParticle,
    /// Effective occurrences.
    pub occurs: Occurs,
    /// The type whose content model declares the wildcard.
    pub declared_in: TypeId,
}

/// An attribute of a flattened complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatAttribute {
    /// The declaration.
    pub attribute: Attribute,
    /// The type that declares it.
    pub declared_in: TypeId,
}

/// A complex type with its derivation chain folded in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatType {
    /// The type.
    pub id: TypeId,
    /// Members in wire order: the furthest base's first.
    pub members: Vec<Member>,
    /// Attributes: the furthest base's first.
    pub attributes: Vec<FlatAttribute>,
    /// The text value's type for `simpleContent` types.
    pub simple_content: Option<TypeRef>,
    /// True when the type or a base is `mixed`.
    pub mixed: bool,
    /// Abstract complex types this type derives from, nearest first.
    pub abstract_bases: Vec<TypeId>,
}

impl FlatType {
    /// The element members only.
    pub fn fields(&self) -> impl Iterator<Item = &FlatField> {
        self.members.iter().filter_map(|m| match m {
            Member::Element(f) => Some(f),
            Member::Any(_) => None,
        })
    }
}

/// The flattened view of every complex type of a model, keyed like [`Model::types`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flat {
    /// Complex types only.
    pub types: BTreeMap<TypeId, FlatType>,
}

/// Flattens every complex type of `model`.
pub fn flatten(model: &Model) -> Flat {
    let mut types = BTreeMap::new();
    for (id, def) in &model.types {
        if let TypeDefKind::Complex(_) = def.kind {
            types.insert(id.clone(), flatten_one(model, id));
        }
    }
    Flat { types }
}

fn flatten_one(model: &Model, id: &TypeId) -> FlatType {
    // The chain from the furthest base to the type itself. A restriction replaces everything inherited so far,
    // so walking from the root and clearing on restriction gives the effective content.
    let mut chain: Vec<&TypeId> = model.bases(id).iter().map(|d| &d.id).collect();
    chain.reverse();
    chain.push(id);

    let mut flat = FlatType {
        id: id.clone(),
        members: Vec::new(),
        attributes: Vec::new(),
        simple_content: None,
        mixed: false,
        abstract_bases: Vec::new(),
    };
    for (depth, tid) in chain.iter().enumerate() {
        let Some(TypeDefKind::Complex(ct)) = model.get(tid).map(|d| &d.kind) else { continue };
        if depth + 1 < chain.len() && ct.is_abstract {
            flat.abstract_bases.insert(0, (*tid).clone());
        }
        if let Some((_, Derivation::Restriction)) = ct.base {
            flat.members.clear();
        }
        flat.mixed |= ct.mixed;
        match &ct.content {
            Content::Empty => {}
            Content::Simple(t) => flat.simple_content = Some(t.clone()),
            Content::Elements(group) => push_group(&mut flat.members, group, Occurs::ONCE, false, tid),
        }
        for a in &ct.attributes {
            // A derived type may redeclare an inherited attribute; the nearest declaration wins.
            flat.attributes.retain(|f| f.attribute.name != a.name || f.attribute.ns != a.ns);
            flat.attributes.push(FlatAttribute { attribute: a.clone(), declared_in: (*tid).clone() });
        }
    }
    flat
}

fn push_group(out: &mut Vec<Member>, group: &Group, outer: Occurs, in_choice: bool, declared_in: &TypeId) {
    let mut range = group.occurs.within(outer);
    let is_choice = group.compositor == Compositor::Choice;
    if is_choice && group.particles.len() > 1 {
        // Any single alternative may be absent because another one was chosen.
        range.min = 0;
    }
    for p in &group.particles {
        match p {
            Particle::Element(f) => out.push(Member::Element(FlatField {
                field: f.clone(),
                occurs: f.occurs.within(range),
                declared_in: declared_in.clone(),
                in_choice: in_choice || is_choice,
            })),
            Particle::Any(a) => out.push(Member::Any(FlatAny {
                any: a.clone(),
                occurs: a.occurs.within(range),
                declared_in: declared_in.clone(),
            })),
            Particle::Group(g) => push_group(out, g, range, in_choice || is_choice, declared_in),
        }
    }
}
