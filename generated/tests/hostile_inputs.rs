//! Every class of hostile or broken response body gets its typed error (or, where the input is only large or
//! foreign, a decode that keeps what it skipped), without a panic, with an error text of bounded size that never
//! repeats a secret from the body. The bodies are in `hostile/cases.rs`; `cargo bench --bench hostile` times
//! the same bodies on a release build.
//!
//! The reader has no file or network code at all (it reads one byte slice), so "no file or network access" holds
//! by construction; the DTD cases check that it never gets as far as reading an entity declaration.

#[path = "hostile/cases.rs"]
mod cases;

use cases::{SECRET, cases, decode};

/// Big enough that the size-scaled bodies pass the findings limit, small enough for a debug build.
const SIZE: usize = 1_500_000;

#[test]
fn every_hostile_body_gets_its_typed_outcome() {
    let mut failures = Vec::new();
    let all = cases(SIZE);
    assert!(all.len() >= 50, "{} cases", all.len());
    for case in &all {
        let outcome = decode(&case.body);
        if !case.holds(&outcome) {
            let got = match &outcome {
                Ok(r) => format!("decoded, {} findings", r.report.findings.len()),
                Err(e) => format!("{:?}", e.kind()),
            };
            failures.push(format!("{} / {}: expected {}, got {got}", case.class, case.name, case.expected()));
            continue;
        }
        if let Err(e) = &outcome {
            let display = e.to_string();
            let debug = format!("{e:?}");
            assert!(display.len() <= 1024, "{}: error text of {} bytes: {display:.200}", case.name, display.len());
            assert!(debug.len() <= 2048, "{}: Debug of {} bytes", case.name, debug.len());
            assert!(!display.contains(SECRET) && !debug.contains(SECRET), "{}: {display}", case.name);
        }
    }
    assert!(failures.is_empty(), "{} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn small_bodies_behave_like_large_ones() {
    // The classes do not depend on size: at a few hundred bytes, each body gets the same kind of outcome as
    // at 1.5 MB, except the limits, which a small body does not reach.
    for case in cases(300).iter().filter(|c| c.class != "limits") {
        let outcome = decode(&case.body);
        assert!(case.holds(&outcome), "{} / {}: expected {}", case.class, case.name, case.expected());
    }
}

#[test]
fn every_prefix_of_a_hostile_body_is_refused_without_panic() {
    // Truncation at every byte of a small body of each class: a typed error or a decode, never a panic.
    for case in cases(200) {
        let body = &case.body[..case.body.len().min(2_000)];
        for end in 0..body.len() {
            if let Err(e) = decode(&body[..end]) {
                assert!(e.to_string().len() <= 1024, "{}", case.name);
            }
        }
    }
}

mod through_the_client {
    //! The same bodies over HTTP from the fake PayPal: the client turns each into a typed error (or a response),
    //! and the limits it was built with are the ones the reader applies.

    use paypal_soap::generated::services::ops;
    use paypal_soap::generated::types::TransactionSearchRequestType;
    use paypal_soap::runtime::client::ErrorKind;
    use paypal_soap::runtime::credentials::Credentials;
    use paypal_soap::runtime::server::{DefaultReply, FakeServer, HttpReply, PayPalApi, Scripted};
    use paypal_soap::runtime::xml::{DecodeErrorKind, Limit, Limits};

    use super::cases::{SECRET, cases};

    struct Defaults;
    impl PayPalApi for Defaults {}

    async fn server() -> FakeServer {
        FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(Defaults).await.unwrap()
    }

    fn creds() -> Credentials {
        Credentials::signature("api_user", "api_password", "api_signature")
    }

    #[tokio::test]
    async fn every_body_gets_a_typed_client_outcome() {
        let server = server().await;
        let client = server.client_builder(creds()).validate_requests(false).build().unwrap();
        for case in cases(4_000) {
            server.script().once(&ops::TRANSACTION_SEARCH, Scripted::Http(HttpReply::xml(200, case.body.clone())));
            let result = client.transaction_search(TransactionSearchRequestType::default()).await;
            match result {
                Ok(response) => assert!(
                    matches!(case.expect, super::cases::Expect::Decoded(..)),
                    "{}: decoded, {} findings",
                    case.name,
                    response.decode_report().findings.len()
                ),
                Err(e) => {
                    let text = format!("{e} {e:?}");
                    assert!(!text.contains(SECRET), "{}: {text}", case.name);
                    assert!(text.len() < 4096, "{}: {} bytes of error text", case.name, text.len());
                    assert!(
                        matches!(
                            e.kind(),
                            ErrorKind::Decode { .. } | ErrorKind::NotSoap { .. } | ErrorKind::BodyTooLarge { .. }
                        ),
                        "{}: {e}",
                        case.name
                    );
                }
            }
        }
    }

    #[tokio::test]
    async fn the_client_applies_the_limits_it_was_built_with() {
        let server = server().await;
        let tight = Limits { max_depth: 6, ..Limits::DEFAULT };
        let client = server.client_builder(creds()).validate_requests(false).xml_limits(tight).build().unwrap();
        // `Ack` is at depth 4; the unknown `d`, three levels below the response element, is at depth 7.
        let deep = concat!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>"#,
            r#"<TransactionSearchResponse xmlns="urn:ebay:api:PayPalAPI">"#,
            r#"<Ack xmlns="urn:ebay:apis:eBLBaseComponents">Success</Ack><a><b><c><d/></c></b></a>"#,
            "</TransactionSearchResponse></s:Body></s:Envelope>"
        );
        server.script().once(&ops::TRANSACTION_SEARCH, Scripted::Http(HttpReply::xml(200, deep.into())));
        let err = client.transaction_search(TransactionSearchRequestType::default()).await.unwrap_err();
        let ErrorKind::Decode { error, .. } = err.kind() else { panic!("{err}") };
        assert!(matches!(error.kind(), DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max: 6 }), "{err}");

        // The default client reads the same body, keeping the unknown element as a finding.
        let client = server.client_builder(creds()).validate_requests(false).build().unwrap();
        server.script().once(&ops::TRANSACTION_SEARCH, Scripted::Http(HttpReply::xml(200, deep.into())));
        let ok = client.transaction_search(TransactionSearchRequestType::default()).await.unwrap();
        assert_eq!(ok.decode_report().findings.len(), 1);
    }
}
