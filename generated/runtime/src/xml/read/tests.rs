//! Unit tests of the reader: every strictness rule, every limit, text joining, namespaces and findings.

use std::borrow::Cow;

use super::super::error::{DecodeError, DecodeErrorKind, FindingKind, Limit, ValueError};
use super::super::{Ws, XmlScalar};
use super::{Limits, XmlReader};

/// A test scalar that keeps text as is (strings never treat empty as absent).
#[derive(Debug, PartialEq)]
struct Text(String);

impl XmlScalar for Text {
    const EMPTY_IS_ABSENT: bool = false;
    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Ok(Self(text.to_owned()))
    }
}

/// A test scalar for which an empty element is absent.
#[derive(Debug, PartialEq)]
struct Num(i64);

impl XmlScalar for Num {
    const EMPTY_IS_ABSENT: bool = true;
    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.to_string())
    }
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        text.parse().map(Self).map_err(|_| ValueError::new("an integer"))
    }
}

/// Reads `<root><v>…</v></root>` and returns the value of `v`.
fn scalar<T: XmlScalar>(inner: &str, ws: Ws) -> Result<Option<T>, DecodeError> {
    let xml = format!("<root xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>{inner}</root>");
    let mut r = XmlReader::new(xml.as_bytes());
    r.root()?;
    let child = r.next_child()?.expect("a child");
    let value = r.read_scalar(&child, ws)?;
    assert!(r.next_child()?.is_none());
    r.finish()?;
    Ok(value)
}

fn text(inner: &str) -> String {
    scalar::<Text>(inner, Ws::Preserve).expect("reads").expect("present").0
}

/// Walks every element (all treated as element-only content) and returns the error, if any.
fn walk(input: &[u8]) -> Result<usize, DecodeError> {
    walk_with(input, Limits::DEFAULT)
}

fn walk_with(input: &[u8], limits: Limits) -> Result<usize, DecodeError> {
    fn children(r: &mut XmlReader<'_>, count: &mut usize) -> Result<(), DecodeError> {
        while let Some(_child) = r.next_child()? {
            *count += 1;
            children(r, count)?;
        }
        Ok(())
    }
    let mut r = XmlReader::with_limits(input, limits);
    r.root()?;
    let mut count = 1;
    children(&mut r, &mut count)?;
    r.finish()?;
    Ok(count)
}

fn kind(input: &str) -> DecodeErrorKind {
    walk(input.as_bytes()).expect_err(input).kind().clone()
}

#[test]
fn text_is_joined_across_references_cdata_and_comments() {
    assert_eq!(text("<v>Tom &amp; Jerry</v>"), "Tom & Jerry");
    assert_eq!(text("<v>a&lt;b&gt;c&quot;d&apos;e</v>"), "a<b>c\"d'e");
    assert_eq!(text("<v>&#65;&#x42;&#x1F600;</v>"), "AB😀");
    assert_eq!(text("<v>x<![CDATA[<&>]]>y</v>"), "x<&>y");
    assert_eq!(text("<v>a<!-- c -->b</v>"), "ab");
    assert_eq!(text("<v/>"), "");
    assert_eq!(text("<v></v>"), "");
    assert_eq!(text("<v>é ü</v>"), "é ü");
}

#[test]
fn line_ends_are_normalized_but_character_references_kept() {
    assert_eq!(text("<v>a\r\nb\rc</v>"), "a\nb\nc");
    assert_eq!(text("<v>a&#13;&#10;b</v>"), "a\r\nb");
    assert_eq!(text("<v><![CDATA[a\r\nb]]></v>"), "a\nb");
}

#[test]
fn whitespace_facets_apply() {
    let read = |inner, ws| scalar::<Text>(inner, ws).unwrap().unwrap().0;
    assert_eq!(read("<v> a \n b </v>", Ws::Preserve), " a \n b ");
    assert_eq!(read("<v> a \n b </v>", Ws::Replace), " a   b ");
    assert_eq!(read("<v> a \n b </v>", Ws::Collapse), "a b");
    assert_eq!(scalar::<Num>("<v>\n  42\n</v>", Ws::Collapse).unwrap(), Some(Num(42)));
}

