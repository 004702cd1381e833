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
use std::collections::btree_map::Entry;

use crate::error::{Error, Result};
use crate::model::{Builtin, Model, Pos, QName, SymbolKind, TypeDefKind, TypeId, TypeRef, XS_NS};
use crate::parse::{Documents, RawElement, RawQName, RawType, RawTypeDef};

/// Builds the model.
///
/// # Errors
/// [`Error::Schema`] at the offending position for unresolved references, duplicate definitions,
/// derivations the model cannot express and derivation cycles.
pub fn lower(docs: &Documents) -> Result<Model> {
    let (symbols, duplicates) = Symbols::collect(docs);
    let mut model = Model::default();
    let lowered = types::lower_all(&symbols, docs, &mut model);
    Error::collect(duplicates.into_iter().chain(lowered.err()).collect())?;
    // The WSDL is bound only against a model without problems: an element that failed to lower would otherwise
    // show up again as an unresolved part, a second report of the same mistake.
    let mut errors: Vec<Error> = check_cycles(&model).err().into_iter().collect();
    if let Some(wsdl) = &docs.wsdl {
        match service::lower_service(wsdl, &model.elements) {
            Ok(service) => model.service = service,
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
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
    /// The symbol tables, and one error per duplicate definition (the first definition is kept, so lowering can
    /// go on and report the schemas' other problems too).
    fn collect(docs: &'d Documents) -> (Self, Vec<Error>) {
        let mut types: BTreeMap<QName, &RawType> = BTreeMap::new();
        let mut elements: BTreeMap<QName, &RawElement> = BTreeMap::new();
        let mut errors = Vec::new();
        for schema in &docs.schemas {
            for ty in &schema.types {
                let name = QName::new(schema.target_ns.clone(), ty.name.clone().unwrap_or_default());
                match types.entry(name) {
                    Entry::Occupied(first) => errors.push(duplicate("type", first.key(), &ty.pos, &first.get().pos)),
                    Entry::Vacant(slot) => {
                        slot.insert(ty);
                    }
                }
            }
            for el in &schema.elements {
                let name = QName::new(schema.target_ns.clone(), el.name.clone());
                match elements.entry(name) {
                    Entry::Occupied(first) => {
                        errors.push(duplicate("element", first.key(), &el.pos, &first.get().pos));
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(el);
                    }
                }
            }
        }
        (Self { types, elements }, errors)
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

    /// True when `ty` is the definition the table keeps for `name` (the first one read).
    fn is_first_type(&self, name: &QName, ty: &RawType) -> bool {
        self.types.get(name).is_some_and(|kept| std::ptr::eq(*kept, ty))
    }

    /// True when `el` is the declaration the table keeps for `name` (the first one read).
    fn is_first_element(&self, name: &QName, el: &RawElement) -> bool {
        self.elements.get(name).is_some_and(|kept| std::ptr::eq(*kept, el))
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
