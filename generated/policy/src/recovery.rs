//! What a merchant does about an error: the recovery classes. `schemas/error-catalog.tsv` names one class per
//! error message; the generator checks those names against [`RecoveryClass::from_name`] and writes the variants
//! into the generated error catalog, and `paypal-soap` decides and explains a response's recovery with them.

use std::fmt;

/// What to do about a failed call, as PayPal's references describe the recovery.
///
/// The declaration order is the priority `decide` (in `paypal-soap`) uses when one response carries several errors: the first
/// class wins. [`RecoveryClass::ALL`] lists them in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecoveryClass {
    /// The Express Checkout token is used up or expired (10411, 10416): call `SetExpressCheckout` again and never
    /// reuse the old token. It comes first because nothing done with the old token can succeed.
    RestartCheckout,
    /// The merchant account or its configuration needs PayPal (disabled features, restrictions): report the
    /// correlation ID to PayPal. Nothing the buyer or a corrected request does helps until then.
    ContactPayPal,
    /// The request is invalid (an invalid argument, a missing field): a bug on the caller's side. Sending the same
    /// request again fails again, whatever the buyer does.
    FixRequest,
    /// The shipping address is wrong (10736): let the buyer correct it on the merchant's review page and pay with
    /// the same token; no restart.
    FixShippingAddress,
    /// The buyer's funding failed (10486): send the buyer straight back to PayPal with the same token
    /// (see `checkout_url` in `paypal-soap`) to choose another funding source.
    RedirectToPayPal,
    /// The buyer's funding cannot complete (10417, 10422, 10485): show the buyer a link back to PayPal with the same
    /// token to choose another funding source, next to any other way to pay.
    OfferReturnToPayPal,
    /// PayPal had a temporary or internal problem: send the same request again later. It ranks low because any
    /// definite problem in the same response would still be there after a retry.
    RetryLater,
    /// Nothing to do: the outcome is final (already refunded, declined by risk filters) or there was no failure.
    None,
}

impl RecoveryClass {
    /// Every class, in priority order (the order `decide` (in `paypal-soap`) prefers them in).
    pub const ALL: [Self; 8] = [
        Self::RestartCheckout,
        Self::ContactPayPal,
        Self::FixRequest,
        Self::FixShippingAddress,
        Self::RedirectToPayPal,
        Self::OfferReturnToPayPal,
        Self::RetryLater,
        Self::None,
    ];

    /// The class's name as `schemas/error-catalog.tsv` spells it (`restart_checkout`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RestartCheckout => "restart_checkout",
            Self::ContactPayPal => "contact_paypal",
            Self::FixRequest => "fix_request",
            Self::FixShippingAddress => "fix_shipping_address",
            Self::RedirectToPayPal => "redirect_to_paypal",
            Self::OfferReturnToPayPal => "offer_return_to_paypal",
            Self::RetryLater => "retry_later",
            Self::None => "none",
        }
    }

    /// The class a catalog name stands for (`restart_checkout` → [`RecoveryClass::RestartCheckout`]).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The variant's name, as generated code spells it (`RestartCheckout`).
    #[must_use]
    pub const fn variant(self) -> &'static str {
        match self {
            Self::RestartCheckout => "RestartCheckout",
            Self::ContactPayPal => "ContactPayPal",
            Self::FixRequest => "FixRequest",
            Self::FixShippingAddress => "FixShippingAddress",
            Self::RedirectToPayPal => "RedirectToPayPal",
            Self::OfferReturnToPayPal => "OfferReturnToPayPal",
            Self::RetryLater => "RetryLater",
            Self::None => "None",
        }
    }

    /// True when the recovery sends the buyer back to PayPal with the same token, so the caller needs
    /// `checkout_url` (in `paypal-soap`).
    pub const fn sends_buyer_to_paypal(self) -> bool {
        matches!(self, Self::RedirectToPayPal | Self::OfferReturnToPayPal)
    }
}

/// The action in a few words, for error messages: `"redirect the buyer to PayPal now with the same token ..."`.
impl fmt::Display for RecoveryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::RestartCheckout => {
                "restart checkout: call SetExpressCheckout again for a new token and never reuse the old one"
            }
            Self::ContactPayPal => "contact PayPal with the correlation ID: the account or its setup needs PayPal",
            Self::FixRequest => "fix the request: it is invalid and fails again if resent unchanged",
            Self::FixShippingAddress => {
                "have the buyer correct the shipping address on the review page, then pay with the same token"
            }
            Self::RedirectToPayPal => {
                "redirect the buyer to PayPal now with the same token to choose another funding source"
            }
            Self::OfferReturnToPayPal => {
                "offer the buyer a link back to PayPal with the same token to choose another funding source"
            }
            Self::RetryLater => "retry later: PayPal had a temporary or internal problem",
            Self::None => "nothing to do: the outcome is final",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::RecoveryClass;

    #[test]
    fn names_round_trip() {
        for class in RecoveryClass::ALL {
            assert_eq!(RecoveryClass::from_name(class.as_str()), Some(class));
            assert_eq!(format!("{class:?}"), class.variant());
        }
        assert_eq!(RecoveryClass::from_name("Restart_Checkout"), None);
    }
}
