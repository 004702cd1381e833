//! No secret shows in any text a full call leaves behind. Each test makes real calls through the fake PayPal
//! (or a closed port) with known credentials (API signature with a subject, API certificate with its private
//! key) and known card data, for every outcome: success, success with warnings, `Ack=Failure`, a SOAP fault, a
//! request refused by validation, an undecodable envelope, a hostile HTML page that echoes the request, a
//! timeout and a refused connection. It captures every trace-level log line, the `Debug` (`{:?}` and `{:#?}`)
//! and `Display` of the result, of the error and of every error in its `source()` chain, and the `Debug` of the
//! response value and of its decode report, and checks that no password, signature, private key or CVV2 is
//! there, and that no more of the card number than its last four digits is, with or without separators.
//!
//! Not treated as secrets: the API username and subject (they name accounts, and `Debug` shows them), and the
//! card's expiry and start dates (PCI DSS requires masking the number and never storing the CVV2; the dates may
//! be shown once the number is masked).

#[path = "secrets/observe.rs"]
mod observe;

use std::sync::Arc;
use std::time::Duration;

use paypal_soap::generated::services::ops;
use paypal_soap::generated::types::{
    BasicAmountType, CreditCardDetailsType, CreditCardTypeType, CurrencyCodeType, DoDirectPaymentRequestDetailsType,
    DoDirectPaymentRequestType, DoDirectPaymentResponseType, PayerInfoType, PaymentActionCodeType, PaymentDetailsType,
    PersonNameType,
};
use paypal_soap::runtime::client::{ApiError, Client, Endpoint, ErrorKind, ReqwestConfig, ReqwestTransport};
use paypal_soap::runtime::credentials::{ClientIdentity, Credentials};
use paypal_soap::runtime::server::{Call, FakeServer, HttpReply, PayPalApi, Reply, Scripted};
use paypal_soap::runtime::soap::SoapFault;

use observe::{Observed, chain_texts, observe};

const PASSWORD: &str = "pw-Secret-7781";
const SIGNATURE: &str = "AFcWxV21C7fd0v3bYYYRCpSSRl31A-sig-9932";
const CERT_PASSWORD: &str = "cert<Pass>&5524";
const KEY_BODY: &str = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCprivatekey";
/// A Luhn-valid Visa number; its last four digits are the only part that may show.
const CARD: &str = "4532015112830366";
const CARD_SPACED: &str = "4532 0151 1283 0366";
const CARD_DASHED: &str = "4532-0151-1283-0366";
const CVV2: &str = "846";

fn signature_creds() -> Credentials {
    Credentials::signature("merchant_api1.example.com", PASSWORD, SIGNATURE).with_subject("seller@example.com")
}

fn certificate_creds() -> Credentials {
    Credentials::certificate("cert_api1.example.com", CERT_PASSWORD)
}

fn pem() -> String {
    format!("-----BEGIN PRIVATE KEY-----\n{KEY_BODY}\n-----END PRIVATE KEY-----\n")
}

fn usd(value: &str) -> BasicAmountType {
    BasicAmountType { value: value.to_owned(), currency_id: Some(CurrencyCodeType::Usd) }
}

