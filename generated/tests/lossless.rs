//! "Nothing received is lost": a differential test of the reader's promise that everything it does not decode
//! into a value is in the `DecodeReport`.
//!
//! Every real PayPal envelope in `../shared/samples` (never copied here) and arbitrary generated responses of
//! every operation get extra markup injected at a random place: an unknown attribute on any element, an unknown
//! child element, text or CDATA in element-only content, or an eBL or PayPalAPI element moved into the other
//! PayPal namespace. Each injection carries a unique marker; after decoding with `Message::read_envelope`, the
//! marker must be in the decoded value, in a finding (raw XML, name or path), or in a typed error about the
//! injected element itself. Deterministic cases pin each shape (simple values, empty and nil elements, skipped
//! subtrees, mixed-in text, comments and CDATA, swapped namespaces, the SOAP envelope and its headers).

use std::path::PathBuf;

use paypal_soap::generated::examples::for_each_element;
use paypal_soap::runtime::arbitrary::{Generate, Source};
use paypal_soap::runtime::example::{Example, SetText, Visitor};
use paypal_soap::runtime::soap::{Body, EBL, PAYPAL_API, Response, write_response};
use paypal_soap::runtime::validate::{Limited, Validate};
use paypal_soap::runtime::xml::{DecodeError, DecodeErrorKind, FindingKind, XmlRead, XmlWrite};
use paypal_soap::types::{AckCodeType, Message};
use proptest::prelude::*;

const TEST_NS: &str = "urn:lossless:test";

// ---------------------------------------------------------------------------------------------------------------
// Documents

/// The real envelopes that `Message::read_envelope` decodes (the two re-serialised payloads are not envelopes),
/// with leading whitespace removed so that roxmltree, which finds the injection sites, accepts every one.
fn samples() -> &'static [(String, String)] {
    static SAMPLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| {
        let dir = std::env::var_os("PAYPAL_SHARED_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"), PathBuf::from)
            .join("samples");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (the samples live in ../shared/samples)", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        paths.sort();
        let docs: Vec<_> = paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("a UTF-8 sample");
                (p.file_name().unwrap().to_string_lossy().into_owned(), text.trim_start().to_owned())
            })
            .filter(|(_, text)| Message::read_envelope(text.as_bytes()).is_ok())
            .collect();
        assert!(docs.len() >= 15, "expected the real envelopes in {}, found {}", dir.display(), docs.len());
        docs
    })
}

/// A response envelope holding an arbitrary value of one operation's response element.
type Generator = (&'static str, fn(&[u8], &'static str) -> Option<String>);

fn generators() -> &'static [Generator] {
    static TABLE: std::sync::OnceLock<Vec<Generator>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        struct Collect(Vec<Generator>);
        impl Visitor for Collect {
            fn visit<T>(&mut self, ns: &'static str, name: &'static str)
            where
                T: Example + Generate + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + std::fmt::Debug,
            {
                if ns == PAYPAL_API && name.ends_with("Response") {
                    self.0.push((name, envelope_of::<T>));
                }
            }
        }
        fn envelope_of<T: Generate + XmlWrite>(bytes: &[u8], name: &'static str) -> Option<String> {
            let value = T::generate(&mut Source::new(bytes), 0);
            let xml = write_response(&value, PAYPAL_API, name).ok()?;
            String::from_utf8(xml).ok()
        }
        let mut c = Collect(Vec::new());
        for_each_element(&mut c);
        assert_eq!(c.0.len(), 57, "one response element per operation");
        c.0
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Injection sites

/// One element of a document, as found by roxmltree: where it is and what can be injected into it.
#[derive(Debug, Clone)]
struct Site {
    /// Offsets of the start tag's `<` and just after the element's end.
    start: usize,
    end: usize,
    /// Just after the start tag's `>`.
    tag_end: usize,
    qname: String,
    ns: String,
    local: String,
    self_closing: bool,
    /// Offsets between pieces of content where markup can go: after the start tag and after each child element.
    boundaries: Vec<usize>,
    /// Has child elements and only whitespace text: text there is not part of any value.
    element_only: bool,
}

