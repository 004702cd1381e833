//! Lowers raw types and global elements into [`TypeDef`]s and [`ElementDecl`]s: resolves type references,
//! element `ref`s (which take the referenced element's namespace, type, nillability and, when the local
//! declaration has none, its documentation), derivations, and names anonymous types (see the module docs of
//! [`crate::lower`]).

use super::{Symbols, schema_err};
use crate::error::{Error, Result};
use crate::model::{
    Attribute, Builtin, ComplexType, Content, Derivation, ElementDecl, Field, Group, Model, Particle, QName,
    SimpleType, SymbolKind, TypeDef, TypeDefKind, TypeId, TypeRef,
};
use crate::parse::{
    Documents, RawAttribute, RawComplex, RawContent, RawElement, RawElementBody, RawGroup, RawLocalElement,
    RawParticle, RawQName, RawSimple, RawType, RawTypeDef, RawTypeUse,
};

/// Lowers every named type and global element of every schema, with the anonymous types inside them.
/// Every type and element is tried, and every problem is reported (one per definition: the first problem in it).
pub(super) fn lower_all(symbols: &Symbols<'_>, docs: &Documents, model: &mut Model) -> Result<()> {
    let mut lowerer = Lowerer { symbols, model };
    let mut errors = Vec::new();
    for schema in &docs.schemas {
        for ty in &schema.types {
            let name = ty.name.clone().unwrap_or_default();
            let id = TypeId { ns: schema.target_ns.clone(), kind: SymbolKind::Type, name };
            // A second definition of a name is reported by the symbol table; only the first is lowered.
            if !symbols.is_first_type(&id.qname(), ty) {
                continue;
            }
            errors.extend(lowerer.lower_type(id, ty, None).err());
        }
        for el in &schema.elements {
            if !symbols.is_first_element(&QName::new(schema.target_ns.clone(), el.name.clone()), el) {
                continue;
            }
            errors.extend(lowerer.lower_element(&schema.target_ns, el).err());
        }
    }
    Error::collect(errors)
}

struct Lowerer<'s, 'd, 'm> {
    symbols: &'s Symbols<'d>,
    model: &'m mut Model,
}

