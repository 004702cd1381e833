//! The raw items that [`super::parse_entry`] produces: the documents' content close to the XML, with every
//! QName already resolved to a namespace URI (prefixes are lexical, so only the parser can resolve them) and
//! every item carrying its source position. Nothing here refers to anything in another document yet; that is
//! the job of `lower`.

use crate::model::{AnyParticle, Compositor, Derivation, EnumValue, Facets, Occurs, Pos, QName};

/// A QName attribute value, resolved with the namespace declarations in scope where it was written.
#[derive(Debug, Clone)]
pub(crate) struct RawQName {
    /// The resolved name.
    pub(crate) qname: QName,
    /// The value as written (`ebl:AmountType`), for error messages.
    pub(crate) written: String,
    /// Position of the element that carries the attribute.
    pub(crate) pos: Pos,
}

/// One `xs:schema`: a standalone XSD file or one embedded in a WSDL's `types`.
#[derive(Debug)]
pub(crate) struct RawSchema {
    /// `targetNamespace` (empty when absent).
    pub(crate) target_ns: String,
    /// Global `simpleType`s and `complexType`s in document order.
    pub(crate) types: Vec<RawType>,
    /// Global `element`s in document order.
    pub(crate) elements: Vec<RawElement>,
}

/// A simple or complex type, named (global) or anonymous.
#[derive(Debug)]
pub(crate) struct RawType {
    /// The `name` attribute; `None` for an anonymous type.
    pub(crate) name: Option<String>,
    /// `xs:annotation/xs:documentation` text.
    pub(crate) doc: Option<String>,
    /// Where the `simpleType`/`complexType` element starts.
    pub(crate) pos: Pos,
    /// The definition.
    pub(crate) def: RawTypeDef,
}

/// Simple or complex.
#[derive(Debug)]
pub(crate) enum RawTypeDef {
    /// A `simpleType` (always a `restriction`: `list` and `union` are rejected by the parser).
    Simple(RawSimple),
    /// A `complexType`.
    Complex(RawComplex),
}

/// A `simpleType` restriction.
#[derive(Debug)]
pub(crate) struct RawSimple {
    /// The restriction's `base`.
    pub(crate) base: RawQName,
    /// Facets other than `enumeration`.
    pub(crate) facets: Facets,
    /// `enumeration` values in document order.
    pub(crate) enumeration: Vec<EnumValue>,
}

/// A `complexType`.
#[derive(Debug)]
pub(crate) struct RawComplex {
    /// `abstract="true"`.
    pub(crate) is_abstract: bool,
    /// `mixed="true"` on the type or on its `complexContent`.
    pub(crate) mixed: bool,
    /// The content model.
    pub(crate) content: RawContent,
    /// Attributes declared directly or inside the extension/restriction.
    pub(crate) attributes: Vec<RawAttribute>,
}

/// The content of a `complexType`.
#[derive(Debug)]
pub(crate) enum RawContent {
    /// No particles (possibly attributes).
    Empty,
    /// A `sequence`/`choice`/`all` directly inside the type.
    Group(RawGroup),
    /// `complexContent` with an `extension` or `restriction` of `base`, and the derivation's own group.
    Complex {
        /// The base type.
        base: RawQName,
        /// Extension or restriction.
        derivation: Derivation,
        /// The derivation's own particles.
        group: Option<RawGroup>,
    },
    /// `simpleContent` with an `extension` or `restriction` of `base`.
    Simple {
        /// The base type (a simple type, or a complex type with simple content).
        base: RawQName,
        /// Extension or restriction.
        derivation: Derivation,
    },
}

/// A `sequence`, `choice` or `all`.
#[derive(Debug)]
pub(crate) struct RawGroup {
    /// Which compositor.
    pub(crate) compositor: Compositor,
    /// The group's own occurrence range.
    pub(crate) occurs: Occurs,
    /// Particles in document order.
    pub(crate) particles: Vec<RawParticle>,
}

/// One particle of a group.
#[derive(Debug)]
pub(crate) enum RawParticle {
    /// A local element or an element `ref`.
    Element(RawLocalElement),
    /// An `xs:any` (fully described by the model type already).
    Any(AnyParticle),
    /// A nested group.
    Group(RawGroup),
}

/// How an element or attribute declaration gives its type.
#[derive(Debug)]
pub(crate) enum RawTypeUse {
    /// A `type` attribute.
    Named(RawQName),
    /// An anonymous `simpleType`/`complexType` child.
    Anonymous(Box<RawType>),
    /// Neither: the XSD default (`xs:anyType` for elements).
    Unspecified,
}

/// A local element inside a group.
#[derive(Debug)]
pub(crate) struct RawLocalElement {
    /// A declaration or a reference to a global element.
    pub(crate) body: RawElementBody,
    /// `minOccurs`/`maxOccurs`.
    pub(crate) occurs: Occurs,
    /// Documentation of the local declaration.
    pub(crate) doc: Option<String>,
    /// Where the `element` element starts.
    pub(crate) pos: Pos,
}

/// What a local `element` is.
#[derive(Debug)]
pub(crate) enum RawElementBody {
    /// `ref="…"`.
    Ref(RawQName),
    /// `name="…"` with its own type.
    Decl {
        /// Local name.
        name: String,
        /// Wire namespace after applying `form`/`elementFormDefault`.
        ns: String,
        /// Its type.
        ty: RawTypeUse,
        /// `nillable="true"`.
        nillable: bool,
        /// `default`.
        default: Option<String>,
        /// `fixed`.
        fixed: Option<String>,
    },
}

