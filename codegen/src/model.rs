//! The model: what the loader (`parse` → `lower`) produces and every later stage (emit, limits, diff) reads.
//!
//! It is plain, owned data. Types refer to each other through [`TypeId`] keys into [`Model::types`], never
//! through pointers, so the model can be dumped, compared and snapshot-tested. Every map is a `BTreeMap`, so
//! iteration order is deterministic; XSD sequence order is kept as written inside [`Group::particles`].
//!
//! Names here are always the schema's wire names. Rust names are derived later, in `naming`, and only there.

use std::collections::BTreeMap;
use std::fmt;

/// The XML Schema namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// A namespace-qualified name. `ns` is empty for names in no namespace (unqualified local elements and
/// attributes).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI, or the empty string for no namespace.
    pub ns: String,
    /// Local name as written in the schema.
    pub name: String,
}

impl QName {
    /// Builds a qualified name.
    pub fn new(ns: impl Into<String>, name: impl Into<String>) -> Self {
        Self { ns: ns.into(), name: name.into() }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() { write!(f, "{}", self.name) } else { write!(f, "{{{}}}{}", self.ns, self.name) }
    }
}

/// Which XSD symbol space a [`TypeId`] lives in. Types and elements have separate symbol spaces in XSD, and
/// an anonymous type takes its name from the element that declares it, so it gets a space of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SymbolKind {
    /// A named `simpleType` or `complexType`.
    Type,
    /// An anonymous type, keyed by the name of the global element that declares it; an anonymous type of a
    /// local element is keyed `Parent.Child` and one of a local attribute `Parent@attr`, where `Parent` is the
    /// key of the enclosing type (PayPal's schemas have only global ones).
    AnonymousType,
}

/// The identity of a type: (namespace, kind, local name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId {
    /// Target namespace of the schema that declares the type.
    pub ns: String,
    /// Symbol space.
    pub kind: SymbolKind,
    /// Local name (for anonymous types: the declaring element's name).
    pub name: String,
}

impl TypeId {
    /// The qualified name of this type (ignoring the symbol space).
    pub fn qname(&self) -> QName {
        QName::new(self.ns.clone(), self.name.clone())
    }
}

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            SymbolKind::Type => write!(f, "{{{}}}{}", self.ns, self.name),
            SymbolKind::AnonymousType => write!(f, "{{{}}}{}#anon", self.ns, self.name),
        }
    }
}

/// XML Schema built-in simple types that the generator maps to Rust types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// `xs:string`.
    String,
    /// `xs:normalizedString`.
    NormalizedString,
    /// `xs:token` (whitespace collapsed on read).
    Token,
    /// `xs:anyURI`.
    AnyUri,
    /// `xs:boolean`.
    Boolean,
    /// `xs:int` (32-bit).
    Int,
    /// `xs:integer` (unbounded in XSD).
    Integer,
    /// `xs:long`.
    Long,
    /// `xs:short`.
    Short,
    /// `xs:byte`.
    Byte,
    /// `xs:nonNegativeInteger`.
    NonNegativeInteger,
    /// `xs:positiveInteger`.
    PositiveInteger,
    /// `xs:unsignedInt`.
    UnsignedInt,
    /// `xs:decimal`.
    Decimal,
    /// `xs:double`.
    Double,
    /// `xs:float`.
    Float,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:date`.
    Date,
    /// `xs:time`.
    Time,
    /// `xs:duration`.
    Duration,
    /// `xs:base64Binary`.
    Base64Binary,
    /// `xs:anyType` (content kept as raw XML).
    AnyType,
}

impl Builtin {
    /// All built-ins with their XSD local names, in a fixed order.
    pub const ALL: &'static [(Builtin, &'static str)] = &[
        (Builtin::String, "string"),
        (Builtin::NormalizedString, "normalizedString"),
        (Builtin::Token, "token"),
        (Builtin::AnyUri, "anyURI"),
        (Builtin::Boolean, "boolean"),
        (Builtin::Int, "int"),
        (Builtin::Integer, "integer"),
        (Builtin::Long, "long"),
        (Builtin::Short, "short"),
        (Builtin::Byte, "byte"),
        (Builtin::NonNegativeInteger, "nonNegativeInteger"),
        (Builtin::PositiveInteger, "positiveInteger"),
        (Builtin::UnsignedInt, "unsignedInt"),
        (Builtin::Decimal, "decimal"),
        (Builtin::Double, "double"),
        (Builtin::Float, "float"),
        (Builtin::DateTime, "dateTime"),
        (Builtin::Date, "date"),
        (Builtin::Time, "time"),
        (Builtin::Duration, "duration"),
        (Builtin::Base64Binary, "base64Binary"),
        (Builtin::AnyType, "anyType"),
    ];

    /// Looks a built-in up by its XSD local name.
    pub fn from_xsd_name(name: &str) -> Option<Builtin> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(b, _)| *b)
    }

    /// The XSD local name (`string`, `dateTime`, …).
    pub fn xsd_name(self) -> &'static str {
        Self::ALL.iter().find(|(b, _)| *b == self).map(|(_, n)| *n).unwrap_or("anyType")
    }
}

/// A reference to a type: a built-in or a type of the model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// An XML Schema built-in.
    Builtin(Builtin),
    /// A type declared in the schemas (key into [`Model::types`]).
    Named(TypeId),
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Builtin(b) => write!(f, "xs:{}", b.xsd_name()),
            TypeRef::Named(id) => write!(f, "{id}"),
        }
    }
}

/// Where something was declared: file name (as given to the loader, relative to the schema directory) and
/// 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// File name relative to the schema directory.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Upper bound of an occurrence range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaxOccurs {
    /// A fixed upper bound.
    Bounded(u32),
    /// `maxOccurs="unbounded"`.
    Unbounded,
}

impl fmt::Display for MaxOccurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxOccurs::Bounded(n) => write!(f, "{n}"),
            MaxOccurs::Unbounded => f.write_str("unbounded"),
        }
    }
}

/// An occurrence range (`minOccurs`, `maxOccurs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurs {
    /// `minOccurs` (default 1).
    pub min: u32,
    /// `maxOccurs` (default 1).
    pub max: MaxOccurs,
}

