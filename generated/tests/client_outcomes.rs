//! Every outcome the client types, produced by the fake PayPal (or a raw TCP peer) over real HTTP on
//! 127.0.0.1 and checked: success, success with warnings, `Ack=Failure`, SOAP faults with HTTP 500 and 200,
//! non-SOAP bodies (HTML 503, JSON, empty), an undecodable envelope, an oversized body refused while it
//! streams, a 307 that is not followed, a server that never answers, a connection refused, a connection cut
//! mid-answer, and the retry rules.

use std::time::{Duration, Instant};

use paypal_soap::generated::services::ops;
use paypal_soap::generated::types::{
    AckCodeType, DoCaptureRequestType, DoExpressCheckoutPaymentResponseType, GetBalanceRequestType,
    TransactionSearchRequestType,
};
use paypal_soap::runtime::client::{Client, Delivery, Endpoint, ErrorKind, RetryPolicy, TimeoutPhase};
use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::server::{DefaultReply, FakeServer, HttpReply, PayPalApi, Scripted, paypal_error};
use paypal_soap::types::DoExpressCheckoutPaymentRequestType;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Defaults;
impl PayPalApi for Defaults {}

fn creds() -> Credentials {
    Credentials::signature("api_user", "api_password", "api_signature")
}

async fn setup() -> (FakeServer, Client) {
    let server = FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(Defaults).await.unwrap();
    let client = server.client_builder(creds()).validate_requests(false).build().unwrap();
    (server, client)
}

#[tokio::test]
async fn success_and_success_with_warnings() {
    let (server, client) = setup().await;
    let ok = client.get_balance(GetBalanceRequestType::default()).await.unwrap();
    assert!(!ok.has_warnings());
    assert_eq!(ok.ack(), Some(&AckCodeType::Success));
    assert_eq!(ok.http_status(), 200);

    server.script().once(&ops::TRANSACTION_SEARCH, Scripted::warning(11002));
    let truncated = client.transaction_search(TransactionSearchRequestType::default()).await.unwrap();
    assert_eq!(truncated.ack(), Some(&AckCodeType::SuccessWithWarning));
    assert_eq!(truncated.warnings().len(), 1);
    assert_eq!(truncated.warnings()[0].code, "11002");
    assert!(truncated.warnings()[0].is_warning());
    assert!(truncated.correlation_id().is_some());
}

#[tokio::test]
async fn ack_failure_carries_every_error_the_correlation_id_and_the_payload() {
    let (server, client) = setup().await;
    let errors = vec![paypal_error(10486), paypal_error(10422)];
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::Failure(errors));
    let err = client.do_express_checkout_payment(DoExpressCheckoutPaymentRequestType::default()).await.unwrap_err();
    let failure = err.api_failure().expect("an api failure");
    let codes: Vec<&str> = failure.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["10486", "10422"]);
    let id = failure.correlation_id.clone().expect("a correlation id");
    assert_eq!(failure.payload::<DoExpressCheckoutPaymentResponseType>().unwrap().correlation_id.as_ref(), Some(&id));
    assert_eq!(err.delivery(), Delivery::Answered);
    assert!(!err.outcome_unknown());
    let shown = err.to_string();
    for part in ["DoExpressCheckoutPayment", "10486", "Please redirect your customer to PayPal", "10422", &id] {
        assert!(shown.contains(part), "{shown:?} lacks {part:?}");
    }
}

#[tokio::test]
async fn wrong_credentials_get_10002() {
    let server = FakeServer::builder().credentials(creds()).start(Defaults).await.unwrap();
    let wrong = Credentials::signature("api_user", "wrong", "api_signature");
    let client = server.client_builder(wrong).build().unwrap();
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(err.has_code("10002"), "{err}");
}

#[tokio::test]
async fn soap_faults_with_http_500_and_200() {
    let (server, client) = setup().await;
    server.script().once(&ops::DO_CAPTURE, Scripted::timeout_fault());
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    let ErrorKind::Fault { fault, status } = err.kind() else { panic!("{err}") };
    assert_eq!(*status, 500);
    assert!(fault.is_server());
    assert_eq!(
        (fault.string.as_str(), fault.detail.as_deref()),
        ("Internal error", Some("Timeout processing request"))
    );
    // A Server fault on a money-moving call: PayPal may or may not have captured.
    assert!(err.outcome_unknown());
    assert!(err.to_string().contains("outcome unknown"), "{err}");

    server.script().once(&ops::GET_BALANCE, Scripted::fault(200, "soapenv:Client", "Bad request"));
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    let ErrorKind::Fault { fault, status } = err.kind() else { panic!("{err}") };
    assert_eq!((*status, fault.is_client()), (200, true));
    assert_eq!(err.delivery(), Delivery::Answered);
}

#[tokio::test]
async fn non_soap_bodies_html_json_and_empty() {
    let (server, client) = setup().await;
    let page = "<html><head><title>503 Service Unavailable</title></head><body>down</body></html>";
    let cases = [
        (Scripted::html(503, page), 503, Some("text/html; charset=utf-8"), "503 Service Unavailable"),
        (
            Scripted::Http(HttpReply::json(500, r#"{"name":"INTERNAL_ERROR"}"#)),
            500,
            Some("application/json"),
            "INTERNAL_ERROR",
        ),
        (Scripted::Http(HttpReply::empty(200)), 200, None, ""),
    ];
    for (script, want_status, want_type, want_snippet) in cases {
        server.script().once(&ops::GET_BALANCE, script);
        let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
        let ErrorKind::NotSoap { status, content_type, snippet } = err.kind() else { panic!("{err}") };
        assert_eq!((*status, content_type.as_deref()), (want_status, want_type));
        assert!(snippet.contains(want_snippet) && snippet.chars().count() <= 201, "{snippet:?}");
    }
}

#[tokio::test]
async fn an_envelope_that_does_not_decode() {
    let (server, client) = setup().await;
    // A well-formed envelope holding another operation's response.
    let body = br#"<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetBalanceResponse xmlns="urn:ebay:api:PayPalAPI"/></s:Body></s:Envelope>"#;
    server.script().once(&ops::DO_CAPTURE, Scripted::Http(HttpReply::xml(200, body.to_vec())));
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode { status: 200, .. }), "{err}");
    assert!(err.outcome_unknown());
}

