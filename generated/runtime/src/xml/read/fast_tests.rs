//! Tests of the reader's fast paths (the name cache, simple and joined values, the next-child shortcut, list
//! sizing) and of the tokenizer's own errors: each fast path must give what the general path gives, and leave
//! to it everything it does not handle.

use std::borrow::Cow;

use super::super::error::{DecodeError, DecodeErrorKind, FindingKind, Limit, ValueError};
use super::super::{Ws, XmlScalar};
use super::{Limits, StartTag, XmlReader};

/// A test scalar that keeps text as is.
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

/// The values of every child of the root, read as scalars with `limits`.
fn values(xml: &str, limits: Limits) -> Result<Vec<String>, DecodeError> {
    let mut r = XmlReader::with_limits(xml.as_bytes(), limits);
    r.root()?;
    let mut out = Vec::new();
    while let Some(child) = r.next_child()? {
        out.push(r.read_scalar::<Text>(&child, Ws::Preserve)?.map(|t| t.0).unwrap_or_default());
    }
    r.finish()?;
    Ok(out)
}

fn kind(xml: &str) -> DecodeErrorKind {
    let walk = |xml: &str| -> Result<(), DecodeError> {
        fn children(r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
            while let Some(_child) = r.next_child()? {
                children(r)?;
            }
            Ok(())
        }
        let mut r = XmlReader::new(xml.as_bytes());
        r.root()?;
        children(&mut r)?;
        r.finish().map(|_| ())
    };
    walk(xml).expect_err(xml).kind().clone()
}

#[test]
#[cfg(target_pointer_width = "64")]
fn start_tags_stay_small() {
    // Every element's tag is returned by value; past 128 bytes the moves become calls to memcpy.
    assert!(std::mem::size_of::<StartTag<'_>>() <= 128, "{}", std::mem::size_of::<StartTag<'_>>());
}

#[test]
fn cached_names_resolve_in_their_own_scope() {
    // The same prefixed name, bound to another namespace the second time, and names that share their first
    // eight bytes or are longer than the word compares.
    let long = "p:ElementWithAVeryLongNameIndeed_0123456789";
    let xml = format!(
        "<r xmlns:p='urn:1'><p:Timestamp/><p:Timezone/><x xmlns:p='urn:2'><p:Timestamp/></x><p:Timestamp/>\
         <{long}/><{long}x/><{long}/></r>"
    );
    let mut r = XmlReader::new(xml.as_bytes());
    r.root().unwrap();
    let mut seen = Vec::new();
    while let Some(child) = r.next_child().unwrap() {
        seen.push((child.ns().to_owned(), child.qname().to_owned()));
        if child.local() == "x" {
            let inner = r.next_child().unwrap().unwrap();
            seen.push((inner.ns().to_owned(), inner.qname().to_owned()));
            r.skip_element(&inner).unwrap();
        }
        while r.next_child().unwrap().is_some() {}
    }
    r.finish().unwrap();
    let expected = [
        ("urn:1", "p:Timestamp"),
        ("urn:1", "p:Timezone"),
        ("", "x"),
        ("urn:2", "p:Timestamp"),
        ("urn:1", "p:Timestamp"),
        ("urn:1", long),
        ("urn:1", &format!("{long}x")),
        ("urn:1", long),
    ];
    let seen: Vec<(&str, &str)> = seen.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(seen, expected);
}

