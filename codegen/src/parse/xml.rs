//! XML helpers shared by the XSD and WSDL readers: source positions, strict attribute and child checks, QName
//! resolution by namespace URI, and documentation text with its inner markup kept.

use roxmltree::{Document, Node, NodeType};

use super::raw::RawQName;
use crate::error::{Error, Result};
use crate::model::{MaxOccurs, Occurs, Pos, QName, XS_NS};

/// Byte offsets of line starts, so positions cost a binary search instead of a scan from the file's start
/// (`roxmltree::Document::text_pos_at` rescans the text on each call, which is quadratic over a 500 kB file).
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 1-based line and column of byte offset `at`, counted as roxmltree counts them: lines by `\n`, columns
    /// in characters.
    pub(crate) fn line_col(&self, text: &str, at: usize) -> (u32, u32) {
        let at = at.min(text.len());
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let col = text.get(start..at).map_or(0, |s| s.chars().count());
        (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(col + 1).unwrap_or(u32::MAX))
    }
}

/// One parsed document with what every reader needs to report positions.
#[derive(Debug)]
pub(crate) struct Ctx<'a, 'input> {
    /// The file name relative to the entry's directory.
    pub(crate) file: &'a str,
    /// The parsed document.
    pub(crate) doc: &'a Document<'input>,
    lines: LineIndex,
}

impl<'a, 'input> Ctx<'a, 'input> {
    /// Wraps a parsed document.
    pub(crate) fn new(file: &'a str, doc: &'a Document<'input>) -> Self {
        Self { file, doc, lines: LineIndex::new(doc.input_text()) }
    }

    /// Where `node` starts.
    pub(crate) fn pos(&self, node: Node<'_, '_>) -> Pos {
        let (line, col) = self.lines.line_col(self.doc.input_text(), node.range().start);
        Pos { file: self.file.to_string(), line, col }
    }

    /// A schema error at `node`.
    pub(crate) fn err(&self, node: Node<'_, '_>, message: impl Into<String>) -> Error {
        Error::Schema { pos: self.pos(node), message: message.into() }
    }

    /// The unqualified attribute `name`, required.
    pub(crate) fn req_attr<'n>(&self, node: Node<'n, '_>, name: &str) -> Result<&'n str> {
        node.attribute(name)
            .ok_or_else(|| self.err(node, format!("<{}> needs a `{name}` attribute", display_name(node))))
    }

