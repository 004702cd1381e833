//! Builds [`Limits`] from a [`Model`]: walks every type's own fields and attributes, reads the facets of each
//! field's simple type and the prose of its documentation, and decides the effective limit (the facet wins).

use std::collections::BTreeMap;

use super::prose::{DocLimit, Reason, ReasonKind, limits_in_doc, named_limits};
use super::{Disagreement, Limit, Limits, Row, Site, Source, Unparsed, short_type_name};
use crate::flatten::{Flat, flatten};
use crate::model::{
    ComplexType, Content, Field, Group, Model, Particle, SimpleType, TypeDef, TypeDefKind, TypeId, TypeRef,
};

/// Every character limit of `model`: one row per limited field of the type that declares it, the
/// documentation texts that mention characters or a length but yield no limit, and the facet/prose
/// disagreements.
///
/// A field's limit is the smallest `maxLength` or `length` facet on its simple type's restriction chain; when
/// there is none, the limit its own documentation states; then a limit stated for it by name in the
/// documentation of a field of its parent type ("FirstName: 25 single-byte character limit" on `PayerName`);
/// then one stated by the documentation of its simple type.
pub fn collect(model: &Model) -> Limits {
    collect_with(model, &flatten(model))
}

/// [`collect`] with the flat view already computed (`flat` must be `flatten(model)`): the plan stage calls this,
/// so the model is flattened once per generation.
pub fn collect_with(model: &Model, flat: &Flat) -> Limits {
    let mut b = Builder::new(model, flat);
    for (id, def) in &model.types {
        match &def.kind {
            TypeDefKind::Simple(st) => b.simple_type(id, def, st),
            TypeDefKind::Complex(ct) => b.complex_type(id, def, ct),
        }
    }
    Limits::new(b.rows, b.unparsed, b.disagreements, b.confirmed)
}

struct Builder<'m> {
    model: &'m Model,
    flat: &'m Flat,
    /// Limits stated by name in a parent field's documentation, by (declaring type, field name).
    named: BTreeMap<(TypeId, String), Vec<Limit>>,
    rows: Vec<Row>,
    unparsed: Vec<Unparsed>,
    disagreements: Vec<Disagreement>,
    confirmed: usize,
}

impl<'m> Builder<'m> {
    fn new(model: &'m Model, flat: &'m Flat) -> Self {
        Builder {
            model,
            flat,
            named: named_child_limits(model, flat),
            rows: Vec::new(),
            unparsed: Vec::new(),
            disagreements: Vec::new(),
            confirmed: 0,
        }
    }

    fn simple_type(&mut self, id: &TypeId, def: &TypeDef, st: &SimpleType) {
        if let Some(doc) = &def.doc {
            match limits_in_doc(doc, &id.name) {
                DocLimit::Limit(p) => {
                    let doc = doc_limit(p.max_chars, p.phrase);
                    // A documented limit of a type without a facet reaches its fields through `type_doc_limit`.
                    if let Some(facet) = facet_limit(self.model, &TypeRef::Named(id.clone())) {
                        self.compare(id, &Site::Type, &facet, &doc);
                    }
                }
                other => self.no_limit(id, Site::Type, other),
            }
        }
        for value in &st.enumeration {
            if let Some(doc) = &value.doc {
                self.not_a_field(id, Site::EnumValue(value.value.clone()), doc, &value.value);
            }
        }
    }

    fn complex_type(&mut self, id: &TypeId, def: &TypeDef, ct: &ComplexType) {
        if let Some(doc) = &def.doc {
            self.not_a_field(id, Site::Type, doc, &id.name);
        }
        if let Content::Elements(group) = &ct.content {
            for field in own_fields(group) {
                self.member(id, Site::Element(field.name.clone()), &field.type_ref, field.doc.as_deref());
            }
        }
        for a in &ct.attributes {
            self.member(id, Site::Attribute(a.name.clone()), &a.type_ref, a.doc.as_deref());
        }
    }

