//! Reads one `xs:schema` element (a standalone XSD or one embedded in a WSDL) into a [`RawSchema`].
//!
//! Elements are matched by namespace URI, never by prefix, so `xs:`-prefixed schemas and schemas that use the
//! XML Schema namespace as their default namespace read the same. Every XSD element and attribute the loader
//! does not understand is an error at its position: a construct skipped here would silently change the wire
//! format of the generated code.

use roxmltree::Node;

use super::raw::{
    RawAttribute, RawComplex, RawContent, RawElement, RawElementBody, RawGroup, RawLocalElement, RawParticle,
    RawSchema, RawSimple, RawType, RawTypeDef, RawTypeUse,
};
use super::xml::{Ctx, display_name, markup_text};
use crate::error::{Error, Result};
use crate::model::{AnyParticle, Compositor, Derivation, EnumValue, Facets, Pos, XS_NS};

/// An `xs:import` or `xs:include` to follow.
#[derive(Debug)]
pub(crate) struct SchemaLink {
    /// True for `xs:include` (same target namespace), false for `xs:import`.
    pub(crate) include: bool,
    /// The `namespace` attribute of an import.
    pub(crate) namespace: Option<String>,
    /// `schemaLocation`, relative to the file that holds the link.
    pub(crate) location: Option<String>,
    /// Where the link is written.
    pub(crate) pos: Pos,
}

/// Reads `schema` (an `xs:schema` element).
///
/// # Errors
/// Unsupported constructs, malformed attribute values.
pub(crate) fn read_schema(ctx: &Ctx<'_, '_>, schema: Node<'_, '_>) -> Result<(RawSchema, Vec<SchemaLink>)> {
    ctx.check_attrs(
        schema,
        &[
            "targetNamespace",
            "elementFormDefault",
            "attributeFormDefault",
            "version",
            "id",
            "blockDefault",
            "finalDefault",
        ],
    )?;
    let reader = Reader {
        ctx,
        tns: schema.attribute("targetNamespace").unwrap_or("").to_string(),
        elements_qualified: form(ctx, schema, "elementFormDefault")?.unwrap_or(false),
        attributes_qualified: form(ctx, schema, "attributeFormDefault")?.unwrap_or(false),
    };
    let mut out = RawSchema { target_ns: reader.tns.clone(), types: Vec::new(), elements: Vec::new() };
    let mut links = Vec::new();
    for child in xs_children(ctx, schema)? {
        match child.tag_name().name() {
            "annotation" => {}
            "import" | "include" => {
                let include = child.tag_name().name() == "include";
                ctx.check_attrs(
                    child,
                    if include { &["schemaLocation", "id"] } else { &["namespace", "schemaLocation", "id"] },
                )?;
                links.push(SchemaLink {
                    include,
                    namespace: child.attribute("namespace").map(str::to_string),
                    location: child.attribute("schemaLocation").map(str::to_string),
                    pos: ctx.pos(child),
                });
            }
            "simpleType" => out.types.push(reader.simple_type(child, true)?),
            "complexType" => out.types.push(reader.complex_type(child, true)?),
            "element" => out.elements.push(reader.global_element(child)?),
            _ => return Err(unsupported(ctx, child)),
        }
    }
    Ok((out, links))
}

