//! Reads a WSDL 1.1 `definitions` element with SOAP 1.1 bindings into a [`RawWsdl`], and the schemas embedded
//! in its `types`.
//!
//! Only what a document/literal SOAP 1.1 service uses is understood; anything else (WSDL imports, SOAP 1.2,
//! one-way operations, `type` parts) is an error at its position rather than something silently dropped.

use roxmltree::Node;

use super::raw::{
    RawBinding, RawBindingMessage, RawBindingOperation, RawHeader, RawMessage, RawPart, RawPort, RawPortOperation,
    RawPortType, RawSchema, RawService, RawWsdl,
};
use super::xml::{Ctx, display_name, markup_text};
use super::xsd::{SchemaLink, read_schema};
use crate::error::Result;
use crate::model::{VersionSource, XS_NS};

/// The WSDL 1.1 namespace.
pub(crate) const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The WSDL 1.1 SOAP 1.1 binding namespace.
const SOAP_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL 1.1 SOAP 1.2 binding namespace (recognized only to say it is unsupported).
const SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// SOAP over HTTP, the only transport a SOAP 1.1 binding may name here.
const SOAP_HTTP: &str = "http://schemas.xmlsoap.org/soap/http";

/// Reads `definitions`; returns the WSDL, its embedded schemas and their imports.
///
/// # Errors
/// Unsupported WSDL constructs and missing attributes.
pub(crate) fn read_wsdl(
    ctx: &Ctx<'_, '_>,
    definitions: Node<'_, '_>,
) -> Result<(RawWsdl, Vec<RawSchema>, Vec<SchemaLink>)> {
    ctx.check_attrs(definitions, &["name", "targetNamespace"])?;
    let version = definitions_version(definitions);
    let mut wsdl = RawWsdl {
        target_ns: definitions.attribute("targetNamespace").unwrap_or("").to_string(),
        version,
        doc: None,
        messages: Vec::new(),
        port_types: Vec::new(),
        bindings: Vec::new(),
        services: Vec::new(),
    };
    let mut schemas = Vec::new();
    let mut links = Vec::new();
    for child in wsdl_children(ctx, definitions, false)? {
        match child.tag_name().name() {
            "documentation" => wsdl.doc = markup_text(child),
            "types" => {
                for schema in ctx.elements(child)? {
                    if schema.has_tag_name((WSDL_NS, "documentation")) {
                        continue;
                    }
                    if !schema.has_tag_name((XS_NS, "schema")) {
                        return Err(ctx.err(
                            schema,
                            format!("<types> may hold only <xs:schema>, not <{}>", display_name(schema)),
                        ));
                    }
                    let (raw, schema_links) = read_schema(ctx, schema)?;
                    schemas.push(raw);
                    links.extend(schema_links);
                }
            }
            "message" => wsdl.messages.push(message(ctx, child)?),
            "portType" => wsdl.port_types.push(port_type(ctx, child)?),
            "binding" => wsdl.bindings.push(binding(ctx, child)?),
            "service" => wsdl.services.push(service(ctx, child)?),
            "import" => {
                return Err(ctx.err(child, "<wsdl:import> is not supported; merge the imported WSDL into this one"));
            }
            _ => return Err(unknown(ctx, child, definitions)),
        }
    }
    Ok((wsdl, schemas, links))
}

/// The service version on `definitions`: its `version` attribute (in any namespace; PayPal writes `ns:version`),
/// else its `signature` attribute. PayPal's 121.0 WSDL carries only `ns:signature="121.0"`, so trusting
/// `version` alone would call that set unversioned; the source is kept so reports can say which one was used.
fn definitions_version(definitions: Node<'_, '_>) -> Option<(String, VersionSource)> {
    let attr = |name: &str| {
        definitions
            .attributes()
            .find(|a| a.name() == name)
            .map(|a| a.value().trim().to_string())
            .filter(|v| !v.is_empty())
    };
    attr("version")
        .map(|v| (v, VersionSource::Version))
        .or_else(|| attr("signature").map(|v| (v, VersionSource::Signature)))
}

fn unknown(ctx: &Ctx<'_, '_>, node: Node<'_, '_>, parent: Node<'_, '_>) -> crate::Error {
    let hint = if node.tag_name().namespace() == Some(SOAP12_NS) {
        "SOAP 1.2 bindings are not supported; only SOAP 1.1 (namespace http://schemas.xmlsoap.org/wsdl/soap/)"
    } else {
        "the loader does not understand this WSDL construct"
    };
    ctx.err(node, format!("unsupported element <{}> in <{}>: {hint}", display_name(node), display_name(parent)))
}

