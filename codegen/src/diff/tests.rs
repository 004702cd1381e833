//! Unit tests of the comparison on hand-built models: one per rule of the module docs.

use super::*;
use crate::model::{
    Attribute, Builtin, ComplexType, Compositor, Content, Derivation, ElementDecl, EnumValue, Facets, Field, Group,
    MaxOccurs, Occurs, Operation, OperationMessage, Particle, Pos, SimpleType, SymbolKind, TypeDef, TypeDefKind,
    TypeRef,
};

const NS: &str = "urn:t";

fn tid(name: &str) -> TypeId {
    TypeId { ns: NS.into(), kind: SymbolKind::Type, name: name.into() }
}

fn string() -> TypeRef {
    TypeRef::Builtin(Builtin::String)
}

fn field(name: &str, type_ref: TypeRef, min: u32, max: MaxOccurs) -> Field {
    Field {
        name: name.into(),
        ns: NS.into(),
        type_ref,
        occurs: Occurs { min, max },
        nillable: false,
        element_ref: None,
        doc: None,
        default: None,
        fixed: None,
        pos: Pos::default(),
    }
}

fn opt(name: &str) -> Field {
    field(name, string(), 0, MaxOccurs::Bounded(1))
}

fn complex(name: &str, fields: Vec<Field>) -> TypeDef {
    let group = Group {
        compositor: Compositor::Sequence,
        occurs: Occurs::ONCE,
        particles: fields.into_iter().map(Particle::Element).collect(),
    };
    TypeDef {
        id: tid(name),
        doc: None,
        pos: Pos::default(),
        kind: TypeDefKind::Complex(ComplexType {
            is_abstract: false,
            mixed: false,
            base: None,
            content: Content::Elements(group),
            attributes: Vec::new(),
        }),
    }
}

fn extending(name: &str, base: &str, fields: Vec<Field>) -> TypeDef {
    let mut def = complex(name, fields);
    if let TypeDefKind::Complex(ct) = &mut def.kind {
        ct.base = Some((tid(base), Derivation::Extension));
    }
    def
}

fn simple(name: &str, values: &[&str], facets: Facets) -> TypeDef {
    let enumeration = values.iter().map(|v| EnumValue { value: (*v).into(), doc: None }).collect();
    TypeDef {
        id: tid(name),
        doc: None,
        pos: Pos::default(),
        kind: TypeDefKind::Simple(SimpleType { base: string(), facets, enumeration }),
    }
}

fn model(types: Vec<TypeDef>) -> Model {
    Model { types: types.into_iter().map(|t| (t.id.clone(), t)).collect(), ..Model::default() }
}

/// Adds an operation whose request body is an element of type `req` and response body one of type `resp`.
fn with_operation(mut m: Model, req: &str, resp: &str) -> Model {
    let mut msg = |el: &str, ty: &str| {
        let q = QName::new(NS, el);
        let decl = ElementDecl {
            name: q.clone(),
            type_ref: TypeRef::Named(tid(ty)),
            is_abstract: false,
            nillable: false,
            doc: None,
            pos: Pos::default(),
        };
        m.elements.insert(q.clone(), decl);
        OperationMessage { message: q.clone(), element: q, headers: Vec::new(), body_use: "literal".into() }
    };
    let input = msg("DoReq", req);
    let output = msg("DoResp", resp);
    m.service.operations.push(Operation {
        name: "Do".into(),
        port: "P".into(),
        binding: QName::new(NS, "B"),
        port_type: QName::new(NS, "PT"),
        soap_action: String::new(),
        style: "document".into(),
        input,
        output,
        faults: Vec::new(),
        doc: None,
        pos: Pos::default(),
    });
    m
}

fn only(d: &Diff) -> &Change {
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    &d.changes[0]
}

fn fpart(name: &str) -> Part {
    Part::Field { ns: NS.into(), name: name.into(), nth: 1 }
}

#[test]
fn identical_models_have_no_changes_even_when_positions_differ() {
    let a = model(vec![complex("A", vec![opt("x")])]);
    let mut b = a.clone();
    for def in b.types.values_mut() {
        def.pos = Pos { file: "moved.xsd".into(), line: 99, col: 1 };
    }
    let d = diff(&a, &b);
    assert!(d.is_empty(), "{d}");
    assert_eq!(d.summary(), "API changes: none");
}

#[test]
fn optional_field_added_is_compatible_and_removed_is_breaking() {
    let old = model(vec![complex("A", vec![opt("x")])]);
    let new = model(vec![complex("A", vec![opt("x"), opt("y")])]);
    let c = only(&diff(&old, &new)).clone();
    assert_eq!((c.target, c.part, c.impact), (Target::Type(tid("A")), fpart("y"), Impact::Compatible));
    assert!(matches!(c.kind, ChangeKind::Added { .. }));
    let back = diff(&new, &old);
    assert_eq!(only(&back).impact, Impact::Breaking);
    assert!(matches!(only(&back).kind, ChangeKind::Removed { .. }));
}

