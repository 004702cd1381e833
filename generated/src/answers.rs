//! The answers a merchant looks for in a response, without walking `Option` chains: the transaction ID, payment
//! status and amount of a payment, the Express Checkout token and the payer, a refund's transaction ID.
//!
//! Two kinds of identifier are typed apart, because PayPal's are easy to mix up: an Express Checkout token
//! ([`ExpressCheckoutToken`], `EC-…`, names a checkout session and is good for three hours) is not a
//! transaction ID ([`TransactionId`], 17 characters, names money that moved, and is what refunds, captures and
//! searches take). A merchant who stores the token where the transaction ID belongs finds out at the first
//! refund; with these types the compiler finds out instead. Neither is a secret in the crate's policy
//! (`paypal_soap_policy::secrets`): the token travels in the buyer's browser URL, so both show in `Debug`.
//!
//! The accessors live on the response types themselves, so they work on a [`Response`](crate::Response)
//! (through `Deref`) and on the payload of a failure alike.

use std::fmt;

use crate::checkout::{CheckoutFlow, Environment, checkout_page};
use crate::generated::cc::BasicAmountType;
use crate::generated::ebl::{PayerInfoType, PaymentInfoType, PaymentStatusCodeType};
use crate::generated::types::{
    DoCaptureResponseType, DoDirectPaymentResponseType, DoExpressCheckoutPaymentResponseType,
    DoReferenceTransactionResponseType, GetExpressCheckoutDetailsResponseType, RefundTransactionResponseType,
    SetExpressCheckoutResponseType,
};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Wraps an identifier received from PayPal or stored by the merchant.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier as PayPal sent it.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The identifier, owned: for a request field, which the schema types as a plain string.
            #[must_use]
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

id_type! {
    /// A PayPal transaction ID: money that moved (a sale, an authorization, a capture, a refund). Refunds,
    /// captures, voids and GetTransactionDetails take it; it is never an Express Checkout token.
    TransactionId
}

id_type! {
    /// An Express Checkout token (`EC-…`): one checkout session, from SetExpressCheckout until it is paid or
    /// three hours pass. It sends the buyer to PayPal ([`Self::checkout_url`]) and identifies the session to
    /// GetExpressCheckoutDetails and DoExpressCheckoutPayment; it is never a transaction ID.
    ExpressCheckoutToken
}

id_type! {
    /// A buyer's PayPal account ID (`PayerID`), which DoExpressCheckoutPayment takes back.
    PayerId
}

impl ExpressCheckoutToken {
    /// The page that sends the buyer to PayPal with this token (see [`crate::checkout`]).
    ///
    /// # Example
    /// ```
    /// use paypal_soap::ExpressCheckoutToken;
    /// use paypal_soap::checkout::{CheckoutFlow, Environment};
    /// let token = ExpressCheckoutToken::new("EC-1AB23456CD789012E");
    /// assert_eq!(
    ///     token.checkout_url(Environment::Live, CheckoutFlow::Commit),
    ///     "https://www.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token=EC-1AB23456CD789012E&useraction=commit"
    /// );
    /// ```
    #[must_use]
    pub fn checkout_url(&self, environment: Environment, flow: CheckoutFlow) -> String {
        checkout_page(&self.0, environment, flow)
    }
}

/// A non-empty text as an identifier: PayPal sends empty elements where it has nothing to say.
fn id<T>(text: Option<&String>, wrap: fn(String) -> T) -> Option<T> {
    text.map(|s| s.trim()).filter(|s| !s.is_empty()).map(|s| wrap(s.to_owned()))
}

fn transaction_id(info: Option<&PaymentInfoType>) -> Option<TransactionId> {
    id(info?.transaction_id.as_ref(), TransactionId)
}

impl SetExpressCheckoutResponseType {
    /// The token of the new checkout session.
    #[must_use]
    pub fn express_checkout_token(&self) -> Option<ExpressCheckoutToken> {
        id(self.token.as_ref(), ExpressCheckoutToken)
    }
}

impl GetExpressCheckoutDetailsResponseType {
    /// The checkout session's token.
    #[must_use]
    pub fn express_checkout_token(&self) -> Option<ExpressCheckoutToken> {
        id(self.get_express_checkout_details_response_details.as_ref()?.token.as_ref(), ExpressCheckoutToken)
    }

    /// The buyer, once they have approved the payment at PayPal.
    #[must_use]
    pub fn payer(&self) -> Option<&PayerInfoType> {
        self.get_express_checkout_details_response_details.as_ref()?.payer_info.as_ref()
    }

    /// The buyer's PayPal account ID, which DoExpressCheckoutPayment takes back; `None` until the buyer has
    /// approved the payment.
    #[must_use]
    pub fn payer_id(&self) -> Option<PayerId> {
        id(self.payer()?.payer_id.as_ref(), PayerId)
    }

    /// The buyer's email address.
    #[must_use]
    pub fn payer_email(&self) -> Option<&str> {
        self.payer()?.payer.as_deref()
    }
}

impl DoExpressCheckoutPaymentResponseType {
    /// Every payment of the checkout (one per `PaymentDetails` of the request; usually one).
    #[must_use]
    pub fn payments(&self) -> &[PaymentInfoType] {
        self.do_express_checkout_payment_response_details.as_ref().map_or(&[], |d| &d.payment_info)
    }

    /// The transaction ID of the (first) payment: what a refund or a capture takes, not the token.
    #[must_use]
    pub fn transaction_id(&self) -> Option<TransactionId> {
        transaction_id(self.payments().first())
    }

