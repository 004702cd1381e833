//! Wire-format benchmarks on a TransactionSearchResponse with 5,000 `PaymentTransactions` (about 2.7 MB),
//! built here: decode and encode throughput, and in the same run the raw quick-xml `Reader` event loop over
//! the same bytes as the baseline the generated reader is measured against. Before the benchmarks it prints
//! the peak heap memory of one decode, measured by a counting allocator.
//!
//! A second group compares `validate()` of a full DoExpressCheckoutPayment request with serializing it.
//!
//! Run: `cargo bench -p paypal-soap --bench wire`.

// The counting allocator (common/counting_alloc.rs) is the only unsafe code, and it only forwards to the system
// allocator.
#![allow(unsafe_code)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paypal_soap::generated::api::{
    DoExpressCheckoutPaymentReq, DoExpressCheckoutPaymentRequestType, TransactionSearchResponseType,
};
use paypal_soap::generated::cc::BasicAmountType;
use paypal_soap::generated::ebl::{
    AckCodeType, CurrencyCodeType, PaymentDetailsItemType, PaymentDetailsType, PaymentTransactionSearchResultType,
};
use paypal_soap::generated::ns;
use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::example::Example;
use paypal_soap::runtime::soap::{Body, read_response, write_request, write_response};
use paypal_soap::runtime::validate::Validate;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

#[global_allocator]
static ALLOC: counting_alloc::Counting = counting_alloc::Counting;

fn amount(value: &str) -> Option<BasicAmountType> {
    Some(BasicAmountType { value: value.to_string(), currency_id: Some(CurrencyCodeType::Usd) })
}

/// A response shaped like a real TransactionSearch answer.
fn response(n: usize) -> TransactionSearchResponseType {
    let payment_transactions = (0..n)
        .map(|i| PaymentTransactionSearchResultType {
            timestamp: Some("2011-09-14T14:06:25Z".parse().unwrap()),
            timezone: Some("GMT".to_string()),
            type_: Some("Payment".to_string()),
            payer: Some(format!("buyer{i}@example.com")),
            payer_display_name: Some("Tom & Jerry's <Shop>".to_string()),
            transaction_id: Some(format!("{:017X}", 0x9D5F_0000_u64 + i as u64)),
            status: Some("Completed".to_string()),
            gross_amount: amount("1,234.56"),
            fee_amount: amount("-36.10"),
            net_amount: amount("1,198.46"),
        })
        .collect();
    TransactionSearchResponseType {
        timestamp: Some("2011-09-14T14:06:25Z".parse().unwrap()),
        ack: Some(AckCodeType::Success),
        correlation_id: Some("8e2cf8d5a4b31".to_string()),
        version: Some("204.0".to_string()),
        build: Some("000000".to_string()),
        payment_transactions,
        ..Default::default()
    }
}

fn raw_event_loop(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return events,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
            Err(e) => panic!("raw reader: {e}"),
        }
    }
}

fn decode(bytes: &[u8]) -> TransactionSearchResponseType {
    match read_response::<TransactionSearchResponseType>(bytes, ns::API, "TransactionSearchResponse").unwrap().body {
        Body::Response(r) => r,
        Body::Fault(f) => panic!("fault: {f:?}"),
    }
}

fn wire(c: &mut Criterion) {
    let value = response(5_000);
    let bytes = write_response(&value, ns::API, "TransactionSearchResponse").unwrap();
    assert_eq!(decode(&bytes), value, "the benchmark document must round-trip");

    let (decoded, peak) = counting_alloc::peak_during(|| decode(&bytes));
    drop(decoded);
    println!(
        "document: {} bytes, {} transactions; peak heap during one decode: {} bytes ({:.2}x the document)",
        bytes.len(),
        value.payment_transactions.len(),
        peak,
        peak as f64 / bytes.len() as f64
    );

    let mut group = c.benchmark_group("transaction_search_5000");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("raw_quick_xml_events", |b| b.iter(|| raw_event_loop(black_box(&bytes))));
    group.bench_function("decode", |b| b.iter(|| decode(black_box(&bytes))));
    group.bench_function("encode", |b| {
        b.iter(|| write_response(black_box(&value), ns::API, "TransactionSearchResponse").unwrap())
    });
    group.finish();
}

/// A DoExpressCheckoutPayment request with every optional field set, 10 payment details of 10 items each.
fn full_request() -> DoExpressCheckoutPaymentReq {
    let usd = |cents| BasicAmountType::from_minor(CurrencyCodeType::Usd, cents);
    // Every field set, and amounts that add up, so the business rules (cart totals, one currency) pass too.
    let item = PaymentDetailsItemType::example().quantity(2).amount(usd(1000)).tax(usd(100));
    let details = PaymentDetailsType::example()
        .item_total(usd(20_000))
        .shipping_total(usd(500))
        .handling_total(usd(200))
        .tax_total(usd(2000))
        .insurance_total(usd(100))
        .shipping_discount(usd(-300))
        .order_total(usd(22_500));
    let mut details = details;
    details.payment_details_item = vec![item; 10];
    let mut request = DoExpressCheckoutPaymentRequestType::example();
    if let Some(d) = request.do_express_checkout_payment_request_details.as_mut() {
        d.payment_details = vec![details; 10];
    }
    DoExpressCheckoutPaymentReq { do_express_checkout_payment_request: Some(request) }
}

/// `validate()` must cost a small fraction of serializing the same request (issue 4: under 5%).
fn validate_vs_encode(c: &mut Criterion) {
    let req = full_request();
    let creds = Credentials::signature("user", "password", "signature");
    let bytes = write_request(&creds, &req, ns::API, "DoExpressCheckoutPaymentReq").unwrap();
    assert!(req.validate().is_ok(), "{:?}", req.validate());
    println!("request: {} bytes", bytes.len());
    let mut group = c.benchmark_group("do_express_checkout_payment_10x10");
    group.bench_function("encode", |b| {
        b.iter(|| write_request(&creds, black_box(&req), ns::API, "DoExpressCheckoutPaymentReq").unwrap())
    });
    group.bench_function("validate", |b| b.iter(|| black_box(&req).validate()));
    group.finish();
}

criterion_group!(benches, wire, validate_vs_encode);
criterion_main!(benches);
