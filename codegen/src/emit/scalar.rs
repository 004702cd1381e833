//! How schema types map to Rust types, and which of them are scalars (text values) rather than elements
//! with structure.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::model::{Builtin, Model, TypeDefKind, TypeId, TypeRef};

/// What a simple type finally is, after following its restriction chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScalarKind {
    /// A built-in (possibly through aliases).
    Builtin(Builtin),
    /// A generated enumeration.
    Enum(TypeId),
}

/// Whitespace mode names of the runtime's `Ws` enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WsMode {
    Preserve,
    Replace,
    Collapse,
}

impl WsMode {
    pub(crate) fn tokens(self) -> TokenStream {
        match self {
            WsMode::Preserve => quote!(crate::runtime::xml::Ws::Preserve),
            WsMode::Replace => quote!(crate::runtime::xml::Ws::Replace),
            WsMode::Collapse => quote!(crate::runtime::xml::Ws::Collapse),
        }
    }
}

/// The scalar kind of a type reference and its whitespace mode, or `None` for complex types and `xs:anyType`.
pub(crate) fn scalar_kind(model: &Model, tr: &TypeRef) -> Option<(ScalarKind, WsMode)> {
    let mut cur = tr.clone();
    // Restriction chains are short; the bound only guards against a cyclic model.
    for _ in 0..32 {
        match cur {
            TypeRef::Builtin(Builtin::AnyType) => return None,
            TypeRef::Builtin(b) => return Some((ScalarKind::Builtin(b), builtin_ws(b))),
            TypeRef::Named(id) => match &model.get(&id)?.kind {
                TypeDefKind::Complex(_) => return None,
                TypeDefKind::Simple(st) if !st.enumeration.is_empty() => {
                    let ws = root_builtin(model, &st.base).map_or(WsMode::Collapse, builtin_ws);
                    return Some((ScalarKind::Enum(id), ws));
                }
                TypeDefKind::Simple(st) => cur = st.base.clone(),
            },
        }
    }
    None
}

/// The built-in at the root of a simple type's restriction chain.
pub(crate) fn root_builtin(model: &Model, tr: &TypeRef) -> Option<Builtin> {
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

fn builtin_ws(b: Builtin) -> WsMode {
    match b {
        Builtin::String => WsMode::Preserve,
        Builtin::NormalizedString => WsMode::Replace,
        _ => WsMode::Collapse,
    }
}

/// The Rust type of a built-in. Numbers that XSD leaves unbounded (`xs:integer`) become `i64`: PayPal uses
/// them for quantities, and an overflowing value is a decode error rather than a silent wrap.
pub(crate) fn builtin_type(b: Builtin) -> TokenStream {
    match b {
        Builtin::String
        | Builtin::NormalizedString
        | Builtin::Token
        | Builtin::AnyUri
        | Builtin::Duration
        | Builtin::Base64Binary => quote!(::std::string::String),
        Builtin::Boolean => quote!(bool),
        Builtin::Int => quote!(i32),
        Builtin::Integer | Builtin::Long => quote!(i64),
        Builtin::Short => quote!(i16),
        Builtin::Byte => quote!(i8),
        Builtin::NonNegativeInteger | Builtin::PositiveInteger => quote!(u64),
        Builtin::UnsignedInt => quote!(u32),
        Builtin::Decimal => quote!(crate::runtime::Decimal),
        Builtin::Double => quote!(f64),
        Builtin::Float => quote!(f32),
        Builtin::DateTime => quote!(crate::runtime::DateTime),
        Builtin::Date => quote!(crate::runtime::Date),
        Builtin::Time => quote!(crate::runtime::Time),
        Builtin::AnyType => quote!(crate::runtime::AnyElement),
    }
}

/// True when a built-in's Rust type is `String`, so an empty element is an empty string, not an absent value.
pub(crate) fn is_stringy(b: Builtin) -> bool {
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

impl Ctx<'_> {
    /// The Rust type a value of `tr` is held in.
    pub(crate) fn rust_type(&self, tr: &TypeRef) -> TokenStream {
        match tr {
            TypeRef::Builtin(b) => builtin_type(*b),
            TypeRef::Named(id) => self.type_path(id),
        }
    }
}