#[test]
fn nil_and_empty() {
    assert_eq!(scalar::<Text>("<v xsi:nil='true'/>", Ws::Preserve).unwrap(), None);
    assert_eq!(scalar::<Text>("<v xsi:nil=' 1 '></v>", Ws::Preserve).unwrap(), None);
    assert_eq!(scalar::<Text>("<v xsi:nil='false'>x</v>", Ws::Preserve).unwrap(), Some(Text("x".into())));
    assert_eq!(scalar::<Num>("<v/>", Ws::Collapse).unwrap(), None);
    assert_eq!(scalar::<Num>("<v>  </v>", Ws::Collapse).unwrap(), None);
    assert_eq!(scalar::<Text>("<v/>", Ws::Preserve).unwrap(), Some(Text(String::new())));
    assert_eq!(scalar::<Num>("<v xsi:nil='true'>7</v>", Ws::Collapse).unwrap(), None);
}

#[test]
fn invalid_value_error_has_path_position_and_bounded_text() {
    let err = scalar::<Num>("\n<v>1x</v>", Ws::Collapse).unwrap_err();
    assert_eq!(*err.kind(), DecodeErrorKind::InvalidValue { expected: "an integer", detail: None, text: "1x".into() });
    assert_eq!(err.path(), "/root/v");
    assert_eq!((err.position().line, err.position().column), (2, 1));
    assert_eq!(err.to_string(), "line 2, column 1, at /root/v: invalid value \"1x\": expected an integer");
    let long = format!("<v>{}</v>", "9x".repeat(1000));
    let err = scalar::<Num>(&long, Ws::Collapse).unwrap_err();
    assert!(err.to_string().len() < 250, "{err}");
}

#[test]
fn references_are_never_expanded_beyond_the_predefined() {
    assert!(
        matches!(scalar::<Text>("<v>&nbsp;</v>", Ws::Preserve).unwrap_err().kind(), DecodeErrorKind::UnknownEntity { name } if name == "nbsp")
    );
    assert!(matches!(kind("<a>&#0;</a>"), DecodeErrorKind::IllegalCharacter { code_point: 0 }));
    assert!(matches!(kind("<a>&#xD800;</a>"), DecodeErrorKind::IllegalCharacter { code_point: 0xD800 }));
    assert!(matches!(kind("<a>&#x110000;</a>"), DecodeErrorKind::InvalidCharacterReference { .. }));
    assert!(matches!(kind("<a>a & b</a>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a b='&ext;'/>"), DecodeErrorKind::UnknownEntity { .. }));
    // In skipped content too.
    assert!(matches!(kind("<a><b>&x;</b></a>"), DecodeErrorKind::UnknownEntity { .. }));
}

#[test]
fn namespaces_resolve_by_uri_with_default_switching() {
    let xml = br#"<s:Envelope xmlns:s="urn:soap" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <s:Body><R xmlns="urn:api"><T xmlns="urn:ebl">t</T><D xmlns="urn:ebl" xsi:type="ebl:X"><I>i</I></D><P>p</P>
        <q:Q xmlns:q="urn:api"/><E xmlns=""/></R></s:Body></s:Envelope>"#;
    let mut r = XmlReader::new(xml);
    let root = r.root().unwrap();
    assert_eq!((root.ns(), root.local(), root.prefix()), ("urn:soap", "Envelope", "s"));
    assert!(root.attrs().is_empty(), "declarations are not attributes");
    let body = r.next_child().unwrap().unwrap();
    assert!(body.is("urn:soap", "Body"));
    let resp = r.next_child().unwrap().unwrap();
    assert!(resp.is("urn:api", "R"));
    let t = r.next_child().unwrap().unwrap();
    assert!(t.is("urn:ebl", "T"));
    r.read_scalar::<Text>(&t, Ws::Preserve).unwrap();
    let d = r.next_child().unwrap().unwrap();
    assert!(d.is("urn:ebl", "D"));
    assert_eq!(d.xsi_type(), Some("ebl:X"));
    assert!(d.attrs().is_empty(), "xsi:type is not an ordinary attribute");
    let i = r.next_child().unwrap().unwrap();
    assert!(i.is("urn:ebl", "I"), "children inherit the default namespace");
    assert_eq!(r.path(), "/Envelope/Body/R/D/I");
    r.read_scalar::<Text>(&i, Ws::Preserve).unwrap();
    assert!(r.next_child().unwrap().is_none());
    let p = r.next_child().unwrap().unwrap();
    assert!(p.is("urn:api", "P"), "the default namespace is back after D closed");
    r.read_scalar::<Text>(&p, Ws::Preserve).unwrap();
    let q = r.next_child().unwrap().unwrap();
    assert!(q.is("urn:api", "Q"));
    assert!(r.next_child().unwrap().is_none());
    let e = r.next_child().unwrap().unwrap();
    assert!(e.is("", "E"), "xmlns=\"\" undeclares the default namespace");
    for _ in 0..4 {
        assert!(r.next_child().unwrap().is_none());
    }
    assert!(r.finish().unwrap().is_clean());
}

