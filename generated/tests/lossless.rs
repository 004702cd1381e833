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
use paypal_soap::runtime::xml::{DecodeErrorKind, FindingKind, XmlRead, XmlWrite};
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

// ---------------------------------------------------------------------------------------------------------------
// Each shape, deterministically

/// A GetBalance response envelope in PayPal's style, with `header` in the SOAP header and `fields` in the
/// response element (in the PayPalAPI default namespace; `ebl:` is bound).
fn envelope(header: &str, fields: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:cc="urn:ebay:apis:CoreComponentTypes" xmlns:ebl="urn:ebay:apis:eBLBaseComponents" xmlns:ns="urn:ebay:api:PayPalAPI"><SOAP-ENV:Header>{header}</SOAP-ENV:Header><SOAP-ENV:Body id="_0"><GetBalanceResponse xmlns="urn:ebay:api:PayPalAPI">{fields}</GetBalanceResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
}

const ECHO: &str = r#"<Security xmlns="http://schemas.xmlsoap.org/ws/2002/12/secext" xsi:type="wsse:SecurityType"/><RequesterCredentials xmlns="urn:ebay:api:PayPalAPI" xsi:type="ebl:CustomSecurityHeaderType"><Credentials xmlns="urn:ebay:apis:eBLBaseComponents" xsi:type="ebl:UserIdPasswordType"><Username xsi:type="xs:string"/><Password xsi:type="xs:string"/><Subject xsi:type="xs:string"/></Credentials></RequesterCredentials>"#;

const ACK: &str = "<ebl:Ack>Success</ebl:Ack>";