#[tokio::test]
async fn an_oversized_body_is_refused_while_it_streams() {
    let (server, _) = setup().await;
    let client = server.client_builder(creds()).max_response_bytes(64 * 1024).build().unwrap();
    // 4 GiB, streamed without Content-Length: reading it all would take far longer than the assertion allows.
    server.script().once(&ops::GET_BALANCE, Scripted::oversized(4 << 30));
    let started = Instant::now();
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::BodyTooLarge { status: 200, limit: 65_536 }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());

    // A declared Content-Length over the cap is refused before reading.
    let big = HttpReply::xml(200, vec![b' '; 100 * 1024]);
    server.script().once(&ops::GET_BALANCE, Scripted::Http(big));
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::BodyTooLarge { .. }), "{err}");
}

#[tokio::test]
async fn a_307_redirect_is_not_followed() {
    let (server, client) = setup().await;
    let elsewhere = format!("{}elsewhere", server.url());
    server.script().once(&ops::DO_CAPTURE, Scripted::redirect(307, &elsewhere));
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    let ErrorKind::Redirect { status, location } = err.kind() else { panic!("{err}") };
    assert_eq!((*status, location.as_deref()), (307, Some(elsewhere.as_str())));
    // The server saw the request once: the client did not resend it (or its credentials) to the new URL.
    assert_eq!(server.calls().len(), 1);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (server, _) = setup().await;
    let client =
        server.client_builder(creds()).timeout(Duration::from_millis(300)).validate_requests(false).build().unwrap();
    server.script().always_any(Scripted::Hang);
    let started = Instant::now();
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Timeout { phase: TimeoutPhase::Total, .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // Read-only: nothing can have changed.
    assert!(!err.outcome_unknown());

    let err = client.do_express_checkout_payment(DoExpressCheckoutPaymentRequestType::default()).await.unwrap_err();
    assert!(err.is_timeout() && err.outcome_unknown());
    let shown = err.to_string();
    assert!(
        shown.contains("outcome unknown") && shown.contains("moved money") && shown.contains("MsgSubID"),
        "{shown}"
    );
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn a_refused_connection_was_never_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/2.0/", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder(Endpoint::custom(url), creds()).allow_http().build().unwrap();
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Invalid(_)), "validation comes first: {err}");
    let client = Client::builder(Endpoint::custom(client.url()), creds())
        .allow_http()
        .validate_requests(false)
        .retry(RetryPolicy::attempts(3).with_backoff(Duration::from_millis(1), Duration::from_millis(2)))
        .build()
        .unwrap();
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect(_)), "{err}");
    assert_eq!(err.delivery(), Delivery::NotSent);
    assert!(!err.outcome_unknown());
    // Never sent, so even a money-moving call may be tried again.
    assert_eq!(err.attempts(), 3);
}

#[tokio::test]
async fn a_connection_cut_mid_answer_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/2.0/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 64 * 1024];
        let _ = socket.read(&mut buf).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n<soapenv:Envelope";
        socket.write_all(head.as_bytes()).await.unwrap();
        // Dropping the socket cuts the answer short.
    });
    let client = Client::builder(Endpoint::custom(url), creds()).allow_http().validate_requests(false).build().unwrap();
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Transport(_)), "{err}");
    assert_eq!(err.delivery(), Delivery::Unknown);
    assert!(err.outcome_unknown());
}

#[tokio::test]
async fn read_only_calls_are_retried_money_is_not() {
    let (server, _) = setup().await;
    let policy = RetryPolicy::attempts(3).with_backoff(Duration::from_millis(1), Duration::from_millis(5));
    let client = server.client_builder(creds()).validate_requests(false).retry(policy).build().unwrap();
    let page = "<html>502 Bad Gateway</html>";
    server.script().once(&ops::GET_BALANCE, Scripted::html(502, page));
    server.script().once(&ops::GET_BALANCE, Scripted::timeout_fault());
    let ok = client.get_balance(GetBalanceRequestType::default()).await.unwrap();
    assert_eq!(ok.ack(), Some(&AckCodeType::Success));
    assert_eq!(server.calls().len(), 3);

    server.clear_calls();
    server.script().once(&ops::DO_CAPTURE, Scripted::html(502, page));
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotSoap { status: 502, .. }), "{err}");
    assert_eq!((err.attempts(), server.calls().len()), (1, 1));
    assert!(err.outcome_unknown());

    // An API failure is PayPal's definitive answer: not retried either.
    server.clear_calls();
    server.script().once(&ops::GET_BALANCE, Scripted::error(10001));
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(err.has_code("10001"));
    assert_eq!(server.calls().len(), 1);
}

#[tokio::test]
async fn delayed_answers_arrive_within_the_timeout() {
    let (server, client) = setup().await;
    server.script().once(&ops::GET_BALANCE, Scripted::delay(Duration::from_millis(200)));
    let started = Instant::now();
    client.get_balance(GetBalanceRequestType::default()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(200));
}