/// Element children of a WSDL element, each in the WSDL namespace or, where `soap` allows it, in the SOAP 1.1
/// binding namespace.
fn wsdl_children<'n, 'i>(ctx: &Ctx<'_, 'i>, node: Node<'n, 'i>, soap: bool) -> Result<Vec<Node<'n, 'i>>> {
    let children = ctx.elements(node)?;
    for child in &children {
        let ns = child.tag_name().namespace();
        if ns != Some(WSDL_NS) && !(soap && ns == Some(SOAP_NS)) {
            return Err(unknown(ctx, *child, node));
        }
    }
    Ok(children)
}

fn wsdl_doc(node: Node<'_, '_>) -> Option<String> {
    node.children().find(|c| c.has_tag_name((WSDL_NS, "documentation"))).and_then(markup_text)
}

fn is(node: Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.has_tag_name((ns, name))
}

fn message(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Result<RawMessage> {
    ctx.check_attrs(node, &["name"])?;
    let mut parts = Vec::new();
    for child in wsdl_children(ctx, node, false)? {
        if is(child, WSDL_NS, "documentation") {
            continue;
        }
        if !is(child, WSDL_NS, "part") {
            return Err(unknown(ctx, child, node));
        }
        if child.attribute("type").is_some() {
            return Err(
                ctx.err(child, "`type` parts (RPC style) are not supported; document/literal parts name an `element`")
            );
        }
        ctx.check_attrs(child, &["name", "element"])?;
        parts.push(RawPart {
            name: ctx.req_attr(child, "name")?.to_string(),
            element: ctx.req_qname_attr(child, "element")?,
        });
    }
    Ok(RawMessage { name: ctx.req_attr(node, "name")?.to_string(), pos: ctx.pos(node), parts })
}

fn port_type(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Result<RawPortType> {
    ctx.check_attrs(node, &["name"])?;
    let mut operations = Vec::new();
    for op in wsdl_children(ctx, node, false)? {
        if is(op, WSDL_NS, "documentation") {
            continue;
        }
        if !is(op, WSDL_NS, "operation") {
            return Err(unknown(ctx, op, node));
        }
        ctx.check_attrs(op, &["name", "parameterOrder"])?;
        let (mut input, mut output, mut faults) = (None, None, Vec::new());
        for child in wsdl_children(ctx, op, false)? {
            match child.tag_name().name() {
                "documentation" => {}
                "input" if input.is_none() && output.is_none() => {
                    ctx.check_attrs(child, &["name", "message"])?;
                    input = Some(ctx.req_qname_attr(child, "message")?);
                }
                "output" if input.is_some() && output.is_none() => {
                    ctx.check_attrs(child, &["name", "message"])?;
                    output = Some(ctx.req_qname_attr(child, "message")?);
                }
                "fault" => {
                    ctx.check_attrs(child, &["name", "message"])?;
                    faults.push(ctx.req_qname_attr(child, "message")?);
                }
                _ => {
                    return Err(
                        ctx.err(child, format!("unexpected <{}> in a port-type operation", display_name(child)))
                    );
                }
            }
        }
        let (Some(input), Some(output)) = (input, output) else {
            return Err(ctx.err(
                op,
                "only request-response operations (<input> then <output>) are supported; one-way and notification operations are not",
            ));
        };
        operations.push(RawPortOperation {
            name: ctx.req_attr(op, "name")?.to_string(),
            pos: ctx.pos(op),
            doc: wsdl_doc(op),
            input,
            output,
            faults,
        });
    }
    Ok(RawPortType { name: ctx.req_attr(node, "name")?.to_string(), pos: ctx.pos(node), operations })
}

fn binding(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Result<RawBinding> {
    ctx.check_attrs(node, &["name", "type"])?;
    let mut style = None;
    let mut operations = Vec::new();
    for child in wsdl_children(ctx, node, true)? {
        if is(child, WSDL_NS, "documentation") {
        } else if is(child, SOAP_NS, "binding") && style.is_none() {
            ctx.check_attrs(child, &["style", "transport"])?;
            let transport = ctx.req_attr(child, "transport")?;
            if transport != SOAP_HTTP {
                return Err(ctx.err(child, format!("transport `{transport}` is not supported; only {SOAP_HTTP}")));
            }
            style = Some(child.attribute("style").unwrap_or("document").to_string());
        } else if is(child, WSDL_NS, "operation") {
            operations.push(binding_operation(ctx, child)?);
        } else {
            return Err(unknown(ctx, child, node));
        }
    }
    let Some(style) = style else {
        return Err(ctx.err(node, "the binding has no <soap:binding>; only SOAP 1.1 bindings are supported"));
    };
    Ok(RawBinding {
        name: ctx.req_attr(node, "name")?.to_string(),
        pos: ctx.pos(node),
        port_type: ctx.req_qname_attr(node, "type")?,
        style,
        operations,
    })
}

fn binding_operation(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Result<RawBindingOperation> {
    ctx.check_attrs(node, &["name"])?;
    let (mut soap_action, mut style, mut seen_soap) = (String::new(), None, false);
    let (mut input, mut output) = (None, None);
    for child in wsdl_children(ctx, node, true)? {
        match (child.tag_name().namespace(), child.tag_name().name()) {
            (Some(WSDL_NS), "documentation") => {}
            (Some(SOAP_NS), "operation") if !seen_soap => {
                ctx.check_attrs(child, &["soapAction", "style"])?;
                seen_soap = true;
                soap_action = child.attribute("soapAction").unwrap_or("").to_string();
                style = child.attribute("style").map(str::to_string);
            }
            (Some(WSDL_NS), "input") if input.is_none() => input = Some(binding_message(ctx, child)?),
            (Some(WSDL_NS), "output") if output.is_none() => output = Some(binding_message(ctx, child)?),
            (Some(WSDL_NS), "fault") => {
                return Err(ctx.err(child, "binding faults are not supported yet; PayPal's WSDL declares none"));
            }
            _ => return Err(unknown(ctx, child, node)),
        }
    }
    let (Some(input), Some(output)) = (input, output) else {
        return Err(ctx.err(node, "a bound operation needs both <input> and <output>"));
    };
    Ok(RawBindingOperation {
        name: ctx.req_attr(node, "name")?.to_string(),
        pos: ctx.pos(node),
        doc: wsdl_doc(node),
        soap_action,
        style,
        input,
        output,
    })
}

fn binding_message(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Result<RawBindingMessage> {
    ctx.check_attrs(node, &["name"])?;
    let mut headers = Vec::new();
    let mut body = None;
    for child in wsdl_children(ctx, node, true)? {
        match (child.tag_name().namespace(), child.tag_name().name()) {
            (Some(WSDL_NS), "documentation") => {}
            (Some(SOAP_NS), "header") => {
                ctx.check_attrs(child, &["message", "part", "use", "namespace", "encodingStyle"])?;
                if ctx.elements(child)?.iter().any(|c| !is(*c, WSDL_NS, "documentation")) {
                    return Err(ctx.err(child, "<soap:headerfault> is not supported"));
                }
                headers.push(RawHeader {
                    message: ctx.req_qname_attr(child, "message")?,
                    part: ctx.req_attr(child, "part")?.to_string(),
                    use_: ctx.req_attr(child, "use")?.to_string(),
                    pos: ctx.pos(child),
                });
            }
            (Some(SOAP_NS), "body") if body.is_none() => {
                ctx.check_attrs(child, &["use", "parts", "namespace", "encodingStyle"])?;
                let use_ = child.attribute("use").unwrap_or("literal").to_string();
                let parts = child.attribute("parts").map(|p| p.split_whitespace().map(str::to_string).collect());
                body = Some((use_, parts));
            }
            _ => return Err(unknown(ctx, child, node)),
        }
    }
    let Some((body_use, body_parts)) = body else {
        return Err(ctx.err(node, format!("<{}> has no <soap:body>", display_name(node))));
    };
    Ok(RawBindingMessage { pos: ctx.pos(node), headers, body_use, body_parts })
}

fn service(ctx: &Ctx<'_, '_>, node: Node<'_, '_>) -> Result<RawService> {
    ctx.check_attrs(node, &["name"])?;
    let mut ports = Vec::new();
    for port in wsdl_children(ctx, node, false)? {
        if is(port, WSDL_NS, "documentation") {
            continue;
        }
        if !is(port, WSDL_NS, "port") {
            return Err(unknown(ctx, port, node));
        }
        ctx.check_attrs(port, &["name", "binding"])?;
        let mut address = None;
        for child in wsdl_children(ctx, port, true)? {
            if is(child, SOAP_NS, "address") && address.is_none() {
                ctx.check_attrs(child, &["location"])?;
                address = Some(ctx.req_attr(child, "location")?.to_string());
            } else if !is(child, WSDL_NS, "documentation") {
                return Err(unknown(ctx, child, port));
            }
        }
        let Some(address) = address else {
            return Err(ctx.err(port, "the port has no <soap:address location=\"…\">"));
        };
        ports.push(RawPort {
            name: ctx.req_attr(port, "name")?.to_string(),
            pos: ctx.pos(port),
            binding: ctx.req_qname_attr(port, "binding")?,
            address,
        });
    }
    Ok(RawService { name: ctx.req_attr(node, "name")?.to_string(), pos: ctx.pos(node), doc: wsdl_doc(node), ports })
}
