//! Collision tests for [`Names`] on small models built by hand, plus a check over PayPal's real names.

use std::collections::BTreeSet;

use super::*;
use crate::flatten::flatten;
use crate::model::{
    AnyParticle, Attribute, ComplexType, Compositor, Content, Derivation, EnumValue, Facets, Field, Group, Occurs,
    Particle, Pos, SimpleType, SymbolKind, TypeDef, TypeRef,
};
use crate::model::{Builtin, QName, XS_NS};

const EBL: &str = "urn:ebay:apis:eBLBaseComponents";
const API: &str = "urn:ebay:api:PayPalAPI";
const CC: &str = "urn:ebay:apis:CoreComponentTypes";
const ED: &str = "urn:ebay:apis:EnhancedDataTypes";

fn named(ns: &str, name: &str) -> TypeId {
    TypeId { ns: ns.to_string(), kind: SymbolKind::Type, name: name.to_string() }
}

fn anonymous(ns: &str, name: &str) -> TypeId {
    TypeId { ns: ns.to_string(), kind: SymbolKind::AnonymousType, name: name.to_string() }
}

fn field(name: &str) -> Particle {
    Particle::Element(Field {
        name: name.to_string(),
        ns: EBL.to_string(),
        type_ref: TypeRef::Builtin(Builtin::String),
        occurs: Occurs::ONCE,
        nillable: false,
        element_ref: None,
        doc: None,
        default: None,
        fixed: None,
        pos: Pos::default(),
    })
}

fn any() -> Particle {
    Particle::Any(AnyParticle {
        namespace: "##other".to_string(),
        process_contents: "lax".to_string(),
        occurs: Occurs::ONCE,
        pos: Pos::default(),
    })
}

fn attribute(name: &str) -> Attribute {
    Attribute {
        name: name.to_string(),
        ns: String::new(),
        type_ref: TypeRef::Builtin(Builtin::String),
        required: false,
        default: None,
        fixed: None,
        doc: None,
        pos: Pos::default(),
    }
}

fn complex(particles: Vec<Particle>, attributes: Vec<Attribute>) -> ComplexType {
    ComplexType {
        is_abstract: false,
        mixed: false,
        base: None,
        content: Content::Elements(Group { compositor: Compositor::Sequence, occurs: Occurs::ONCE, particles }),
        attributes,
    }
}

fn enumeration(values: &[&str]) -> TypeDefKind {
    TypeDefKind::Simple(SimpleType {
        base: TypeRef::Builtin(Builtin::Token),
        facets: Facets::default(),
        enumeration: values.iter().map(|v| EnumValue { value: v.to_string(), doc: None }).collect(),
    })
}

fn add(model: &mut Model, id: TypeId, kind: TypeDefKind) {
    model.types.insert(id.clone(), TypeDef { id, doc: None, pos: Pos::default(), kind });
}

fn names_of(model: &Model) -> Names {
    Names::assign(model, &flatten(model))
}

fn assert_ident(name: &str) {
    assert!(syn::parse_str::<syn::Ident>(name).is_ok(), "{name:?} is not a valid identifier");
}