#[test]
fn attributes_resolve_and_unprefixed_ones_have_no_namespace() {
    let xml = br#"<a xmlns="urn:d" xmlns:p="urn:p" x="1" p:y="&lt;2&gt;" xml:lang="en" z="a&#9;b
c"/>"#;
    let mut r = XmlReader::new(xml);
    let a = r.root().unwrap();
    let got: Vec<_> = a.attrs().iter().map(|at| (at.ns(), at.local(), at.value())).collect();
    assert_eq!(
        got,
        [
            ("", "x", "1"),
            ("urn:p", "y", "<2>"),
            ("http://www.w3.org/XML/1998/namespace", "lang", "en"),
            ("", "z", "a\tb c")
        ]
    );
    assert_eq!(a.attr("urn:p", "y").map(|at| at.raw()), Some("p:y=\"&lt;2&gt;\""));
    assert!(r.next_child().unwrap().is_none());
    r.finish().unwrap();
}

#[test]
fn prefixes_must_be_declared() {
    assert!(matches!(kind("<p:a/>"), DecodeErrorKind::UndeclaredPrefix { prefix } if prefix == "p"));
    assert!(matches!(kind("<a p:x='1'/>"), DecodeErrorKind::UndeclaredPrefix { .. }));
    assert!(matches!(kind("<a><b xmlns:p='urn:p'/><p:c/></a>"), DecodeErrorKind::UndeclaredPrefix { .. }));
    assert!(matches!(kind("<xmlns:a/>"), DecodeErrorKind::UndeclaredPrefix { .. }));
    assert_eq!(walk(b"<xml:a/>").unwrap(), 1);
}

#[test]
fn namespace_declarations_are_checked() {
    let bad = |xml: &str| matches!(kind(xml), DecodeErrorKind::InvalidNamespaceDeclaration { .. });
    assert!(bad("<a xmlns:p=''/>"));
    assert!(bad("<a xmlns:xml='urn:x'/>"));
    assert!(bad("<a xmlns:xmlns='urn:x'/>"));
    assert!(bad("<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>"));
    assert!(bad("<a xmlns='http://www.w3.org/2000/xmlns/'/>"));
    assert_eq!(walk(b"<a xmlns:xml='http://www.w3.org/XML/1998/namespace'/>").unwrap(), 1);
}

#[test]
fn duplicate_attributes_are_errors() {
    let dup = |xml: &str| matches!(kind(xml), DecodeErrorKind::DuplicateAttribute { .. });
    assert!(dup("<a x='1' x='2'/>"));
    assert!(dup("<a xmlns:p='urn:1' xmlns:q='urn:1' p:x='1' q:x='2'/>"));
    assert!(dup("<a xmlns:p='urn:1' xmlns:p='urn:2'/>"));
    assert!(dup("<a xmlns='urn:1' xmlns='urn:2'/>"));
    assert!(dup("<a xmlns:i='http://www.w3.org/2001/XMLSchema-instance' i:type='a' i:type='b'/>"));
    assert_eq!(walk(b"<a xmlns:p='urn:1' x='1' p:x='2'/>").unwrap(), 1);
}

