//! One call round trip against the fake PayPal on loopback (client encode, HTTP, server decode, handler, server
//! encode, client decode), next to a bare HTTP round trip of the same request and response bytes over the same
//! client transport and server stack (a canned server that decodes nothing). The difference is what the SOAP
//! layers cost on both sides; two more benchmarks split it: the typed client against the canned server (the
//! client's share), and the bare transport against the fake (the fake's share).
//!
//! ```text
//! cargo bench -p paypal-soap --bench roundtrip -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Loopback timings drift between runs on a virtual machine; the README's "Benchmarks" section shows how to
//! count instructions per call with callgrind instead.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paypal_soap::generated::services::ops;
use paypal_soap::generated::types::{
    BasicAmountType, CurrencyCodeType, GetExpressCheckoutDetailsReq, GetExpressCheckoutDetailsRequestType,
    PaymentDetailsType, SetExpressCheckoutRequestDetailsType, SetExpressCheckoutRequestType,
};
use paypal_soap::runtime::client::{HttpRequest, ReqwestConfig, ReqwestTransport, Transport};
use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::server::{ExpressCheckoutFake, FakeServer, HttpReply};
use paypal_soap::runtime::soap;

fn creds() -> Credentials {
    Credentials::signature("api_user", "api_password", "api_signature")
}

fn request(token: &str) -> GetExpressCheckoutDetailsRequestType {
    GetExpressCheckoutDetailsRequestType {
        version: Some(paypal_soap::generated::SCHEMA_VERSION.to_owned()),
        token: Some(token.to_owned()),
        ..Default::default()
    }
}

fn roundtrip(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (server, client, token) = rt.block_on(async {
        let server = FakeServer::start(ExpressCheckoutFake::default()).await.unwrap();
        let client = server.client_builder(creds()).build().unwrap();
        let set = SetExpressCheckoutRequestType {
            set_express_checkout_request_details: Some(SetExpressCheckoutRequestDetailsType {
                return_url: Some("https://shop.example/return".to_owned()),
                cancel_url: Some("https://shop.example/cancel".to_owned()),
                payment_details: vec![PaymentDetailsType {
                    order_total: Some(BasicAmountType {
                        value: "19.95".to_owned(),
                        currency_id: Some(CurrencyCodeType::Usd),
                    }),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        };
        let token = client.set_express_checkout(set).await.unwrap().token.clone().unwrap();
        (server, client, token)
    });

    // The exact bytes of one exchange: the request envelope the client sends, and the server's answer.
    let op = &ops::GET_EXPRESS_CHECKOUT_DETAILS;
    let wrapper = GetExpressCheckoutDetailsReq { get_express_checkout_details_request: Some(request(&token)) };
    let request_bytes = soap::write_request(&creds(), &wrapper, op.request_ns, op.request_element).unwrap();
    let config = ReqwestConfig {
        connect_timeout: std::time::Duration::from_secs(5),
        identity: None,
        allow_http: true,
        ..Default::default()
    };
    let transport = Arc::new(ReqwestTransport::new(&config).unwrap());
    let http_request = |url: String| HttpRequest {
        url,
        headers: vec![("Content-Type", "text/xml; charset=utf-8".to_owned()), ("SOAPAction", "\"\"".to_owned())],
        body: request_bytes.clone(),
        max_response_bytes: 8 << 20,
    };
    let response_bytes = rt.block_on(transport.send(http_request(server.url()))).unwrap().body;
    let canned = rt.block_on(FakeServer::builder().start_canned(HttpReply::xml(200, response_bytes.clone()))).unwrap();

    let mut group = c.benchmark_group("loopback");
    group.throughput(Throughput::Bytes((request_bytes.len() + response_bytes.len()) as u64));
    group.bench_function("soap_call_get_express_checkout_details", |b| {
        b.to_async(&rt).iter(|| async {
            let response = client.get_express_checkout_details(request(&token)).await.unwrap();
            black_box(response);
        });
    });
    // The two halves of the difference: the typed client against the canned server (client-side SOAP work
    // only), and the bare transport against the fake (server-side SOAP work only).
    let canned_client = canned.client_builder(creds()).build().unwrap();
    group.bench_function("soap_client_canned_server", |b| {
        b.to_async(&rt).iter(|| async {
            let response = canned_client.get_express_checkout_details(request(&token)).await.unwrap();
            black_box(response);
        });
    });
    group.bench_function("bare_client_fake_server", |b| {
        b.to_async(&rt).iter(|| async {
            let response = transport.send(http_request(server.url())).await.unwrap();
            black_box(response);
        });
    });
    group.bench_function("bare_http_same_bytes", |b| {
        b.to_async(&rt).iter(|| async {
            let response = transport.send(http_request(canned.url())).await.unwrap();
            assert_eq!(response.body.len(), response_bytes.len());
            black_box(response);
        });
    });
    group.finish();
    println!(
        "request {} bytes, response {} bytes, calls served by the fake: {}",
        request_bytes.len(),
        response_bytes.len(),
        server.calls().len()
    );
}

criterion_group!(benches, roundtrip);
criterion_main!(benches);
