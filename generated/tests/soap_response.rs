//! Reading response envelopes: real PayPal samples from `../shared/samples/` (never copied here; the directory
//! is `$PAYPAL_SHARED_DIR` if set), faults, the header rule, and envelopes that must be refused.

use std::path::PathBuf;

use paypal_soap::runtime::DateTime;
use paypal_soap::runtime::soap::{
    Body, PAYPAL_API, QName, Response, SOAP_ENV, SoapFault, read_response, write_fault, write_response,
};
use paypal_soap::runtime::xml::{
    DecodeError, DecodeErrorKind, EncodeError, FindingKind, StartTag, Ws, XmlRead, XmlReader, XmlWrite, XmlWriter,
};

const EBL: &str = "urn:ebay:apis:eBLBaseComponents";

fn sample(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("PAYPAL_SHARED_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"), PathBuf::from);
    let path = dir.join("samples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A hand-written slice of an `AbstractResponseType`, enough to see values come through the envelope.
#[derive(Debug, Default, PartialEq)]
struct Reply {
    timestamp: Option<DateTime>,
    ack: Option<String>,
    error_codes: Vec<String>,
    token: Option<String>,
}

impl XmlRead for Reply {
    fn read_element(r: &mut XmlReader<'_>, _start: &StartTag<'_>) -> Result<Self, DecodeError> {
        let mut out = Reply::default();
        while let Some(child) = r.next_child()? {
            match (child.ns(), child.local()) {
                (EBL, "Timestamp") => out.timestamp = r.read_scalar(&child, Ws::Collapse)?,
                (EBL, "Ack") => out.ack = r.read_scalar(&child, Ws::Collapse)?,
                (PAYPAL_API, "Token") => out.token = r.read_scalar(&child, Ws::Collapse)?,
                (EBL, "Errors") => {
                    while let Some(e) = r.next_child()? {
                        if e.is(EBL, "ErrorCode") {
                            out.error_codes.extend(r.read_scalar::<String>(&e, Ws::Collapse)?);
                        } else {
                            r.skip_element(&e)?;
                        }
                    }
                }
                (EBL, "CorrelationID" | "Version" | "Build") => r.skip_element(&child)?,
                _ => r.skip_unknown(&child)?,
            }
        }
        Ok(out)
    }
}

impl XmlWrite for Reply {
    fn write_element(&self, w: &mut XmlWriter, ns: &'static str, name: &'static str) -> Result<(), EncodeError> {
        w.start(ns, name)?;
        if let Some(t) = &self.timestamp {
            w.scalar_element(EBL, "Timestamp", t)?;
        }
        if let Some(a) = &self.ack {
            w.scalar_element(EBL, "Ack", a)?;
        }
        for code in &self.error_codes {
            w.start(EBL, "Errors")?;
            w.scalar_element(EBL, "ErrorCode", code)?;
            w.end(EBL, "Errors")?;
        }
        if let Some(t) = &self.token {
            w.scalar_element(PAYPAL_API, "Token", t)?;
        }
        w.end(ns, name)
    }
}

fn read(bytes: &[u8], name: &str) -> Result<Response<Reply>, DecodeError> {
    read_response(bytes, PAYPAL_API, name)
}

fn fault_of(response: Response<Reply>) -> SoapFault {
    match response.body {
        Body::Fault(f) => f,
        Body::Response(r) => panic!("expected a fault, got {r:?}"),
    }
}

fn reply_of(response: Response<Reply>) -> Reply {
    match response.body {
        Body::Response(r) => r,
        Body::Fault(f) => panic!("expected a response, got {f}"),
    }
}

#[test]
fn timeout_fault_with_text_detail() {
    let response = read(&sample("SOAP_Fault_timeout.xml"), "DoDirectPaymentResponse").unwrap();
    // Security and RequesterCredentials are accepted without findings; nothing else was skipped.
    assert!(response.report.is_clean(), "{}", response.report);
    let fault = fault_of(response);
    assert_eq!(fault.code, "SOAP-ENV:Server");
    assert_eq!(fault.code_name, Some(QName { ns: SOAP_ENV.into(), local: "Server".into() }));
    assert!(fault.is_server() && !fault.is_client());
    assert_eq!(fault.string, "Internal error");
    assert_eq!(fault.actor, None);
    assert_eq!(fault.detail.as_deref(), Some("Timeout processing request"));
}

#[test]
fn axis2_fault_resolves_a_generated_prefix_and_keeps_structured_detail() {
    let response = read(&sample("SOAP_Fault_adaptive_axis2_with_detail.xml"), "PayResponse").unwrap();
    assert!(response.report.is_clean(), "{}", response.report);
    let fault = fault_of(response);
    assert_eq!(fault.code, "axis2ns237961:Server");
    // The prefix is declared on the Fault element itself, not on the envelope.
    assert!(fault.is_server());
    assert_eq!(fault.string, "Authentication failed. API credentials are incorrect.");
    let detail = fault.detail.unwrap();
    assert!(detail.starts_with(r#"<ns3:FaultMessage xmlns:ns3="http://svcs.paypal.com/types/common""#), "{detail}");
    assert!(detail.contains("<errorId>520003</errorId>"));
    assert!(detail.ends_with("</ns3:FaultMessage>"));
}

#[test]
fn success_response_through_the_envelope() {
    let response = read(&sample("SetExpressCheckout_response_success_v124.xml"), "SetExpressCheckoutResponse").unwrap();
    assert!(response.report.is_clean(), "{}", response.report);
    let reply = reply_of(response);
    assert_eq!(reply.ack.as_deref(), Some("Success"));
    assert_eq!(reply.token.as_deref(), Some("EC-7KR85820NC734104L"));
    assert_eq!(reply.timestamp, Some("2018-05-24T20:23:54Z".parse().unwrap()));
}

#[test]
fn failure_response_keeps_both_errors() {
    let bytes = sample("SetExpressCheckout_response_failure_two_errors.xml");
    let reply = reply_of(read(&bytes, "SetExpressCheckoutResponse").unwrap());
    assert_eq!(reply.ack.as_deref(), Some("Failure"));
    assert_eq!(reply.error_codes, ["10736", "10002"]);
}

#[test]
fn another_operations_response_is_refused() {
    let err = read(&sample("SetExpressCheckout_response_success_v124.xml"), "GetBalanceResponse").unwrap_err();
    match err.kind() {
        DecodeErrorKind::UnexpectedElement { expected, found } => {
            assert_eq!(found, "{urn:ebay:api:PayPalAPI}SetExpressCheckoutResponse");
            assert!(expected.contains("GetBalanceResponse") && expected.contains("Fault"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.path(), "/Envelope/Body/SetExpressCheckoutResponse");
}

#[test]
fn prefixes_do_not_matter() {
    let a = br#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><p:R xmlns:p="urn:ebay:api:PayPalAPI"><x:Ack xmlns:x="urn:ebay:apis:eBLBaseComponents">Success</x:Ack></p:R></e:Body></e:Envelope>"#;
    let b = br#"<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><R xmlns="urn:ebay:api:PayPalAPI"><Ack xmlns="urn:ebay:apis:eBLBaseComponents">Success</Ack></R></Body></Envelope>"#;
    assert_eq!(reply_of(read(a, "R").unwrap()), reply_of(read(b, "R").unwrap()));
    // The right local names in the wrong namespace are not the envelope.
    let wrong = br#"<soap:Envelope xmlns:soap="urn:not-soap"><soap:Body/></soap:Envelope>"#;
    assert!(matches!(read(wrong, "R").unwrap_err().kind(), DecodeErrorKind::UnexpectedRoot { .. }));
}

#[test]
fn soap_1_2_is_named_in_the_error() {
    let xml = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>"#;
    let err = read(xml, "R").unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::UnexpectedRoot { .. }));
    assert!(err.to_string().contains("SOAP 1.2"), "{err}");
}

#[test]
fn unknown_header_and_extra_body_elements_are_findings() {
    let xml = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><t:Trace xmlns:t="urn:trace">abc</t:Trace><Security xmlns="http://schemas.xmlsoap.org/ws/2002/12/secext"/></s:Header><s:Body><R xmlns="urn:ebay:api:PayPalAPI"/><Extra/></s:Body></s:Envelope>"#;
    let response = read(xml, "R").unwrap();
    let found: Vec<(FindingKind, &str)> = response.report.findings.iter().map(|f| (f.kind, f.name.as_str())).collect();
    assert_eq!(found, [(FindingKind::UnknownElement, "{urn:trace}Trace"), (FindingKind::UnknownElement, "Extra")]);
    assert_eq!(response.report.findings[0].raw, r#"<t:Trace xmlns:t="urn:trace">abc</t:Trace>"#);
}

#[test]
fn missing_or_empty_body_is_an_error() {
    let no_body = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/></s:Envelope>"#;
    let empty_body =
        br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>  </s:Body></s:Envelope>"#;
    for xml in [&no_body[..], &empty_body[..]] {
        let err = read(xml, "R").unwrap_err();
        assert!(matches!(err.kind(), DecodeErrorKind::MissingElement { .. }), "{err}");
    }
    assert!(read(b"", "R").is_err());
    assert!(read(b"<html><body>502 Bad Gateway</body></html>", "R").is_err());
}

#[test]
fn detail_text_is_unescaped_and_cdata_is_text() {
    let xml = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>Client.Auth</faultcode><faultstring>bad &amp; worse</faultstring><faultactor> urn:x </faultactor><detail>a &lt; b <![CDATA[& c]]></detail></s:Fault></s:Body></s:Envelope>"#;
    let fault = fault_of(read(xml, "R").unwrap());
    assert_eq!(fault.code, "Client.Auth");
    // An unprefixed code is in the default namespace, here none.
    assert_eq!(fault.code_name, Some(QName { ns: String::new(), local: "Client.Auth".into() }));
    assert!(!fault.is_client());
    assert_eq!(fault.string, "bad & worse");
    assert_eq!(fault.actor.as_deref(), Some("urn:x"));
    assert_eq!(fault.detail.as_deref(), Some("a < b & c"));
}

#[test]
fn written_responses_and_faults_read_back() {
    let reply = Reply {
        timestamp: Some("2024-02-29T23:59:59.25-05:00".parse().unwrap()),
        ack: Some("Failure".into()),
        error_codes: vec!["10486".into(), "10422".into()],
        token: Some("EC-0 & <1>".into()),
    };
    let bytes = write_response(&reply, PAYPAL_API, "DoExpressCheckoutPaymentResponse").unwrap();
    let response = read(&bytes, "DoExpressCheckoutPaymentResponse").unwrap();
    assert!(response.report.is_clean());
    assert_eq!(reply_of(response), reply);

    let mut fault = SoapFault::new("soapenv:Client.Authentication", "Authentication failed");
    fault.actor = Some("https://api-3t.paypal.com/2.0/".into());
    fault.detail = Some("<not markup> & text".into());
    let read_back = fault_of(read(&write_fault(&fault).unwrap(), "R").unwrap());
    assert!(read_back.is_client());
    assert_eq!(SoapFault { code_name: None, ..read_back }, fault);
}