    /// The status of the (first) payment (`Completed`, `Pending`, …).
    #[must_use]
    pub fn payment_status(&self) -> Option<&PaymentStatusCodeType> {
        self.payments().first()?.payment_status.as_ref()
    }

    /// The gross amount of the (first) payment.
    #[must_use]
    pub fn amount(&self) -> Option<&BasicAmountType> {
        self.payments().first()?.gross_amount.as_ref()
    }

    /// The checkout session's token, echoed back.
    #[must_use]
    pub fn express_checkout_token(&self) -> Option<ExpressCheckoutToken> {
        id(self.do_express_checkout_payment_response_details.as_ref()?.token.as_ref(), ExpressCheckoutToken)
    }
}

impl DoDirectPaymentResponseType {
    /// The card payment's transaction ID.
    #[must_use]
    pub fn transaction_id(&self) -> Option<TransactionId> {
        id(self.transaction_id.as_ref(), TransactionId)
    }

    /// The payment's status.
    #[must_use]
    pub fn payment_status(&self) -> Option<&PaymentStatusCodeType> {
        self.payment_status.as_ref()
    }

    /// The amount charged.
    #[must_use]
    pub fn amount(&self) -> Option<&BasicAmountType> {
        self.amount.as_ref()
    }
}

impl DoCaptureResponseType {
    fn payment(&self) -> Option<&PaymentInfoType> {
        self.do_capture_response_details.as_ref()?.payment_info.as_ref()
    }

    /// The capture's own transaction ID (not the authorization's).
    #[must_use]
    pub fn transaction_id(&self) -> Option<TransactionId> {
        transaction_id(self.payment())
    }

    /// The authorization that was captured.
    #[must_use]
    pub fn authorization_id(&self) -> Option<TransactionId> {
        id(self.do_capture_response_details.as_ref()?.authorization_id.as_ref(), TransactionId)
    }

    /// The capture's status.
    #[must_use]
    pub fn payment_status(&self) -> Option<&PaymentStatusCodeType> {
        self.payment()?.payment_status.as_ref()
    }

    /// The amount captured.
    #[must_use]
    pub fn amount(&self) -> Option<&BasicAmountType> {
        self.payment()?.gross_amount.as_ref()
    }
}

impl DoReferenceTransactionResponseType {
    fn payment(&self) -> Option<&PaymentInfoType> {
        self.do_reference_transaction_response_details.as_ref()?.payment_info.as_ref()
    }

    /// The new payment's transaction ID.
    #[must_use]
    pub fn transaction_id(&self) -> Option<TransactionId> {
        transaction_id(self.payment())
    }

    /// The payment's status.
    #[must_use]
    pub fn payment_status(&self) -> Option<&PaymentStatusCodeType> {
        self.payment()?.payment_status.as_ref()
    }

    /// The amount charged.
    #[must_use]
    pub fn amount(&self) -> Option<&BasicAmountType> {
        self.payment()?.gross_amount.as_ref()
    }
}

impl RefundTransactionResponseType {
    /// The refund's own transaction ID (not the refunded payment's).
    #[must_use]
    pub fn refund_transaction_id(&self) -> Option<TransactionId> {
        id(self.refund_transaction_id.as_ref(), TransactionId)
    }

    /// The amount refunded to the buyer.
    #[must_use]
    pub fn amount(&self) -> Option<&BasicAmountType> {
        self.gross_refund_amount.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::ebl::{DoCaptureResponseDetailsType, DoExpressCheckoutPaymentResponseDetailsType};

    fn info(id: &str) -> PaymentInfoType {
        PaymentInfoType {
            transaction_id: Some(id.to_owned()),
            payment_status: Some(PaymentStatusCodeType::Completed),
            ..Default::default()
        }
    }

    #[test]
    fn payments_answer_without_option_chains() {
        let paid = DoExpressCheckoutPaymentResponseType {
            do_express_checkout_payment_response_details: Some(DoExpressCheckoutPaymentResponseDetailsType {
                token: Some("EC-1".to_owned()),
                payment_info: vec![info("9AB12345CD6789012"), info("second")],
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(paid.transaction_id(), Some(TransactionId::new("9AB12345CD6789012")));
        assert_eq!(paid.express_checkout_token().map(ExpressCheckoutToken::into_string).as_deref(), Some("EC-1"));
        assert_eq!(paid.payment_status(), Some(&PaymentStatusCodeType::Completed));
        assert_eq!(paid.payments().len(), 2);
        assert_eq!(DoExpressCheckoutPaymentResponseType::default().transaction_id(), None);

        let capture = DoCaptureResponseType {
            do_capture_response_details: Some(DoCaptureResponseDetailsType {
                authorization_id: Some("AUTH".to_owned()),
                payment_info: Some(info("CAPTURE")),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(capture.transaction_id().map(String::from).as_deref(), Some("CAPTURE"));
        assert_eq!(capture.authorization_id().map(String::from).as_deref(), Some("AUTH"));
    }

    #[test]
    fn empty_ids_are_no_ids() {
        let refund = RefundTransactionResponseType { refund_transaction_id: Some("  ".into()), ..Default::default() };
        assert_eq!(refund.refund_transaction_id(), None);
        let direct = DoDirectPaymentResponseType { transaction_id: Some("T1".into()), ..Default::default() };
        assert_eq!(direct.transaction_id().as_ref().map(TransactionId::as_str), Some("T1"));
        assert_eq!(format!("{}", TransactionId::new("T1")), "T1");
    }
}
