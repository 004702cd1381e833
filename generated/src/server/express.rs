//! A ready-made [`PayPalApi`] that plays PayPal's side of Express Checkout: SetExpressCheckout issues a token,
//! GetExpressCheckoutDetails returns the buyer and the order, DoExpressCheckoutPayment completes the payment
//! once, with PayPal's token rules (unknown 10410, expired 10411, already paid 10415, more than 10 attempts
//! 10416, another buyer 10421) and PayPal's `MsgSubID` behaviour (a repeated request with the same `MsgSubID`
//! gets the first answer, and no second payment).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::exchange::Call;
use super::reply::{Reply, paypal_error};
use crate::client::ApiError;
use crate::generated::types::{
    DoExpressCheckoutPaymentRequestType, DoExpressCheckoutPaymentResponseDetailsType,
    DoExpressCheckoutPaymentResponseType, GetExpressCheckoutDetailsRequestType,
    GetExpressCheckoutDetailsResponseDetailsType, GetExpressCheckoutDetailsResponseType, PayPalUserStatusCodeType,
    PayerInfoType, PaymentCodeType, PaymentDetailsType, PaymentInfoType, PaymentStatusCodeType, PersonNameType,
    SetExpressCheckoutRequestType, SetExpressCheckoutResponseType,
};
use crate::server::PayPalApi;

/// How long a token lives, as at PayPal.
pub(crate) const TOKEN_LIFETIME: Duration = Duration::from_secs(3 * 60 * 60);
/// Most DoExpressCheckoutPayment calls one token takes, as at PayPal.
pub(crate) const MAX_ATTEMPTS: u32 = 10;

/// PayPal's side of Express Checkout, in memory. Clones share their sessions, so a test can keep one clone to
/// inspect or expire tokens while the server holds another.
#[derive(Debug, Clone, Default)]
pub struct ExpressCheckoutFake {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    sessions: Mutex<HashMap<String, Session>>,
    by_msg_sub_id: Mutex<HashMap<String, DoExpressCheckoutPaymentResponseType>>,
    counter: AtomicU64,
}

#[derive(Debug, Clone)]
struct Session {
    created: Instant,
    expired: bool,
    payer_id: String,
    payment_details: Vec<PaymentDetailsType>,
    attempts: u32,
    transaction_id: Option<String>,
}

impl ExpressCheckoutFake {
    /// The buyer every session gets.
    pub const BUYER_EMAIL: &'static str = "buyer@example.com";

    /// Makes `token` expired: the next call with it gets 10411.
    pub fn expire(&self, token: &str) {
        if let Some(s) = self.sessions().get_mut(token) {
            s.expired = true;
        }
    }

    /// The transaction ID of `token`'s payment, once paid.
    #[must_use]
    pub fn transaction_id(&self, token: &str) -> Option<String> {
        self.sessions().get(token).and_then(|s| s.transaction_id.clone())
    }

    /// How many payments were completed.
    #[must_use]
    pub fn payments(&self) -> usize {
        self.sessions().values().filter(|s| s.transaction_id.is_some()).count()
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.inner.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `len` characters of an uppercase alphanumeric ID, different on every call.
    fn id(&self, len: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXY";
        let mut n = self.inner.counter.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ u64::from(std::process::id());
        (0..len)
            .map(|_| {
                let c = ALPHABET[(n % 32) as usize] as char;
                n = n.rotate_right(5).wrapping_add(0x2545_F491_4F6C_DD1D);
                c
            })
            .collect()
    }

    /// The session of `token`, or the error PayPal gives for it.
    fn check(&self, token: Option<&str>) -> Result<Session, Vec<ApiError>> {
        let invalid = || {
            let mut e = paypal_error(10410);
            e.short_message = "Invalid token".to_owned();
            e.long_message = Some("Invalid token.".to_owned());
            vec![e]
        };
        let token = token.ok_or_else(invalid)?;
        let session = self.sessions().get(token).cloned().ok_or_else(invalid)?;
        if session.expired || session.created.elapsed() > TOKEN_LIFETIME {
            return Err(vec![paypal_error(10411)]);
        }
        Ok(session)
    }
}

fn money_error(code: u32, long: &str) -> Vec<ApiError> {
    let mut e = paypal_error(code);
    e.short_message =
        "Transaction refused because of an invalid argument. See additional error messages for details.".to_owned();
    e.long_message = Some(long.to_owned());
    vec![e]
}

impl PayPalApi for ExpressCheckoutFake {
    async fn set_express_checkout(
        &self,
        _call: &Call,
        request: SetExpressCheckoutRequestType,
    ) -> Reply<SetExpressCheckoutResponseType> {
        let Some(details) = request.set_express_checkout_request_details else {
            return Reply::Failure(money_error(10400, "OrderTotal is missing."));
        };
        let mut payment_details = details.payment_details;
        if payment_details.is_empty() && details.order_total.is_some() {
            payment_details.push(PaymentDetailsType { order_total: details.order_total, ..Default::default() });
        }
        if payment_details.iter().all(|p| p.order_total.is_none()) {
            return Reply::Failure(money_error(10400, "OrderTotal is missing."));
        }
        let token = format!("EC-{}", self.id(17));
        let session = Session {
            created: Instant::now(),
            expired: false,
            payer_id: self.id(13),
            payment_details,
            attempts: 0,
            transaction_id: None,
        };
        self.sessions().insert(token.clone(), session);
        Reply::Ok(SetExpressCheckoutResponseType { token: Some(token), ..Default::default() })
    }