    /// Documentation of something that holds no text of its own (a complex type, an enumeration value): a
    /// limit there applies to nothing, and is reported rather than dropped.
    fn not_a_field(&mut self, id: &TypeId, site: Site, doc: &str, name: &str) {
        match limits_in_doc(doc, name) {
            DocLimit::Limit(p) => {
                let reasons = vec![Reason { kind: ReasonKind::NotAField, context: p.phrase }];
                self.unparsed.push(Unparsed { type_id: id.clone(), site, reasons });
            }
            other => self.no_limit(id, site, other),
        }
    }

    /// Records a documentation outcome that is not a limit.
    fn no_limit(&mut self, id: &TypeId, site: Site, outcome: DocLimit) {
        let reasons = match outcome {
            DocLimit::Limit(_) | DocLimit::Silent => return,
            DocLimit::NoLimit { phrase } => vec![Reason { kind: ReasonKind::NoLimit, context: phrase }],
            DocLimit::NoneFound(reasons) => reasons,
        };
        self.unparsed.push(Unparsed { type_id: id.clone(), site, reasons });
    }

    fn member(&mut self, owner: &TypeId, site: Site, type_ref: &TypeRef, doc: Option<&str>) {
        let name = match &site {
            Site::Element(n) | Site::Attribute(n) => n.clone(),
            Site::Type | Site::EnumValue(_) => String::new(),
        };
        let facet = facet_limit(self.model, type_ref);
        let mut docs = Vec::new();
        if let Some(doc) = doc {
            match limits_in_doc(doc, &name) {
                DocLimit::Limit(p) => docs.push(doc_limit(p.max_chars, p.phrase)),
                DocLimit::NoneFound(reasons) => {
                    let reasons = reasons.into_iter().flat_map(|r| self.check_named(type_ref, r)).collect();
                    self.no_limit(owner, site.clone(), DocLimit::NoneFound(reasons));
                }
                other => self.no_limit(owner, site.clone(), other),
            }
        }
        if matches!(site, Site::Element(_)) {
            docs.extend(self.named.get(&(owner.clone(), name)).into_iter().flatten().cloned());
        }
        if docs.is_empty() && facet.is_none() {
            docs.extend(type_doc_limit(self.model, type_ref));
        }
        if let Some(f) = &facet {
            for d in &docs {
                self.compare(owner, &site, f, d);
            }
        }
        if let Some(limit) = facet.or_else(|| docs.into_iter().next()) {
            self.rows.push(Row { type_id: owner.clone(), site, limit });
        }
    }

    /// Keeps an `OtherFields` reason when every name is a field of the field's type (their limits were applied
    /// there by [`named_child_limits`]); the names that are not become an `UnknownFields` reason.
    fn check_named(&self, type_ref: &TypeRef, reason: Reason) -> Vec<Reason> {
        let ReasonKind::OtherFields(names) = &reason.kind else { return vec![reason] };
        let unknown: Vec<String> =
            names.iter().filter(|n| child_declarer(self.flat, type_ref, n).is_none()).cloned().collect();
        if unknown.is_empty() {
            vec![reason]
        } else {
            let context = reason.context.clone();
            vec![reason, Reason { kind: ReasonKind::UnknownFields(unknown), context }]
        }
    }

    fn compare(&mut self, id: &TypeId, site: &Site, facet: &Limit, doc: &Limit) {
        if facet.max_chars == doc.max_chars {
            self.confirmed += 1;
        } else {
            self.disagreements.push(Disagreement {
                type_id: id.clone(),
                site: site.clone(),
                facet: facet.clone(),
                doc: doc.clone(),
            });
        }
    }
}

fn doc_limit(max_chars: u64, phrase: String) -> Limit {
    Limit { max_chars, min_chars: 0, source: Source::Doc, phrase }
}

