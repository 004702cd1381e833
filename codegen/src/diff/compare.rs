//! The comparisons of whole things: the service and its operations, types (kinds, simple types and their
//! enumerations, the complex-type properties that are not members) and global elements. Members of complex
//! types are compared in `members`, facets in `facets`.

use std::collections::{BTreeMap, BTreeSet};

use super::usage::{RequestTypes, Side, heirs};
use super::{Aspect, Change, ChangeKind, Impact, Part, Target, facets, members, report};
use crate::flatten::{Flat, flatten};
use crate::model::{ComplexType, ElementDecl, Model, Operation, SimpleType, TypeDef, TypeDefKind, TypeId};

/// Both models with what the comparisons derive from them once.
#[derive(Debug)]
pub(super) struct Ctx<'a> {
    pub(super) old: &'a Model,
    pub(super) new: &'a Model,
    pub(super) old_flat: Flat,
    pub(super) new_flat: Flat,
    old_requests: RequestTypes,
    new_requests: RequestTypes,
    heirs: BTreeMap<TypeId, BTreeSet<TypeId>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(old: &'a Model, new: &'a Model) -> Self {
        let mut all_heirs = BTreeMap::new();
        heirs(old, &mut all_heirs);
        heirs(new, &mut all_heirs);
        Self {
            old,
            new,
            old_flat: flatten(old),
            new_flat: flatten(new),
            old_requests: RequestTypes::of(old),
            new_requests: RequestTypes::of(new),
            heirs: all_heirs,
        }
    }

    /// Which direction `id` travels in.
    pub(super) fn side(&self, id: &TypeId) -> Side {
        RequestTypes::side(&self.old_requests, &self.new_requests, id)
    }

    /// The types that inherit `id`'s members in either model, sorted.
    pub(super) fn heirs(&self, id: &TypeId) -> Vec<TypeId> {
        self.heirs.get(id).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }

    /// True when `id` derives from `base` in both models.
    pub(super) fn inherits_in_both(&self, id: &TypeId, base: &TypeId) -> bool {
        let has = |m: &Model| m.bases(id).iter().any(|d| d.id == *base);
        has(self.old) && has(self.new)
    }
}

/// Collects changes for one target.
pub(super) struct Sink<'o> {
    pub(super) target: Target,
    pub(super) out: &'o mut Vec<Change>,
}

impl Sink<'_> {
    pub(super) fn push(&mut self, part: Part, kind: ChangeKind, impact: Impact, reason: Option<String>) {
        self.out.push(Change { target: self.target.clone(), part, kind, impact, reason });
    }

    pub(super) fn changed(&mut self, part: Part, aspect: Aspect, old: String, new: String, impact: Impact) {
        self.push(part, ChangeKind::Changed { aspect, old, new }, impact, None);
    }

    /// A documentation change, when the texts differ after collapsing whitespace.
    pub(super) fn doc(&mut self, part: Part, old: Option<&str>, new: Option<&str>) {
        // Comparing word by word first keeps the common case (equal texts) free of allocations.
        let (o, n) = (old.unwrap_or_default(), new.unwrap_or_default());
        if !o.split_whitespace().eq(n.split_whitespace()) {
            self.changed(part, Aspect::Doc, norm_doc(old), norm_doc(new), Impact::Compatible);
        }
    }
}

