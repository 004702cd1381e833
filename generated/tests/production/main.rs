//! The client in production, over HTTP on 127.0.0.1 against the fake PayPal: many merchants on one client,
//! outbound proxies and private roots, a deadline per call, safe resends with `MsgSubID`, and TransactionSearch
//! past 100 results. Nothing here needs the network.

mod deadline;
mod merchants;
mod network;
mod proxy;
mod resend;
mod search;

use paypal_soap::Credentials;

/// The platform's own API credentials.
fn platform() -> Credentials {
    Credentials::signature("platform_api1.example.com", "platform-PASSWORD-1", "platform-SIGNATURE-1")
}

/// A merchant's own API credentials.
fn merchant() -> Credentials {
    Credentials::signature("shop_api1.example.com", "shop-PASSWORD-2", "shop-SIGNATURE-2")
}