#[test]
fn type_names_avoid_prelude_and_each_other() {
    let mut m = Model::default();
    for name in ["String", "StringType", "Result", "Option", "Vec", "Self", "XmlWriter", "TransactionId"] {
        add(&mut m, named(EBL, name), TypeDefKind::Complex(complex(vec![], vec![])));
    }
    add(&mut m, named(EBL, "BMCreateButtonRequestType"), TypeDefKind::Complex(complex(vec![], vec![])));
    // The same local name in two namespaces: the namespace that sorts first keeps it.
    add(&mut m, named(API, "PaymentType"), TypeDefKind::Complex(complex(vec![], vec![])));
    add(&mut m, named(EBL, "PaymentType"), TypeDefKind::Complex(complex(vec![], vec![])));
    add(&mut m, named("urn:test:b", "Foo"), TypeDefKind::Complex(complex(vec![], vec![])));
    add(&mut m, named("urn:test:a", "Foo"), TypeDefKind::Complex(complex(vec![], vec![])));
    let n = names_of(&m);
    let table = [
        (named(EBL, "String"), "StringType2"),
        (named(EBL, "StringType"), "StringType"),
        (named(EBL, "Result"), "ResultType"),
        (named(EBL, "Option"), "OptionType"),
        (named(EBL, "Vec"), "VecType"),
        (named(EBL, "Self"), "Self_"),
        (named(EBL, "XmlWriter"), "XmlWriterType"),
        (named(EBL, "TransactionId"), "TransactionId"),
        (named(EBL, "BMCreateButtonRequestType"), "BmCreateButtonRequestType"),
        (named(API, "PaymentType"), "PaymentType"),
        (named(EBL, "PaymentType"), "PaymentType2"),
        (named("urn:test:a", "Foo"), "Foo"),
        (named("urn:test:b", "Foo"), "FooType"),
    ];
    for (id, want) in table {
        assert_eq!(n.type_name(&id), want, "{id}");
    }
}

#[test]
fn anonymous_types_take_their_element_name_and_yield_to_named_ones() {
    let mut m = Model::default();
    add(&mut m, anonymous(API, "SetExpressCheckoutReq"), TypeDefKind::Complex(complex(vec![], vec![])));
    add(&mut m, anonymous(API, "APIType"), TypeDefKind::Complex(complex(vec![], vec![])));
    add(&mut m, anonymous(API, "Refund"), TypeDefKind::Complex(complex(vec![], vec![])));
    // A named type in a namespace that sorts after the anonymous types' one still wins.
    add(&mut m, named(EBL, "APIType"), TypeDefKind::Complex(complex(vec![], vec![])));
    add(&mut m, named(EBL, "Refund"), TypeDefKind::Complex(complex(vec![], vec![])));
    let n = names_of(&m);
    assert_eq!(n.type_name(&anonymous(API, "SetExpressCheckoutReq")), "SetExpressCheckoutReq");
    assert_eq!(n.type_name(&named(EBL, "APIType")), "ApiType");
    assert_eq!(n.type_name(&anonymous(API, "APIType")), "ApiType2");
    assert_eq!(n.type_name(&named(EBL, "Refund")), "Refund");
    assert_eq!(n.type_name(&anonymous(API, "Refund")), "RefundType");
}

#[test]
fn fields_are_snake_case_keyword_safe_and_unique() {
    let mut m = Model::default();
    let id = named(EBL, "CursedType");
    let particles = ["CorrelationID", "PayerID", "type", "Type", "Self", "self", "crate", "super", "gen", "6Pack"]
        .into_iter()
        .map(field)
        .chain([any(), field("any2"), any(), field("value"), field("Days_1"), field("Days_1")])
        .collect();
    let mut ct = complex(particles, vec![attribute("type"), attribute("currencyID"), attribute("text")]);
    ct.mixed = true;
    add(&mut m, id.clone(), TypeDefKind::Complex(ct));
    let n = names_of(&m);
    let members: Vec<&str> = (0..16).map(|i| n.field(&id, i)).collect();
    assert_eq!(
        members,
        [
            "correlation_id",
            "payer_id",
            "type_",
            "type_2",
            "self_",
            "self_2",
            "crate_",
            "super_",
            "gen_",
            "_6_pack",
            "any",
            "any2",
            "any3",
            "value",
            "days_1",
            "days_1_2",
        ]
    );
    assert_eq!([n.attribute(&id, 0), n.attribute(&id, 1), n.attribute(&id, 2)], ["type_3", "currency_id", "text"]);
    assert_eq!(n.content_field(&id), "value2");
    assert_eq!(n.text_field(&id), "text2");
}

