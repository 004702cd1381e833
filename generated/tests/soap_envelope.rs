//! Request envelopes checked by an external oracle: xmllint validates them against
//! `../shared/validate/PayPalEnvelope.xsd` (the SOAP 1.1 envelope with strict header and body children plus
//! PayPal's schemas). The test fails, not skips, when xmllint is missing (Debian package `libxml2-utils`).
//!
//! The shared directory is `$PAYPAL_SHARED_DIR` if set, else `../shared` next to the workspace root.

use std::path::PathBuf;
use std::process::Command;

use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::soap::{CC, EBL, PAYPAL_API, write_request};
use paypal_soap::runtime::xml::{EncodeError, XmlWrite, XmlWriter};

fn shared_dir() -> PathBuf {
    std::env::var_os("PAYPAL_SHARED_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"), PathBuf::from)
}

/// Runs xmllint on `xml`; returns its exit code and messages.
fn xmllint(xml: &[u8]) -> (i32, String) {
    let file =
        std::env::temp_dir().join(format!("paypal-soap-envelope-{}-{:016x}.xml", std::process::id(), fxhash(xml)));
    std::fs::write(&file, xml).unwrap();
    let schema = shared_dir().join("validate/PayPalEnvelope.xsd");
    assert!(schema.is_file(), "{} is missing", schema.display());
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint must be installed (apt-get install libxml2-utils)");
    let _ = std::fs::remove_file(&file);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn fxhash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A hand-written `GetBalanceReq`, as the schema defines it: `ns:GetBalanceRequest` holding `ebl:Version` (from
/// `AbstractRequestType`) and the optional `ns:ReturnAllCurrencies`.
struct GetBalanceReq {
    version: String,
    return_all_currencies: Option<String>,
    /// Writes an element the schema does not allow, to prove the oracle rejects invalid envelopes.
    bogus: bool,
}

impl XmlWrite for GetBalanceReq {
    fn write_element(&self, w: &mut XmlWriter, ns: &'static str, name: &'static str) -> Result<(), EncodeError> {
        w.start(ns, name)?;
        w.start(PAYPAL_API, "GetBalanceRequest")?;
        if self.bogus {
            w.scalar_element(CC, "Bogus", &1i32)?;
        }
        w.scalar_element(EBL, "Version", &self.version)?;
        if let Some(v) = &self.return_all_currencies {
            w.scalar_element(PAYPAL_API, "ReturnAllCurrencies", v)?;
        }
        w.end(PAYPAL_API, "GetBalanceRequest")?;
        w.end(ns, name)
    }
}

fn body() -> GetBalanceReq {
    GetBalanceReq { version: "204.0".into(), return_all_currencies: Some("1".into()), bogus: false }
}

fn assert_valid(xml: &[u8]) {
    let (code, messages) = xmllint(xml);
    assert_eq!(code, 0, "xmllint rejected:\n{}\n{messages}", String::from_utf8_lossy(xml));
}

#[test]
fn signature_request_validates_and_has_the_documented_shape() {
    let creds = Credentials::signature("api_user", "api_password", "api_signature").with_subject("third@example.com");
    let xml = write_request(&creds, &body(), PAYPAL_API, "GetBalanceReq").unwrap();
    assert_valid(&xml);
    let text = String::from_utf8(xml).unwrap();
    assert_eq!(
        text,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/""#,
            r#" xmlns:ns="urn:ebay:api:PayPalAPI" xmlns:ebl="urn:ebay:apis:eBLBaseComponents""#,
            r#" xmlns:cc="urn:ebay:apis:CoreComponentTypes" xmlns:ed="urn:ebay:apis:EnhancedDataTypes">"#,
            r#"<soapenv:Header><ns:RequesterCredentials><ebl:Credentials>"#,
            r#"<ebl:Username>api_user</ebl:Username><ebl:Password>api_password</ebl:Password>"#,
            r#"<ebl:Signature>api_signature</ebl:Signature><ebl:Subject>third@example.com</ebl:Subject>"#,
            r#"</ebl:Credentials></ns:RequesterCredentials></soapenv:Header>"#,
            r#"<soapenv:Body><ns:GetBalanceReq><ns:GetBalanceRequest><ebl:Version>204.0</ebl:Version>"#,
            r#"<ns:ReturnAllCurrencies>1</ns:ReturnAllCurrencies></ns:GetBalanceRequest></ns:GetBalanceReq>"#,
            r#"</soapenv:Body></soapenv:Envelope>"#,
        )
    );
}

#[test]
fn certificate_request_keeps_empty_signature_and_subject() {
    let creds = Credentials::certificate("api_user", "api_password");
    let xml = write_request(&creds, &body(), PAYPAL_API, "GetBalanceReq").unwrap();
    assert_valid(&xml);
    let text = String::from_utf8(xml).unwrap();
    assert!(text.contains("<ebl:Password>api_password</ebl:Password><ebl:Signature/><ebl:Subject/></ebl:Credentials>"));
}

#[test]
fn special_characters_are_escaped_and_still_valid() {
    let creds = Credentials::signature("a&b<c>", "p\"w'd]]>", "line1\r\nline2").with_subject("ünïcødé 😀");
    let mut b = body();
    b.version = "<204.0> & \"more\"".into();
    let xml = write_request(&creds, &b, PAYPAL_API, "GetBalanceReq").unwrap();
    assert_valid(&xml);
    let text = String::from_utf8(xml).unwrap();
    assert!(text.contains("<ebl:Username>a&amp;b&lt;c&gt;</ebl:Username>"));
    assert!(text.contains("<ebl:Password>p\"w'd]]&gt;</ebl:Password>"));
    assert!(text.contains("<ebl:Signature>line1&#13;\nline2</ebl:Signature>"));
    assert!(text.contains("<ebl:Subject>ünïcødé 😀</ebl:Subject>"));
}

#[test]
fn the_oracle_rejects_an_invalid_body() {
    let mut b = body();
    b.bogus = true;
    let xml = write_request(&Credentials::certificate("u", "p"), &b, PAYPAL_API, "GetBalanceReq").unwrap();
    let (code, messages) = xmllint(&xml);
    assert_eq!(code, 3, "xmllint accepted an invalid envelope: {messages}");
    // A wrong operation element is rejected too.
    let xml = write_request(&Credentials::certificate("u", "p"), &body(), PAYPAL_API, "GetBalanceRequest").unwrap();
    assert_eq!(xmllint(&xml).0, 3);
}

#[test]
fn characters_xml_cannot_carry_are_refused_before_sending() {
    let creds = Credentials::signature("user", "pass\u{0}word", "sig");
    let err = write_request(&creds, &body(), PAYPAL_API, "GetBalanceReq").unwrap_err();
    assert_eq!(err, EncodeError::IllegalCharacter { offset: 4, code_point: 0 });
    // The error names the position, never the secret.
    assert!(!err.to_string().contains("pass"));
    let mut b = body();
    b.version = "\u{FFFF}".into();
    assert!(write_request(&Credentials::certificate("u", "p"), &b, PAYPAL_API, "GetBalanceReq").is_err());
}