fn sites(doc: &str) -> Vec<Site> {
    let tree = roxmltree::Document::parse(doc).unwrap_or_else(|e| panic!("roxmltree: {e}\n{doc}"));
    let mut out = Vec::new();
    for node in tree.descendants().filter(roxmltree::Node::is_element) {
        let range = node.range();
        let qname: String =
            doc[range.start + 1..].chars().take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>').collect();
        let tag_end = start_tag_end(doc, range.start);
        let self_closing = doc[..tag_end].ends_with("/>");
        let mut boundaries = Vec::new();
        if !self_closing {
            boundaries.push(tag_end);
            boundaries.extend(node.children().filter(roxmltree::Node::is_element).map(|c| c.range().end));
        }
        let element_only = node.children().any(|c| c.is_element())
            && node.children().filter(|c| c.is_text()).all(|c| c.text().unwrap_or("").trim().is_empty());
        out.push(Site {
            start: range.start,
            end: range.end,
            tag_end,
            qname,
            ns: node.tag_name().namespace().unwrap_or("").to_owned(),
            local: node.tag_name().name().to_owned(),
            self_closing,
            boundaries,
            element_only,
        });
    }
    out
}

/// The offset just after the `>` of the start tag at `at`, skipping quoted attribute values.
fn start_tag_end(doc: &str, at: usize) -> usize {
    let mut quote = None;
    for (i, b) in doc.bytes().enumerate().skip(at) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    panic!("unterminated start tag at {at}")
}

/// What to inject.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// `aMARKER="MARKER"` on an element.
    Attribute,
    /// `<MARKER xmlns="urn:lossless:test"/>` inside an element (any content model).
    Child,
    /// `MARKER` between the children of element-only content.
    Text,
    /// `<![CDATA[MARKER]]>` between the children of element-only content.
    CData,
    /// An eBL element renamed into the PayPalAPI namespace or the reverse, with the marker as its new prefix.
    Swap,
}

/// An injected document, the marker, and the expanded name of the injected element when the injection made
/// one (a typed error naming it is a loud outcome, not a loss).
struct Injected {
    /// The element injected into or renamed, as `qname@offset`.
    site: String,
    doc: String,
    marker: String,
    element: Option<String>,
}

fn inject(doc: &str, sites: &[Site], shape: Shape, pick: usize, place: usize, n: u32) -> Option<Injected> {
    let marker = format!("LSLS{n}Q");
    assert!(!doc.contains(&marker));
    let eligible: Vec<&Site> = sites
        .iter()
        .filter(|s| match shape {
            Shape::Attribute | Shape::Child => true,
            Shape::Text | Shape::CData => s.element_only,
            Shape::Swap => s.ns == EBL || s.ns == PAYPAL_API,
        })
        .collect();
    if eligible.is_empty() {
        return None;
    }
    let s = eligible[pick % eligible.len()];
    let mut out = doc.to_owned();
    let mut element = None;
    let name_end = s.start + 1 + s.qname.len();
    match shape {
        Shape::Attribute => out.insert_str(name_end, &format!(" a{marker}=\"{marker}\"")),
        Shape::Child => {
            let child = format!("<{marker} xmlns=\"{TEST_NS}\"/>");
            element = Some(format!("{{{TEST_NS}}}{marker}"));
            if s.self_closing {
                out.replace_range(s.tag_end - 2..s.tag_end, &format!(">{child}</{}>", s.qname));
            } else {
                out.insert_str(s.boundaries[place % s.boundaries.len()], &child);
            }
        }
        Shape::Text | Shape::CData => {
            let text = if matches!(shape, Shape::Text) { marker.clone() } else { format!("<![CDATA[{marker}]]>") };
            out.insert_str(s.boundaries[place % s.boundaries.len()], &text);
        }
        Shape::Swap => {
            let other = if s.ns == EBL { PAYPAL_API } else { EBL };
            element = Some(format!("{{{other}}}{}", s.local));
            if !s.self_closing {
                let end_tag = format!("</{}>", s.qname);
                if !doc[..s.end].ends_with(&end_tag) {
                    return None;
                }
                out.replace_range(s.end - end_tag.len()..s.end, &format!("</{marker}:{}>", s.local));
            }
            out.replace_range(s.start + 1..name_end, &format!("{marker}:{} xmlns:{marker}=\"{other}\"", s.local));
        }
    }
    Some(Injected { site: format!("{}@{}", s.qname, s.start), doc: out, marker, element })
}