#[test]
fn malformed_markup_is_an_error() {
    assert!(
        matches!(kind("<a></b>"), DecodeErrorKind::MismatchedEndTag { expected, found } if expected == "a" && found == "b")
    );
    assert!(matches!(kind("<a><b></a>"), DecodeErrorKind::MismatchedEndTag { .. }));
    assert!(matches!(kind("<a></a></b>"), DecodeErrorKind::UnmatchedEndTag { .. } | DecodeErrorKind::ContentAfterRoot));
    assert!(matches!(kind("<a x=1/>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a x/>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a x='1'y='2'/>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a x='<'/>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a>]]></a>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a><!-- a -- b --></a>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a><!-- a ---></a>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<a><!bogus></a>"), DecodeErrorKind::Syntax { .. }));
    for name in ["<1a/>", "<a:b:c/>", "<a&b/>", "<:a/>", "<a:/>", "< a/>", "<a/ >", "<a 1x='1'/>"] {
        assert!(matches!(kind(name), DecodeErrorKind::InvalidName { .. } | DecodeErrorKind::Syntax { .. }), "{name}");
    }
}

#[test]
fn truncated_documents_list_the_open_elements() {
    let err = walk(b"<a><b><c>text").unwrap_err();
    assert_eq!(*err.kind(), DecodeErrorKind::UnexpectedEof { open: "a/b/c".into() });
    assert_eq!(err.path(), "/a/b/c");
    for cut in ["<a><b", "<a><b x='1", "<a><!-- x", "<a><![CDATA[x", "<a>&amp", "<a></a", "<?xml version='1.0'"] {
        assert!(walk(cut.as_bytes()).is_err(), "{cut}");
    }
}

#[test]
fn invalid_utf8_and_forbidden_characters_carry_the_path() {
    let err = walk(b"<a><b>ok\xC3\x28</b></a>").unwrap_err();
    assert_eq!(*err.kind(), DecodeErrorKind::InvalidUtf8);
    assert_eq!((err.path(), err.position().offset), ("/a/b", 8));
    let err = walk(b"<a><b x='\x01'/></a>").unwrap_err();
    assert_eq!(*err.kind(), DecodeErrorKind::IllegalCharacter { code_point: 1 });
    let err = walk("<a>\u{FFFE}</a>".as_bytes()).unwrap_err();
    assert_eq!(*err.kind(), DecodeErrorKind::IllegalCharacter { code_point: 0xFFFE });
    assert_eq!(err.path(), "/a");
    assert!(matches!(kind("<a\u{0}/>"), DecodeErrorKind::IllegalCharacter { code_point: 0 }));
    assert!(matches!(walk(b"\xFF\xFE<\0a\0/\0>\0").unwrap_err().kind(), DecodeErrorKind::UnsupportedEncoding { .. }));
}

