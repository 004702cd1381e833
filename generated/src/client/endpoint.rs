//! Where calls go: PayPal's live and sandbox SOAP endpoints, which differ by credential type (API signature or
//! API certificate), or any URL (a fake server, a proxy).

/// API signature credentials, live.
pub const LIVE_SIGNATURE_URL: &str = "https://api-3t.paypal.com/2.0/";
/// API signature credentials, sandbox.
pub const SANDBOX_SIGNATURE_URL: &str = "https://api-3t.sandbox.paypal.com/2.0/";
/// API certificate credentials, live.
pub const LIVE_CERTIFICATE_URL: &str = "https://api.paypal.com/2.0/";
/// API certificate credentials, sandbox.
pub const SANDBOX_CERTIFICATE_URL: &str = "https://api.sandbox.paypal.com/2.0/";

/// How the client authenticates, which picks the host: `api-3t` for signatures, `api` for certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthMethod {
    /// Username, password and API signature in the SOAP header ("three-token").
    Signature,
    /// Username and password in the SOAP header, plus a client TLS certificate.
    Certificate,
}

/// The SOAP endpoint to call.
///
/// # Example
/// ```
/// use paypal_soap::client::{AuthMethod, Endpoint};
/// assert_eq!(Endpoint::Sandbox.url(AuthMethod::Signature), "https://api-3t.sandbox.paypal.com/2.0/");
/// assert_eq!(Endpoint::Live.url(AuthMethod::Certificate), "https://api.paypal.com/2.0/");
/// assert_eq!(Endpoint::custom("http://127.0.0.1:8080/2.0/").url(AuthMethod::Signature), "http://127.0.0.1:8080/2.0/");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// PayPal's production system: real money.
    Live,
    /// PayPal's sandbox.
    Sandbox,
    /// Any URL.
    Custom(String),
}

impl Endpoint {
    /// An endpoint at `url`.
    pub fn custom(url: impl Into<String>) -> Self {
        Endpoint::Custom(url.into())
    }

    /// The URL for credentials of type `auth`.
    #[must_use]
    pub fn url(&self, auth: AuthMethod) -> &str {
        match (self, auth) {
            (Endpoint::Live, AuthMethod::Signature) => LIVE_SIGNATURE_URL,
            (Endpoint::Live, AuthMethod::Certificate) => LIVE_CERTIFICATE_URL,
            (Endpoint::Sandbox, AuthMethod::Signature) => SANDBOX_SIGNATURE_URL,
            (Endpoint::Sandbox, AuthMethod::Certificate) => SANDBOX_CERTIFICATE_URL,
            (Endpoint::Custom(url), _) => url,
        }
    }
}
