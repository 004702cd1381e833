//! A small, forgiving HTML reader for documentation text: tags, entities and nothing else.
//!
//! The loader hands documentation over as the inner markup of `xs:documentation`, re-serialized as simple HTML
//! (`Line one<br/>Line <b>two</b>`). That text is well-formed XML in PayPal's schemas, but documentation from
//! other schemas may not be, so this reader never fails: a `<` that does not start a tag is text, an end tag
//! without a matching start tag is dropped, unclosed elements close at the end, and `<li>`, `<td>`, `<th>`,
//! `<tr>` and `<p>` close an open sibling as HTML does. Prefixes are dropped and names lowercased (`xs:br` →
//! `br`), so namespace noise never reaches the output.

/// A node of the parsed documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
    /// Text with entities decoded.
    Text(String),
    /// An element: lowercased local name, attributes (local names), children.
    Element { name: String, attrs: Vec<(String, String)>, children: Vec<Node> },
}

impl Node {
    /// The element's name, or `""` for text.
    pub(super) fn name(&self) -> &str {
        match self {
            Node::Element { name, .. } => name,
            Node::Text(_) => "",
        }
    }

    /// True for text that is only whitespace and for elements without any non-whitespace text inside.
    pub(super) fn is_blank(&self) -> bool {
        match self {
            Node::Text(t) => t.trim().is_empty(),
            Node::Element { name, children, .. } => name != "img" && children.iter().all(Node::is_blank),
        }
    }
}

/// An element that is still open while parsing.
struct Open {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

impl Open {
    fn new(name: String, attrs: Vec<(String, String)>) -> Open {
        Open { name, attrs, children: Vec::new() }
    }
}

/// Elements that never have content.
const VOID: &[&str] = &["area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"];

enum Token {
    Text(String),
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End(String),
}

/// Parses documentation text into a forest of nodes.
pub(super) fn parse(raw: &str) -> Vec<Node> {
    // The bottom entry stands for the document itself.
    let mut stack = vec![Open::new(String::new(), Vec::new())];
    for token in tokenize(raw) {
        match token {
            Token::Text(text) => push_text(&mut stack, text),
            Token::Start { name, attrs, self_closing } => {
                if !self_closing {
                    close_implied(&mut stack, &name);
                }
                if self_closing || VOID.contains(&name.as_str()) {
                    push_node(&mut stack, Node::Element { name, attrs, children: Vec::new() });
                } else {
                    stack.push(Open::new(name, attrs));
                }
            }
            Token::End(name) => {
                if let Some(depth) = stack.iter().skip(1).rposition(|open| open.name == name) {
                    while stack.len() > depth + 1 {
                        pop(&mut stack);
                    }
                }
            }
        }
    }
    while stack.len() > 1 {
        pop(&mut stack);
    }
    stack.pop().map(|doc| doc.children).unwrap_or_default()
}

/// HTML's implied end tags, for the elements documentation uses: a new item closes the previous one.
fn close_implied(stack: &mut Vec<Open>, name: &str) {
    let closes: &[&str] = match name {
        "li" => &["li"],
        "td" | "th" => &["td", "th"],
        "tr" => &["td", "th", "tr"],
        "p" => &["p"],
        _ => return,
    };
    while stack.len() > 1 && stack.last().is_some_and(|open| closes.contains(&open.name.as_str())) {
        pop(stack);
    }
}

fn pop(stack: &mut Vec<Open>) {
    if let Some(Open { name, attrs, children }) = stack.pop() {
        push_node(stack, Node::Element { name, attrs, children });
    }
}

fn push_node(stack: &mut [Open], node: Node) {
    if let Some(open) = stack.last_mut() {
        open.children.push(node);
    }
}

fn push_text(stack: &mut [Open], text: String) {
    if let Some(open) = stack.last_mut() {
        if let Some(Node::Text(prev)) = open.children.last_mut() {
            prev.push_str(&text);
        } else {
            open.children.push(Node::Text(text));
        }
    }
}

fn tokenize(raw: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = raw;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let (token, len) = if let Some(body) = rest.strip_prefix("<!--") {
            (None, body.find("-->").map_or(rest.len(), |end| 4 + end + 3))
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").unwrap_or(body.len());
            // CDATA is literal text: escape it so entity decoding below leaves it alone.
            text.push_str(&body[..end].replace('&', "&amp;"));
            (None, (9 + end + 3).min(rest.len()))
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            (None, rest.find('>').map_or(rest.len(), |end| end + 1))
        } else {
            match tag(rest) {
                Some((token, len)) => (Some(token), len),
                None => {
                    text.push('<');
                    (None, 1)
                }
            }
        };
        if let Some(token) = token {
            if !text.is_empty() {
                tokens.push(Token::Text(decode_entities(&std::mem::take(&mut text))));
            }
            tokens.push(token);
        }
        rest = &rest[len..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(&text)));
    }
    tokens
}