/// A global `element`.
#[derive(Debug)]
pub(crate) struct RawElement {
    /// Local name (the namespace is the schema's target namespace).
    pub(crate) name: String,
    /// Its type.
    pub(crate) ty: RawTypeUse,
    /// `abstract="true"`.
    pub(crate) is_abstract: bool,
    /// `nillable="true"`.
    pub(crate) nillable: bool,
    /// `default`.
    pub(crate) default: Option<String>,
    /// `fixed`.
    pub(crate) fixed: Option<String>,
    /// Documentation.
    pub(crate) doc: Option<String>,
    /// Where it starts.
    pub(crate) pos: Pos,
}

/// A local `attribute`.
#[derive(Debug)]
pub(crate) struct RawAttribute {
    /// Local name.
    pub(crate) name: String,
    /// Namespace after applying `form`/`attributeFormDefault`.
    pub(crate) ns: String,
    /// Its type (`Named` or an anonymous simple type; an attribute without a type is rejected).
    pub(crate) ty: RawTypeUse,
    /// `use="required"`.
    pub(crate) required: bool,
    /// `default`.
    pub(crate) default: Option<String>,
    /// `fixed`.
    pub(crate) fixed: Option<String>,
    /// Documentation.
    pub(crate) doc: Option<String>,
    /// Where it starts.
    pub(crate) pos: Pos,
}

/// A WSDL 1.1 `definitions` element.
#[derive(Debug)]
pub(crate) struct RawWsdl {
    /// `targetNamespace`.
    pub(crate) target_ns: String,
    /// The service version and the attribute it was read from: `version` in any namespace
    /// (`ns:version="204.0"`), else `signature` (`ns:signature="121.0"`, all that 121.0 carries).
    pub(crate) version: Option<(String, crate::model::VersionSource)>,
    /// `wsdl:documentation` of `definitions`.
    pub(crate) doc: Option<String>,
    /// `message`s.
    pub(crate) messages: Vec<RawMessage>,
    /// `portType`s.
    pub(crate) port_types: Vec<RawPortType>,
    /// `binding`s.
    pub(crate) bindings: Vec<RawBinding>,
    /// `service`s.
    pub(crate) services: Vec<RawService>,
}

/// A `message`.
#[derive(Debug)]
pub(crate) struct RawMessage {
    /// Local name (in the WSDL's target namespace).
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// `part`s (each with an `element`: `type` parts are rejected by the parser).
    pub(crate) parts: Vec<RawPart>,
}

/// A message `part`.
#[derive(Debug)]
pub(crate) struct RawPart {
    /// Part name.
    pub(crate) name: String,
    /// The global element it carries.
    pub(crate) element: RawQName,
}

/// A `portType`.
#[derive(Debug)]
pub(crate) struct RawPortType {
    /// Local name.
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// Operations.
    pub(crate) operations: Vec<RawPortOperation>,
}

/// An abstract operation of a `portType`.
#[derive(Debug)]
pub(crate) struct RawPortOperation {
    /// Operation name.
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// `wsdl:documentation`.
    pub(crate) doc: Option<String>,
    /// `input message`.
    pub(crate) input: RawQName,
    /// `output message`.
    pub(crate) output: RawQName,
    /// `fault message`s.
    pub(crate) faults: Vec<RawQName>,
}

/// A SOAP 1.1 `binding`.
#[derive(Debug)]
pub(crate) struct RawBinding {
    /// Local name.
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// The `type` (port type) it binds.
    pub(crate) port_type: RawQName,
    /// `soap:binding style` (`document` when absent).
    pub(crate) style: String,
    /// Bound operations.
    pub(crate) operations: Vec<RawBindingOperation>,
}

/// An operation of a binding.
#[derive(Debug)]
pub(crate) struct RawBindingOperation {
    /// Operation name (matches a port-type operation).
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// `wsdl:documentation`.
    pub(crate) doc: Option<String>,
    /// `soap:operation soapAction` (empty when absent).
    pub(crate) soap_action: String,
    /// `soap:operation style`, overriding the binding's.
    pub(crate) style: Option<String>,
    /// The bound input.
    pub(crate) input: RawBindingMessage,
    /// The bound output.
    pub(crate) output: RawBindingMessage,
}

/// The `input` or `output` of a binding operation.
#[derive(Debug)]
pub(crate) struct RawBindingMessage {
    /// Where it starts.
    pub(crate) pos: Pos,
    /// `soap:header`s.
    pub(crate) headers: Vec<RawHeader>,
    /// `soap:body use`.
    pub(crate) body_use: String,
    /// `soap:body parts`, when given.
    pub(crate) body_parts: Option<Vec<String>>,
}

/// A `soap:header`.
#[derive(Debug)]
pub(crate) struct RawHeader {
    /// The message.
    pub(crate) message: RawQName,
    /// The part of the message.
    pub(crate) part: String,
    /// `use`.
    pub(crate) use_: String,
    /// Where it starts.
    pub(crate) pos: Pos,
}

/// A `service`.
#[derive(Debug)]
pub(crate) struct RawService {
    /// Service name.
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// `wsdl:documentation`.
    pub(crate) doc: Option<String>,
    /// Ports in document order.
    pub(crate) ports: Vec<RawPort>,
}

/// A `port` with its `soap:address`.
#[derive(Debug)]
pub(crate) struct RawPort {
    /// Port name.
    pub(crate) name: String,
    /// Where it starts.
    pub(crate) pos: Pos,
    /// Its binding.
    pub(crate) binding: RawQName,
    /// `soap:address location`.
    pub(crate) address: String,
}
