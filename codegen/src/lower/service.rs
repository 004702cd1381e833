//! Binds the WSDL into the [`Service`]: each port's binding, the binding's port type, and each bound
//! operation's messages, body elements and SOAP headers, all resolved by qualified name.
//!
//! One [`Operation`] is produced per operation of a binding that a port exposes, ordered by (port, name).
//! Only document/literal SOAP 1.1 is supported; other styles and uses are errors. Messages and bindings that
//! no port uses are resolved too (so their errors are reported) but produce nothing, as do port-type
//! operations that no binding binds: they cannot be called.

use std::collections::BTreeMap;

use super::schema_err;
use crate::error::{Error, Result};
use crate::model::{ElementDecl, Operation, OperationMessage, Port, QName, Service, SoapHeader};
use crate::parse::{RawBinding, RawBindingMessage, RawMessage, RawPortType, RawQName, RawWsdl};

/// Lowers the WSDL against the model's global elements.
pub(super) fn lower_service(wsdl: &RawWsdl, elements: &BTreeMap<QName, ElementDecl>) -> Result<Service> {
    let tns = &wsdl.target_ns;
    let messages = index(tns, "message", wsdl.messages.iter().map(|m| (&m.name, &m.pos, m)))?;
    let port_types = index(tns, "portType", wsdl.port_types.iter().map(|p| (&p.name, &p.pos, p)))?;
    let bindings = index(tns, "binding", wsdl.bindings.iter().map(|b| (&b.name, &b.pos, b)))?;
    let binder = Binder { messages, port_types, bindings, elements };

    let mut service = Service {
        name: String::new(),
        ns: tns.clone(),
        version: wsdl.version.as_ref().map(|(v, _)| v.clone()),
        version_source: wsdl.version.as_ref().map(|&(_, source)| source),
        doc: wsdl.doc.clone(),
        ports: Vec::new(),
        operations: Vec::new(),
    };
    // Messages and bindings no port uses are still checked, so a broken reference never goes unnoticed. Every
    // message part and every binding is checked, and all their problems are reported together.
    let mut errors = Vec::new();
    for message in &wsdl.messages {
        for part in &message.parts {
            errors.extend(binder.element(&part.element).err());
        }
    }
    let bound: Vec<&QName> = wsdl.services.iter().flat_map(|s| s.ports.iter().map(|p| &p.binding.qname)).collect();
    for binding in &wsdl.bindings {
        let name = QName::new(tns.clone(), binding.name.clone());
        if !bound.contains(&&name) {
            errors.extend(binder.operations("", &name, binding, &mut Vec::new()).err());
        }
    }
    Error::collect(errors)?;
    if let Some(extra) = wsdl.services.get(1) {
        return Err(schema_err(&extra.pos, "only one <wsdl:service> per WSDL is supported; split the WSDL"));
    }
    let Some(raw) = wsdl.services.first() else { return Ok(service) };
    service.name = raw.name.clone();
    service.doc = raw.doc.clone().or(service.doc);
    for port in &raw.ports {
        if service.ports.iter().any(|p: &Port| p.name == port.name) {
            return Err(schema_err(&port.pos, format!("duplicate port `{}` in the service", port.name)));
        }
        let binding = binder.binding(&port.binding)?;
        service.ports.push(Port {
            name: port.name.clone(),
            binding: port.binding.qname.clone(),
            address: port.address.clone(),
        });
        binder.operations(&port.name, &port.binding.qname, binding, &mut service.operations)?;
    }
    service.operations.sort_by(|a, b| (&a.port, &a.name).cmp(&(&b.port, &b.name)));
    Ok(service)
}

/// Definitions of one WSDL symbol space by qualified name; a duplicate name is an error.
fn index<'a, T>(
    tns: &str,
    what: &str,
    items: impl Iterator<Item = (&'a String, &'a crate::model::Pos, &'a T)>,
) -> Result<BTreeMap<QName, &'a T>> {
    let mut map = BTreeMap::new();
    let mut first_pos = BTreeMap::new();
    for (name, pos, item) in items {
        let q = QName::new(tns, name.clone());
        if let Some(first) = first_pos.insert(q.clone(), pos) {
            return Err(schema_err(pos, format!("duplicate {what} `{name}`: it is already defined at {first}")));
        }
        map.insert(q, item);
    }
    Ok(map)
}

struct Binder<'a> {
    messages: BTreeMap<QName, &'a RawMessage>,
    port_types: BTreeMap<QName, &'a RawPortType>,
    bindings: BTreeMap<QName, &'a RawBinding>,
    elements: &'a BTreeMap<QName, ElementDecl>,
}