/// The error for an XSD element the loader does not understand, with a hint on what to do instead.
fn unsupported(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Error {
    let hint = match node.tag_name().name() {
        "union" | "list" => "derive the type by restriction of a single base type instead",
        "group" => "named model groups are not supported; inline the group's particles",
        "attributeGroup" => "attribute groups are not supported; inline the attributes",
        "attribute" => "global attributes are not supported; declare the attribute inside its complex type",
        "anyAttribute" => "attribute wildcards are not supported; declare the attributes explicitly",
        "redefine" | "override" => "redefinition is not supported; edit the original definition instead",
        "unique" | "key" | "keyref" => "identity constraints are not supported; remove them",
        "notation" => "notations are not supported",
        _ => "it is not an XML Schema construct the loader knows",
    };
    ctx.err(node, format!("unsupported schema construct <{}>: {hint}", display_name(node)))
}

/// Element children of `node`, each of which must be in the XML Schema namespace.
fn xs_children<'n, 'i>(ctx: &Ctx<'_, 'i>, node: Node<'n, 'i>) -> Result<Vec<Node<'n, 'i>>> {
    let children = ctx.elements(node)?;
    if let Some(foreign) = children.iter().find(|c| c.tag_name().namespace() != Some(XS_NS)) {
        return Err(ctx.err(
            *foreign,
            format!(
                "unexpected element <{}> in <{}>: only XML Schema elements (namespace {XS_NS}) may appear here",
                display_name(*foreign),
                display_name(node)
            ),
        ));
    }
    Ok(children)
}

/// A `*FormDefault` or `form` attribute: `Some(true)` for `qualified`.
fn form(ctx: &Ctx<'_, '_>, node: Node<'_, '_>, name: &str) -> Result<Option<bool>> {
    match node.attribute(name) {
        None => Ok(None),
        Some("qualified") => Ok(Some(true)),
        Some("unqualified") => Ok(Some(false)),
        Some(other) => Err(ctx.err(node, format!("`{name}=\"{other}\"` must be `qualified` or `unqualified`"))),
    }
}

/// Documentation of the `xs:annotation` children of `node`: every `xs:documentation`, joined by a blank line.
/// `xs:appinfo` is machine information for other tools and carries nothing the generator uses.
fn annotation_doc(node: Node<'_, '_>) -> Option<String> {
    let docs: Vec<String> = node
        .children()
        .filter(|c| c.has_tag_name((XS_NS, "annotation")))
        .flat_map(|a| a.children().filter(|d| d.has_tag_name((XS_NS, "documentation"))))
        .filter_map(markup_text)
        .collect();
    (!docs.is_empty()).then(|| docs.join("\n\n"))
}

struct Reader<'c, 'a, 'i> {
    ctx: &'c Ctx<'a, 'i>,
    tns: String,
    elements_qualified: bool,
    attributes_qualified: bool,
}

impl<'i> Reader<'_, '_, 'i> {
    fn name(&self, node: Node<'_, '_>, global: bool) -> Result<Option<String>> {
        match (node.attribute("name"), global) {
            (Some(n), true) => Ok(Some(n.to_string())),
            (None, true) => Err(self.ctx.err(node, format!("global <{}> needs a `name`", display_name(node)))),
            (Some(_), false) => Err(self.ctx.err(
                node,
                format!("a local <{}> cannot have a `name`; declare it globally to name it", display_name(node)),
            )),
            (None, false) => Ok(None),
        }
    }