/// Where the marker ended up; `Err` when nowhere (silently dropped) or when decoding failed for another reason.
fn trace(injected: &Injected) -> Result<&'static str, String> {
    let marker = injected.marker.as_str();
    match Message::read_envelope(injected.doc.as_bytes()) {
        Ok(Response { body, report }) => {
            if report.findings.iter().any(|f| f.raw.contains(marker) || f.name.contains(marker)) {
                Ok("report")
            } else if format!("{body:?}").contains(marker) {
                Ok("value")
            } else {
                Err(format!("{marker} was silently dropped; report:\n{report}"))
            }
        }
        Err(e) => match (e.kind(), &injected.element) {
            (DecodeErrorKind::UnexpectedElement { found, .. }, Some(name)) if found == name => Ok("error"),
            _ => Err(format!("decode failed: {e}")),
        },
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    prop::sample::select(vec![Shape::Attribute, Shape::Child, Shape::Text, Shape::CData, Shape::Swap])
}

fn check(doc: &str, shape: Shape, pick: usize, place: usize, n: u32) -> Result<(), TestCaseError> {
    let all = sites(doc);
    let Some(injected) = inject(doc, &all, shape, pick, place, n) else { return Ok(()) };
    trace(&injected).map(drop).map_err(|e| TestCaseError::fail(format!("{shape:?}: {e}\n{}", injected.doc)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn injected_markup_in_real_envelopes_is_decoded_or_reported(
        doc in any::<prop::sample::Index>(),
        shape in shape(),
        pick in any::<usize>(),
        place in any::<usize>(),
        n in any::<u32>(),
    ) {
        let (_, text) = doc.get(samples());
        check(text, shape, pick, place, n)?;
    }

    #[test]
    fn injected_markup_in_generated_responses_is_decoded_or_reported(
        op in any::<prop::sample::Index>(),
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        shape in shape(),
        pick in any::<usize>(),
        place in any::<usize>(),
        n in any::<u32>(),
    ) {
        let (name, generate) = *op.get(generators());
        let Some(doc) = generate(&bytes, name) else { return Ok(()) };
        prop_assert!(Message::read_envelope(doc.as_bytes()).is_ok_and(|r| r.report.is_clean()), "{name}: {doc}");
        check(&doc, shape, pick, place, n)?;
    }
}

/// Every site of every sample with every shape, once: the property above samples these, this sweeps them, so
/// the list of what is dropped is complete for the real traffic.
#[test]
fn every_site_of_every_sample() {
    let mut dropped = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut n = 0;
    for (name, doc) in samples() {
        let all = sites(doc);
        for shape in [Shape::Attribute, Shape::Child, Shape::Text, Shape::CData, Shape::Swap] {
            for pick in 0..all.len() {
                n += 1;
                let Some(injected) = inject(doc, &all, shape, pick, pick, n) else { continue };
                if !seen.insert((name, format!("{shape:?}"), injected.site.clone())) {
                    continue;
                }
                if let Err(e) = trace(&injected) {
                    dropped.push(format!("{name} {shape:?} {}: {}", injected.site, e.lines().next().unwrap()));
                }
            }
        }
    }
    assert!(dropped.is_empty(), "{} injections lost:\n{}", dropped.len(), dropped.join("\n"));
}