impl Occurs {
    /// Exactly once: the XSD default.
    pub const ONCE: Occurs = Occurs { min: 1, max: MaxOccurs::Bounded(1) };

    /// True when more than one occurrence is allowed.
    pub fn is_many(self) -> bool {
        !matches!(self.max, MaxOccurs::Bounded(0 | 1))
    }

    /// The range of a particle nested inside a group with range `outer`.
    pub fn within(self, outer: Occurs) -> Occurs {
        let max = match (self.max, outer.max) {
            (MaxOccurs::Bounded(a), MaxOccurs::Bounded(b)) => MaxOccurs::Bounded(a.saturating_mul(b)),
            (MaxOccurs::Bounded(0), _) | (_, MaxOccurs::Bounded(0)) => MaxOccurs::Bounded(0),
            _ => MaxOccurs::Unbounded,
        };
        Occurs { min: self.min.saturating_mul(outer.min), max }
    }
}

impl fmt::Display for Occurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}..{}]", self.min, self.max)
    }
}

/// Constraining facets of a simple type, as written. Values stay strings: their meaning depends on the base
/// type, and later stages decide what code to emit for each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// `length`.
    pub length: Option<u64>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern` (all of them; XSD ORs patterns of one step).
    pub patterns: Vec<String>,
    /// `minInclusive`.
    pub min_inclusive: Option<String>,
    /// `maxInclusive`.
    pub max_inclusive: Option<String>,
    /// `minExclusive`.
    pub min_exclusive: Option<String>,
    /// `maxExclusive`.
    pub max_exclusive: Option<String>,
    /// `totalDigits`.
    pub total_digits: Option<u32>,
    /// `fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `whiteSpace`.
    pub white_space: Option<String>,
}

impl Facets {
    /// True when no facet is set.
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }
}

/// One value of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The value exactly as the schema writes it.
    pub value: String,
    /// Its documentation, if any.
    pub doc: Option<String>,
}

/// A simple type: a restriction of a base type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimpleType {
    /// The restricted base (built-in or another simple type).
    pub base: TypeRef,
    /// Facets other than `enumeration`.
    pub facets: Facets,
    /// `enumeration` values in schema order (empty when the type is not an enumeration).
    pub enumeration: Vec<EnumValue>,
}

