//! Stage 2: resolves the raw [`Documents`] into the [`Model`].
//!
//! It builds one symbol table per XSD symbol space (types, elements) over every schema read, rejecting
//! duplicates; resolves every QName against them (built-ins through [`Builtin::from_xsd_name`]); lowers
//! named types, global elements and the anonymous types nested in them; checks derivation chains for cycles;
//! and binds the WSDL's ports, bindings, port types and messages into [`crate::model::Operation`]s.
//!
//! Anonymous types get [`SymbolKind::AnonymousType`] ids in the namespace of the schema that declares them:
//! a global element's type is keyed by the element's name (`SetExpressCheckoutReq`), a local element's by
//! `Parent.Child` and a local attribute's by `Parent@attr`, where `Parent` is the key of the enclosing type.

mod service;
mod types;

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::model::{Builtin, Model, Pos, QName, SymbolKind, TypeDefKind, TypeId, TypeRef, XS_NS};
use crate::parse::{Documents, RawElement, RawQName, RawType, RawTypeDef};

/// Builds the model.
///
/// # Errors
/// [`Error::Schema`] at the offending position for unresolved references, duplicate definitions,
/// derivations the model cannot express and derivation cycles.
pub fn lower(docs: &Documents) -> Result<Model> {
    let symbols = Symbols::collect(docs)?;
    let mut model = Model::default();
    types::lower_all(&symbols, docs, &mut model)?;
    check_cycles(&model)?;
    if let Some(wsdl) = &docs.wsdl {
        model.service = service::lower_service(wsdl, &model.elements)?;
    }
    model.sources = docs.sources.clone();
    model.sources.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(model)
}

/// Global definitions of every schema read, by qualified name.
struct Symbols<'d> {
    /// Named types with their schema's target namespace.
    types: BTreeMap<QName, &'d RawType>,
    /// Global elements.
    elements: BTreeMap<QName, &'d RawElement>,
}

impl<'d> Symbols<'d> {
    fn collect(docs: &'d Documents) -> Result<Self> {
        let mut types = BTreeMap::new();
        let mut elements = BTreeMap::new();
        for schema in &docs.schemas {
            for ty in &schema.types {
                let name = QName::new(schema.target_ns.clone(), ty.name.clone().unwrap_or_default());
                if let Some(first) = types.insert(name.clone(), ty) {
                    return Err(duplicate("type", &name, &ty.pos, &first.pos));
                }
            }
            for el in &schema.elements {
                let name = QName::new(schema.target_ns.clone(), el.name.clone());
                if let Some(first) = elements.insert(name.clone(), el) {
                    return Err(duplicate("element", &name, &el.pos, &first.pos));
                }
            }
        }
        Ok(Self { types, elements })
    }

    /// Resolves a type reference: an XML Schema built-in or a named type of some schema read.
    fn type_ref(&self, q: &RawQName) -> Result<TypeRef> {
        let name = &q.qname;
        if name.ns == XS_NS {
            return Builtin::from_xsd_name(&name.name).map(TypeRef::Builtin).ok_or_else(|| {
                let known: Vec<&str> = Builtin::ALL.iter().map(|(_, n)| *n).collect();
                schema_err(
                    &q.pos,
                    format!(
                        "unsupported XML Schema built-in type `{}`; the loader knows: {}",
                        q.written,
                        known.join(", ")
                    ),
                )
            });
        }
        if self.types.contains_key(name) {
            return Ok(TypeRef::Named(type_id(name)));
        }
        let mut hint = String::from("check the namespace prefix and that the schema defining it is imported");
        if let Some(other) = self.types.keys().find(|k| k.name == name.name) {
            hint = format!("a type `{}` exists in namespace \"{}\"; check the prefix", other.name, other.ns);
        } else if self.elements.contains_key(name) {
            hint = "an element of that name exists; refer to elements with `ref=`, not `type=`".into();
        }
        Err(schema_err(
            &q.pos,
            format!("unresolved type reference `{}` ({name}): no schema read defines it; {hint}", q.written),
        ))
    }

    /// True when `name` is a named simple type.
    fn is_simple(&self, name: &QName) -> bool {
        self.types.get(name).is_some_and(|t| matches!(t.def, RawTypeDef::Simple(_)))
    }
}

/// The id of a named type.
fn type_id(name: &QName) -> TypeId {
    TypeId { ns: name.ns.clone(), kind: SymbolKind::Type, name: name.name.clone() }
}

fn schema_err(pos: &Pos, message: impl Into<String>) -> Error {
    Error::Schema { pos: pos.clone(), message: message.into() }
}

fn duplicate(what: &str, name: &QName, pos: &Pos, first: &Pos) -> Error {
    schema_err(
        pos,
        format!("duplicate {what} definition {name}: it is already defined at {first}; remove or rename one"),
    )
}

/// Rejects cycles in simple-type restriction chains and complex-type derivation chains.
fn check_cycles(model: &Model) -> Result<()> {
    for (id, def) in &model.types {
        let mut chain = vec![id.clone()];
        let mut cur = id.clone();
        loop {
            let next = match model.types.get(&cur).map(|d| &d.kind) {
                Some(TypeDefKind::Complex(ct)) => ct.base.as_ref().map(|(b, _)| b.clone()),
                Some(TypeDefKind::Simple(st)) => match &st.base {
                    TypeRef::Named(b) => Some(b.clone()),
                    TypeRef::Builtin(_) => None,
                },
                None => None,
            };
            let Some(next) = next else { break };
            if chain.contains(&next) {
                chain.push(next);
                let path: Vec<String> = chain.iter().map(|t| t.name.clone()).collect();
                return Err(schema_err(
                    &def.pos,
                    format!("derivation cycle {}: a type cannot derive from itself; break the cycle", path.join(" → ")),
                ));
            }
            chain.push(next.clone());
            cur = next;
        }
    }
    Ok(())
}