    async fn get_express_checkout_details(
        &self,
        _call: &Call,
        request: GetExpressCheckoutDetailsRequestType,
    ) -> Reply<GetExpressCheckoutDetailsResponseType> {
        let session = match self.check(request.token.as_deref()) {
            Ok(s) => s,
            Err(errors) => return Reply::Failure(errors),
        };
        let status =
            if session.transaction_id.is_some() { "PaymentActionCompleted" } else { "PaymentActionNotInitiated" };
        let details = GetExpressCheckoutDetailsResponseDetailsType {
            token: request.token,
            payer_info: Some(PayerInfoType {
                payer: Some(Self::BUYER_EMAIL.to_owned()),
                payer_id: Some(session.payer_id),
                payer_status: Some(PayPalUserStatusCodeType::Verified),
                payer_name: Some(PersonNameType {
                    first_name: Some("Test".to_owned()),
                    last_name: Some("Buyer".to_owned()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            checkout_status: Some(status.to_owned()),
            payment_details: session.payment_details,
            ..Default::default()
        };
        Reply::Ok(GetExpressCheckoutDetailsResponseType {
            get_express_checkout_details_response_details: Some(details),
            ..Default::default()
        })
    }

    async fn do_express_checkout_payment(
        &self,
        _call: &Call,
        request: DoExpressCheckoutPaymentRequestType,
    ) -> Reply<DoExpressCheckoutPaymentResponseType> {
        let details = request.do_express_checkout_payment_request_details.unwrap_or_default();
        let by_msg = || self.inner.by_msg_sub_id.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(first) = details.msg_sub_id.as_ref().and_then(|id| by_msg().get(id).cloned()) {
            return Reply::Ok(first);
        }
        let token = details.token.clone().unwrap_or_default();
        let session = match self.check(Some(&token)) {
            Ok(s) => s,
            Err(errors) => return Reply::Failure(errors),
        };
        let outcome = {
            let mut sessions = self.sessions();
            let Some(s) = sessions.get_mut(&token) else { return Reply::Failure(paypal_failure(10411)) };
            s.attempts += 1;
            if s.transaction_id.is_some() {
                Err(money_error(10415, "A successful transaction has already been completed for this token."))
            } else if s.attempts > MAX_ATTEMPTS {
                Err(money_error(10416, "You have exceeded the maximum number of payment attempts for this token."))
            } else if details.payer_id.as_deref() != Some(session.payer_id.as_str()) {
                Err(vec![paypal_error(10421)])
            } else {
                let id = self.id(17);
                s.transaction_id = Some(id.clone());
                Ok(id)
            }
        };
        let transaction_id = match outcome {
            Ok(id) => id,
            Err(errors) => return Reply::Failure(errors),
        };
        let gross = session.payment_details.first().and_then(|p| p.order_total.clone());
        let response = DoExpressCheckoutPaymentResponseType {
            do_express_checkout_payment_response_details: Some(DoExpressCheckoutPaymentResponseDetailsType {
                token: Some(token),
                payment_info: vec![PaymentInfoType {
                    transaction_id: Some(transaction_id),
                    payment_type: Some(PaymentCodeType::Instant),
                    payment_status: Some(PaymentStatusCodeType::Completed),
                    gross_amount: gross,
                    ..Default::default()
                }],
                msg_sub_id: details.msg_sub_id.clone(),
                ..Default::default()
            }),
            ..Default::default()
        };
        if let Some(id) = details.msg_sub_id {
            by_msg().insert(id, response.clone());
        }
        Reply::Ok(response)
    }
}

fn paypal_failure(code: u32) -> Vec<ApiError> {
    vec![paypal_error(code)]
}