#[test]
fn prolog_rules() {
    assert_eq!(walk(b"\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?><a/>").unwrap(), 1);
    assert_eq!(walk(b"    <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>").unwrap(), 1);
    assert_eq!(walk(b"<?xml version='1.0' standalone='yes' ?><!-- c --> <a/> <!-- d -->\n").unwrap(), 1);
    assert_eq!(kind("<!-- c --><?xml version='1.0'?><a/>"), DecodeErrorKind::MisplacedDeclaration);
    assert_eq!(kind("<a><?xml version='1.0'?></a>"), DecodeErrorKind::MisplacedDeclaration);
    assert!(
        matches!(kind("<?xml version='1.0' encoding='ISO-8859-1'?><a/>"), DecodeErrorKind::UnsupportedEncoding { encoding } if encoding == "ISO-8859-1")
    );
    assert!(matches!(kind("<?xml version='1.1'?><a/>"), DecodeErrorKind::InvalidDeclaration { .. }));
    assert!(matches!(kind("<?xml encoding='UTF-8'?><a/>"), DecodeErrorKind::InvalidDeclaration { .. }));
    assert!(matches!(kind("<?xml?><a/>"), DecodeErrorKind::InvalidDeclaration { .. }));
    assert!(matches!(kind("<?xml version='1.0' version='1.0'?><a/>"), DecodeErrorKind::InvalidDeclaration { .. }));
    assert!(
        matches!(kind("<?xml-stylesheet href='x'?><a/>"), DecodeErrorKind::ProcessingInstruction { target } if target == "xml-stylesheet")
    );
    assert!(matches!(kind("<a><?php x ?></a>"), DecodeErrorKind::ProcessingInstruction { .. }));
    for empty in ["", "   \n", "<?xml version='1.0'?>", "<!-- only -->"] {
        assert_eq!(kind(empty), DecodeErrorKind::EmptyDocument, "{empty:?}");
    }
    assert_eq!(kind("hello<a/>"), DecodeErrorKind::ContentBeforeRoot);
    assert_eq!(kind(r#"{"a": 1}"#), DecodeErrorKind::ContentBeforeRoot);
    assert_eq!(kind("&amp;<a/>"), DecodeErrorKind::ContentBeforeRoot);
}

#[test]
fn doctypes_are_refused_whatever_they_hold() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>"#;
    let external = r#"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>"#;
    let parameter = r#"<!DOCTYPE foo [<!ENTITY % p SYSTEM "http://x/evil.dtd"> %p;]><foo/>"#;
    let subset = r#"<!DOCTYPE foo SYSTEM "http://x/foo.dtd"><foo/>"#;
    let html = "<!DOCTYPE html><html><body></body></html>";
    for input in [laughs, external, parameter, subset, html] {
        assert_eq!(kind(input), DecodeErrorKind::Doctype, "{input}");
    }
    assert_eq!(kind("<a><!DOCTYPE a></a>"), DecodeErrorKind::Doctype);
}

#[test]
fn only_whitespace_and_comments_after_the_root() {
    assert_eq!(kind("<a/><b/>"), DecodeErrorKind::ContentAfterRoot);
    assert_eq!(kind("<a/>text"), DecodeErrorKind::ContentAfterRoot);
    assert_eq!(kind("<a/><![CDATA[x]]>"), DecodeErrorKind::ContentAfterRoot);
    assert!(matches!(kind("<a/><?pi?>"), DecodeErrorKind::ProcessingInstruction { .. }));
    assert_eq!(walk(b"<a/>\n<!-- fine -->\t").unwrap(), 1);
}

#[test]
fn findings_keep_what_was_skipped() {
    let xml = "<a xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns='urn:a'>\n  <k>1</k> stray &amp; text\n  \
               <u n='1'><deep>x</deep></u><k>2</k><v>t<w/>u</v></a>";
    let mut r = XmlReader::new(xml.as_bytes());
    let a = r.root().unwrap();
    assert!(a.attrs().is_empty());
    let k = r.next_child().unwrap().unwrap();
    assert_eq!(r.read_scalar::<Num>(&k, Ws::Collapse).unwrap(), Some(Num(1)));
    let u = r.next_child().unwrap().unwrap();
    assert_eq!(u.attrs().len(), 1);
    r.unknown_attribute(&u, &u.attrs()[0]);
    r.skip_unknown(&u).unwrap();
    let k2 = r.next_child().unwrap().unwrap();
    r.skip_duplicate(&k2).unwrap();
    let v = r.next_child().unwrap().unwrap();
    assert_eq!(r.read_scalar::<Text>(&v, Ws::Preserve).unwrap(), Some(Text("tu".into())));
    assert!(r.next_child().unwrap().is_none());
    let report = r.finish().unwrap();
    let got: Vec<_> =
        report.findings.iter().map(|f| (f.kind, f.path.as_str(), f.name.as_str(), f.raw.as_str())).collect();
    assert_eq!(
        got,
        [
            (FindingKind::UnexpectedText, "/a", "", " stray &amp; text\n  "),
            (FindingKind::UnknownAttribute, "/a/u", "n", "n='1'"),
            (FindingKind::UnknownElement, "/a/u", "{urn:a}u", "<u n='1'><deep>x</deep></u>"),
            (FindingKind::Duplicate, "/a/k", "{urn:a}k", "<k>2</k>"),
            (FindingKind::ChildInScalar, "/a/v", "{urn:a}w", "<w/>"),
        ]
    );
    assert!(report.to_string().contains("unknown element at /a/u"));
}

#[test]
fn xsi_attributes_are_not_findings() {
    let xml = "<a xmlns:i='http://www.w3.org/2001/XMLSchema-instance' i:type='x:T' i:nil='false' \
               i:schemaLocation='urn:a a.xsd'/>";
    let mut r = XmlReader::new(xml.as_bytes());
    let a = r.root().unwrap();
    assert_eq!(a.attrs().len(), 1);
    r.unknown_attribute(&a, &a.attrs()[0]);
    assert!(!a.is_nil());
    assert!(r.next_child().unwrap().is_none());
    assert!(r.finish().unwrap().is_clean());
}

#[test]
fn mixed_content_collects_text() {
    let mut r = XmlReader::new(b"<p>Hello <b>big</b> &amp; <![CDATA[bold]]> world</p>");
    r.root().unwrap();
    let mut text = String::new();
    let b = r.next_child_mixed(&mut text).unwrap().unwrap();
    assert_eq!(r.read_scalar::<Text>(&b, Ws::Preserve).unwrap(), Some(Text("big".into())));
    assert!(r.next_child_mixed(&mut text).unwrap().is_none());
    assert_eq!(text, "Hello  & bold world");
    assert!(r.finish().unwrap().is_clean());
}

#[test]
fn attribute_scalars() {
    let mut r = XmlReader::new(b"<a n=' 12 ' e='' bad='x'/>");
    let a = r.root().unwrap();
    let attrs = a.attrs().to_vec();
    assert_eq!(r.attr_scalar::<Num>(&a, &attrs[0], Ws::Collapse).unwrap(), Some(Num(12)));
    assert_eq!(r.attr_scalar::<Num>(&a, &attrs[1], Ws::Collapse).unwrap(), None);
    assert_eq!(r.attr_scalar::<Text>(&a, &attrs[1], Ws::Preserve).unwrap(), Some(Text(String::new())));
    let err = r.attr_scalar::<Num>(&a, &attrs[2], Ws::Collapse).unwrap_err();
    assert_eq!(err.path(), "/a/@bad");
}

#[test]
fn limits_are_enforced() {
    let limit = |xml: &str, limits: Limits| match walk_with(xml.as_bytes(), limits).unwrap_err().kind() {
        DecodeErrorKind::LimitExceeded { limit, max } => (*limit, *max),
        other => panic!("{other:?}"),
    };
    let small = Limits {
        max_input_bytes: 1000,
        max_depth: 3,
        max_attributes: 2,
        max_namespace_declarations: 1,
        max_text_bytes: 4,
        max_findings: 1,
    };
    assert_eq!(limit(&format!("<a>{}</a>", " ".repeat(1000)), small), (Limit::InputSize, 1000));
    assert_eq!(walk_with(b"<a><b><c/></b></a>", small).unwrap(), 3);
    assert_eq!(limit("<a><b><c><d/></c></b></a>", small), (Limit::Depth, 3));
    assert_eq!(limit("<a x='1' y='2' z='3'/>", small), (Limit::Attributes, 2));
    assert_eq!(limit("<a xmlns='a' xmlns:p='b'/>", small), (Limit::NamespaceDeclarations, 1));
    assert_eq!(limit("<a x='12345'/>", small), (Limit::TextLength, 4));
    // Two stray texts are two findings.
    assert_eq!(limit("<a>x<b/>y</a>", small), (Limit::Findings, 1));
    let text_limit = XmlReader::with_limits(b"<a><v>1&amp;345</v></a>", small);
    let mut r = text_limit;
    r.root().unwrap();
    let v = r.next_child().unwrap().unwrap();
    let err = r.read_scalar::<Text>(&v, Ws::Preserve).unwrap_err();
    assert_eq!(*err.kind(), DecodeErrorKind::LimitExceeded { limit: Limit::TextLength, max: 4 });
    // The default depth stops a deeply nested body without recursion trouble.
    let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    assert!(matches!(
        walk(deep.as_bytes()).unwrap_err().kind(),
        DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max: 64 }
    ));
}