/// A card payment that passes validation, with every card field set.
fn card_payment(first_name: &str) -> DoDirectPaymentRequestType {
    let owner = PayerInfoType {
        payer_name: Some(PersonNameType {
            first_name: Some(first_name.to_owned()),
            last_name: Some("Doe".to_owned()),
            ..Default::default()
        }),
        ..Default::default()
    };
    DoDirectPaymentRequestType {
        do_direct_payment_request_details: Some(DoDirectPaymentRequestDetailsType {
            payment_action: Some(PaymentActionCodeType::Sale),
            payment_details: Some(PaymentDetailsType { order_total: Some(usd("10.00")), ..Default::default() }),
            credit_card: Some(CreditCardDetailsType {
                credit_card_type: Some(CreditCardTypeType::Visa),
                credit_card_number: Some(CARD.to_owned()),
                exp_month: Some(11),
                exp_year: Some(2031),
                cvv2: Some(CVV2.to_owned()),
                card_owner: Some(owner),
                ..Default::default()
            }),
            ip_address: Some("192.0.2.10".to_owned()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Answers a card payment the way PayPal does: the amount, a transaction ID and the AVS and CVV2 codes.
struct Processor;

impl PayPalApi for Processor {
    async fn do_direct_payment(
        &self,
        _call: &Call,
        request: DoDirectPaymentRequestType,
    ) -> Reply<DoDirectPaymentResponseType> {
        let total = request.do_direct_payment_request_details.and_then(|d| d.payment_details?.order_total);
        Reply::Ok(DoDirectPaymentResponseType {
            amount: total,
            avs_code: Some("X".to_owned()),
            cvv2_code: Some("M".to_owned()),
            transaction_id: Some("9RA52413UK1234567".to_owned()),
            ..Default::default()
        })
    }
}

/// The fake server's `host:port`, as logs show it.
fn peer_of(server: &FakeServer) -> String {
    let url = server.url();
    url.trim_start_matches("http://").trim_end_matches("/2.0/").to_owned()
}

/// A card processor and a client with signature credentials pointed at it.
async fn signature_setup() -> (FakeServer, Client) {
    let server = FakeServer::start(Processor).await.unwrap();
    let client = server.client_builder(signature_creds()).build().unwrap();
    (server, client)
}

#[test]
fn debug_never_shows_a_secret() {
    let client = Client::builder(Endpoint::Sandbox, signature_creds()).build().unwrap();
    let texts = [
        format!("{client:?} {client:#?}"),
        format!("{:?} {:#?}", signature_creds(), certificate_creds()),
        format!("{:?} {:#?}", card_payment("Jane"), card_payment("Jane")),
        format!("{:?}", ClientIdentity::from_pem(pem())),
    ];
    Observed { texts: texts.to_vec(), peer: "none".to_owned() }.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn success_with_signature_credentials() {
    let (server, client) = signature_setup().await;
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    let response = result.unwrap();
    assert_eq!(response.transaction_id.as_deref(), Some("9RA52413UK1234567"));
    observed.assert_clean();
    // The request and response bodies are logged, masked: the card's last four digits remain.
    let log = &observed.texts[0];
    assert!(log.contains("************0366") && log.contains("<ebl:Password>***</ebl:Password>"), "{log}");
    assert!(log.contains("<ebl:Signature>***</ebl:Signature>") && log.contains("DoDirectPaymentResponse"), "{log}");
    // Only the logs are masked: PayPal gets the real values.
    let calls = server.calls();
    let sent = calls[0].request::<DoDirectPaymentRequestType>().unwrap();
    let card = sent.do_direct_payment_request_details.as_ref().unwrap().credit_card.as_ref().unwrap();
    assert_eq!((card.credit_card_number.as_deref(), card.cvv2.as_deref()), (Some(CARD), Some(CVV2)));
}

#[tokio::test(flavor = "current_thread")]
async fn success_with_certificate_credentials() {
    let server = FakeServer::start(Processor).await.unwrap();
    // The certificate goes to the transport; over plain HTTP to the fake, none is needed.
    let config = ReqwestConfig {
        connect_timeout: Duration::from_secs(5),
        identity: None,
        allow_http: true,
        ..Default::default()
    };
    let transport = Arc::new(ReqwestTransport::new(&config).unwrap());
    let client = server.client_builder(certificate_creds()).transport(transport).build().unwrap();
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    result.unwrap();
    observed.assert_clean();
    assert!(observed.texts[0].contains("<ebl:Password>***</ebl:Password>"), "{}", observed.texts[0]);
    let texts = [format!("{client:?}"), format!("{client:#?}"), format!("{:?}", ClientIdentity::from_pem(pem()))];
    Observed { texts: texts.to_vec(), peer: peer_of(&server) }.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn a_private_key_that_does_not_load_stays_hidden() {
    let builder =
        Client::builder(Endpoint::Sandbox, certificate_creds()).client_identity(ClientIdentity::from_pem(pem()));
    let mut texts = vec![format!("{builder:?}"), format!("{builder:#?}")];
    let err = builder.build().unwrap_err();
    texts.extend(chain_texts(&err));
    Observed { texts, peer: "none".to_owned() }.assert_clean();
}

/// An answer that echoes the request: secrets in an unknown header, in an `xs:any` element and in an unknown
/// element, each inside elements named like the request's.
fn echoing_success() -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ebl="urn:ebay:apis:eBLBaseComponents" xmlns:cc="urn:ebay:apis:CoreComponentTypes">
<SOAP-ENV:Header><ebl:Echo><ebl:Password>{PASSWORD}</ebl:Password><ebl:Signature>{SIGNATURE}</ebl:Signature></ebl:Echo></SOAP-ENV:Header>
<SOAP-ENV:Body><DoDirectPaymentResponse xmlns="urn:ebay:api:PayPalAPI">
<Timestamp xmlns="urn:ebay:apis:eBLBaseComponents">2024-01-02T03:04:05Z</Timestamp>
<Ack xmlns="urn:ebay:apis:eBLBaseComponents">Success</Ack>
<CorrelationID xmlns="urn:ebay:apis:eBLBaseComponents">5f2c3a1b9e0d7</CorrelationID>
<Version xmlns="urn:ebay:apis:eBLBaseComponents">204.0</Version>
<Build xmlns="urn:ebay:apis:eBLBaseComponents">000000</Build>
<Request xmlns=""><CreditCard><CreditCardNumber>{CARD}</CreditCardNumber><CVV2>{CVV2}</CVV2></CreditCard></Request>
<Amount xmlns:cc="urn:ebay:apis:CoreComponentTypes" currencyID="USD">10.00</Amount>
<ebl:CreditCard><ebl:CreditCardNumber>{CARD_SPACED}</ebl:CreditCardNumber><ebl:CVV2>{CVV2}</ebl:CVV2></ebl:CreditCard>
<TransactionID>9RA52413UK1234567</TransactionID>
</DoDirectPaymentResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
    .into_bytes()
}

#[tokio::test(flavor = "current_thread")]
async fn success_whose_answer_echoes_the_request() {
    let (server, client) = signature_setup().await;
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::Http(HttpReply::xml(200, echoing_success())));
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    let response = result.unwrap();
    // What was skipped is kept as received, for inspection; only its `Debug` and `Display` mask it.
    assert_eq!(response.any.len(), 1, "{response:#?}");
    assert_eq!(response.decode_report().findings.len(), 2, "{}", response.decode_report());
    assert!(response.decode_report().findings.iter().any(|f| f.raw.contains(CARD_SPACED)));
    observed.assert_clean();
}

/// A PayPal error whose messages repeat what the request held.
fn echoing_error(code: &str, severity: &str) -> ApiError {
    ApiError {
        code: code.to_owned(),
        short_message: format!("Invalid card {CARD_DASHED}"),
        long_message: Some(format!("Card {CARD} with CVV2 {CVV2} refused for user with password {PASSWORD}")),
        severity: Some(severity.to_owned()),
        parameters: vec![CARD.to_owned(), CVV2.to_owned(), SIGNATURE.to_owned()],
    }
}

#[tokio::test(flavor = "current_thread")]
async fn success_with_warnings() {
    let (server, client) = signature_setup().await;
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::Warning(vec![echoing_error("11610", "Warning")]));
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    let response = result.unwrap();
    assert_eq!(response.warnings()[0].code, "11610");
    observed.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn ack_failure() {
    let (server, client) = signature_setup().await;
    let errors = vec![echoing_error("10759", "Error"), echoing_error("15005", "Error")];
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::Failure(errors));
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    let err = result.unwrap_err();
    assert!(err.has_code("10759") && err.has_code("15005"), "{err}");
    observed.assert_clean();
    let shown = err.to_string();
    assert!(shown.contains("10759: Card ************0366 with CVV2 *** refused for user with password ***"), "{shown}");
}

#[tokio::test(flavor = "current_thread")]
async fn soap_fault() {
    let (server, client) = signature_setup().await;
    let mut fault = SoapFault::new("soapenv:Client", format!("Bad password {PASSWORD} or signature {SIGNATURE}"));
    fault.detail = Some(format!("Card {CARD_SPACED}, CVV2 {CVV2}"));
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::Fault { status: 500, fault });
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    let err = result.unwrap_err();
    let ErrorKind::Fault { fault, status: 500 } = err.kind() else { panic!("{err}") };
    assert_eq!(fault.string, "Bad password *** or signature ***");
    assert_eq!(fault.detail.as_deref(), Some("Card **** **** **** 0366, CVV2 ***"));
    observed.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn validation_failure_before_sending() {
    let (server, client) = signature_setup().await;
    let too_long = "J".repeat(40);
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment(&too_long))).await;
    let err = result.unwrap_err();
    let ErrorKind::Invalid(violations) = err.kind() else { panic!("{err}") };
    assert!(violations.to_string().contains("first_name: 40 characters, at most 25"), "{violations}");
    assert!(server.calls().is_empty());
    observed.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn undecodable_envelope() {
    let (server, client) = signature_setup().await;
    // The card number arrives where a date belongs, after the password in an unknown element.
    let body = String::from_utf8(echoing_success()).unwrap().replace("2024-01-02T03:04:05Z", CARD);
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::Http(HttpReply::xml(200, body.into_bytes())));
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    let err = result.unwrap_err();
    let ErrorKind::Decode { error, .. } = err.kind() else { panic!("{err}") };
    assert!(error.path().ends_with("/DoDirectPaymentResponse/Timestamp"), "{error}");
    assert!(error.to_string().contains("invalid value \"************0366\""), "{error}");
    observed.assert_clean();
}

/// A proxy's error page that repeats the request: the card number plain, spaced and dashed, the CVV2, the
/// password (as is and escaped twice over, as a page showing the request's XML source has it) and the
/// signature. With `padding` the first card number straddles the 200-character cut of the error's snippet.
fn hostile_page(password: &str, signature: &str, padding: bool) -> String {
    let padding = if padding { "x".repeat(190 - "<html><body><p>".len()) } else { String::new() };
    let escaped = password.replace('&', "&amp;amp;").replace('<', "&amp;lt;").replace('>', "&amp;gt;");
    format!(
        "<html><body><p>{padding}{CARD} ({CARD_SPACED}, {CARD_DASHED}) cvv {CVV2}; password {password}, \
         signature {signature}</p><pre>&lt;ebl:Password&gt;{escaped}&lt;/ebl:Password&gt;\
         &lt;ebl:CVV2&gt;{CVV2}&lt;/ebl:CVV2&gt;</pre></body></html>"
    )
}

#[tokio::test(flavor = "current_thread")]
async fn hostile_html_page_that_echoes_the_request() {
    let (server, client) = signature_setup().await;
    let mut err = None;
    for page in [hostile_page(PASSWORD, SIGNATURE, true), hostile_page(PASSWORD, SIGNATURE, false)] {
        server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::html(400, &page));
        let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
        let err = err.insert(result.unwrap_err());
        let ErrorKind::NotSoap { status: 400, snippet, .. } = err.kind() else { panic!("{err}") };
        assert!(snippet.starts_with("<html><body><p>"), "{snippet}");
        observed.assert_clean();
    }
    // Masked, not dropped: the page still says what it said.
    let ErrorKind::NotSoap { snippet, .. } = err.unwrap().into_kind() else { unreachable!() };
    let masked =
        "<p>************0366 (**** **** **** 0366, ****-****-****-0366) cvv ***; password ***, signature ***</p>";
    assert!(snippet.starts_with(&format!("<html><body>{masked}<pre>&lt;ebl:Password&gt;***&lt;")), "{snippet}");
    // The certificate password too, when it is this call's.
    let server = FakeServer::start(Processor).await.unwrap();
    let config = ReqwestConfig {
        connect_timeout: Duration::from_secs(5),
        identity: None,
        allow_http: true,
        ..Default::default()
    };
    let transport = Arc::new(ReqwestTransport::new(&config).unwrap());
    let client = server.client_builder(certificate_creds()).transport(transport).build().unwrap();
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::html(502, &hostile_page(CERT_PASSWORD, "", false)));
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    assert!(matches!(result.unwrap_err().kind(), ErrorKind::NotSoap { status: 502, .. }));
    observed.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn timeout_and_refused_connection() {
    let server = FakeServer::start(Processor).await.unwrap();
    let client = server.client_builder(signature_creds()).timeout(Duration::from_millis(200)).build().unwrap();
    server.script().always_any(Scripted::Hang);
    let (result, observed) = observe(&peer_of(&server), client.do_direct_payment(card_payment("Jane"))).await;
    assert!(result.unwrap_err().is_timeout());
    observed.assert_clean();

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let peer = listener.local_addr().unwrap().to_string();
    drop(listener);
    let client = Client::builder(Endpoint::custom(format!("http://{peer}/2.0/")), signature_creds())
        .allow_http()
        .build()
        .unwrap();
    let (result, observed) = observe(&peer, client.do_direct_payment(card_payment("Jane"))).await;
    assert!(matches!(result.unwrap_err().kind(), ErrorKind::Connect(_)));
    observed.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn per_call_credentials_are_masked_like_the_clients_own() {
    // A platform client whose own credentials are harmless; the secret ones are only the call's.
    let server = FakeServer::start(Processor).await.unwrap();
    let platform = Credentials::signature("platform_api1.example.com", "platform-pw", "platform-sig");
    let client = server.client_builder(platform).build().unwrap();
    let merchant = client.with_credentials(signature_creds()).unwrap();
    let (result, observed) = observe(&peer_of(&server), merchant.do_direct_payment(card_payment("Jane"))).await;
    result.unwrap();
    observed.assert_clean();
    let log = &observed.texts[0];
    assert!(log.contains("merchant_api1.example.com") && log.contains("<ebl:Password>***</ebl:Password>"), "{log}");
    // An echoing error page is scrubbed of the call's credentials, not only of the client's.
    server.script().once(&ops::DO_DIRECT_PAYMENT, Scripted::html(400, &hostile_page(PASSWORD, SIGNATURE, false)));
    let (result, observed) = observe(&peer_of(&server), merchant.do_direct_payment(card_payment("Jane"))).await;
    assert!(matches!(result.unwrap_err().kind(), ErrorKind::NotSoap { status: 400, .. }));
    observed.assert_clean();
    Observed { texts: vec![format!("{merchant:?} {merchant:#?}")], peer: "none".to_owned() }.assert_clean();
}