/// Decodes `doc` as a GetBalance response: the value and the findings as (kind, path, name, raw).
fn balance(doc: &str) -> (paypal_soap::types::GetBalanceResponseType, Vec<(FindingKind, String, String, String)>) {
    let response = Message::read_envelope(doc.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{doc}"));
    let Body::Response(Message::GetBalanceResponse(value)) = response.body else { panic!("not GetBalance: {doc}") };
    let findings = response.report.findings.into_iter().map(|f| (f.kind, f.path, f.name, f.raw)).collect();
    (*value, findings)
}

fn finding(kind: FindingKind, path: &str, name: &str, raw: &str) -> (FindingKind, String, String, String) {
    (kind, path.to_owned(), name.to_owned(), raw.to_owned())
}

const RESPONSE_PATH: &str = "/Envelope/Body/GetBalanceResponse";

#[test]
fn the_usual_envelope_is_clean() {
    let (value, findings) = balance(&envelope(ECHO, ACK));
    assert_eq!(value.ack, Some(AckCodeType::Success));
    assert_eq!(findings, []);
    // SOAP's own attributes on a header entry are envelope protocol, not data (ActiveMerchant sends them).
    let header = ECHO.replacen(
        r#"xsi:type="ebl:CustomSecurityHeaderType""#,
        r#"SOAP-ENV:mustUnderstand="0" SOAP-ENV:actor="a""#,
        1,
    );
    assert_eq!(balance(&envelope(&header, ACK)).1, []);
}

#[test]
fn attributes_on_scalar_elements_are_reported() {
    let (value, findings) = balance(&envelope(ECHO, r#"<ebl:Ack foo="1">Success</ebl:Ack>"#));
    assert_eq!(value.ack, Some(AckCodeType::Success), "the value is still read");
    let path = format!("{RESPONSE_PATH}/Ack");
    assert_eq!(findings, [finding(FindingKind::UnknownAttribute, &path, "foo", r#"foo="1""#)]);
}

#[test]
fn attributes_on_empty_and_nil_scalar_elements_are_reported() {
    let (value, findings) =
        balance(&envelope(ECHO, r#"<ebl:Version bar="2"/><ebl:Build xsi:nil="true" ebl:baz="3"></ebl:Build>"#));
    assert_eq!((value.version.as_deref(), value.build), (Some(""), None));
    assert_eq!(
        findings,
        [
            finding(FindingKind::UnknownAttribute, &format!("{RESPONSE_PATH}/Version"), "bar", r#"bar="2""#),
            finding(
                FindingKind::UnknownAttribute,
                &format!("{RESPONSE_PATH}/Build"),
                &format!("{{{EBL}}}baz"),
                r#"ebl:baz="3""#
            ),
        ]
    );
}

#[test]
fn attributes_on_amounts_beyond_the_currency_are_reported() {
    let (value, findings) = balance(&envelope(ECHO, r#"<Balance currencyID="USD" extra="x">1.00</Balance>"#));
    let amount = value.balance.expect("an amount");
    assert_eq!(
        (amount.currency_id.as_ref().map(|c| c.to_string()), amount.value.as_str()),
        (Some("USD".into()), "1.00")
    );
    let path = format!("{RESPONSE_PATH}/Balance");
    assert_eq!(findings, [finding(FindingKind::UnknownAttribute, &path, "extra", r#"extra="x""#)]);
}

#[test]
fn attributes_inside_skipped_subtrees_stay_in_their_raw_xml() {
    let unknown = r#"<x:Unknown xmlns:x="urn:x"><x:Inner q="M5">t</x:Inner></x:Unknown>"#;
    let (_, findings) = balance(&envelope(ECHO, &format!("{ACK}{unknown}")));
    let path = format!("{RESPONSE_PATH}/Unknown");
    assert_eq!(findings, [finding(FindingKind::UnknownElement, &path, "{urn:x}Unknown", unknown)]);
}

#[test]
fn text_in_element_only_content_is_reported_and_cdata_is_text() {
    let (value, findings) = balance(&envelope(ECHO, &format!("M6{ACK}<![CDATA[M7]]> &#65; ")));
    assert_eq!(value.ack, Some(AckCodeType::Success));
    assert_eq!(
        findings,
        [
            finding(FindingKind::UnexpectedText, RESPONSE_PATH, "", "M6"),
            finding(FindingKind::UnexpectedText, RESPONSE_PATH, "", "<![CDATA[M7]]> &#65; "),
        ]
    );
    // CDATA in a simple value is part of the value.
    let (value, findings) = balance(&envelope(ECHO, "<ebl:Version>1<![CDATA[2<]]>3</ebl:Version>"));
    assert_eq!((value.version.as_deref(), findings), (Some("12<3"), vec![]));
}

#[test]
fn comments_are_not_data() {
    let (value, findings) = balance(&envelope(
        ECHO,
        "<!--M8--><ebl:Ack>Suc<!--M9-->cess</ebl:Ack><!--M10--><ebl:Version><!--x--></ebl:Version>",
    ));
    assert_eq!((value.ack, value.version.as_deref()), (Some(AckCodeType::Success), Some("")));
    assert_eq!(findings, []);
    // A processing instruction is refused outright (SOAP 1.1 forbids them), never skipped.
    let err = Message::read_envelope(envelope(ECHO, "<?pi M11?>").as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::ProcessingInstruction { .. }), "{err}");
}

/// The decision on PayPal's namespaces swapped: elements are matched by namespace URI and local name, so an eBL
/// element in the PayPalAPI namespace (or the reverse) is not the field of that name; it is kept as an unknown
/// element with its raw XML, and the field stays unset.
#[test]
fn paypal_namespaces_swapped_are_unknown_elements_both_ways() {
    // `Ack` is declared in eBL (AbstractResponseType); here it comes in the PayPalAPI namespace.
    let (value, findings) = balance(&envelope(ECHO, "<ns:Ack>Success</ns:Ack>"));
    assert_eq!(value.ack, None);
    let path = format!("{RESPONSE_PATH}/Ack");
    assert_eq!(
        findings,
        [finding(FindingKind::UnknownElement, &path, &format!("{{{PAYPAL_API}}}Ack"), "<ns:Ack>Success</ns:Ack>")]
    );
    // `Balance` is declared in PayPalAPI (GetBalanceResponseType); here it comes in the eBL namespace.
    let swapped = r#"<ebl:Balance currencyID="USD">1.00</ebl:Balance>"#;
    let (value, findings) = balance(&envelope(ECHO, &format!("{ACK}{swapped}")));
    assert_eq!((value.ack, value.balance), (Some(AckCodeType::Success), None));
    let path = format!("{RESPONSE_PATH}/Balance");
    assert_eq!(findings, [finding(FindingKind::UnknownElement, &path, &format!("{{{EBL}}}Balance"), swapped)]);
}

#[test]
fn envelope_and_body_attributes_are_reported_except_the_body_id() {
    let doc = envelope(ECHO, ACK)
        .replacen("<SOAP-ENV:Header>", r#"<SOAP-ENV:Header h="1">"#, 1)
        .replacen(r#"xmlns:ns="urn:ebay:api:PayPalAPI">"#, r#"xmlns:ns="urn:ebay:api:PayPalAPI" e="2">"#, 1)
        .replacen(r#"id="_0""#, r#"id="_0" b="3""#, 1);
    let (_, findings) = balance(&doc);
    assert_eq!(
        findings,
        [
            finding(FindingKind::UnknownAttribute, "/Envelope", "e", r#"e="2""#),
            finding(FindingKind::UnknownAttribute, "/Envelope/Header", "h", r#"h="1""#),
            finding(FindingKind::UnknownAttribute, "/Envelope/Body", "b", r#"b="3""#),
        ]
    );
}

#[test]
fn the_header_echo_is_quiet_but_what_else_it_carries_is_reported() {
    let header = ECHO
        .replacen("/><RequesterCredentials", r#">x<w:Extra xmlns:w="urn:w"/></Security><RequesterCredentials"#, 1)
        .replacen("<Subject", "<ebl:HardExpirationWarning>soon</ebl:HardExpirationWarning><Subject", 1)
        .replacen(r#"<Username xsi:type="xs:string"/>"#, r#"<Username a="1">[FILTERED]</Username>"#, 1)
        .replacen(
            "</RequesterCredentials>",
            "<eBayAuthToken xmlns='urn:ebay:apis:eBLBaseComponents'>t</eBayAuthToken></RequesterCredentials>",
            1,
        );
    let (_, findings) = balance(&envelope(&header, ACK));
    let kinds: Vec<_> = findings.iter().map(|(kind, path, name, _)| (*kind, path.as_str(), name.as_str())).collect();
    let creds = "/Envelope/Header/RequesterCredentials/Credentials";
    let ebl = |local: &str| format!("{{{EBL}}}{local}");
    assert_eq!(
        kinds,
        [
            (FindingKind::UnexpectedText, "/Envelope/Header/Security", ""),
            (FindingKind::UnknownElement, "/Envelope/Header/Security/Extra", "{urn:w}Extra"),
            (FindingKind::UnknownAttribute, &*format!("{creds}/Username"), "a"),
            (FindingKind::UnknownElement, &*format!("{creds}/HardExpirationWarning"), &*ebl("HardExpirationWarning")),
            (
                FindingKind::UnknownElement,
                "/Envelope/Header/RequesterCredentials/eBayAuthToken",
                &*ebl("eBayAuthToken")
            ),
        ]
    );
    // The echoed value itself is the caller's own credential: dropped, never copied into the report.
    assert!(findings.iter().all(|(_, _, _, raw)| !raw.contains("[FILTERED]")), "{findings:?}");
}

#[test]
fn fault_attributes_are_reported() {
    let doc = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault f="1"><faultcode c="2">soapenv:Server</faultcode><faultstring>x</faultstring><detail d="3">t</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#;
    let response = Message::read_envelope(doc.as_bytes()).unwrap();
    let Body::Fault(fault) = response.body else { panic!("a fault") };
    assert_eq!((fault.code.as_str(), fault.detail.as_deref()), ("soapenv:Server", Some("t")));
    let names: Vec<_> = response.report.findings.iter().map(|f| (f.path.as_str(), f.raw.as_str())).collect();
    assert_eq!(
        names,
        [
            ("/Envelope/Body/Fault", r#"f="1""#),
            ("/Envelope/Body/Fault/faultcode", r#"c="2""#),
            ("/Envelope/Body/Fault/detail", r#"d="3""#)
        ]
    );
}