fn unresolved(what: &str, q: &RawQName) -> crate::Error {
    schema_err(
        &q.pos,
        format!(
            "unresolved {what} reference `{}` ({}): the WSDL defines no such {what}; check the name and prefix",
            q.written, q.qname
        ),
    )
}

impl<'a> Binder<'a> {
    fn binding(&self, q: &RawQName) -> Result<&'a RawBinding> {
        self.bindings.get(&q.qname).copied().ok_or_else(|| unresolved("binding", q))
    }

    fn message(&self, q: &RawQName) -> Result<&'a RawMessage> {
        self.messages.get(&q.qname).copied().ok_or_else(|| unresolved("message", q))
    }

    fn element(&self, q: &RawQName) -> Result<QName> {
        if self.elements.contains_key(&q.qname) {
            return Ok(q.qname.clone());
        }
        Err(schema_err(
            &q.pos,
            format!(
                "unresolved element reference `{}` ({}): no schema read declares this global element",
                q.written, q.qname
            ),
        ))
    }

    /// Appends one operation per operation of `binding`, exposed on `port`.
    fn operations(
        &self,
        port: &str,
        binding_name: &QName,
        binding: &RawBinding,
        out: &mut Vec<Operation>,
    ) -> Result<()> {
        let port_type =
            self.port_types.get(&binding.port_type.qname).ok_or_else(|| unresolved("portType", &binding.port_type))?;
        for op in &binding.operations {
            let mut abstract_ops = port_type.operations.iter().filter(|o| o.name == op.name);
            let Some(abstract_op) = abstract_ops.next() else {
                return Err(schema_err(
                    &op.pos,
                    format!(
                        "the binding's operation `{}` is not an operation of port type `{}`",
                        op.name, port_type.name
                    ),
                ));
            };
            if abstract_ops.next().is_some() {
                return Err(schema_err(&op.pos, format!("overloaded operation `{}` is not supported", op.name)));
            }
            if out.iter().any(|o| o.port == port && o.name == op.name) {
                return Err(schema_err(&op.pos, format!("operation `{}` is bound twice", op.name)));
            }
            let style = op.style.clone().unwrap_or_else(|| binding.style.clone());
            if style != "document" {
                return Err(schema_err(
                    &op.pos,
                    format!("style `{style}` is not supported; only document/literal operations are"),
                ));
            }
            let mut faults = Vec::new();
            for f in &abstract_op.faults {
                self.message(f)?;
                faults.push(f.qname.clone());
            }
            out.push(Operation {
                name: op.name.clone(),
                port: port.to_string(),
                binding: binding_name.clone(),
                port_type: binding.port_type.qname.clone(),
                soap_action: op.soap_action.clone(),
                style,
                input: self.direction(&abstract_op.input, &op.input)?,
                output: self.direction(&abstract_op.output, &op.output)?,
                faults,
                doc: abstract_op.doc.clone().or_else(|| op.doc.clone()),
                pos: abstract_op.pos.clone(),
            });
        }
        Ok(())
    }

    /// One direction of an operation: the message, its single body part's element, and the headers.
    fn direction(&self, message: &RawQName, bound: &RawBindingMessage) -> Result<OperationMessage> {
        if bound.body_use != "literal" {
            return Err(schema_err(
                &bound.pos,
                format!("`use=\"{}\"` is not supported; only literal bodies are", bound.body_use),
            ));
        }
        let raw = self.message(message)?;
        let parts: Vec<_> = match &bound.body_parts {
            None => raw.parts.iter().collect(),
            Some(names) => raw.parts.iter().filter(|p| names.contains(&p.name)).collect(),
        };
        let [part] = parts.as_slice() else {
            return Err(schema_err(
                &bound.pos,
                format!(
                    "the body of message `{}` has {} parts; document/literal needs exactly one (select it with <soap:body parts=\"…\">)",
                    raw.name,
                    parts.len()
                ),
            ));
        };
        let mut headers = Vec::new();
        for h in &bound.headers {
            if h.use_ != "literal" {
                return Err(schema_err(
                    &h.pos,
                    format!("`use=\"{}\"` is not supported; only literal headers are", h.use_),
                ));
            }
            let header_message = self.message(&h.message)?;
            let Some(header_part) = header_message.parts.iter().find(|p| p.name == h.part) else {
                return Err(schema_err(&h.pos, format!("message `{}` has no part `{}`", header_message.name, h.part)));
            };
            headers.push(SoapHeader {
                message: h.message.qname.clone(),
                part: h.part.clone(),
                element: self.element(&header_part.element)?,
                use_: h.use_.clone(),
            });
        }
        Ok(OperationMessage {
            message: message.qname.clone(),
            element: self.element(&part.element)?,
            headers,
            body_use: bound.body_use.clone(),
        })
    }
}
