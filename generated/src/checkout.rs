//! Where a buyer goes to approve an Express Checkout payment: every form of PayPal's checkout URL, for live and
//! sandbox, from one place.
//!
//! PayPal offers two pages for the same token. The classic redirect (`cgi-bin/webscr?cmd=_express-checkout`)
//! ends on a "Continue" button, after which the merchant shows a review page, or with `useraction=commit` on a
//! "Pay Now" button for merchants without one. The in-context page (`checkoutnow?token=`) is the one PayPal's
//! in-context (pop-up) checkout opens; it also works as a plain redirect. Which PayPal answers follows the API
//! endpoint: [`Endpoint::environment`] maps [`Endpoint::Live`] and [`Endpoint::Sandbox`] to the matching site.

use crate::client::Endpoint;

/// Which PayPal the buyer is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Environment {
    /// Real payments: `www.paypal.com`.
    Live,
    /// PayPal's test system: `www.sandbox.paypal.com`.
    Sandbox,
}

impl Environment {
    /// The host buyers are sent to.
    #[must_use]
    pub fn host(self) -> &'static str {
        match self {
            Environment::Live => "www.paypal.com",
            Environment::Sandbox => "www.sandbox.paypal.com",
        }
    }
}

impl Endpoint {
    /// The PayPal site that goes with this API endpoint: [`Environment::Live`] for [`Endpoint::Live`],
    /// [`Environment::Sandbox`] for [`Endpoint::Sandbox`], `None` for a custom URL (a fake server, a proxy),
    /// whose site only the caller knows.
    #[must_use]
    pub fn environment(&self) -> Option<Environment> {
        match self {
            Endpoint::Live => Some(Environment::Live),
            Endpoint::Sandbox => Some(Environment::Sandbox),
            Endpoint::Custom(_) => None,
        }
    }
}

/// Which checkout page, and how it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckoutFlow {
    /// The classic redirect, ending on "Continue": the buyer comes back to the merchant's review page, and the
    /// merchant calls DoExpressCheckoutPayment after it.
    Review,
    /// The classic redirect with `useraction=commit`, ending on "Pay Now": for merchants that complete the
    /// payment as soon as the buyer returns.
    Commit,
    /// The in-context page, `checkoutnow?token=`.
    InContext,
}

/// The URL of `flow`'s checkout page for Express Checkout `token` on `environment`'s PayPal. The token is
/// percent-encoded, so a malformed token cannot add query parameters.
///
/// # Example
/// ```
/// use paypal_soap::checkout::{CheckoutFlow, Environment, checkout_page};
/// let token = "EC-1AB23456CD789012E";
/// assert_eq!(
///     checkout_page(token, Environment::Live, CheckoutFlow::Review),
///     "https://www.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-1AB23456CD789012E"
/// );
/// assert_eq!(
///     checkout_page(token, Environment::Sandbox, CheckoutFlow::InContext),
///     "https://www.sandbox.paypal.com/checkoutnow?token=EC-1AB23456CD789012E"
/// );
/// ```
#[must_use]
pub fn checkout_page(token: &str, environment: Environment, flow: CheckoutFlow) -> String {
    let host = environment.host();
    let mut url = match flow {
        CheckoutFlow::Review | CheckoutFlow::Commit => {
            format!("https://{host}/cgi-bin/webscr?cmd=_express-checkout&token=")
        }
        CheckoutFlow::InContext => format!("https://{host}/checkoutnow?token="),
    };
    percent_encode_into(token, &mut url);
    if flow == CheckoutFlow::Commit {
        url.push_str("&useraction=commit");
    }
    url
}

/// The classic checkout URL for `token`: [`checkout_page`] with [`CheckoutFlow::Commit`] when `commit`, else
/// [`CheckoutFlow::Review`]. It is the first redirect after `SetExpressCheckout`, and the way back for
/// [`RecoveryClass::RedirectToPayPal`](crate::errors::RecoveryClass::RedirectToPayPal) and
/// [`RecoveryClass::OfferReturnToPayPal`](crate::errors::RecoveryClass::OfferReturnToPayPal).
///
/// # Example
/// ```
/// use paypal_soap::errors::{checkout_url, Environment};
///
/// assert_eq!(
///     checkout_url("EC-1AB23456CD789012E", Environment::Sandbox, true),
///     "https://www.sandbox.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-1AB23456CD789012E&useraction=commit"
/// );
/// ```
#[must_use]
pub fn checkout_url(token: &str, environment: Environment, commit: bool) -> String {
    checkout_page(token, environment, if commit { CheckoutFlow::Commit } else { CheckoutFlow::Review })
}

/// Appends `text` to `out` with every byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) written
/// as `%XX`.
fn percent_encode_into(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "EC-60385559L1062554J";

    #[test]
    fn every_page_for_both_environments() {
        let expected = [
            (
                Environment::Live,
                CheckoutFlow::Review,
                "https://www.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-60385559L1062554J",
            ),
            (
                Environment::Live,
                CheckoutFlow::Commit,
                "https://www.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-60385559L1062554J&useraction=commit",
            ),
            (
                Environment::Live,
                CheckoutFlow::InContext,
                "https://www.paypal.com/checkoutnow?token=EC-60385559L1062554J",
            ),
            (
                Environment::Sandbox,
                CheckoutFlow::Review,
                "https://www.sandbox.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-60385559L1062554J",
            ),
            (
                Environment::Sandbox,
                CheckoutFlow::Commit,
                "https://www.sandbox.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-60385559L1062554J&useraction=commit",
            ),
            (
                Environment::Sandbox,
                CheckoutFlow::InContext,
                "https://www.sandbox.paypal.com/checkoutnow?token=EC-60385559L1062554J",
            ),
        ];
        for (environment, flow, url) in expected {
            assert_eq!(checkout_page(TOKEN, environment, flow), url, "{environment:?} {flow:?}");
        }
        assert_eq!(checkout_url(TOKEN, Environment::Live, true), expected[1].2);
        assert_eq!(checkout_url(TOKEN, Environment::Sandbox, false), expected[3].2);
    }

    #[test]
    fn the_token_is_percent_encoded() {
        let url = checkout_url("EC-1&useraction=commit #é~_.", Environment::Sandbox, false);
        assert_eq!(
            url,
            "https://www.sandbox.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-1%26useraction%3Dcommit%20%23%C3%A9~_."
        );
        let url = checkout_page("a&b", Environment::Live, CheckoutFlow::InContext);
        assert_eq!(url, "https://www.paypal.com/checkoutnow?token=a%26b");
    }

    #[test]
    fn endpoints_name_their_site() {
        assert_eq!(Endpoint::Live.environment(), Some(Environment::Live));
        assert_eq!(Endpoint::Sandbox.environment(), Some(Environment::Sandbox));
        assert_eq!(Endpoint::custom("http://127.0.0.1:1/2.0/").environment(), None);
    }
}