#[test]
fn inherited_members_keep_their_names_in_derived_types() {
    let mut m = Model::default();
    let base = named(EBL, "AbstractResponseType");
    let mut base_ct = complex(vec![field("CorrelationID"), field("Ack")], vec![]);
    base_ct.is_abstract = true;
    add(&mut m, base.clone(), TypeDefKind::Complex(base_ct));
    let derived = named(API, "GetBalanceResponseType");
    let mut ct = complex(vec![field("Ack"), field("Balance")], vec![]);
    ct.base = Some((base.clone(), Derivation::Extension));
    add(&mut m, derived.clone(), TypeDefKind::Complex(ct));
    let n = names_of(&m);
    // The base's members come first in the flat view, so they keep the plain names the trait exposes.
    assert_eq!([n.field(&derived, 0), n.field(&derived, 1)], [n.field(&base, 0), n.field(&base, 1)]);
    assert_eq!([n.field(&derived, 2), n.field(&derived, 3)], ["ack2", "balance"]);
    assert_eq!(n.content_field(&derived), "value");
    assert_eq!(n.text_field(&derived), "text");
}

#[test]
fn variants_are_distinct_and_independent_of_schema_order() {
    let mut m = Model::default();
    let flag = named(EBL, "RecurringFlagType");
    let flag_reversed = named(EBL, "RecurringFlagReversedType");
    add(&mut m, flag.clone(), enumeration(&["Y", "y", "N", "n"]));
    add(&mut m, flag_reversed.clone(), enumeration(&["n", "N", "y", "Y"]));
    let n = names_of(&m);
    let got: Vec<&str> = (0..4).map(|i| n.variant(&flag, i)).collect();
    assert_eq!(got, ["Y", "Y2", "N", "N2"]);
    let got: Vec<&str> = (0..4).map(|i| n.variant(&flag_reversed, i)).collect();
    assert_eq!(got, ["N2", "N", "Y2", "Y"]);
    assert_eq!(n.unknown_variant(&flag), "Unrecognized");
}

#[test]
fn variants_of_real_looking_values() {
    let mut m = Model::default();
    let id = named(EBL, "OddValuesType");
    let values = [
        "Completed-Funds-Held",
        "Ad type",
        "6Pack",
        "Days_1",
        "INCENTIVE-SITE-APPLIED-ON-UNKNOWN",
        "web-accept",
        "none",
        "",
        "Self",
        "Unrecognized",
        "Completed_Funds_Held",
    ];
    add(&mut m, id.clone(), enumeration(&values));
    // `none` and `None` in different enums do not interact.
    let other = named(EBL, "OtherType");
    add(&mut m, other.clone(), enumeration(&["None"]));
    let n = names_of(&m);
    let got: Vec<&str> = (0..values.len()).map(|i| n.variant(&id, i)).collect();
    assert_eq!(
        got,
        [
            "CompletedFundsHeld",
            "AdType",
            "_6Pack",
            "Days1",
            "IncentiveSiteAppliedOnUnknown",
            "WebAccept",
            "None",
            "Empty",
            "Self_",
            "Unrecognized",
            // `-` sorts before `_`, so the hyphenated value keeps the plain name.
            "CompletedFundsHeld2",
        ]
    );
    assert_eq!(n.unknown_variant(&id), "Unrecognized2");
    assert_eq!(n.variant(&other, 0), "None");
}

#[test]
fn traits_drop_type_and_stay_unique() {
    let mut m = Model::default();
    for (name, is_abstract) in [
        ("AbstractResponseType", true),
        ("AbstractRequestType", true),
        ("Base", true),
        ("Foo", false),
        ("FooType", true),
        ("AbstractRequest", false),
        ("SelfType", true),
    ] {
        let mut ct = complex(vec![], vec![]);
        ct.is_abstract = is_abstract;
        add(&mut m, named(EBL, name), TypeDefKind::Complex(ct));
    }
    let n = names_of(&m);
    assert_eq!(n.trait_name(&named(EBL, "AbstractResponseType")), "AbstractResponse");
    // A type already called `AbstractRequest` keeps its name; the trait gets the suffix.
    assert_eq!(n.trait_name(&named(EBL, "AbstractRequestType")), "AbstractRequestTrait");
    assert_eq!(n.trait_name(&named(EBL, "Base")), "BaseTrait");
    assert_eq!(n.trait_name(&named(EBL, "FooType")), "FooTrait");
    assert_eq!(n.trait_name(&named(EBL, "SelfType")), "Self_");
}