/// An element declaration used as a field of a complex type (a local element, or a `ref` to a global one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The element's wire name (local part).
    pub name: String,
    /// The element's namespace on the wire: the schema's target namespace for qualified local elements, the
    /// referenced element's namespace for a `ref`, empty for unqualified local elements.
    pub ns: String,
    /// The element's type. An anonymous local type is lowered to a [`SymbolKind::AnonymousType`] id.
    pub type_ref: TypeRef,
    /// Occurrence range as declared on the element (not multiplied by enclosing groups).
    pub occurs: Occurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// The global element this field refers to, when declared with `ref`.
    pub element_ref: Option<QName>,
    /// Documentation (of the local declaration, or of the referenced element when the local one has none).
    pub doc: Option<String>,
    /// `default` value, if any.
    pub default: Option<String>,
    /// `fixed` value, if any.
    pub fixed: Option<String>,
    /// Where it was declared.
    pub pos: Pos,
}

/// An `xs:any` wildcard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyParticle {
    /// The `namespace` constraint as written (`##any` when absent).
    pub namespace: String,
    /// `processContents` as written (`strict` when absent).
    pub process_contents: String,
    /// Occurrence range.
    pub occurs: Occurs,
    /// Where it was declared.
    pub pos: Pos,
}

/// How a group combines its particles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Compositor {
    /// `xs:sequence`.
    Sequence,
    /// `xs:choice`.
    Choice,
    /// `xs:all`.
    All,
}

/// One particle of a content model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Particle {
    /// An element.
    Element(Field),
    /// A wildcard.
    Any(AnyParticle),
    /// A nested group.
    Group(Group),
}

/// A model group: `sequence`, `choice` or `all`, with its own occurrence range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The compositor.
    pub compositor: Compositor,
    /// Occurrence range of the group itself.
    pub occurs: Occurs,
    /// Particles in document order.
    pub particles: Vec<Particle>,
}

/// An attribute declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// Wire name.
    pub name: String,
    /// Namespace: empty for unqualified attributes (the PayPal schemas use `attributeFormDefault="unqualified"`).
    pub ns: String,
    /// Type.
    pub type_ref: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// `default` value.
    pub default: Option<String>,
    /// `fixed` value.
    pub fixed: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it was declared.
    pub pos: Pos,
}

/// How a complex type derives from its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Derivation {
    /// `xs:extension`: the base's content followed by this type's own.
    Extension,
    /// `xs:restriction`: this type's content replaces the base's.
    Restriction,
}

/// What a complex type contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// No content model (an empty `complexType`, possibly with attributes).
    Empty,
    /// Element content (`complexContent` or a direct `sequence`/`choice`/`all`): this type's own group only;
    /// inherited particles are found through [`ComplexType::base`].
    Elements(Group),
    /// `simpleContent`: a text value of the given simple type, plus attributes.
    Simple(TypeRef),
}

/// A complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplexType {
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `mixed="true"`: text may appear between child elements.
    pub mixed: bool,
    /// Base type and derivation method, for `complexContent`/`simpleContent` extension or restriction of a
    /// named complex type.
    pub base: Option<(TypeId, Derivation)>,
    /// Own content.
    pub content: Content,
    /// Own attributes (inherited ones are found through `base`).
    pub attributes: Vec<Attribute>,
}

/// Simple or complex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeDefKind {
    /// A simple type.
    Simple(SimpleType),
    /// A complex type.
    Complex(ComplexType),
}

/// A type of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDef {
    /// Its key.
    pub id: TypeId,
    /// Documentation text, as in `xs:documentation` (markup kept; `docs` turns it into rustdoc).
    pub doc: Option<String>,
    /// Where it was declared.
    pub pos: Pos,
    /// Simple or complex.
    pub kind: TypeDefKind,
}

/// A global element declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementDecl {
    /// Its qualified name.
    pub name: QName,
    /// Its type (anonymous types are lowered to [`SymbolKind::AnonymousType`] ids named after the element).
    pub type_ref: TypeRef,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it was declared.
    pub pos: Pos,
}

/// A `soap:header` of an operation's input or output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapHeader {
    /// The WSDL message named by the header.
    pub message: QName,
    /// The part of that message.
    pub part: String,
    /// The global element the part refers to.
    pub element: QName,
    /// `use` (`literal` in PayPal's WSDL).
    pub use_: String,
}

/// One direction (input or output) of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationMessage {
    /// The WSDL message.
    pub message: QName,
    /// The body element (the message's single part).
    pub element: QName,
    /// Headers bound to this direction.
    pub headers: Vec<SoapHeader>,
    /// `soap:body use` (`literal`).
    pub body_use: String,
}