    fn simple_type(&self, node: Node<'_, '_>, global: bool) -> Result<RawType> {
        self.ctx.check_attrs(node, &["name", "id", "final"])?;
        let name = self.name(node, global)?;
        let mut restriction = None;
        for child in xs_children(self.ctx, node)? {
            match child.tag_name().name() {
                "annotation" => {}
                "restriction" if restriction.is_none() => restriction = Some(child),
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        let Some(restriction) = restriction else {
            return Err(self.ctx.err(node, "a <simpleType> needs a <restriction>"));
        };
        let def = RawTypeDef::Simple(self.simple_restriction(restriction)?);
        Ok(RawType { name, doc: annotation_doc(node), pos: self.ctx.pos(node), def })
    }

    fn simple_restriction(&self, node: Node<'_, '_>) -> Result<RawSimple> {
        self.ctx.check_attrs(node, &["base", "id"])?;
        let base = self.ctx.req_qname_attr(node, "base")?;
        let mut facets = Facets::default();
        let mut enumeration = Vec::new();
        for child in xs_children(self.ctx, node)? {
            match child.tag_name().name() {
                "annotation" => {}
                "enumeration" => {
                    self.ctx.check_attrs(child, &["value", "id"])?;
                    let value = self.ctx.req_attr(child, "value")?.to_string();
                    if enumeration.iter().any(|e: &EnumValue| e.value == value) {
                        return Err(self.ctx.err(child, format!("duplicate enumeration value `{value}`")));
                    }
                    enumeration.push(EnumValue { value, doc: annotation_doc(child) });
                }
                "simpleType" => {
                    return Err(self.ctx.err(
                        child,
                        "an anonymous base type inside <restriction> is not supported; give the base type a name",
                    ));
                }
                _ => self.facet(child, &mut facets)?,
            }
        }
        Ok(RawSimple { base, facets, enumeration })
    }

    fn facet(&self, node: Node<'_, '_>, facets: &mut Facets) -> Result<()> {
        let name = node.tag_name().name();
        if !FACETS.contains(&name) {
            return Err(unsupported(self.ctx, node));
        }
        self.ctx.check_attrs(node, &["value", "fixed", "id"])?;
        let value = self.ctx.req_attr(node, "value")?.trim().to_string();
        let number = |what: &str| -> Result<u64> {
            value.parse().map_err(|_| self.ctx.err(node, format!("<{name} value=\"{value}\"> must be {what}")))
        };
        let digits = || -> Result<u32> {
            u32::try_from(number("a non-negative integer")?)
                .map_err(|_| self.ctx.err(node, format!("<{name} value=\"{value}\"> is too large")))
        };
        let duplicate = || self.ctx.err(node, format!("duplicate facet <{name}> in one restriction"));
        macro_rules! set {
            ($slot:expr, $value:expr) => {{
                if $slot.is_some() {
                    return Err(duplicate());
                }
                $slot = Some($value);
            }};
        }
        match name {
            "length" => set!(facets.length, number("a non-negative integer")?),
            "minLength" => set!(facets.min_length, number("a non-negative integer")?),
            "maxLength" => set!(facets.max_length, number("a non-negative integer")?),
            "pattern" => facets.patterns.push(value),
            "minInclusive" => set!(facets.min_inclusive, value),
            "maxInclusive" => set!(facets.max_inclusive, value),
            "minExclusive" => set!(facets.min_exclusive, value),
            "maxExclusive" => set!(facets.max_exclusive, value),
            "totalDigits" => set!(facets.total_digits, digits()?),
            "fractionDigits" => set!(facets.fraction_digits, digits()?),
            _ => {
                if !matches!(value.as_str(), "preserve" | "replace" | "collapse") {
                    return Err(self.ctx.err(node, "<whiteSpace> must be `preserve`, `replace` or `collapse`"));
                }
                set!(facets.white_space, value)
            }
        }
        Ok(())
    }

    fn complex_type(&self, node: Node<'_, '_>, global: bool) -> Result<RawType> {
        self.ctx.check_attrs(node, &["name", "id", "abstract", "mixed", "final", "block"])?;
        let name = self.name(node, global)?;
        let mut ct = RawComplex {
            is_abstract: self.ctx.bool_attr(node, "abstract")?,
            mixed: self.ctx.bool_attr(node, "mixed")?,
            content: RawContent::Empty,
            attributes: Vec::new(),
        };
        for child in xs_children(self.ctx, node)? {
            let tag = child.tag_name().name();
            match tag {
                "annotation" => {}
                "attribute" => ct.attributes.push(self.attribute(child)?),
                "sequence" | "choice" | "all" | "complexContent" | "simpleContent"
                    if !matches!(ct.content, RawContent::Empty) || !ct.attributes.is_empty() =>
                {
                    return Err(self.ctx.err(
                        child,
                        format!(
                            "unexpected <{}>: a complex type has one content model, before its attributes",
                            display_name(child)
                        ),
                    ));
                }
                "sequence" | "choice" | "all" => ct.content = RawContent::Group(self.group(child)?),
                "complexContent" => self.complex_content(child, &mut ct)?,
                "simpleContent" => self.simple_content(child, &mut ct)?,
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        Ok(RawType { name, doc: annotation_doc(node), pos: self.ctx.pos(node), def: RawTypeDef::Complex(ct) })
    }

    /// The single `extension` or `restriction` child of a `complexContent`/`simpleContent`.
    fn derivation<'n>(&self, node: Node<'n, 'i>) -> Result<(Node<'n, 'i>, Derivation)> {
        let mut found = None;
        for child in xs_children(self.ctx, node)? {
            match child.tag_name().name() {
                "annotation" => {}
                "extension" if found.is_none() => found = Some((child, Derivation::Extension)),
                "restriction" if found.is_none() => found = Some((child, Derivation::Restriction)),
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        found.ok_or_else(|| {
            self.ctx.err(node, format!("<{}> needs an <extension> or <restriction>", display_name(node)))
        })
    }

    fn complex_content(&self, node: Node<'_, '_>, ct: &mut RawComplex) -> Result<()> {
        self.ctx.check_attrs(node, &["mixed", "id"])?;
        ct.mixed |= self.ctx.bool_attr(node, "mixed")?;
        let (derived, derivation) = self.derivation(node)?;
        self.ctx.check_attrs(derived, &["base", "id"])?;
        let base = self.ctx.req_qname_attr(derived, "base")?;
        let mut group = None;
        for child in xs_children(self.ctx, derived)? {
            match child.tag_name().name() {
                "annotation" => {}
                "attribute" => ct.attributes.push(self.attribute(child)?),
                "sequence" | "choice" | "all" if group.is_none() && ct.attributes.is_empty() => {
                    group = Some(self.group(child)?);
                }
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        ct.content = RawContent::Complex { base, derivation, group };
        Ok(())
    }

    fn simple_content(&self, node: Node<'_, '_>, ct: &mut RawComplex) -> Result<()> {
        self.ctx.check_attrs(node, &["id"])?;
        let (derived, derivation) = self.derivation(node)?;
        self.ctx.check_attrs(derived, &["base", "id"])?;
        let base = self.ctx.req_qname_attr(derived, "base")?;
        for child in xs_children(self.ctx, derived)? {
            match child.tag_name().name() {
                "annotation" => {}
                "attribute" => ct.attributes.push(self.attribute(child)?),
                name if derivation == Derivation::Restriction && (FACETS.contains(&name) || name == "enumeration") => {
                    return Err(self.ctx.err(
                        child,
                        "facets inside a <simpleContent> restriction are not supported; restrict a named simple type and extend that instead",
                    ));
                }
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        ct.content = RawContent::Simple { base, derivation };
        Ok(())
    }

    fn group(&self, node: Node<'_, '_>) -> Result<RawGroup> {
        self.ctx.check_attrs(node, &["minOccurs", "maxOccurs", "id"])?;
        let compositor = match node.tag_name().name() {
            "sequence" => Compositor::Sequence,
            "choice" => Compositor::Choice,
            _ => Compositor::All,
        };
        let mut particles = Vec::new();
        for child in xs_children(self.ctx, node)? {
            let tag = child.tag_name().name();
            if compositor == Compositor::All && !matches!(tag, "annotation" | "element") {
                return Err(self.ctx.err(child, "an <all> group may hold only elements"));
            }
            match tag {
                "annotation" => {}
                "element" => particles.push(RawParticle::Element(self.local_element(child)?)),
                "sequence" | "choice" => particles.push(RawParticle::Group(self.group(child)?)),
                "any" => particles.push(RawParticle::Any(self.any(child)?)),
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        Ok(RawGroup { compositor, occurs: self.ctx.occurs(node)?, particles })
    }

    fn any(&self, node: Node<'_, '_>) -> Result<AnyParticle> {
        self.ctx.check_attrs(node, &["namespace", "processContents", "minOccurs", "maxOccurs", "id"])?;
        let process_contents = node.attribute("processContents").unwrap_or("strict").to_string();
        if !matches!(process_contents.as_str(), "strict" | "lax" | "skip") {
            return Err(self.ctx.err(node, "`processContents` must be `strict`, `lax` or `skip`"));
        }
        let pos = self.ctx.pos(node);
        let namespace = node.attribute("namespace").unwrap_or("##any").to_string();
        Ok(AnyParticle { namespace, process_contents, occurs: self.ctx.occurs(node)?, pos })
    }

    /// The anonymous type child of an element or attribute, and the annotation-only check of its children.
    fn anonymous_type(&self, node: Node<'_, '_>, allow_complex: bool) -> Result<Option<RawType>> {
        let mut found = None;
        for child in xs_children(self.ctx, node)? {
            match child.tag_name().name() {
                "annotation" => {}
                "simpleType" if found.is_none() => found = Some(self.simple_type(child, false)?),
                "complexType" if found.is_none() && allow_complex => found = Some(self.complex_type(child, false)?),
                _ => return Err(unsupported(self.ctx, child)),
            }
        }
        Ok(found)
    }

    fn type_use(&self, node: Node<'_, '_>, allow_complex: bool) -> Result<RawTypeUse> {
        let named = self.ctx.qname_attr(node, "type")?;
        let anonymous = self.anonymous_type(node, allow_complex)?;
        match (named, anonymous) {
            (Some(_), Some(_)) => {
                Err(self.ctx.err(node, "a declaration cannot have both a `type` attribute and an anonymous type"))
            }
            (Some(q), None) => Ok(RawTypeUse::Named(q)),
            (None, Some(t)) => Ok(RawTypeUse::Anonymous(Box::new(t))),
            (None, None) => Ok(RawTypeUse::Unspecified),
        }
    }

    fn value_constraint(&self, node: Node<'_, '_>) -> Result<(Option<String>, Option<String>)> {
        let default = node.attribute("default").map(str::to_string);
        let fixed = node.attribute("fixed").map(str::to_string);
        if default.is_some() && fixed.is_some() {
            return Err(self.ctx.err(node, "`default` and `fixed` cannot both be given"));
        }
        Ok((default, fixed))
    }

    fn global_element(&self, node: Node<'_, '_>) -> Result<RawElement> {
        if node.attribute("substitutionGroup").is_some() {
            return Err(self
                .ctx
                .err(node, "substitution groups are not supported; refer to the substituting element directly"));
        }
        self.ctx
            .check_attrs(node, &["name", "type", "nillable", "abstract", "default", "fixed", "id", "block", "final"])?;
        let name = self.ctx.req_attr(node, "name")?.to_string();
        let (default, fixed) = self.value_constraint(node)?;
        Ok(RawElement {
            name,
            ty: self.type_use(node, true)?,
            is_abstract: self.ctx.bool_attr(node, "abstract")?,
            nillable: self.ctx.bool_attr(node, "nillable")?,
            default,
            fixed,
            doc: annotation_doc(node),
            pos: self.ctx.pos(node),
        })
    }

    fn local_element(&self, node: Node<'_, '_>) -> Result<RawLocalElement> {
        let occurs = self.ctx.occurs(node)?;
        let body = if let Some(target) = self.ctx.qname_attr(node, "ref")? {
            self.ctx.check_attrs(node, &["ref", "minOccurs", "maxOccurs", "id"])?;
            if self.anonymous_type(node, true)?.is_some() {
                return Err(self.ctx.err(node, "an element `ref` cannot declare a type"));
            }
            RawElementBody::Ref(target)
        } else {
            self.ctx.check_attrs(
                node,
                &["name", "type", "minOccurs", "maxOccurs", "nillable", "default", "fixed", "form", "id", "block"],
            )?;
            let qualified = form(self.ctx, node, "form")?.unwrap_or(self.elements_qualified);
            let (default, fixed) = self.value_constraint(node)?;
            RawElementBody::Decl {
                name: self.ctx.req_attr(node, "name")?.to_string(),
                ns: if qualified { self.tns.clone() } else { String::new() },
                ty: self.type_use(node, true)?,
                nillable: self.ctx.bool_attr(node, "nillable")?,
                default,
                fixed,
            }
        };
        Ok(RawLocalElement { body, occurs, doc: annotation_doc(node), pos: self.ctx.pos(node) })
    }

    fn attribute(&self, node: Node<'_, '_>) -> Result<RawAttribute> {
        if node.attribute("ref").is_some() {
            return Err(self.ctx.err(
                node,
                "attribute `ref`s are not supported; declare the attribute with `name` and `type` instead",
            ));
        }
        self.ctx.check_attrs(node, &["name", "type", "use", "default", "fixed", "form", "id"])?;
        let name = self.ctx.req_attr(node, "name")?.to_string();
        let required = match node.attribute("use").unwrap_or("optional") {
            "optional" => false,
            "required" => true,
            "prohibited" => {
                return Err(self.ctx.err(node, "`use=\"prohibited\"` is not supported; remove the attribute instead"));
            }
            other => return Err(self.ctx.err(node, format!("`use=\"{other}\"` must be `optional` or `required`"))),
        };
        let ty = self.type_use(node, false)?;
        if let RawTypeUse::Unspecified = ty {
            return Err(self
                .ctx
                .err(node, format!("attribute `{name}` has no type; add type=\"xs:string\" or the right type")));
        }
        let qualified = form(self.ctx, node, "form")?.unwrap_or(self.attributes_qualified);
        let (default, fixed) = self.value_constraint(node)?;
        Ok(RawAttribute {
            name,
            ns: if qualified { self.tns.clone() } else { String::new() },
            ty,
            required,
            default,
            fixed,
            doc: annotation_doc(node),
            pos: self.ctx.pos(node),
        })
    }
}

/// Every constraining facet except `enumeration` (which is read separately).
const FACETS: &[&str] = &[
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "totalDigits",
    "fractionDigits",
    "whiteSpace",
];
