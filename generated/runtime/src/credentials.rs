//! API credentials: the `RequesterCredentials` header's Username, Password, Signature and Subject, and the
//! client TLS identity that certificate authentication uses instead of a signature.
//!
//! Secrets live in [`Secret`], whose `Debug` and `Display` print `[redacted]`, so no log line, panic message or
//! `{:?}` of a request, a client or these types can show a password, a signature or a private key. The value is
//! reachable only through [`Secret::expose`], which makes every use visible in review.

use std::fmt;

/// What [`Secret`]'s `Debug` and `Display` print instead of the value.
pub const REDACTED: &str = "[redacted]";

/// A value that must never be printed: a password, an API signature, a private key.
///
/// # Example
/// ```
/// use paypal_soap_runtime::credentials::Secret;
/// let s = Secret::from("hunter2");
/// assert_eq!(format!("{s} {s:?}"), "[redacted] [redacted]");
/// assert_eq!(s.expose(), "hunter2");
/// ```
#[derive(Clone, Default)]
pub struct Secret<T = String>(T);

impl<T> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Call it only where the value is sent, never to log it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl From<Vec<u8>> for Secret<Vec<u8>> {
    fn from(value: Vec<u8>) -> Self {
        Self(value)
    }
}

/// The credentials sent in every request's `RequesterCredentials` header.
///
/// With an API signature (three-token authentication) use [`Credentials::signature`]; with an API certificate
/// use [`Credentials::certificate`] and give the transport a [`ClientIdentity`]. [`Credentials::with_subject`]
/// makes calls on behalf of a third party that has granted permission to this API user.
///
/// `Debug` shows the username and subject only.
///
/// # Example
/// ```
/// use paypal_soap_runtime::credentials::Credentials;
/// let creds = Credentials::signature("api_user", "api_password", "api_signature").with_subject("merchant@example.com");
/// let shown = format!("{creds:?}");
/// assert!(shown.contains("api_user") && !shown.contains("api_password") && !shown.contains("api_signature"));
/// ```
#[derive(Clone)]
pub struct Credentials {
    /// The API username (not the PayPal login).
    pub username: String,
    /// The API password.
    pub password: Secret,
    /// The API signature; `None` with certificate authentication.
    pub signature: Option<Secret>,
    /// The third party on whose behalf calls are made (an email address or a merchant's API username).
    pub subject: Option<String>,
}

impl Credentials {
    /// API signature (three-token) credentials.
    pub fn signature(username: impl Into<String>, password: impl Into<Secret>, signature: impl Into<Secret>) -> Self {
        Self { username: username.into(), password: password.into(), signature: Some(signature.into()), subject: None }
    }

    /// Credentials for API certificate authentication; the certificate itself goes to the transport as a
    /// [`ClientIdentity`].
    pub fn certificate(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self { username: username.into(), password: password.into(), signature: None, subject: None }
    }

    /// The same credentials acting on behalf of `subject`.
    #[must_use]
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &format_args!("{REDACTED}"))
            .field("signature", &format_args!("{}", if self.signature.is_some() { REDACTED } else { "None" }))
            .field("subject", &self.subject)
            .finish()
    }
}

/// A client TLS identity for API certificate authentication: the PEM certificate and its private key, as the
/// bytes of one PEM file (PayPal's downloadable `cert_key_pem.txt` has both).
#[derive(Clone)]
pub struct ClientIdentity {
    pem: Secret<Vec<u8>>,
}

impl ClientIdentity {
    /// Wraps the PEM bytes of a certificate and its private key. They are not parsed here; the transport that
    /// uses them reports a malformed file.
    pub fn from_pem(pem: impl Into<Vec<u8>>) -> Self {
        Self { pem: Secret::new(pem.into()) }
    }

    /// The PEM bytes, for the transport.
    #[must_use]
    pub fn pem(&self) -> &[u8] {
        self.pem.expose()
    }
}

impl fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientIdentity").field("pem", &self.pem).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: &str = "pa55-w0rd-SECRET";
    const SIGNATURE: &str = "AFcWxV21C7fd0v3bYYYRCpSSRl31A-SIGNATURE";
    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

    fn assert_hidden(text: &str) {
        for secret in [PASSWORD, SIGNATURE, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"] {
            assert!(!text.contains(secret), "{text:?} shows a secret");
        }
    }

    #[test]
    fn debug_and_display_never_show_secrets() {
        let creds = Credentials::signature("api_user", PASSWORD, SIGNATURE).with_subject("merchant@example.com");
        for text in [
            format!("{creds:?}"),
            format!("{creds:#?}"),
            format!("{:?} {}", creds.password, creds.password),
            format!("{:?}", creds.signature),
            format!("{:?}", ClientIdentity::from_pem(KEY)),
            format!("{:#?}", Some(ClientIdentity::from_pem(KEY))),
        ] {
            assert_hidden(&text);
        }
        let shown = format!("{creds:?}");
        assert_eq!(
            shown,
            "Credentials { username: \"api_user\", password: [redacted], signature: [redacted], \
             subject: Some(\"merchant@example.com\") }"
        );
    }

    #[test]
    fn constructors() {
        let creds = Credentials::certificate("u", PASSWORD);
        assert!(creds.signature.is_none() && creds.subject.is_none());
        assert_eq!(creds.password.expose(), PASSWORD);
        assert_eq!(format!("{creds:?}").matches("None").count(), 2);
        let creds = Credentials::signature("u", "p", SIGNATURE);
        assert_eq!(creds.signature.as_ref().map(|s| s.expose().as_str()), Some(SIGNATURE));
        assert_eq!(ClientIdentity::from_pem(KEY).pem(), KEY.as_bytes());
    }
}