/// A WSDL operation as bound to a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// Operation name (`SetExpressCheckout`).
    pub name: String,
    /// The port that exposes it (`PayPalAPIAA`).
    pub port: String,
    /// The binding (`PayPalAPIAASoapBinding`).
    pub binding: QName,
    /// The port type (`PayPalAPIAAInterface`).
    pub port_type: QName,
    /// `soap:operation soapAction` (empty for every PayPal operation).
    pub soap_action: String,
    /// `soap:binding style` of the binding (`document`).
    pub style: String,
    /// Request.
    pub input: OperationMessage,
    /// Response.
    pub output: OperationMessage,
    /// Faults declared for the operation (none in PayPal's WSDL).
    pub faults: Vec<QName>,
    /// `wsdl:documentation` of the port-type operation.
    pub doc: Option<String>,
    /// Where the port-type operation was declared.
    pub pos: Pos,
}

/// A WSDL port of the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Port {
    /// Port name.
    pub name: String,
    /// Its binding.
    pub binding: QName,
    /// `soap:address location`.
    pub address: String,
}

/// The attribute of `wsdl:definitions` a service version was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VersionSource {
    /// The `version` attribute (`ns:version`), PayPal's usual marker.
    Version,
    /// The `signature` attribute (`ns:signature`), read because the WSDL has no `version` attribute.
    Signature,
}

impl VersionSource {
    /// The attribute as PayPal's WSDLs spell it: `ns:version` or `ns:signature`.
    pub fn attribute(self) -> &'static str {
        match self {
            VersionSource::Version => "ns:version",
            VersionSource::Signature => "ns:signature",
        }
    }
}

impl std::fmt::Display for VersionSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VersionSource::Version => f.write_str("from ns:version"),
            VersionSource::Signature => f.write_str("from ns:signature; the WSDL has no ns:version"),
        }
    }
}

/// The WSDL service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Service {
    /// Service name (`PayPalAPIInterfaceService`).
    pub name: String,
    /// Target namespace of the WSDL.
    pub ns: String,
    /// The service version: the `version` attribute on `wsdl:definitions` (in any namespace; PayPal writes
    /// `ns:version="204.0"`), else its `signature` attribute (`ns:signature="121.0"`); `None` when it has
    /// neither.
    pub version: Option<String>,
    /// Which attribute [`Service::version`] was read from; `None` exactly when the version is.
    pub version_source: Option<VersionSource>,
    /// `wsdl:documentation` of the service, or else of `wsdl:definitions` (none in PayPal's WSDL).
    pub doc: Option<String>,
    /// Ports in document order.
    pub ports: Vec<Port>,
    /// Operations, ordered by (port, name).
    pub operations: Vec<Operation>,
}

/// A schema document that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the schema directory.
    pub name: String,
    /// Target namespace of the schema(s) it holds (for a WSDL, the embedded schema's).
    pub target_ns: String,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Everything the loader learned from one WSDL and the schemas it reaches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Model {
    /// All named and anonymous types.
    pub types: BTreeMap<TypeId, TypeDef>,
    /// Global elements.
    pub elements: BTreeMap<QName, ElementDecl>,
    /// The service (empty when the entry point was a plain XSD).
    pub service: Service,
    /// Files read, sorted by name.
    pub sources: Vec<SourceFile>,
}

impl Model {
    /// The service version with where it came from, for reports: `204.0 (from ns:version)`, or `none`.
    pub fn version_label(&self) -> String {
        match (&self.service.version, self.service.version_source) {
            (Some(v), Some(source)) => format!("{v} ({source})"),
            (Some(v), None) => v.clone(),
            (None, _) => "none".to_string(),
        }
    }

    /// Looks a type up.
    pub fn get(&self, id: &TypeId) -> Option<&TypeDef> {
        self.types.get(id)
    }

    /// The chain of complex base types of `id`, nearest first (not including `id`).
    pub fn bases(&self, id: &TypeId) -> Vec<&TypeDef> {
        let mut out = Vec::new();
        let mut cur = id.clone();
        while let Some(TypeDef { kind: TypeDefKind::Complex(ct), .. }) = self.types.get(&cur) {
            let Some((base, _)) = &ct.base else { break };
            let Some(def) = self.types.get(base) else { break };
            // A cycle in derivation is rejected by the loader; this guard keeps a bad model from hanging.
            if out.iter().any(|d: &&TypeDef| d.id == def.id) || def.id == *id {
                break;
            }
            out.push(def);
            cur = base.clone();
        }
        out
    }
}
