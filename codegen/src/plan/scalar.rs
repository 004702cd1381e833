//! What a simple type finally is: the built-in or enumeration at the end of its restriction chain, the
//! whitespace rule its text is read with, whether its Rust type is a `String`, and the facets in force.

use crate::model::{Builtin, Facets, Model, TypeDefKind, TypeId, TypeRef};

/// The resolved kind of a text value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScalarKind {
    /// A built-in (possibly through aliases).
    Builtin(Builtin),
    /// A generated enumeration.
    Enum(TypeId),
}

/// The whitespace rule of a text value (XSD `whiteSpace`), as the runtime's `Ws` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ws {
    /// `xs:string`: kept as received.
    Preserve,
    /// `xs:normalizedString`: tabs and line breaks become spaces.
    Replace,
    /// Everything else: runs of whitespace become one space, and leading and trailing whitespace goes.
    Collapse,
}

/// A text value, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// What it finally is.
    pub kind: ScalarKind,
    /// How its text is read.
    pub ws: Ws,
    /// True when its Rust type is `String`: an empty element is then an empty string, not an absent value.
    pub stringy: bool,
    /// The facets in force: the nearest declaration of each along the restriction chain.
    pub facets: Facets,
}

/// Resolves a type reference to a scalar, or `None` for complex types and `xs:anyType`.
pub fn resolve(model: &Model, tr: &TypeRef) -> Option<Scalar> {
    let mut cur = tr.clone();
    // Restriction chains are short; the bound only guards against a cyclic model.
    for _ in 0..32 {
        match cur {
            TypeRef::Builtin(Builtin::AnyType) => return None,
            TypeRef::Builtin(b) => {
                return Some(Scalar {
                    kind: ScalarKind::Builtin(b),
                    ws: builtin_ws(b),
                    stringy: is_stringy(b),
                    facets: effective_facets(model, tr),
                });
            }
            TypeRef::Named(id) => match &model.get(&id)?.kind {
                TypeDefKind::Complex(_) => return None,
                TypeDefKind::Simple(st) if !st.enumeration.is_empty() => {
                    let ws = root_builtin(model, &st.base).map_or(Ws::Collapse, builtin_ws);
                    return Some(Scalar {
                        kind: ScalarKind::Enum(id),
                        ws,
                        stringy: false,
                        facets: effective_facets(model, tr),
                    });
                }
                TypeDefKind::Simple(st) => cur = st.base.clone(),
            },
        }
    }
    None
}

/// The built-in at the root of a simple type's restriction chain.
pub fn root_builtin(model: &Model, tr: &TypeRef) -> Option<Builtin> {
    let mut cur = tr.clone();
    for _ in 0..32 {
        match cur {
            TypeRef::Builtin(b) => return Some(b),
            TypeRef::Named(id) => match &model.get(&id)?.kind {
                TypeDefKind::Simple(st) => cur = st.base.clone(),
                TypeDefKind::Complex(_) => return None,
            },
        }
    }
    None
}

fn builtin_ws(b: Builtin) -> Ws {
    match b {
        Builtin::String => Ws::Preserve,
        Builtin::NormalizedString => Ws::Replace,
        _ => Ws::Collapse,
    }
}

/// True when a built-in's Rust type is `String`, so an empty element is an empty string, not an absent value.
pub fn is_stringy(b: Builtin) -> bool {
    matches!(
        b,
        Builtin::String
            | Builtin::NormalizedString
            | Builtin::Token
            | Builtin::AnyUri
            | Builtin::Duration
            | Builtin::Base64Binary
    )
}

/// True for the integer built-ins whose range facets `validate()` compares as `i64`.
pub fn is_integer(b: Builtin) -> bool {
    matches!(b, Builtin::Int | Builtin::Integer | Builtin::Long | Builtin::Short | Builtin::Byte | Builtin::UnsignedInt)
}

/// Facets in force for a simple type: the nearest declaration of each facet along the restriction chain.
pub fn effective_facets(model: &Model, tr: &TypeRef) -> Facets {
    let mut out = Facets::default();
    let mut cur = tr.clone();
    for _ in 0..32 {
        let TypeRef::Named(id) = &cur else { break };
        let Some(TypeDefKind::Simple(st)) = model.get(id).map(|d| &d.kind) else { break };
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
