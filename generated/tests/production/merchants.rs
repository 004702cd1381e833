//! Several merchants in one process: per-call credentials and `Subject` on one client and one transport.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use paypal_soap::client::{HttpRequest, ReqwestConfig, ReqwestTransport, SendFuture, Transport};
use paypal_soap::testing::{DefaultReply, FakeServer};
use paypal_soap::types::GetBalanceRequestType;
use paypal_soap::{AuthMethod, BuildError, Credentials};

use super::{merchant, platform};

/// The default transport, counting what it sends: proof that every copy of the client shares it.
#[derive(Debug)]
struct Counting {
    inner: ReqwestTransport,
    sent: AtomicUsize,
}

impl Transport for Counting {
    fn send(&self, request: HttpRequest) -> SendFuture<'_> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        self.inner.send(request)
    }
}

#[tokio::test]
async fn one_client_calls_for_several_merchants_over_one_transport() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::builder()
        .default_reply(DefaultReply::MinimalSuccess)
        .start(paypal_soap::testing::ExpressCheckoutFake::default())
        .await?;
    let config = ReqwestConfig { allow_http: true, ..ReqwestConfig::default() };
    let transport = Arc::new(Counting { inner: ReqwestTransport::new(&config)?, sent: AtomicUsize::new(0) });
    let client = server.client_builder(platform()).transport(transport.clone()).build()?;

    let as_merchant = client.with_credentials(merchant())?;
    let for_merchant = client.with_subject("shop@example.com");
    client.get_balance(GetBalanceRequestType::default()).await?;
    as_merchant.get_balance(GetBalanceRequestType::default()).await?;
    for_merchant.get_balance(GetBalanceRequestType::default()).await?;
    // The copies changed nothing on the original.
    client.get_balance(GetBalanceRequestType::default()).await?;

    let seen: Vec<_> =
        server.calls().into_iter().map(|c| (c.username.unwrap_or_default(), c.subject, c.has_signature)).collect();
    assert_eq!(
        seen,
        [
            ("platform_api1.example.com".to_owned(), None, true),
            ("shop_api1.example.com".to_owned(), None, true),
            ("platform_api1.example.com".to_owned(), Some("shop@example.com".to_owned()), true),
            ("platform_api1.example.com".to_owned(), None, true),
        ]
    );
    assert_eq!(transport.sent.load(Ordering::Relaxed), 4, "every copy sent through the one transport");

    // The merchant's secrets are masked like the platform's.
    let shown = format!("{as_merchant:?} {for_merchant:?}");
    for secret in ["shop-PASSWORD-2", "shop-SIGNATURE-2", "platform-PASSWORD-1", "platform-SIGNATURE-1"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("shop_api1.example.com") && shown.contains("shop@example.com"));
    Ok(())
}

#[tokio::test]
async fn the_fake_tells_the_identities_apart() -> Result<(), Box<dyn std::error::Error>> {
    // A fake that accepts only the merchant's credentials answers the platform's with PayPal's 10002.
    let server = FakeServer::builder()
        .credentials(merchant())
        .default_reply(DefaultReply::MinimalSuccess)
        .start(paypal_soap::testing::ExpressCheckoutFake::default())
        .await?;
    let client = server.client_builder(platform()).build()?;
    let refused = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(refused.has_code("10002"), "{refused}");
    client.with_credentials(merchant())?.get_balance(GetBalanceRequestType::default()).await?;
    Ok(())
}

#[tokio::test]
async fn credentials_of_the_other_kind_need_their_own_client() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::start(paypal_soap::testing::ExpressCheckoutFake::default()).await?;
    let client = server.client_builder(platform()).build()?;
    let err = client.with_credentials(Credentials::certificate("cert_api1.example.com", "pw")).unwrap_err();
    assert!(
        matches!(err, BuildError::AuthMismatch { built: AuthMethod::Signature, given: AuthMethod::Certificate }),
        "{err}"
    );
    Ok(())
}
