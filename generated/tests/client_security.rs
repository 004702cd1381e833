//! The client's safe defaults: plain HTTP and ambiguous credential setups are refused, each credential type
//! goes to its own PayPal host, and a caller's own transport gets the request without the credentials showing
//! in its `Debug`. How secrets stay out of logs, `Debug` and errors in every outcome is in `secrets.rs`.

use std::sync::{Arc, Mutex};

use paypal_soap::runtime::client::{
    BuildError, Client, Endpoint, ErrorKind, HttpRequest, HttpResponse, SendFuture, Transport,
};
use paypal_soap::runtime::credentials::{ClientIdentity, Credentials};
use paypal_soap::types::GetBalanceRequestType;

const PASSWORD: &str = "pw-Secret-7781";
const SIGNATURE: &str = "AFcWxV21C7fd0v3bYYYRCpSSRl31A-sig-9932";

fn creds() -> Credentials {
    Credentials::signature("api_user", PASSWORD, SIGNATURE)
}

fn assert_no_secret(text: &str) {
    for secret in [PASSWORD, SIGNATURE] {
        assert!(!text.contains(secret), "{secret:?} shows in:\n{text}");
    }
}

#[test]
fn plain_http_needs_an_explicit_opt_in() {
    let err = Client::builder(Endpoint::custom("http://127.0.0.1:1/2.0/"), creds()).build().unwrap_err();
    assert!(matches!(err, BuildError::InsecureUrl { .. }), "{err}");
    assert!(err.to_string().contains("allow_http"));
    let err = Client::builder(Endpoint::custom("ftp://example.com/"), creds()).build().unwrap_err();
    assert!(matches!(err, BuildError::InvalidUrl { .. }), "{err}");
    Client::builder(Endpoint::custom("http://127.0.0.1:1/2.0/"), creds()).allow_http().build().unwrap();
}

#[test]
fn credential_type_picks_the_host_and_must_be_unambiguous() {
    let signature = Client::builder(Endpoint::Live, creds()).build().unwrap();
    assert_eq!(signature.url(), "https://api-3t.paypal.com/2.0/");
    let sandbox = Client::builder(Endpoint::Sandbox, creds()).build().unwrap();
    assert_eq!(sandbox.url(), "https://api-3t.sandbox.paypal.com/2.0/");

    let certificate = Credentials::certificate("api_user", PASSWORD);
    let err = Client::builder(Endpoint::Live, certificate.clone()).build().unwrap_err();
    assert!(matches!(err, BuildError::MissingIdentity), "{err}");
    let err =
        Client::builder(Endpoint::Live, creds()).client_identity(ClientIdentity::from_pem("x")).build().unwrap_err();
    assert!(matches!(err, BuildError::IdentityWithSignature), "{err}");
    // A PEM without a certificate and key is refused when the TLS client is set up.
    let err = Client::builder(Endpoint::Sandbox, certificate)
        .client_identity(ClientIdentity::from_pem("not a pem"))
        .build()
        .unwrap_err();
    assert!(matches!(err, BuildError::Http(_)), "{err}");
}

/// A transport that records what the client hands it and answers with a proxy page.
#[derive(Debug, Default)]
struct Recording(Mutex<Vec<HttpRequest>>);

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> SendFuture<'_> {
        self.0.lock().unwrap().push(request);
        Box::pin(async {
            Ok(HttpResponse {
                status: 502,
                content_type: Some("text/html".to_owned()),
                location: None,
                body: b"<html>Bad Gateway</html>".to_vec(),
            })
        })
    }
}

#[tokio::test]
async fn a_caller_can_bring_its_own_transport() {
    let transport = Arc::new(Recording::default());
    let client = Client::builder(Endpoint::Sandbox, creds()).transport(transport.clone()).build().unwrap();
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotSoap { status: 502, .. }), "{err}");
    let sent = transport.0.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url, "https://api-3t.sandbox.paypal.com/2.0/");
    let headers: Vec<(&str, &str)> = sent[0].headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(headers, [("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", "\"\"")]);
    let body = String::from_utf8(sent[0].body.clone()).unwrap();
    assert!(body.contains("<ebl:Username>api_user</ebl:Username>") && body.contains("<ns:GetBalanceReq>"), "{body}");
    // The request's Debug leaves the body (and the credentials in it) out.
    assert_no_secret(&format!("{:?}", sent[0]));
}