/// Documentation with whitespace runs collapsed, so re-indenting a schema is no change.
fn norm_doc(doc: Option<&str>) -> String {
    doc.map(|d| d.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// The service version and the operations.
pub(super) fn service(ctx: &Ctx<'_>, out: &mut Vec<Change>) {
    let (old, new) = (&ctx.old.service, &ctx.new.service);
    if old.version != new.version {
        let mut sink = Sink { target: Target::Service, out: &mut *out };
        let v = |v: &Option<String>| v.clone().unwrap_or_default();
        sink.changed(Part::Whole, Aspect::Version, v(&old.version), v(&new.version), Impact::Compatible);
    }
    let olds: BTreeMap<_, _> = old.operations.iter().map(key).collect();
    let news: BTreeMap<_, _> = new.operations.iter().map(key).collect();
    for (&(port, name), op) in &olds {
        let mut sink = Sink { target: Target::Operation { port: port.into(), name: name.into() }, out: &mut *out };
        match news.get(&(port, name)) {
            None => {
                sink.push(Part::Whole, ChangeKind::Removed { what: describe_operation(op) }, Impact::Breaking, None)
            }
            Some(new_op) => operation(&mut sink, op, new_op),
        }
    }
    for (&(port, name), op) in &news {
        if !olds.contains_key(&(port, name)) {
            let mut sink = Sink { target: Target::Operation { port: port.into(), name: name.into() }, out: &mut *out };
            sink.push(Part::Whole, ChangeKind::Added { what: describe_operation(op) }, Impact::Compatible, None);
        }
    }
}

fn key(op: &Operation) -> ((&str, &str), &Operation) {
    ((op.port.as_str(), op.name.as_str()), op)
}

fn describe_operation(op: &Operation) -> String {
    format!("input {}, output {}", report::qname(&op.input.element), report::qname(&op.output.element))
}

fn operation(sink: &mut Sink<'_>, old: &Operation, new: &Operation) {
    let q = report::qname;
    if old.input.element != new.input.element {
        sink.changed(Part::Whole, Aspect::Input, q(&old.input.element), q(&new.input.element), Impact::Breaking);
    }
    if old.output.element != new.output.element {
        sink.changed(Part::Whole, Aspect::Output, q(&old.output.element), q(&new.output.element), Impact::Breaking);
    }
    // Headers are compared as the sets of elements each direction carries; the generated client fills
    // request headers itself, but a different set changes what callers must supply or can read.
    let heads = |op: &Operation| {
        let dir = |label: &str, hs: &[crate::model::SoapHeader]| {
            let mut v: Vec<String> = hs.iter().map(|h| format!("{label} {}", q(&h.element))).collect();
            v.sort();
            v
        };
        let mut all = dir("input", &op.input.headers);
        all.extend(dir("output", &op.output.headers));
        all.join(", ")
    };
    let (oh, nh) = (heads(old), heads(new));
    if oh != nh {
        sink.changed(Part::Whole, Aspect::Headers, oh, nh, Impact::Breaking);
    }
    if old.soap_action != new.soap_action {
        // The generated client sends the action; callers do not see it.
        sink.changed(
            Part::Whole,
            Aspect::SoapAction,
            old.soap_action.clone(),
            new.soap_action.clone(),
            Impact::Compatible,
        );
    }
    sink.doc(Part::Whole, old.doc.as_deref(), new.doc.as_deref());
}

/// Types added, removed or changed.
pub(super) fn types(ctx: &Ctx<'_>, out: &mut Vec<Change>) {
    for (id, def) in &ctx.old.types {
        let mut sink = Sink { target: Target::Type(id.clone()), out: &mut *out };
        match ctx.new.types.get(id) {
            None => sink.push(
                Part::Whole,
                ChangeKind::Removed { what: describe_type(ctx, def, false) },
                Impact::Breaking,
                None,
            ),
            Some(new_def) => type_def(ctx, &mut sink, def, new_def),
        }
    }
    for (id, def) in &ctx.new.types {
        if !ctx.old.types.contains_key(id) {
            let mut sink = Sink { target: Target::Type(id.clone()), out: &mut *out };
            sink.push(Part::Whole, ChangeKind::Added { what: describe_type(ctx, def, true) }, Impact::Compatible, None);
        }
    }
}

fn describe_type(ctx: &Ctx<'_>, def: &TypeDef, in_new: bool) -> String {
    match &def.kind {
        TypeDefKind::Simple(st) => describe_simple(st),
        TypeDefKind::Complex(_) => {
            let flat = if in_new { &ctx.new_flat } else { &ctx.old_flat };
            let (fields, attrs) = flat.types.get(&def.id).map_or((0, 0), |f| (f.fields().count(), f.attributes.len()));
            format!("complex type, {} {}, {} {}", fields, plural(fields, "field"), attrs, plural(attrs, "attribute"))
        }
    }
}

fn describe_simple(st: &SimpleType) -> String {
    if st.enumeration.is_empty() {
        format!("simple type, restriction of {}", report::type_ref(&st.base))
    } else {
        let n = st.enumeration.len();
        format!("enumeration of {}, {n} {}", report::type_ref(&st.base), plural(n, "value"))
    }
}

pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

fn type_def(ctx: &Ctx<'_>, sink: &mut Sink<'_>, old: &TypeDef, new: &TypeDef) {
    sink.doc(Part::Whole, old.doc.as_deref(), new.doc.as_deref());
    match (&old.kind, &new.kind) {
        (TypeDefKind::Simple(o), TypeDefKind::Simple(n)) => simple(sink, o, n),
        (TypeDefKind::Complex(o), TypeDefKind::Complex(n)) => {
            complex(ctx, sink, o, n);
            members::compare(ctx, sink, &old.id);
        }
        (o, n) => {
            let kind = |k: &TypeDefKind| match k {
                TypeDefKind::Simple(st) => describe_simple(st),
                TypeDefKind::Complex(_) => "complex type".to_string(),
            };
            sink.changed(Part::Whole, Aspect::Kind, kind(o), kind(n), Impact::Breaking);
        }
    }
}

fn simple(sink: &mut Sink<'_>, old: &SimpleType, new: &SimpleType) {
    if old.enumeration.is_empty() != new.enumeration.is_empty() {
        // An enumeration is a Rust enum and anything else a type alias: every use changes.
        sink.changed(Part::Whole, Aspect::Kind, describe_simple(old), describe_simple(new), Impact::Breaking);
        return;
    }
    if old.base != new.base {
        sink.changed(
            Part::Whole,
            Aspect::Base,
            report::type_ref(&old.base),
            report::type_ref(&new.base),
            Impact::Breaking,
        );
    }
    let olds: BTreeMap<&str, _> = old.enumeration.iter().rev().map(|v| (v.value.as_str(), v)).collect();
    let news: BTreeMap<&str, _> = new.enumeration.iter().rev().map(|v| (v.value.as_str(), v)).collect();
    for (value, v) in &olds {
        let part = Part::EnumValue((*value).to_string());
        match news.get(value) {
            None => sink.push(part, ChangeKind::Removed { what: String::new() }, Impact::Breaking, None),
            Some(n) => sink.doc(part, v.doc.as_deref(), n.doc.as_deref()),
        }
    }
    for value in news.keys().filter(|v| !olds.contains_key(*v)) {
        let reason = "the generated enums are non_exhaustive with a catch-all variant".to_string();
        sink.push(
            Part::EnumValue((*value).to_string()),
            ChangeKind::Added { what: String::new() },
            Impact::Compatible,
            Some(reason),
        );
    }
    facets::compare(sink, &old.facets, &new.facets);
}

fn complex(ctx: &Ctx<'_>, sink: &mut Sink<'_>, old: &ComplexType, new: &ComplexType) {
    if old.is_abstract != new.is_abstract {
        sink.changed(
            Part::Whole,
            Aspect::Abstract,
            old.is_abstract.to_string(),
            new.is_abstract.to_string(),
            Impact::Breaking,
        );
    }
    let Target::Type(id) = &sink.target else { return };
    let (Some(of), Some(nf)) = (ctx.old_flat.types.get(id), ctx.new_flat.types.get(id)) else { return };
    if of.mixed != nf.mixed {
        // `mixed` adds a text field (like an optional field) or removes it.
        sink.changed(
            Part::Whole,
            Aspect::Mixed,
            of.mixed.to_string(),
            nf.mixed.to_string(),
            Impact::tightened(of.mixed),
        );
    }
    if of.simple_content != nf.simple_content {
        let t = |c: &Option<crate::model::TypeRef>| c.as_ref().map(report::type_ref).unwrap_or_default();
        let impact = Impact::tightened(of.simple_content.is_some());
        sink.changed(Part::Whole, Aspect::SimpleContent, t(&of.simple_content), t(&nf.simple_content), impact);
    }
    if of.abstract_bases != nf.abstract_bases {
        // Each abstract base is a trait the type implements: losing one breaks code that uses the trait.
        let lost = of.abstract_bases.iter().any(|b| !nf.abstract_bases.contains(b));
        let list = |v: &[TypeId]| v.iter().map(report::type_id).collect::<Vec<_>>().join(", ");
        sink.changed(
            Part::Whole,
            Aspect::Extends,
            list(&of.abstract_bases),
            list(&nf.abstract_bases),
            Impact::tightened(lost),
        );
    }
}

/// Global elements added, removed or changed.
pub(super) fn elements(ctx: &Ctx<'_>, out: &mut Vec<Change>) {
    for (name, el) in &ctx.old.elements {
        let mut sink = Sink { target: Target::Element(name.clone()), out: &mut *out };
        match ctx.new.elements.get(name) {
            None => sink.push(Part::Whole, ChangeKind::Removed { what: describe_element(el) }, Impact::Breaking, None),
            Some(new_el) => element(&mut sink, el, new_el),
        }
    }
    for (name, el) in &ctx.new.elements {
        if !ctx.old.elements.contains_key(name) {
            let mut sink = Sink { target: Target::Element(name.clone()), out: &mut *out };
            sink.push(Part::Whole, ChangeKind::Added { what: describe_element(el) }, Impact::Compatible, None);
        }
    }
}

fn describe_element(el: &ElementDecl) -> String {
    format!("type {}", report::type_ref(&el.type_ref))
}

fn element(sink: &mut Sink<'_>, old: &ElementDecl, new: &ElementDecl) {
    if old.type_ref != new.type_ref {
        sink.changed(
            Part::Whole,
            Aspect::Type,
            report::type_ref(&old.type_ref),
            report::type_ref(&new.type_ref),
            Impact::Breaking,
        );
    }
    if old.is_abstract != new.is_abstract {
        sink.changed(
            Part::Whole,
            Aspect::Abstract,
            old.is_abstract.to_string(),
            new.is_abstract.to_string(),
            Impact::Breaking,
        );
    }
    if old.nillable != new.nillable {
        sink.changed(
            Part::Whole,
            Aspect::Nillable,
            old.nillable.to_string(),
            new.nillable.to_string(),
            Impact::tightened(old.nillable),
        );
    }
    sink.doc(Part::Whole, old.doc.as_deref(), new.doc.as_deref());
}