#[test]
fn modules_are_fixed_for_paypal_and_derived_otherwise() {
    let mut m = Model::default();
    let namespaces = [
        API,
        EBL,
        CC,
        ED,
        "urn:test:collisions",
        "http://example.com/a",
        "http://example.org/a",
        "http://example.com/ns/2010",
        "urn:x:types",
        "urn:test:type",
        "urn:test:api",
        "http://example.com/schemas/Foo-Bar.xsd",
    ];
    for ns in namespaces {
        add(&mut m, named(ns, "T"), TypeDefKind::Complex(complex(vec![], vec![])));
    }
    m.elements.insert(
        QName::new("urn:elements:only", "E"),
        crate::model::ElementDecl {
            name: QName::new("urn:elements:only", "E"),
            type_ref: TypeRef::Builtin(Builtin::String),
            is_abstract: false,
            nillable: false,
            doc: None,
            pos: Pos::default(),
        },
    );
    let n = names_of(&m);
    let got: Vec<&str> = namespaces.iter().map(|ns| n.module(ns)).collect();
    assert_eq!(
        got,
        ["api", "ebl", "cc", "ed", "collisions", "a", "a2", "ns_2010", "types2", "type_", "api2", "foo_bar_xsd"]
    );
    assert_eq!(n.module(""), "no_namespace");
    assert_eq!(n.module("urn:elements:only"), "only");
}

#[test]
fn operation_methods() {
    let n = names_of(&Model::default());
    assert_eq!(n.operation_method("SetExpressCheckout"), "set_express_checkout");
    assert_eq!(n.operation_method("BMCreateButton"), "bm_create_button");
    assert_eq!(n.operation_method("DoReferenceTransaction"), "do_reference_transaction");
    assert_eq!(n.operation_method("type"), "type_");
}

#[test]
fn display_lists_every_name_in_a_stable_order() {
    let mut m = Model::default();
    add(&mut m, named(EBL, "RecurringFlagType"), enumeration(&["Y", "y"]));
    let mut ct = complex(vec![field("Type"), any()], vec![attribute("currencyID")]);
    ct.attributes.push(attribute("value"));
    add(&mut m, named(CC, "AmountType"), TypeDefKind::Complex(ct));
    let text = names_of(&m).to_string();
    let want = r#"module "" = no_namespace
module "urn:ebay:apis:CoreComponentTypes" = cc
module "urn:ebay:apis:eBLBaseComponents" = ebl
type {urn:ebay:apis:CoreComponentTypes}AmountType = AmountType
type {urn:ebay:apis:eBLBaseComponents}RecurringFlagType = RecurringFlagType
struct {urn:ebay:apis:CoreComponentTypes}AmountType
  element Type = type_
  element xs:any = any
  attribute currencyID = currency_id
  attribute value = value
  content = value2, text = text
enum {urn:ebay:apis:eBLBaseComponents}RecurringFlagType
  "Y" = Y
  "y" = Y2
  unknown = Unrecognized
"#;
    assert_eq!(text, want);
    assert_eq!(names_of(&m), names_of(&m.clone()));
}

