//! The loader's model: a snapshot of the model dump for every fixture schema (one construct each), and counts
//! measured on PayPal's real schemas (`../shared/schemas/paypal`, or `PAYPAL_SCHEMAS_DIR`; the second copy
//! from `../shared/schemas/paypal-alt`, or `PAYPAL_ALT_SCHEMAS_DIR`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::Model;
use codegen::model::{Content, Group, Particle, SymbolKind, TypeDefKind, TypeId};

#[test]
fn model_dump() {
    insta::glob!("../fixtures", "*.{xsd,wsdl}", |path| {
        let model = codegen::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        insta::assert_snapshot!(codegen::dump::dump(&model));
    });
}

/// A directory of PayPal schemas: the environment variable `var` if set, else `../shared/schemas/<name>`
/// relative to the workspace root.
fn schemas_dir(var: &str, name: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os(var) {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate lives in the workspace");
    root.join("../shared/schemas").join(name)
}

fn load(var: &str, name: &str) -> Model {
    let dir = schemas_dir(var, name);
    assert!(dir.is_dir(), "PayPal's schemas are not at {}; set {var} to their directory", dir.display());
    codegen::load(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

const EBL: &str = "urn:ebay:apis:eBLBaseComponents";
const API: &str = "urn:ebay:api:PayPalAPI";
const CC: &str = "urn:ebay:apis:CoreComponentTypes";
const ED: &str = "urn:ebay:apis:EnhancedDataTypes";

fn element_count(group: &Group) -> usize {
    group
        .particles
        .iter()
        .map(|p| match p {
            Particle::Element(_) => 1,
            Particle::Any(_) => 0,
            Particle::Group(g) => element_count(g),
        })
        .sum()
}

/// (complex, anonymous complex, simple) types per namespace.
fn types_per_namespace(model: &Model) -> BTreeMap<&str, (usize, usize, usize)> {
    let mut out: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for def in model.types.values() {
        let entry = out.entry(def.id.ns.as_str()).or_default();
        match (&def.kind, def.id.kind) {
            (TypeDefKind::Simple(_), _) => entry.2 += 1,
            (TypeDefKind::Complex(_), SymbolKind::AnonymousType) => entry.1 += 1,
            (TypeDefKind::Complex(_), SymbolKind::Type) => entry.0 += 1,
        }
    }
    out
}

/// Every documentation text of types, enumeration values, fields and attributes.
fn all_docs(model: &Model) -> Vec<&str> {
    fn group_docs<'m>(group: &'m Group, out: &mut Vec<&'m str>) {
        for p in &group.particles {
            match p {
                Particle::Element(f) => out.extend(f.doc.as_deref()),
                Particle::Any(_) => {}
                Particle::Group(g) => group_docs(g, out),
            }
        }
    }
    let mut out = Vec::new();
    for def in model.types.values() {
        out.extend(def.doc.as_deref());
        match &def.kind {
            TypeDefKind::Simple(s) => out.extend(s.enumeration.iter().filter_map(|v| v.doc.as_deref())),
            TypeDefKind::Complex(c) => {
                out.extend(c.attributes.iter().filter_map(|a| a.doc.as_deref()));
                if let Content::Elements(g) = &c.content {
                    group_docs(g, &mut out);
                }
            }
        }
    }
    out
}

fn type_id(ns: &str, name: &str) -> TypeId {
    TypeId { ns: ns.into(), kind: SymbolKind::Type, name: name.into() }
}

#[test]
fn paypal_schemas_load_completely() {
    let model = load("PAYPAL_SCHEMAS_DIR", "paypal");

    let names: Vec<&str> = model.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["CoreComponentTypes.xsd", "EnhancedDataTypes.xsd", "PayPalSvc.wsdl", "eBLBaseComponents.xsd"]);
    assert!(model.sources.iter().all(|s| s.sha256.len() == 64));

    // Named complex, anonymous complex and simple types per namespace.
    let per_ns = types_per_namespace(&model);
    assert_eq!(per_ns[EBL], (192, 0, 138));
    assert_eq!(per_ns[API], (118, 57, 0));
    assert_eq!(per_ns[CC], (4, 0, 1));
    assert_eq!(per_ns[ED], (9, 0, 0));
    assert_eq!(per_ns.len(), 4);

    let enums: Vec<(usize, &str)> = model
        .types
        .values()
        .filter_map(|d| match &d.kind {
            TypeDefKind::Simple(s) if !s.enumeration.is_empty() => Some((s.enumeration.len(), d.id.name.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(enums.len(), 123);
    assert_eq!(enums.iter().map(|(n, _)| n).sum::<usize>(), 1390);
    assert_eq!(enums.iter().max(), Some(&(267, "BusinessSubCategoryType")));

    let fields: usize = model
        .types
        .values()
        .filter_map(|d| match &d.kind {
            TypeDefKind::Complex(c) => match &c.content {
                Content::Elements(g) => Some(element_count(g)),
                _ => None,
            },
            TypeDefKind::Simple(_) => None,
        })
        .sum();
    assert_eq!(fields, 1594);
    assert_eq!(model.elements.len(), 299);

    // Documentation markup is serialized without the namespace declarations it had in the schema.
    let docs = all_docs(&model);
    let with_markup: Vec<&str> = docs.iter().copied().filter(|d| d.contains("<br/>")).collect();
    assert_eq!(with_markup.len(), 487);
    assert!(docs.iter().all(|d| !d.contains("xmlns")));

    let service = &model.service;
    assert_eq!(service.name, "PayPalAPIInterfaceService");
    assert_eq!(service.version.as_deref(), Some("204.0"));
    assert_eq!(service.operations.len(), 57);
    let on = |port: &str| service.operations.iter().filter(|o| o.port == port).count();
    assert_eq!((on("PayPalAPI"), on("PayPalAPIAA")), (25, 32));
    for op in &service.operations {
        assert_eq!((op.style.as_str(), op.soap_action.as_str()), ("document", ""), "{}", op.name);
        for dir in [&op.input, &op.output] {
            assert_eq!(dir.headers.len(), 1, "{}", op.name);
            assert_eq!(dir.headers[0].element.name, "RequesterCredentials");
            assert!(model.elements.contains_key(&dir.element), "{}", op.name);
        }
    }
}

#[test]
fn inherited_fields_keep_the_namespace_of_their_schema() {
    let model = load("PAYPAL_SCHEMAS_DIR", "paypal");
    let flat = codegen::flatten::flatten(&model);
    let response = &flat.types[&type_id(API, "SetExpressCheckoutResponseType")];
    let field_ns =
        |name: &str| response.fields().find(|f| f.field.name == name).map(|f| f.field.ns.as_str()).unwrap_or("missing");
    assert_eq!(field_ns("Ack"), EBL);
    assert_eq!(field_ns("Token"), API);
    assert_eq!(response.abstract_bases, [type_id(EBL, "AbstractResponseType")]);

    // A `ref` in the default-namespace EnhancedDataTypes.xsd takes the referenced eBL element's namespace.
    let enhanced = &flat.types[&type_id(ED, "EnhancedPaymentDataType")];
    let airline = enhanced.fields().next().expect("EnhancedPaymentDataType has AirlineItinerary");
    assert_eq!((airline.field.name.as_str(), airline.field.ns.as_str()), ("AirlineItinerary", EBL));

    let recurring = match &model.types[&type_id(EBL, "RecurringFlagType")].kind {
        TypeDefKind::Simple(s) => s.enumeration.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
        TypeDefKind::Complex(_) => Vec::new(),
    };
    assert!(recurring.contains(&"Y") && recurring.contains(&"y"), "{recurring:?}");
}

#[test]
fn loading_is_deterministic() {
    let a = codegen::dump::dump(&load("PAYPAL_SCHEMAS_DIR", "paypal"));
    let b = codegen::dump::dump(&load("PAYPAL_SCHEMAS_DIR", "paypal"));
    assert!(a == b, "two loads of the same schemas dump differently");
}

#[test]
fn paypal_alt_schemas_load() {
    let model = load("PAYPAL_ALT_SCHEMAS_DIR", "paypal-alt");
    assert_eq!(model.service.operations.len(), 57);
    // This copy's EnhancedDataTypes.xsd is the older one, whose EnhancedPaymentDataType is empty.
    match &model.types[&type_id(ED, "EnhancedPaymentDataType")].kind {
        TypeDefKind::Complex(c) => assert_eq!(c.content, Content::Empty),
        TypeDefKind::Simple(_) => panic!("EnhancedPaymentDataType is a complex type"),
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn a_directory_entry_loads_its_single_wsdl() {
    let model = codegen::load(&fixtures()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.service.name, "ThingService");
}

#[test]
fn documentation_keeps_its_markup_as_text() {
    let model = codegen::load(&fixtures().join("default_ns.xsd")).unwrap_or_else(|e| panic!("{e}"));
    let doc = model.types[&type_id("urn:test:default-ns", "StateCodeType")].doc.clone().unwrap_or_default();
    assert_eq!(
        doc.split_whitespace().collect::<Vec<_>>().join(" "),
        "State codes.<br/> <b>Required</b> <table> <tr><td>Alberta</td><td>AB</td></tr> \
         <tr><td>Alaska</td><td/></tr> </table> Limits &amp; rules: &lt;3 characters."
    );
}