#[test]
fn a_cached_name_is_still_checked_where_it_ends() {
    // `<ab:cd>` is cached; `<ab:cd:e>` starts the same but is not a name, `<ab:cd` is cut.
    assert!(matches!(kind("<r xmlns:ab='u'><ab:cd/><ab:cd:e/></r>"), DecodeErrorKind::InvalidName { .. }));
    assert!(matches!(kind("<r xmlns:ab='u'><ab:cd/><ab:cd"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<r><abcdefgh/><abcdefgh\u{1}/></r>"), DecodeErrorKind::IllegalCharacter { code_point: 1 }));
}

#[test]
fn simple_and_joined_values_equal_the_general_path() {
    let xml = "<r>\
        <v>plain</v><v></v><v/><v>Tom &amp; Jerry's &lt;Shop&gt; &quot;x&quot; &apos;</v>\
        <v>&#65;&amp;&#x42;</v><v>a<![CDATA[<&>]]>b</v><v>a<!-- c -->b</v><v>a\r\nb</v><v>a > b</v>\
        <v>&amp;</v><v>x&amp;</v><v>é&amp;ü</v></r>";
    let got = values(xml, Limits::DEFAULT).unwrap();
    let expected =
        ["plain", "", "", "Tom & Jerry's <Shop> \"x\" '", "A&B", "a<&>b", "ab", "a\nb", "a > b", "&", "x&", "é&ü"];
    assert_eq!(got, expected);
    // Longer than the simple path looks, and than a word-at-a-time scan covers.
    let long = "x".repeat(1000);
    assert_eq!(
        values(&format!("<r><v>{long}</v><v>{long}&amp;</v></r>"), Limits::DEFAULT).unwrap(),
        [long.clone(), format!("{long}&")]
    );
}

#[test]
fn joined_values_keep_every_check() {
    let small = Limits { max_text_bytes: 4, ..Limits::DEFAULT };
    assert_eq!(values("<r><v>ab&amp;d</v><v>&lt;&gt;&lt;&gt;</v></r>", small).unwrap(), ["ab&d", "<><>"]);
    for over in ["<r><v>abc&amp;d</v></r>", "<r><v>&lt;&gt;&lt;&gt;&amp;</v></r>", "<r><v>abcde</v></r>"] {
        let err = values(over, small).unwrap_err();
        assert_eq!(*err.kind(), DecodeErrorKind::LimitExceeded { limit: Limit::TextLength, max: 4 }, "{over}");
    }
    assert!(matches!(
        values("<r><v>a&amp;b&nbsp;</v></r>", Limits::DEFAULT).unwrap_err().kind(),
        DecodeErrorKind::UnknownEntity { .. }
    ));
    assert!(matches!(
        values("<r><v>a&amp;b]]></v></r>", Limits::DEFAULT).unwrap_err().kind(),
        DecodeErrorKind::Syntax { .. }
    ));
    assert!(matches!(
        values("<r><v>a&amp;b</w></r>", Limits::DEFAULT).unwrap_err().kind(),
        DecodeErrorKind::MismatchedEndTag { .. }
    ));
    assert!(matches!(
        values("<r><v>a&amp;b", Limits::DEFAULT).unwrap_err().kind(),
        DecodeErrorKind::UnexpectedEof { .. }
    ));
}

#[test]
fn next_child_shortcut_leaves_the_rest_to_the_general_path() {
    let xml = "<r><a/>  <!-- c --><b></b >text<c/></r >";
    let mut r = XmlReader::new(xml.as_bytes());
    r.root().unwrap();
    let mut names = Vec::new();
    while let Some(child) = r.next_child().unwrap() {
        names.push(child.local());
        assert!(r.next_child().unwrap().is_none());
    }
    assert_eq!(names, ["a", "b", "c"]);
    let report = r.finish().unwrap();
    assert_eq!(report.findings.len(), 1);
    assert_eq!((report.findings[0].kind, report.findings[0].raw.as_str()), (FindingKind::UnexpectedText, "text"));
    assert!(matches!(kind("<r><a></b></r>"), DecodeErrorKind::MismatchedEndTag { .. }));
    assert!(matches!(kind("<r><a></a b></r>"), DecodeErrorKind::Syntax { .. }));
    assert!(matches!(kind("<r><ab></a></r>"), DecodeErrorKind::MismatchedEndTag { .. }));
}

#[test]
fn lists_are_sized_from_their_first_item_within_the_input() {
    // Items larger in the input than in memory (a `String` is 24 bytes), so the input bound does not cap them.
    let items = "<i>abcdefghijklmnopqrstuvwxyz</i>".repeat(100);
    let xml = format!("<r>{items}</r>");
    let mut r = XmlReader::new(xml.as_bytes());
    r.root().unwrap();
    let mut list = Vec::new();
    while let Some(child) = r.next_child().unwrap() {
        let value = r.read_scalar::<Text>(&child, Ws::Preserve).unwrap().unwrap();
        r.push_item(&mut list, value, &child);
        if list.len() == 1 {
            // 99 more items of the same size fit in the rest (the root's end tag is shorter than one item).
            assert_eq!(list.capacity(), 100);
        }
    }
    assert_eq!((list.len(), list.capacity()), (100, 100));
    // Large items in a small input: never more room than the bytes the input has left.
    let xml = format!("<r>{}</r>", "<i/>".repeat(50));
    let mut r = XmlReader::new(xml.as_bytes());
    r.root().unwrap();
    let first = r.next_child().unwrap().unwrap();
    r.skip_element(&first).unwrap();
    let mut big: Vec<[u64; 64]> = Vec::new();
    r.push_item(&mut big, [0; 64], &first);
    assert!(big.capacity() * std::mem::size_of::<[u64; 64]>() <= 512 + xml.len(), "{}", big.capacity());
}

#[test]
fn tokenizer_errors() {
    let syntax = |xml: &str| matches!(kind(xml), DecodeErrorKind::Syntax { .. });
    for bad in [
        "<a>x & y</a>",
        "<a>&a b;</a>",
        "<a><b/ ></a>",
        "<a></a b>",
        "<a>]]></a>",
        "<a><!x></a>",
        "<a><!-- a -- b --></a>",
        "<a x='1'y='2'/>",
        "<a x/>",
        "<a x>",
        "<a x='1></a>",
    ] {
        assert!(syntax(bad), "{bad}: {:?}", kind(bad));
    }
    assert_eq!(kind("<a><!doctype a></a>"), DecodeErrorKind::Doctype);
    assert_eq!(kind("<!DocType a><a/>"), DecodeErrorKind::Doctype);
    // Cut inside each construct: a syntax error saying so, or the fault that cut the checked input.
    for cut in ["<a><b", "<a><b x='1", "<a><!-- x", "<a><![CDATA[x", "<a>&amp", "<a></a", "<a><?pi", "<a><!", "<a><!-"]
    {
        let DecodeErrorKind::Syntax { message } = kind(cut) else { panic!("{cut}") };
        assert!(message.starts_with("unexpected end of input"), "{cut}: {message}");
        let with_fault = format!("{cut}\u{1}");
        assert_eq!(kind(&with_fault), DecodeErrorKind::IllegalCharacter { code_point: 1 }, "{with_fault:?}");
    }
}