#[test]
fn errors_report_line_and_column() {
    let err = walk(b"<a>\n  <b>\n    <c x='1' x='2'/>\n  </b>\n</a>").unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::DuplicateAttribute { .. }));
    assert_eq!((err.position().line, err.position().column), (3, 14));
    assert_eq!(err.path(), "/a/b");
    assert!(err.to_string().starts_with("line 3, column 14, at /a/b: duplicate attribute x"), "{err}");
}

#[test]
fn misuse_is_an_error_not_a_panic() {
    let mut r = XmlReader::new(b"<a><b/></a>");
    assert!(matches!(r.next_child().unwrap_err().kind(), DecodeErrorKind::Misuse(_)));
    let a = r.root().unwrap();
    assert!(matches!(r.root().unwrap_err().kind(), DecodeErrorKind::Misuse(_)));
    let b = r.next_child().unwrap().unwrap();
    assert!(matches!(r.read_scalar::<Text>(&a, Ws::Preserve).unwrap_err().kind(), DecodeErrorKind::Misuse(_)));
    r.skip_element(&b).unwrap();
    assert!(r.next_child().unwrap().is_none());
    assert!(matches!(r.next_child().unwrap_err().kind(), DecodeErrorKind::Misuse(_)));
    assert!(matches!(XmlReader::new(b"<a/>").finish().unwrap_err().kind(), DecodeErrorKind::Misuse(_)));
}

