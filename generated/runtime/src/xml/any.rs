//! [`AnyElement`]: an element captured whole for an `xs:any` member, kept exactly as received and writable
//! back as a self-contained element.

use std::fmt::{self, Write as _};

use super::error::EncodeError;
use super::read::{XML_NS, XmlReader, is_ncname, is_xml_char};
use crate::redact::redact;

/// An element read for an `xs:any` member (or built to be sent in one).
///
/// `raw_inner` is the content between the start and end tag exactly as received (still escaped). Prefixes used
/// inside it may have been declared outside the element; `namespaces` holds those declarations (prefix, URI;
/// prefix "" for the default namespace), so [`Self::to_xml`] can write an element that means the same anywhere.
/// The element's own binding (`prefix` to `ns`) is implied and not listed.
///
/// `Debug` shows `raw_inner` with credentials and card numbers masked by element name
/// ([`redact`](crate::redact)), as an unexpected element may echo a request; the field keeps
/// the XML as received.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct AnyElement {
    /// Namespace URI ("" when none).
    pub ns: String,
    /// Local name.
    pub name: String,
    /// Prefix the element was received with ("" for none); written back the same way.
    pub prefix: String,
    /// Attributes as (namespace URI, local name, unescaped value), namespace declarations excluded.
    pub attributes: Vec<(String, String, String)>,
    /// The inner XML exactly as received.
    pub raw_inner: String,
    /// Declarations from outside the element that `raw_inner` uses, as (prefix, URI), in order of first use.
    pub namespaces: Vec<(String, String)>,
}

impl fmt::Debug for AnyElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnyElement")
            .field("ns", &self.ns)
            .field("name", &self.name)
            .field("prefix", &self.prefix)
            .field("attributes", &self.attributes)
            .field("raw_inner", &redact(self.raw_inner.as_bytes()))
            .field("namespaces", &self.namespaces)
            .finish()
    }
}

impl AnyElement {
    /// The element as one self-contained, well-formed XML element: its own namespace binding, the
    /// declarations `raw_inner` needs, its attributes (prefixes chosen for them where needed) and `raw_inner`.
    ///
    /// # Errors
    /// [`EncodeError::Invalid`] for a name that is not an XML name, conflicting namespace bindings, a duplicate
    /// attribute, or a `raw_inner` that does not make a well-formed element; [`EncodeError::IllegalCharacter`]
    /// for a character XML 1.0 cannot carry in an attribute value or namespace URI.
    pub fn to_xml(&self) -> Result<String, EncodeError> {
        let invalid = |what: String| EncodeError::Invalid { what };
        let prefix = if self.ns.is_empty() { "" } else { self.prefix.as_str() };
        if !is_ncname(&self.name) || !(prefix.is_empty() || is_ncname(prefix)) || prefix == "xmlns" {
            return Err(invalid(format!("xs:any element with the name {:?}", self.qualified(prefix))));
        }
        let mut decls: Vec<(String, &str)> = vec![(prefix.to_owned(), &self.ns)];
        for (p, uri) in &self.namespaces {
            if p == "xml" {
                continue;
            }
            match decls.iter().find(|(q, _)| q == p) {
                Some((_, bound)) if bound == uri => {}
                Some(_) => return Err(invalid(format!("xs:any element with two bindings of the prefix {p:?}"))),
                None if (!p.is_empty() && !is_ncname(p)) || p == "xmlns" || (!p.is_empty() && uri.is_empty()) => {
                    return Err(invalid(format!("xs:any element with the namespace declaration {p:?}")));
                }
                None => decls.push((p.clone(), uri)),
            }
        }
        let mut attrs: Vec<(String, &str, &str)> = Vec::with_capacity(self.attributes.len());
        let mut fresh = 0;
        for (ns, local, value) in &self.attributes {
            if !is_ncname(local) {
                return Err(invalid(format!("xs:any attribute with the name {local:?}")));
            }
            let attr_prefix = if ns.is_empty() {
                String::new()
            } else if ns == XML_NS {
                "xml".to_owned()
            } else if let Some((p, _)) = decls.iter().find(|(p, uri)| !p.is_empty() && uri == ns) {
                p.clone()
            } else {
                let p = loop {
                    let candidate = format!("ns{fresh}");
                    fresh += 1;
                    if !decls.iter().any(|(p, _)| *p == candidate) {
                        break candidate;
                    }
                };
                decls.push((p.clone(), ns));
                p
            };
            if attrs.iter().any(|(p, l, _)| *l == local && resolve(&decls, p) == Some(ns.as_str())) {
                return Err(invalid(format!("xs:any element with a duplicate attribute {local:?}")));
            }
            attrs.push((attr_prefix, local, value));
        }

        let qname = self.qualified(prefix);
        let mut out = String::with_capacity(qname.len() * 2 + self.raw_inner.len() + 64);
        out.push('<');
        out.push_str(&qname);
        for (p, uri) in &decls {
            if p.is_empty() {
                out.push_str(" xmlns=\"");
            } else {
                let _ = write!(out, " xmlns:{p}=\"");
            }
            escape_attribute(&mut out, uri)?;
            out.push('"');
        }
        for (p, local, value) in &attrs {
            out.push(' ');
            if !p.is_empty() {
                out.push_str(p);
                out.push(':');
            }
            out.push_str(local);
            out.push_str("=\"");
            escape_attribute(&mut out, value)?;
            out.push('"');
        }
        if self.raw_inner.is_empty() {
            out.push_str("/>");
        } else {
            out.push('>');
            out.push_str(&self.raw_inner);
            let _ = write!(out, "</{qname}>");
        }
        check_well_formed(&out).map_err(|detail| invalid(format!("xs:any element {qname}: {detail}")))?;
        Ok(out)
    }