#[test]
fn required_field_added_depends_on_the_direction_the_type_travels() {
    let req = field("r", string(), 1, MaxOccurs::Bounded(1));
    let old = model(vec![complex("Req", vec![]), complex("Resp", vec![])]);
    let new_req = model(vec![complex("Req", vec![req.clone()]), complex("Resp", vec![])]);
    let new_resp = model(vec![complex("Req", vec![]), complex("Resp", vec![req])]);

    // Without operations nothing tells the direction: assume requests.
    assert_eq!(only(&diff(&old, &new_req)).impact, Impact::Breaking);
    let ops = |m: Model| with_operation(m, "Req", "Resp");
    let in_request = diff(&ops(old.clone()), &ops(new_req));
    assert_eq!(only(&in_request).impact, Impact::Breaking);
    assert!(only(&in_request).reason.as_deref().unwrap_or_default().contains("used in requests"));
    let in_response = diff(&ops(old), &ops(new_resp));
    assert_eq!(only(&in_response).impact, Impact::Compatible);
}

#[test]
fn becoming_required_is_breaking_and_becoming_optional_is_not() {
    let old = model(vec![complex("A", vec![opt("x")])]);
    let new = model(vec![complex("A", vec![field("x", string(), 1, MaxOccurs::Bounded(1))])]);
    let c = only(&diff(&old, &new)).clone();
    assert!(matches!(c.kind, ChangeKind::Changed { aspect: Aspect::Required, .. }));
    assert_eq!(c.impact, Impact::Breaking);
    assert_eq!(only(&diff(&new, &old)).impact, Impact::Compatible);
}

#[test]
fn one_to_many_changes_the_rust_type() {
    let old = model(vec![complex("A", vec![opt("x")])]);
    let new = model(vec![complex("A", vec![field("x", string(), 0, MaxOccurs::Unbounded)])]);
    let c = only(&diff(&old, &new)).clone();
    assert!(matches!(c.kind, ChangeKind::Changed { aspect: Aspect::Occurs, .. }));
    assert_eq!((c.impact, c.reason.as_deref()), (Impact::Breaking, Some("Option becomes Vec")));
    let more = model(vec![complex("A", vec![field("x", string(), 0, MaxOccurs::Bounded(5))])]);
    // Within Vec, allowing more is compatible and allowing fewer tightens.
    assert_eq!(only(&diff(&more, &new)).impact, Impact::Compatible);
    assert_eq!(only(&diff(&new, &more)).impact, Impact::Breaking);
}

#[test]
fn a_type_change_is_breaking() {
    let old = model(vec![complex("A", vec![opt("x")])]);
    let new = model(vec![complex("A", vec![field("x", TypeRef::Builtin(Builtin::Int), 0, MaxOccurs::Bounded(1))])]);
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(c.kind, ChangeKind::Changed { aspect: Aspect::Type, old: "xs:string".into(), new: "xs:int".into() });
    assert_eq!(c.impact, Impact::Breaking);
}

#[test]
fn a_namespace_change_is_one_breaking_change() {
    let old = model(vec![complex("A", vec![opt("x")])]);
    let mut moved = opt("x");
    moved.ns = "urn:other".into();
    let new = model(vec![complex("A", vec![moved])]);
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(c.kind, ChangeKind::Changed { aspect: Aspect::Namespace, old: NS.into(), new: "urn:other".into() });
    assert_eq!(c.impact, Impact::Breaking);
}

#[test]
fn attributes_are_compared_like_fields() {
    let attr = |required: bool| Attribute {
        name: "currencyID".into(),
        ns: String::new(),
        type_ref: string(),
        required,
        default: None,
        fixed: None,
        doc: None,
        pos: Pos::default(),
    };
    let with = |a: Option<Attribute>| {
        let mut def = complex("A", vec![]);
        if let TypeDefKind::Complex(ct) = &mut def.kind {
            ct.attributes.extend(a);
        }
        model(vec![def])
    };
    let part = Part::Attribute { ns: String::new(), name: "currencyID".into() };
    let added = diff(&with(None), &with(Some(attr(false))));
    assert_eq!((&only(&added).part, only(&added).impact), (&part, Impact::Compatible));
    let tightened = diff(&with(Some(attr(false))), &with(Some(attr(true))));
    assert_eq!(only(&tightened).impact, Impact::Breaking);
    assert_eq!(only(&diff(&with(Some(attr(false))), &with(None))).impact, Impact::Breaking);
}

#[test]
fn enum_values_added_are_compatible_and_removed_are_breaking() {
    let old = model(vec![simple("E", &["A", "B"], Facets::default())]);
    let new = model(vec![simple("E", &["A", "C"], Facets::default())]);
    let d = diff(&old, &new);
    let got: Vec<_> = d.changes.iter().map(|c| (c.part.clone(), c.impact)).collect();
    assert_eq!(
        got,
        vec![(Part::EnumValue("B".into()), Impact::Breaking), (Part::EnumValue("C".into()), Impact::Compatible)]
    );
    let plain = model(vec![simple("E", &[], Facets::default())]);
    let c = only(&diff(&old, &plain)).clone();
    assert!(matches!(c.kind, ChangeKind::Changed { aspect: Aspect::Kind, .. }));
}