impl Lowerer<'_, '_, '_> {
    /// Lowers `raw` under `id`; `fallback_doc` documents an anonymous type that has no annotation of its own.
    fn lower_type(&mut self, id: TypeId, raw: &RawType, fallback_doc: Option<&String>) -> Result<()> {
        let kind = match &raw.def {
            RawTypeDef::Simple(st) => TypeDefKind::Simple(self.simple(st)?),
            RawTypeDef::Complex(ct) => TypeDefKind::Complex(self.complex(&id, ct)?),
        };
        let doc = raw.doc.clone().or_else(|| fallback_doc.cloned());
        let def = TypeDef { id: id.clone(), doc, pos: raw.pos.clone(), kind };
        if let Some(first) = self.model.types.get(&id) {
            return Err(schema_err(
                &raw.pos,
                format!(
                    "the anonymous type key {id} is already used by the type at {}; rename the element or the type",
                    first.pos
                ),
            ));
        }
        self.model.types.insert(id, def);
        Ok(())
    }

    fn simple(&self, st: &RawSimple) -> Result<SimpleType> {
        let base = self.symbols.type_ref(&st.base)?;
        if let TypeRef::Named(id) = &base
            && !self.symbols.is_simple(&id.qname())
        {
            return Err(schema_err(
                &st.base.pos,
                format!("the base `{}` of a simple type is a complex type; restrict a simple type", st.base.written),
            ));
        }
        Ok(SimpleType { base, facets: st.facets.clone(), enumeration: st.enumeration.clone() })
    }

    fn complex(&mut self, id: &TypeId, ct: &RawComplex) -> Result<ComplexType> {
        let (base, content) = match &ct.content {
            RawContent::Empty => (None, Content::Empty),
            RawContent::Group(g) => (None, Content::Elements(self.group(id, g)?)),
            RawContent::Complex { base, derivation, group } => {
                let base = self.complex_base(base)?;
                let content = match group {
                    Some(g) => Content::Elements(self.group(id, g)?),
                    None => Content::Empty,
                };
                (base.map(|b| (b, *derivation)), content)
            }
            RawContent::Simple { base, derivation } => self.simple_content(base, *derivation)?,
        };
        let mut attributes = Vec::with_capacity(ct.attributes.len());
        for a in &ct.attributes {
            if attributes.iter().any(|b: &Attribute| b.name == a.name && b.ns == a.ns) {
                return Err(schema_err(&a.pos, format!("duplicate attribute `{}` in one type", a.name)));
            }
            attributes.push(self.attribute(id, a)?);
        }
        Ok(ComplexType { is_abstract: ct.is_abstract, mixed: ct.mixed, base, content, attributes })
    }

    /// The base of a `complexContent` derivation: a complex type with element content, or `xs:anyType`
    /// (which is what a type without a base derives from, so it yields no base).
    fn complex_base(&self, base: &RawQName) -> Result<Option<TypeId>> {
        match self.symbols.type_ref(base)? {
            TypeRef::Builtin(Builtin::AnyType) => Ok(None),
            TypeRef::Builtin(_) => Err(schema_err(
                &base.pos,
                format!(
                    "`{}` is a simple type; derive from it with <simpleContent>, not <complexContent>",
                    base.written
                ),
            )),
            TypeRef::Named(id) => match self.symbols.types.get(&id.qname()).map(|t| &t.def) {
                Some(RawTypeDef::Complex(RawComplex { content: RawContent::Simple { .. }, .. })) => Err(schema_err(
                    &base.pos,
                    format!("`{}` has simple content; derive from it with <simpleContent>", base.written),
                )),
                Some(RawTypeDef::Complex(_)) => Ok(Some(id)),
                _ => Err(schema_err(
                    &base.pos,
                    format!(
                        "`{}` is a simple type; derive from it with <simpleContent>, not <complexContent>",
                        base.written
                    ),
                )),
            },
        }
    }

    /// Base and content of a `simpleContent` type: extending a simple type gives text content without a base;
    /// deriving from a complex type with simple content keeps that type as base and its text type.
    fn simple_content(
        &self,
        base: &RawQName,
        derivation: Derivation,
    ) -> Result<(Option<(TypeId, Derivation)>, Content)> {
        let base_ref = self.symbols.type_ref(base)?;
        let TypeRef::Named(base_id) = &base_ref else {
            return self.simple_extension(base, derivation, base_ref);
        };
        if self.symbols.is_simple(&base_id.qname()) {
            return self.simple_extension(base, derivation, base_ref);
        }
        let value = self.simple_value(base_id, base)?;
        Ok((Some((base_id.clone(), derivation)), Content::Simple(value)))
    }

    fn simple_extension(
        &self,
        base: &RawQName,
        derivation: Derivation,
        base_ref: TypeRef,
    ) -> Result<(Option<(TypeId, Derivation)>, Content)> {
        if derivation == Derivation::Restriction {
            return Err(schema_err(
                &base.pos,
                format!(
                    "a <simpleContent> restriction must restrict a complex type with simple content, and `{}` is a simple type; use <extension>",
                    base.written
                ),
            ));
        }
        Ok((None, Content::Simple(base_ref)))
    }

    /// The text type of the complex type `id` that has simple content, following its derivation chain.
    fn simple_value(&self, id: &TypeId, at: &RawQName) -> Result<TypeRef> {
        let mut cur = id.clone();
        for _ in 0..=self.symbols.types.len() {
            let raw = self.symbols.types.get(&cur.qname()).map(|t| &t.def);
            let Some(RawTypeDef::Complex(RawComplex { content: RawContent::Simple { base, .. }, .. })) = raw else {
                return Err(schema_err(
                    &at.pos,
                    format!("`{}` does not have simple content; derive from it with <complexContent>", at.written),
                ));
            };
            match self.symbols.type_ref(base)? {
                TypeRef::Named(next) if !self.symbols.is_simple(&next.qname()) => cur = next,
                value => return Ok(value),
            }
        }
        Err(schema_err(&at.pos, format!("derivation cycle through `{}`; a type cannot derive from itself", at.written)))
    }

    fn group(&mut self, parent: &TypeId, g: &RawGroup) -> Result<Group> {
        let mut particles = Vec::with_capacity(g.particles.len());
        for p in &g.particles {
            particles.push(match p {
                RawParticle::Element(e) => Particle::Element(self.field(parent, e)?),
                RawParticle::Any(a) => Particle::Any(a.clone()),
                RawParticle::Group(inner) => Particle::Group(self.group(parent, inner)?),
            });
        }
        Ok(Group { compositor: g.compositor, occurs: g.occurs, particles })
    }

    fn field(&mut self, parent: &TypeId, e: &RawLocalElement) -> Result<Field> {
        match &e.body {
            RawElementBody::Decl { name, ns, ty, nillable, default, fixed } => {
                let key = format!("{}.{name}", parent.name);
                let type_ref = self.type_use(parent, key, ty, e.doc.as_ref())?;
                Ok(Field {
                    name: name.clone(),
                    ns: ns.clone(),
                    type_ref,
                    occurs: e.occurs,
                    nillable: *nillable,
                    element_ref: None,
                    doc: e.doc.clone(),
                    default: default.clone(),
                    fixed: fixed.clone(),
                    pos: e.pos.clone(),
                })
            }
            RawElementBody::Ref(target) => {
                let Some(global) = self.symbols.elements.get(&target.qname) else {
                    let mut hint = "check the namespace prefix and that the schema defining it is imported".to_string();
                    if self.symbols.types.contains_key(&target.qname) {
                        hint = "a type of that name exists; refer to types with `type=`, not `ref=`".into();
                    }
                    return Err(schema_err(
                        &target.pos,
                        format!(
                            "unresolved element reference `{}` ({}): no schema read defines it; {hint}",
                            target.written, target.qname
                        ),
                    ));
                };
                if global.is_abstract {
                    return Err(schema_err(
                        &target.pos,
                        format!(
                            "`{}` refers to an abstract element; substitution groups are not supported",
                            target.written
                        ),
                    ));
                }
                Ok(Field {
                    name: target.qname.name.clone(),
                    ns: target.qname.ns.clone(),
                    type_ref: self.element_type(&target.qname, global)?,
                    occurs: e.occurs,
                    nillable: global.nillable,
                    element_ref: Some(target.qname.clone()),
                    doc: e.doc.clone().or_else(|| global.doc.clone()),
                    default: global.default.clone(),
                    fixed: global.fixed.clone(),
                    pos: e.pos.clone(),
                })
            }
        }
    }

    /// The type of the global element `name` without lowering it (its anonymous type, if any, is lowered with
    /// the element itself).
    fn element_type(&self, name: &QName, el: &RawElement) -> Result<TypeRef> {
        Ok(match &el.ty {
            RawTypeUse::Named(q) => self.symbols.type_ref(q)?,
            RawTypeUse::Anonymous(_) => {
                TypeRef::Named(TypeId { ns: name.ns.clone(), kind: SymbolKind::AnonymousType, name: name.name.clone() })
            }
            RawTypeUse::Unspecified => TypeRef::Builtin(Builtin::AnyType),
        })
    }

    /// The type of a local declaration; an anonymous one is lowered under `key` in `parent`'s namespace.
    fn type_use(&mut self, parent: &TypeId, key: String, ty: &RawTypeUse, doc: Option<&String>) -> Result<TypeRef> {
        match ty {
            RawTypeUse::Named(q) => self.symbols.type_ref(q),
            RawTypeUse::Anonymous(raw) => {
                let id = TypeId { ns: parent.ns.clone(), kind: SymbolKind::AnonymousType, name: key };
                self.lower_type(id.clone(), raw, doc)?;
                Ok(TypeRef::Named(id))
            }
            RawTypeUse::Unspecified => Ok(TypeRef::Builtin(Builtin::AnyType)),
        }
    }

    fn attribute(&mut self, parent: &TypeId, a: &RawAttribute) -> Result<Attribute> {
        let key = format!("{}@{}", parent.name, a.name);
        let type_ref = self.type_use(parent, key, &a.ty, a.doc.as_ref())?;
        if let TypeRef::Named(id) = &type_ref
            && id.kind == SymbolKind::Type
            && !self.symbols.is_simple(&id.qname())
        {
            return Err(schema_err(
                &a.pos,
                format!("attribute `{}` has the complex type {id}; attributes need simple types", a.name),
            ));
        }
        Ok(Attribute {
            name: a.name.clone(),
            ns: a.ns.clone(),
            type_ref,
            required: a.required,
            default: a.default.clone(),
            fixed: a.fixed.clone(),
            doc: a.doc.clone(),
            pos: a.pos.clone(),
        })
    }

    fn lower_element(&mut self, tns: &str, el: &RawElement) -> Result<()> {
        let name = QName::new(tns, el.name.clone());
        let type_ref = self.element_type(&name, el)?;
        if let RawTypeUse::Anonymous(raw) = &el.ty {
            let id = TypeId { ns: tns.to_string(), kind: SymbolKind::AnonymousType, name: el.name.clone() };
            self.lower_type(id, raw, el.doc.as_ref())?;
        }
        let decl = ElementDecl {
            name: name.clone(),
            type_ref,
            is_abstract: el.is_abstract,
            nillable: el.nillable,
            doc: el.doc.clone(),
            pos: el.pos.clone(),
        };
        self.model.elements.insert(name, decl);
        Ok(())
    }
}