/// Runs the naming rules over every name in PayPal's real schemas (read directly, without the loader): type
/// names stay unique, every enumeration's variants are distinct, and every result is a valid identifier.
#[test]
fn paypal_names_are_unique_and_valid() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen has a parent");
    let dir = crate::locate::schemas_dir(root).unwrap_or_else(|e| panic!("{e}")).dir;
    let mut m = Model::default();
    let mut fields = 0;
    for file in ["eBLBaseComponents.xsd", "CoreComponentTypes.xsd", "EnhancedDataTypes.xsd", "PayPalSvc.wsdl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        for schema in doc.descendants().filter(|n| n.has_tag_name((XS_NS, "schema"))) {
            let tns = schema.attribute("targetNamespace").unwrap_or_default();
            for def in schema.children().filter(|n| n.is_element()) {
                let Some(name) = def.attribute("name") else { continue };
                let values: Vec<&str> = def
                    .descendants()
                    .filter(|n| n.has_tag_name((XS_NS, "enumeration")))
                    .filter_map(|n| n.attribute("value"))
                    .collect();
                let names: Vec<&str> = def
                    .descendants()
                    .filter(|n| n.has_tag_name((XS_NS, "element")) || n.has_tag_name((XS_NS, "attribute")))
                    .filter_map(|n| n.attribute("name"))
                    .collect();
                fields += names.len();
                let particles = names.into_iter().map(field).collect();
                match def.tag_name().name() {
                    "simpleType" if !values.is_empty() => add(&mut m, named(tns, name), enumeration(&values)),
                    "simpleType" | "complexType" => {
                        add(&mut m, named(tns, name), TypeDefKind::Complex(complex(particles, vec![])))
                    }
                    "element" if def.attribute("type").is_none() => {
                        add(&mut m, anonymous(tns, name), TypeDefKind::Complex(complex(particles, vec![])))
                    }
                    _ => {}
                }
            }
        }
    }
    let n = names_of(&m);
    let enums: Vec<(&TypeId, usize)> = m
        .types
        .iter()
        .filter_map(|(id, d)| match &d.kind {
            TypeDefKind::Simple(st) => Some((id, st.enumeration.len())),
            TypeDefKind::Complex(_) => None,
        })
        .collect();
    // Counts from shared/schemas/SOURCE.md: 123 enumerations with 1,390 values.
    assert_eq!(enums.len(), 123);
    assert_eq!(enums.iter().map(|(_, k)| k).sum::<usize>(), 1390);
    assert!(fields > 1000, "only {fields} element and attribute names found");

    let mut type_names = BTreeSet::new();
    for id in m.types.keys() {
        let name = n.type_name(id);
        assert_ident(name);
        assert!(type_names.insert(name), "type name {name} given twice");
        // PayPal's type names never clash, so none of them may be renamed beyond casing.
        assert_eq!(name, type_ident(&id.name), "{id}");
    }
    for (id, count) in enums {
        let variants: BTreeSet<&str> = (0..count).map(|i| n.variant(id, i)).collect();
        assert_eq!(variants.len(), count, "{id}: {variants:?}");
        variants.iter().for_each(|v| assert_ident(v));
        assert!(!variants.contains(n.unknown_variant(id)));
    }
    let flag = named(EBL, "RecurringFlagType");
    let values: Vec<&str> = match &m.types[&flag].kind {
        TypeDefKind::Simple(st) => st.enumeration.iter().map(|v| v.value.as_str()).collect(),
        TypeDefKind::Complex(_) => unreachable!(),
    };
    let y = values.iter().position(|v| *v == "Y").expect("RecurringFlagType has Y");
    let y_lower = values.iter().position(|v| *v == "y").expect("RecurringFlagType has y");
    assert_eq!((n.variant(&flag, y), n.variant(&flag, y_lower)), ("Y", "Y2"));
    for (id, ft) in &flatten(&m).types {
        let mut seen = BTreeSet::new();
        for i in 0..ft.members.len() {
            assert_ident(n.field(id, i));
            assert!(seen.insert(n.field(id, i)), "{id}: field {} twice", n.field(id, i));
        }
    }
}