/// Reads a start or end tag at the start of `s` (which starts with `<`), with its length in bytes.
fn tag(s: &str) -> Option<(Token, usize)> {
    let (is_end, body) = match s[1..].strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, &s[1..]),
    };
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')))?;
    let name = local_name(&body[..name_len]);
    let mut i = name_len;
    let bytes = body.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => break,
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                i += 1;
                break;
            }
            _ => {}
        }
        let start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b'/') && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if start == i {
            // A stray `/` or `=`: skip it rather than loop forever.
            i += 1;
            continue;
        }
        let key = local_name(&body[start..i]);
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = body[i + 1..].find(q as char)? + i + 1;
                    value = decode_entities(&body[i + 1..end]);
                    i = end + 1;
                }
                _ => {
                    let end =
                        body[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(body.len(), |e| e + i);
                    value = decode_entities(&body[i..end]);
                    i = end;
                }
            }
        }
        attrs.push((key, value));
    }
    let self_closing = bytes[i] == b'>' && i > 0 && bytes[i - 1] == b'/';
    let len = 1 + usize::from(is_end) + i + 1;
    let token = if is_end { Token::End(name) } else { Token::Start { name, attrs, self_closing } };
    Some((token, len))
}

fn local_name(qualified: &str) -> String {
    qualified.rsplit(':').next().unwrap_or(qualified).to_ascii_lowercase()
}

/// The character an entity at the start of `text` (`&lt;`, `&#160;`, `&nbsp;` …) stands for, and the entity's
/// length in bytes; `None` when `text` does not start with one. Shared with the limits stage, which reads the
/// same documentation text.
pub(crate) fn entity_at(text: &str) -> Option<(char, usize)> {
    // Entity names are short; a `;` further on belongs to the prose. Counting characters, not bytes, keeps the
    // search on character boundaries.
    let end = text.char_indices().take(12).find(|(_, c)| *c == ';')?.0;
    let c = match &text[1..end] {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        num => {
            let code = match num.strip_prefix("#x").or_else(|| num.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Decodes the XML entities, numeric references and `&nbsp;`; anything else stays as written.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = entity_at(rest);
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(name: &str, children: Vec<Node>) -> Node {
        Node::Element { name: name.to_string(), attrs: Vec::new(), children }
    }

    fn text(t: &str) -> Node {
        Node::Text(t.to_string())
    }

    #[test]
    fn parses_simple_markup() {
        assert_eq!(
            parse("Line one<br/>Line <b>two</b> &amp; &lt;3"),
            [text("Line one"), el("br", vec![]), text("Line "), el("b", vec![text("two")]), text(" & <3")]
        );
    }

    #[test]
    fn drops_prefixes_and_keeps_attributes() {
        let nodes = parse(r#"<xs:BR /><a HREF='http://x.y/?a=1&amp;b=2' xmlns:xs="urn:x">x</a>"#);
        assert_eq!(nodes[0], el("br", vec![]));
        let Node::Element { name, attrs, children } = &nodes[1] else { panic!("{nodes:?}") };
        assert_eq!(name, "a");
        assert_eq!(attrs[0], ("href".to_string(), "http://x.y/?a=1&b=2".to_string()));
        assert_eq!(attrs[1].0, "xs");
        assert_eq!(children, &[text("x")]);
    }

    #[test]
    fn is_forgiving() {
        // A `<` that starts no tag, a stray end tag, an unclosed element, a comment and an unterminated tag.
        assert_eq!(parse("a < b and 3<4"), [text("a < b and 3<4")]);
        assert_eq!(parse("x</b>y"), [text("xy")]);
        assert_eq!(parse("<b>bold"), [el("b", vec![text("bold")])]);
        assert_eq!(parse("a<!-- note -->b"), [text("ab")]);
        assert_eq!(parse("a <b c"), [text("a <b c")]);
        assert_eq!(parse("<![CDATA[<x> &amp;]]>"), [text("<x> &amp;")]);
        assert_eq!(parse("&unknown; &#65;&#x42; & ;"), [text("&unknown; AB & ;")]);
    }

    #[test]
    fn implies_end_tags() {
        assert_eq!(
            parse("<ul><li>a<li>b</ul>"),
            [el("ul", vec![el("li", vec![text("a")]), el("li", vec![text("b")])])]
        );
        assert_eq!(
            parse("<tr><td>a<td>b<tr><td>c</tr>"),
            [
                el("tr", vec![el("td", vec![text("a")]), el("td", vec![text("b")])]),
                el("tr", vec![el("td", vec![text("c")])])
            ]
        );
        // A self-closing cell inside a cell stays inside it (PayPal's `<th>Currency<th/>Maximum</th>`).
        assert_eq!(parse("<th>a<th/>b</th>"), [el("th", vec![text("a"), el("th", vec![]), text("b")])]);
    }

    #[test]
    fn blankness() {
        assert!(el("td", vec![text(" \n ")]).is_blank());
        assert!(!el("td", vec![el("b", vec![text("x")])]).is_blank());
    }
}
