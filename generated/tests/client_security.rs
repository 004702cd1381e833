//! The client's safe defaults and its handling of secrets: no `Debug` shows a secret, trace logs carry the
//! bodies with credentials and card data masked, plain HTTP and ambiguous credential setups are refused, and
//! each credential type goes to its own PayPal host.

use std::io::Write;
use std::sync::{Arc, Mutex};

use paypal_soap::generated::types::{
    CreditCardDetailsType, CreditCardTypeType, DoDirectPaymentRequestDetailsType, DoDirectPaymentRequestType,
};
use paypal_soap::runtime::client::{
    BuildError, Client, Endpoint, ErrorKind, HttpRequest, HttpResponse, SendFuture, Transport,
};
use paypal_soap::runtime::credentials::{ClientIdentity, Credentials};
use paypal_soap::runtime::server::{DefaultReply, FakeServer, PayPalApi};

struct Defaults;
impl PayPalApi for Defaults {}

const PASSWORD: &str = "pw-Secret-7781";
const SIGNATURE: &str = "AFcWxV21C7fd0v3bYYYRCpSSRl31A-sig-9932";
const CARD: &str = "4111111111111111";
const CVV2: &str = "962";

fn creds() -> Credentials {
    Credentials::signature("api_user", PASSWORD, SIGNATURE)
}

fn card_payment() -> DoDirectPaymentRequestType {
    DoDirectPaymentRequestType {
        do_direct_payment_request_details: Some(DoDirectPaymentRequestDetailsType {
            credit_card: Some(CreditCardDetailsType {
                credit_card_type: Some(CreditCardTypeType::Visa),
                credit_card_number: Some(CARD.to_owned()),
                cvv2: Some(CVV2.to_owned()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn assert_no_secret(text: &str) {
    for secret in [PASSWORD, SIGNATURE, CARD, CVV2] {
        assert!(!text.contains(secret), "{secret:?} shows in:\n{text}");
    }
}

#[test]
fn debug_never_shows_a_secret() {
    let client = Client::builder(Endpoint::Sandbox, creds()).build().unwrap();
    assert_no_secret(&format!("{client:?} {client:#?}"));
    assert_no_secret(&format!("{:?}", creds()));
    assert_no_secret(&format!("{:?} {:#?}", card_payment(), card_payment()));
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn trace_logs_mask_credentials_and_card_data() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(Defaults).await.unwrap();
    let client = server.client_builder(creds()).validate_requests(false).build().unwrap();
    client.do_direct_payment(card_payment()).await.unwrap();

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert_no_secret(&logs);
    // The bodies are there, masked: the card's last four digits remain, the rest is hidden.
    assert!(logs.contains("DoDirectPaymentReq"), "{logs}");
    assert!(logs.contains("************1111"), "{logs}");
    assert!(logs.contains("<ebl:Password>***</ebl:Password>"), "{logs}");
    assert!(logs.contains("DoDirectPaymentResponse"), "{logs}");
    assert!(logs.contains("paypal_call") && logs.contains("operation=\"DoDirectPayment\""), "{logs}");
    // The server did receive the real values: only the logs are masked.
    let calls = server.calls();
    let sent = calls[0].request::<DoDirectPaymentRequestType>().unwrap();
    let card = sent.do_direct_payment_request_details.as_ref().unwrap().credit_card.as_ref().unwrap();
    assert_eq!((card.credit_card_number.as_deref(), card.cvv2.as_deref()), (Some(CARD), Some(CVV2)));
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
    let err = client.get_balance(Default::default()).await.unwrap_err();
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