/// The element declarations of a content model, nested groups included, in document order.
fn own_fields(group: &Group) -> Vec<&Field> {
    let mut out = Vec::new();
    for p in &group.particles {
        match p {
            Particle::Element(f) => out.push(f),
            Particle::Group(g) => out.extend(own_fields(g)),
            Particle::Any(_) => {}
        }
    }
    out
}

/// The simple types of a restriction chain, starting at `type_ref` (empty for built-ins and complex types).
/// The loader rejects derivation cycles; the length bound keeps a bad model from hanging here.
fn simple_chain<'m>(model: &'m Model, type_ref: &TypeRef) -> Vec<(&'m TypeDef, &'m SimpleType)> {
    let mut out: Vec<(&TypeDef, &SimpleType)> = Vec::new();
    let mut cur = type_ref;
    while let TypeRef::Named(id) = cur {
        let Some(def) = model.get(id) else { break };
        let TypeDefKind::Simple(st) = &def.kind else { break };
        if out.len() > model.types.len() {
            break;
        }
        out.push((def, st));
        cur = &st.base;
    }
    out
}

/// The smallest `maxLength`/`length` facet on the restriction chain of `type_ref`, with the largest
/// `length`/`minLength` as the minimum.
fn facet_limit(model: &Model, type_ref: &TypeRef) -> Option<Limit> {
    let mut best: Option<Limit> = None;
    let mut min_chars = 0;
    for (def, st) in simple_chain(model, type_ref) {
        for (facet, value) in [("length", st.facets.length), ("maxLength", st.facets.max_length)] {
            let Some(v) = value else { continue };
            if best.as_ref().is_none_or(|b| v < b.max_chars) {
                let phrase = format!("{facet} {v} on {}", short_type_name(&def.id));
                best = Some(Limit { max_chars: v, min_chars: 0, source: Source::Facet, phrase });
            }
        }
        min_chars = min_chars.max(st.facets.length.or(st.facets.min_length).unwrap_or(0));
    }
    best.map(|l| Limit { min_chars, ..l })
}

/// A limit that the documentation of a simple type on the restriction chain of `type_ref` states.
fn type_doc_limit(model: &Model, type_ref: &TypeRef) -> Option<Limit> {
    simple_chain(model, type_ref).into_iter().find_map(|(def, _)| {
        match limits_in_doc(def.doc.as_deref()?, &def.id.name) {
            DocLimit::Limit(p) => {
                Some(doc_limit(p.max_chars, format!("{} (on {})", p.phrase, short_type_name(&def.id))))
            }
            _ => None,
        }
    })
}

/// The type that declares child element `name` of the complex type `type_ref`, inherited ones included.
fn child_declarer<'f>(flat: &'f Flat, type_ref: &TypeRef, name: &str) -> Option<&'f TypeId> {
    let TypeRef::Named(id) = type_ref else { return None };
    flat.types.get(id)?.fields().find(|f| f.field.name == name).map(|f| &f.declared_in)
}

/// Limits that a field's documentation states by name for the fields of its type ("Salutation: 20 …
/// FirstName: 25 …" on `PayerName`, whose type is `PersonNameType`), keyed by the type that declares each
/// named field.
fn named_child_limits(model: &Model, flat: &Flat) -> BTreeMap<(TypeId, String), Vec<Limit>> {
    let mut out: BTreeMap<(TypeId, String), Vec<Limit>> = BTreeMap::new();
    for (id, def) in &model.types {
        let TypeDefKind::Complex(ComplexType { content: Content::Elements(group), .. }) = &def.kind else { continue };
        for field in own_fields(group) {
            let Some(doc) = &field.doc else { continue };
            for named in named_limits(doc) {
                if named.field == field.name {
                    continue;
                }
                if let Some(declarer) = child_declarer(flat, &field.type_ref, &named.field) {
                    let phrase = format!("{} (in the documentation of {}/{})", named.limit.phrase, id.name, field.name);
                    let limit = doc_limit(named.limit.max_chars, phrase);
                    out.entry((declarer.clone(), named.field)).or_default().push(limit);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