#[test]
fn finish_reads_what_the_caller_left_open() {
    let mut r = XmlReader::new(b"<a><b><c/>x</b></a>");
    r.root().unwrap();
    r.next_child().unwrap().unwrap();
    assert!(r.finish().unwrap().is_clean());
    let mut r = XmlReader::new(b"<a><b><c></b></a>");
    r.root().unwrap();
    assert!(matches!(r.finish().unwrap_err().kind(), DecodeErrorKind::MismatchedEndTag { .. }));
}

#[test]
fn many_namespace_bindings_stay_linear() {
    // 64 levels of 32 declarations each, then many elements using the outermost prefix.
    let mut xml = String::from("<p:a xmlns:p='urn:p'>");
    for level in 0..62 {
        xml.push_str("<p:b");
        for i in 0..32 {
            xml.push_str(&format!(" xmlns:n{level}x{i}='urn:{i}'"));
        }
        xml.push('>');
    }
    xml.push_str(&"<p:c/>".repeat(20_000));
    xml.push_str(&"</p:b>".repeat(62));
    xml.push_str("</p:a>");
    let started = std::time::Instant::now();
    assert_eq!(walk(xml.as_bytes()).unwrap(), 1 + 62 + 20_000);
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
}

#[test]
fn start_tag_accessors() {
    let mut r = XmlReader::new(b"<a>\n <p:b xmlns:p='urn:p'/></a>");
    r.root().unwrap();
    let b = r.next_child().unwrap().unwrap();
    assert_eq!((b.ns(), b.local(), b.qname(), b.prefix()), ("urn:p", "b", "p:b", "p"));
    assert_eq!(b.expanded_name(), "{urn:p}b");
    assert!(b.is_self_closing());
    assert_eq!(b.offset(), 5);
    assert_eq!((b.position().line, b.position().column), (2, 2));
}

/// Reads `<r>` holding one child `<c>` through `read_nillable`, the child's content read as text.
fn nillable(inner: &str) -> (Option<String>, Vec<FindingKind>) {
    let xml = format!("<r xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>{inner}</r>");
    let mut r = XmlReader::new(xml.as_bytes());
    r.root().unwrap();
    let child = r.next_child().unwrap().unwrap();
    let value = r.read_nillable(&child, |r| r.read_scalar::<Text>(&child, Ws::Preserve)).unwrap().flatten();
    assert!(r.next_child().unwrap().is_none());
    let report = r.finish().unwrap();
    (value.map(|t| t.0), report.findings.into_iter().map(|f| f.kind).collect())
}

#[test]
fn nil_complex_elements_are_absent_and_their_content_is_kept() {
    assert_eq!(nillable("<c>x</c>"), (Some("x".into()), vec![]));
    assert_eq!(nillable("<c xsi:nil='false'>x</c>"), (Some("x".into()), vec![]));
    assert_eq!(nillable("<c xsi:nil='true'/>"), (None, vec![]));
    assert_eq!(nillable("<c xsi:nil='1'> \n </c>"), (None, vec![]));
    assert_eq!(nillable("<c xsi:nil='true'><d>7</d></c>"), (None, vec![FindingKind::NilWithContent]));
    assert_eq!(nillable("<c a='USD' xsi:nil='true'/>"), (None, vec![FindingKind::NilWithContent]));
}