    fn qualified(&self, prefix: &str) -> String {
        if prefix.is_empty() { self.name.clone() } else { format!("{prefix}:{}", self.name) }
    }
}

fn resolve<'d>(decls: &[(String, &'d str)], prefix: &str) -> Option<&'d str> {
    if prefix.is_empty() {
        return Some("");
    }
    decls.iter().find(|(p, _)| *p == prefix).map(|(_, uri)| *uri)
}

/// Escapes an attribute value so that it reads back unchanged (whitespace as character references, since a
/// reader normalizes literal tabs and newlines in attributes to spaces).
fn escape_attribute(out: &mut String, value: &str) -> Result<(), EncodeError> {
    for (offset, c) in value.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            c => return Err(EncodeError::IllegalCharacter { offset, code_point: u32::from(c) }),
        }
    }
    Ok(())
}

/// Reads `xml` back with the strict reader: one well-formed element and nothing else.
fn check_well_formed(xml: &str) -> Result<(), String> {
    let mut reader = XmlReader::new(xml.as_bytes());
    let root = reader.root().map_err(|e| e.kind().to_string())?;
    reader.skip_element(&root).map_err(|e| e.kind().to_string())?;
    reader.finish().map(|_| ()).map_err(|e| e.kind().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the first child of the root of `xml` as an `AnyElement`.
    fn capture(xml: &str) -> AnyElement {
        let mut r = XmlReader::new(xml.as_bytes());
        r.root().expect("root");
        let child = r.next_child().expect("reads").expect("a child");
        let any = r.read_any(&child).expect("captures");
        assert!(r.next_child().expect("reads").is_none());
        r.finish().expect("finishes");
        any
    }

    #[test]
    fn captures_name_attributes_and_raw_inner() {
        let any = capture(
            "<r xmlns='urn:d' xmlns:p='urn:p' xmlns:q='urn:q' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>\
             <p:X a='1' q:b='&amp;' xsi:type='q:T'>text &lt; <p:Y/><Z xmlns:z='urn:z'><z:W/></Z><![CDATA[c]]></p:X></r>",
        );
        assert_eq!((any.ns.as_str(), any.name.as_str(), any.prefix.as_str()), ("urn:p", "X", "p"));
        assert_eq!(
            any.attributes,
            [
                (String::new(), "a".to_owned(), "1".to_owned()),
                ("urn:q".to_owned(), "b".to_owned(), "&".to_owned()),
                ("http://www.w3.org/2001/XMLSchema-instance".to_owned(), "type".to_owned(), "q:T".to_owned()),
            ]
        );
        assert_eq!(any.raw_inner, "text &lt; <p:Y/><Z xmlns:z='urn:z'><z:W/></Z><![CDATA[c]]>");
        // `p` is the element's own binding and `z` is declared inside; `q` is used by xsi:type and `""` by Z.
        assert_eq!(any.namespaces, [("q".to_owned(), "urn:q".to_owned()), (String::new(), "urn:d".to_owned())]);
    }

    #[test]
    fn to_xml_is_self_contained_and_reads_back_equal() {
        let original = capture(
            "<r xmlns='urn:d' xmlns:p='urn:p' xmlns:q='urn:q' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>\
             <p:X a='1&#10;2' q:b='x' xsi:nil='false'><Y q:c='1'>t</Y></p:X></r>",
        );
        let xml = original.to_xml().expect("writes");
        // Re-embedded under a different default namespace, it still means the same.
        let wrapped = format!("<w xmlns='urn:other' xmlns:p='urn:elsewhere'>{xml}</w>");
        assert_eq!(capture(&wrapped), original);
    }

    #[test]
    fn built_elements_round_trip() {
        let built = AnyElement {
            ns: String::new(),
            name: "Note".into(),
            attributes: vec![("urn:a".into(), "k".into(), "v \"q\" <&>".into())],
            raw_inner: "<Sub>1</Sub>".into(),
            ..AnyElement::default()
        };
        let xml = built.to_xml().expect("writes");
        assert_eq!(
            xml,
            "<Note xmlns=\"\" xmlns:ns0=\"urn:a\" ns0:k=\"v &quot;q&quot; &lt;&amp;&gt;\"><Sub>1</Sub></Note>"
        );
        let back = capture(&format!("<r xmlns='urn:d'>{xml}</r>"));
        assert_eq!(back, built);
        let empty = AnyElement { ns: "urn:e".into(), name: "E".into(), ..AnyElement::default() };
        assert_eq!(empty.to_xml().expect("writes"), "<E xmlns=\"urn:e\"/>");
    }

    #[test]
    fn to_xml_refuses_what_would_not_be_well_formed() {
        let invalid = |any: AnyElement| matches!(any.to_xml(), Err(EncodeError::Invalid { .. }));
        let base = AnyElement { name: "A".into(), ..AnyElement::default() };
        assert!(invalid(AnyElement { name: "1A".into(), ..base.clone() }));
        assert!(invalid(AnyElement { raw_inner: "<b>".into(), ..base.clone() }));
        assert!(invalid(AnyElement { raw_inner: "</A><A>".into(), ..base.clone() }));
        assert!(invalid(AnyElement { raw_inner: "<u:b/>".into(), ..base.clone() }));
        assert!(invalid(AnyElement { raw_inner: "&nbsp;".into(), ..base.clone() }));
        assert!(invalid(AnyElement {
            attributes: vec![(String::new(), "x".into(), "1".into()), (String::new(), "x".into(), "2".into())],
            ..base.clone()
        }));
        assert!(matches!(
            AnyElement { attributes: vec![(String::new(), "x".into(), "\u{1}".into())], ..base }.to_xml(),
            Err(EncodeError::IllegalCharacter { offset: 0, code_point: 1 })
        ));
    }
}