    /// Rejects unqualified attributes not in `allowed`. Attributes in other namespaces (`xml:lang`, vendor
    /// extensions) carry no meaning for the schema and are accepted.
    pub(crate) fn check_attrs(&self, node: Node<'_, '_>, allowed: &[&str]) -> Result<()> {
        for a in node.attributes() {
            if a.namespace().is_none() && !allowed.contains(&a.name()) {
                return Err(self.err(
                    node,
                    format!(
                        "unsupported attribute `{}` on <{}>; the loader understands only: {}",
                        a.name(),
                        display_name(node),
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The element children of `node`. Non-whitespace text between them is an error, because neither XSD nor
    /// WSDL allow it outside documentation.
    pub(crate) fn elements<'n>(&self, node: Node<'n, 'input>) -> Result<Vec<Node<'n, 'input>>> {
        let mut out = Vec::new();
        for child in node.children() {
            match child.node_type() {
                NodeType::Element => out.push(child),
                NodeType::Text if !child.text().unwrap_or("").trim().is_empty() => {
                    return Err(self.err(child, format!("unexpected text inside <{}>", display_name(node))));
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// Resolves the QName attribute `name` of `node` with the namespace declarations in scope at `node`. An
    /// unprefixed value takes the default namespace in scope (or no namespace).
    pub(crate) fn qname_attr(&self, node: Node<'_, '_>, name: &str) -> Result<Option<RawQName>> {
        let Some(value) = node.attribute(name) else { return Ok(None) };
        let written = value.trim();
        let (prefix, local) = match written.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, written),
        };
        if local.is_empty() || local.contains(':') || prefix == Some("") {
            return Err(self.err(node, format!("`{name}=\"{value}\"` is not a valid QName")));
        }
        let ns = match prefix {
            Some(p) => node.lookup_namespace_uri(Some(p)).ok_or_else(|| {
                self.err(
                    node,
                    format!("unknown namespace prefix `{p}` in `{name}=\"{value}\"`; declare it with xmlns:{p}=\"…\""),
                )
            })?,
            None => node.lookup_namespace_uri(None).unwrap_or(""),
        };
        Ok(Some(RawQName { qname: QName::new(ns, local), written: written.to_string(), pos: self.pos(node) }))
    }

    /// Like [`Ctx::qname_attr`] but required.
    pub(crate) fn req_qname_attr(&self, node: Node<'_, '_>, name: &str) -> Result<RawQName> {
        self.qname_attr(node, name)?
            .ok_or_else(|| self.err(node, format!("<{}> needs a `{name}` attribute", display_name(node))))
    }

    /// An `xs:boolean` attribute (`true`/`false`/`1`/`0`), `false` when absent.
    pub(crate) fn bool_attr(&self, node: Node<'_, '_>, name: &str) -> Result<bool> {
        match node.attribute(name).map(str::trim) {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(other) => Err(self.err(node, format!("`{name}=\"{other}\"` must be `true` or `false`"))),
        }
    }

    /// `minOccurs`/`maxOccurs` of `node`, each defaulting to 1.
    pub(crate) fn occurs(&self, node: Node<'_, '_>) -> Result<Occurs> {
        let min = match node.attribute("minOccurs") {
            None => 1,
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| self.err(node, format!("`minOccurs=\"{v}\"` must be a non-negative integer")))?,
        };
        let max = match node.attribute("maxOccurs").map(str::trim) {
            None => MaxOccurs::Bounded(1),
            Some("unbounded") => MaxOccurs::Unbounded,
            Some(v) => MaxOccurs::Bounded(v.parse().map_err(|_| {
                self.err(node, format!("`maxOccurs=\"{v}\"` must be a non-negative integer or `unbounded`"))
            })?),
        };
        if let MaxOccurs::Bounded(max) = max
            && min > max
        {
            return Err(self.err(node, format!("minOccurs ({min}) is greater than maxOccurs ({max})")));
        }
        Ok(Occurs { min, max })
    }
}

/// `prefix:name` of an element as written, for messages.
pub(crate) fn display_name(node: Node<'_, '_>) -> String {
    let name = node.tag_name().name();
    match node.tag_name().namespace().map(|ns| (ns, node.lookup_prefix(ns))) {
        Some((_, Some(prefix))) if !prefix.is_empty() => format!("{prefix}:{name}"),
        // Schemas that use the XML Schema namespace as default namespace are still talked about as `xs:`.
        Some((XS_NS, _)) => format!("xs:{name}"),
        _ => name.to_string(),
    }
}

/// The text of a documentation element: text as written, child elements serialized back as plain HTML-like
/// markup without namespace declarations (`<br/>`, `<b>x</b>`), trimmed; `None` when empty. Characters that
/// would read as markup (`<`, `>`, `&`) are escaped again, so the result is well-formed markup that the docs
/// stage can read.
pub(crate) fn markup_text(node: Node<'_, '_>) -> Option<String> {
    let mut out = String::new();
    write_children(node, &mut out);
    let trimmed = out.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

fn write_children(node: Node<'_, '_>, out: &mut String) {
    for child in node.children() {
        match child.node_type() {
            NodeType::Text => escape_into(child.text().unwrap_or(""), false, out),
            NodeType::Element => {
                let name = child.tag_name().name();
                out.push('<');
                out.push_str(name);
                for a in child.attributes() {
                    out.push(' ');
                    out.push_str(a.name());
                    out.push_str("=\"");
                    escape_into(a.value(), true, out);
                    out.push('"');
                }
                if child.has_children() {
                    out.push('>');
                    write_children(child, out);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                } else {
                    out.push_str("/>");
                }
            }
            // Comments and processing instructions are not documentation.
            _ => {}
        }
    }
}

fn escape_into(text: &str, attr: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_matches_roxmltree() {
        let text = "<a>\n  <b/>\n\t<c>é<d/></c>\r\n<e/></a>";
        let doc = Document::parse(text).unwrap();
        let index = LineIndex::new(text);
        for node in doc.descendants().filter(|n| n.is_element()) {
            let pos = doc.text_pos_at(node.range().start);
            assert_eq!(index.line_col(text, node.range().start), (pos.row, pos.col), "{:?}", node.tag_name());
        }
    }

    #[test]
    fn markup_is_serialized_without_namespaces() {
        let text = r#"<x:documentation xmlns:x="http://www.w3.org/2001/XMLSchema" xmlns="http://www.w3.org/2001/XMLSchema">
            Limit &lt;18 <br/><b>Required</b><table><tr><td/><td a="1">AU</td></tr></table>
        </x:documentation>"#;
        let doc = Document::parse(text).unwrap();
        assert_eq!(
            markup_text(doc.root_element()).unwrap(),
            r#"Limit &lt;18 <br/><b>Required</b><table><tr><td/><td a="1">AU</td></tr></table>"#
        );
    }

    #[test]
    fn qnames_resolve_by_namespace_in_scope() {
        let text = r#"<s xmlns="urn:default" xmlns:p="urn:p"><e t="p:A" u="B"/><f xmlns="" u="C" v="q:D"/></s>"#;
        let doc = Document::parse(text).unwrap();
        let ctx = Ctx::new("f.xsd", &doc);
        let e = doc.root_element().first_element_child().unwrap();
        assert_eq!(ctx.qname_attr(e, "t").unwrap().unwrap().qname, QName::new("urn:p", "A"));
        assert_eq!(ctx.qname_attr(e, "u").unwrap().unwrap().qname, QName::new("urn:default", "B"));
        let f = e.next_sibling_element().unwrap();
        assert_eq!(ctx.qname_attr(f, "u").unwrap().unwrap().qname, QName::new("", "C"));
        let err = ctx.qname_attr(f, "v").unwrap_err().to_string();
        assert!(err.starts_with("f.xsd:1:"), "{err}");
        assert!(err.contains("unknown namespace prefix `q`"), "{err}");
    }
}