#[test]
fn facets_tightened_are_breaking_and_loosened_are_compatible() {
    let max = |n: u64| model(vec![simple("S", &[], Facets { max_length: Some(n), ..Facets::default() })]);
    assert_eq!(only(&diff(&max(10), &max(5))).impact, Impact::Breaking);
    assert_eq!(only(&diff(&max(10), &max(20))).impact, Impact::Compatible);
    let none = model(vec![simple("S", &[], Facets::default())]);
    assert_eq!(only(&diff(&none, &max(5))).impact, Impact::Breaking);
    assert_eq!(only(&diff(&max(5), &none)).impact, Impact::Compatible);
    let pat = |p: &[&str]| {
        let patterns = p.iter().map(|s| (*s).to_string()).collect();
        model(vec![simple("S", &[], Facets { patterns, ..Facets::default() })])
    };
    assert_eq!(only(&diff(&pat(&[]), &pat(&["[0-9]+"]))).impact, Impact::Breaking);
    assert_eq!(only(&diff(&pat(&["[0-9]+"]), &pat(&[]))).impact, Impact::Compatible);
}

#[test]
fn documentation_is_compared_with_whitespace_collapsed() {
    let doc = |d: &str| {
        let mut def = complex("A", vec![]);
        def.doc = Some(d.into());
        model(vec![def])
    };
    assert!(diff(&doc("Some\n\t\ttext. "), &doc("Some text.")).is_empty());
    let d = diff(&doc("Some text."), &doc("Other text."));
    assert!(only(&d).is_doc());
    assert_eq!((d.docs(), d.compatible(), d.breaking()), (1, 0, 0));
    assert_eq!(d.summary(), "API changes: 0 breaking, 0 compatible, 1 documentation");
}

#[test]
fn inherited_changes_are_reported_once_under_the_declaring_base() {
    let old = model(vec![complex("Base", vec![opt("x")]), extending("Derived", "Base", vec![opt("d")])]);
    let new = model(vec![complex("Base", vec![opt("x"), opt("y")]), extending("Derived", "Base", vec![opt("d")])]);
    let d = diff(&old, &new);
    assert_eq!(only(&d).target, Target::Type(tid("Base")));
    assert_eq!(d.inherited_by.get(&tid("Base")), Some(&vec![tid("Derived")]));
}

#[test]
fn losing_a_base_reports_the_lost_members_on_the_derived_type() {
    let old = model(vec![complex("Base", vec![opt("x")]), extending("Derived", "Base", vec![opt("d")])]);
    let new = model(vec![complex("Base", vec![opt("x")]), complex("Derived", vec![opt("d")])]);
    let d = diff(&old, &new);
    let c = only(&d);
    assert_eq!((&c.target, &c.part, c.impact), (&Target::Type(tid("Derived")), &fpart("x"), Impact::Breaking));
}

#[test]
fn operations_and_elements_are_matched_by_identity() {
    let types = || model(vec![complex("Req", vec![]), complex("Resp", vec![]), complex("Other", vec![])]);
    let old = with_operation(types(), "Req", "Resp");
    let mut new = with_operation(types(), "Req", "Other");
    let d = diff(&old, &new);
    let kinds: Vec<_> = d.changes.iter().map(|c| (c.target.clone(), c.impact)).collect();
    let resp = QName::new(NS, "DoResp");
    assert_eq!(kinds, vec![(Target::Element(resp.clone()), Impact::Breaking)], "{d}");

    new.service.operations[0].output.element = QName::new(NS, "Gone");
    let d = diff(&old, &new);
    assert!(d.changes.iter().any(|c| matches!(c.kind, ChangeKind::Changed { aspect: Aspect::Output, .. })));
    new.service.operations.clear();
    let d = diff(&old, &new);
    let op = Target::Operation { port: "P".into(), name: "Do".into() };
    assert!(d.changes.iter().any(|c| c.target == op && c.impact == Impact::Breaking));
    assert!(diff(&new, &old).changes.iter().any(|c| c.target == op && c.impact == Impact::Compatible));
}

#[test]
fn types_added_and_removed() {
    let old = model(vec![complex("A", vec![])]);
    let new = model(vec![complex("A", vec![]), simple("B", &["x"], Facets::default())]);
    let c = only(&diff(&old, &new)).clone();
    assert_eq!((c.target, c.impact), (Target::Type(tid("B")), Impact::Compatible));
    assert_eq!(c.kind, ChangeKind::Added { what: "enumeration of xs:string, 1 value".into() });
    assert_eq!(only(&diff(&new, &old)).impact, Impact::Breaking);
}

#[test]
fn reports_are_deterministic() {
    let old = model(vec![complex("A", vec![opt("b"), opt("a")]), simple("E", &["z", "y"], Facets::default())]);
    let new = model(vec![complex("A", vec![]), simple("E", &[], Facets::default())]);
    let first = diff(&old, &new);
    assert_eq!(first, diff(&old, &new));
    let mut sorted = first.changes.clone();
    sorted.sort();
    assert_eq!(first.changes, sorted);
    assert_eq!(first.to_text(&Options::default()), diff(&old, &new).to_text(&Options::default()));
}
