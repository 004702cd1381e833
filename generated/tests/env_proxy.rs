//! The decision on proxy environment variables, in a test binary of its own because it sets them for the
//! whole process: `HTTP_PROXY` and its kin are ignored unless `ClientBuilder::proxy_from_env` asks for them.

#[path = "production/proxy.rs"]
mod proxy;

use paypal_soap::Credentials;
use paypal_soap::testing::{DefaultReply, ExpressCheckoutFake, FakeServer};
use paypal_soap::types::GetBalanceRequestType;

#[tokio::test]
async fn proxy_variables_are_ignored_unless_asked_for() -> Result<(), Box<dyn std::error::Error>> {
    let server =
        FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(ExpressCheckoutFake::default()).await?;
    let proxy = proxy::RecordingProxy::start().await?;
    // This binary has one test, so no other thread reads the environment while it changes.
    #[allow(unsafe_code)]
    unsafe {
        for name in ["NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"] {
            std::env::remove_var(name);
        }
        std::env::set_var("HTTP_PROXY", proxy.url());
        std::env::set_var("http_proxy", proxy.url());
    }
    let creds = Credentials::signature("api_user", "api_password", "api_signature");

    server.client_builder(creds.clone()).build()?.get_balance(GetBalanceRequestType::default()).await?;
    assert!(proxy.lines().is_empty(), "the default client went through {:?}", proxy.lines());

    server.client_builder(creds).proxy_from_env().build()?.get_balance(GetBalanceRequestType::default()).await?;
    assert_eq!(proxy.lines(), [format!("POST http://{}/2.0/ HTTP/1.1", server.addr())]);
    assert_eq!(server.calls().len(), 2);
    Ok(())
}
