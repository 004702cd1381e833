//! Property tests for [`XmlWriter`] against an independent XML parser (roxmltree): any string XML 1.0 can carry
//! comes back unchanged from element text and from an attribute value (CR, tab and newline included, so
//! end-of-line handling and attribute-value normalization cannot alter it), namespaces resolve as written, and
//! any string with a forbidden character is refused with that character's position.

use paypal_soap::runtime::xml::{EncodeError, XmlWriter};
use proptest::prelude::*;

const A: &str = "urn:ebay:api:PayPalAPI";
const B: &str = "urn:ebay:apis:eBLBaseComponents";

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Strings weighted toward the characters escaping must handle.
fn legal_string() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec!['&', '<', '>', '"', '\'', '\r', '\n', '\t', ']', ' ', 'é', '\u{FFFD}']);
    let any_legal = any::<char>().prop_filter("XML 1.0 character", |&c| xml_char(c));
    prop::collection::vec(prop_oneof![special, any_legal], 0..40).prop_map(|cs| cs.into_iter().collect())
}

fn illegal_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_filter_map("C0 control XML forbids", |c| {
            char::from_u32(c).filter(|&c| !matches!(c, '\t' | '\n' | '\r'))
        }),
        Just('\u{FFFE}'),
        Just('\u{FFFF}'),
    ]
}

proptest! {
    #[test]
    fn text_and_attributes_survive_a_real_parser(s in legal_string(), t in legal_string()) {
        let mut w = XmlWriter::new();
        w.declare("b", B);
        w.start(A, "Root").unwrap();
        w.declarations().unwrap();
        w.attr("value", &s).unwrap();
        w.start(B, "Child").unwrap();
        w.text(&t).unwrap();
        w.end(B, "Child").unwrap();
        w.end(A, "Root").unwrap();
        let xml = String::from_utf8(w.into_bytes()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        prop_assert_eq!(root.tag_name().namespace(), Some(A));
        prop_assert_eq!(root.attribute("value"), Some(s.as_str()));
        let child = root.first_element_child().unwrap();
        prop_assert_eq!(child.tag_name().namespace(), Some(B));
        prop_assert_eq!(child.tag_name().name(), "Child");
        prop_assert_eq!(child.text().unwrap_or(""), t.as_str());
    }

    #[test]
    fn forbidden_characters_are_refused_at_their_offset(
        before in legal_string(),
        bad in illegal_char(),
        after in legal_string(),
    ) {
        let s = format!("{before}{bad}{after}");
        let expected = EncodeError::IllegalCharacter { offset: before.len(), code_point: u32::from(bad) };
        let mut w = XmlWriter::new();
        w.start(A, "r").unwrap();
        let written = w.as_bytes().len();
        prop_assert_eq!(w.attr("a", &s), Err(expected.clone()));
        prop_assert_eq!(w.text(&s), Err(expected));
        // Only the start tag's closing `>` was added: nothing of the refused value.
        prop_assert_eq!(w.as_bytes().len(), written + 1);
    }

    #[test]
    fn namespace_switches_resolve(names in prop::collection::vec(prop::sample::select(vec![A, B, ""]), 1..12)) {
        // A chain of nested elements whose namespaces switch arbitrarily, with nothing declared up front.
        let mut w = XmlWriter::new();
        for (i, ns) in names.iter().enumerate() {
            w.start(ns, &format!("e{i}")).unwrap();
        }
        for (i, ns) in names.iter().enumerate().rev() {
            w.end(ns, &format!("e{i}")).unwrap();
        }
        let xml = String::from_utf8(w.into_bytes()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let found: Vec<&str> = doc.descendants().filter(|n| n.is_element()).map(|n| n.tag_name().namespace().unwrap_or("")).collect();
        prop_assert_eq!(found, names);
    }
}
