//! A ready-made [`PayPalApi`] that keeps a merchant account's ledger, for the payments that do not go through
//! Express Checkout: DoDirectPayment (sale or authorization), DoCapture, RefundTransaction (full or partial),
//! TransactionSearch (at most 100 results, with PayPal's 11002 warning past that), CreateRecurringPaymentsProfile
//! and DoReferenceTransaction. It applies PayPal's rules for them (an unknown or wrong-kind transaction ID, a
//! capture over what was authorized, a partial refund over what is left, a full refund after a partial one, a
//! refund in another currency), so merchants' tests see PayPal's errors where PayPal would give them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use super::exchange::Call;
use super::reply::{Reply, paypal_error};
use crate::client::ApiError;
use crate::generated::types::*;
use crate::server::PayPalApi;
use paypal_soap_runtime::DateTime;

/// The most results one TransactionSearch returns, as at PayPal.
pub const SEARCH_LIMIT: usize = 100;

/// What a ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A completed payment (a DoDirectPayment or reference transaction sale).
    Sale,
    /// An authorization, captured later.
    Authorization,
    /// A capture of an authorization.
    Capture,
    /// A refund of a sale or capture.
    Refund,
}

impl EntryKind {
    /// The `Type` TransactionSearch shows.
    fn search_type(self) -> &'static str {
        match self {
            EntryKind::Sale | EntryKind::Capture => "Payment",
            EntryKind::Authorization => "Authorization",
            EntryKind::Refund => "Refund",
        }
    }
}

/// One transaction of the fake merchant account.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its 17-character transaction ID.
    pub id: String,
    /// What it is.
    pub kind: EntryKind,
    /// Its gross amount (negative for a refund).
    pub gross: BasicAmountType,
    /// When it happened.
    pub time: DateTime,
    /// The buyer's email.
    pub payer: String,
    /// The authorization a capture captured, or the payment a refund refunded.
    pub parent: Option<String>,
    /// Minor units captured (authorizations) or refunded (sales and captures) so far.
    pub settled_minor: i64,
    /// True once fully captured or fully refunded.
    pub closed: bool,
}

/// A merchant account's ledger in memory. Clones share it, so a test keeps one to seed or inspect entries while
/// the server holds another.
#[derive(Debug, Clone, Default)]
pub struct PaymentsFake {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    ledger: Mutex<Vec<Entry>>,
    profiles: Mutex<Vec<String>>,
    counter: AtomicU64,
}

impl PaymentsFake {
    /// The buyer every payment gets unless seeded otherwise.
    pub const BUYER_EMAIL: &'static str = "buyer@example.com";

    /// Adds a completed sale of `gross` at `time`, as if paid earlier (to search for, or to refund), and returns
    /// its transaction ID.
    pub fn seed_sale(&self, gross: BasicAmountType, time: DateTime) -> String {
        let id = self.id(17);
        self.ledger().push(Entry {
            id: id.clone(),
            kind: EntryKind::Sale,
            gross,
            time,
            payer: Self::BUYER_EMAIL.to_owned(),
            parent: None,
            settled_minor: 0,
            closed: false,
        });
        id
    }

    /// Every entry so far, oldest first.
    #[must_use]
    pub fn entries(&self) -> Vec<Entry> {
        self.ledger().clone()
    }

    /// The IDs of the recurring payments profiles created so far.
    #[must_use]
    pub fn profiles(&self) -> Vec<String> {
        self.inner.profiles.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn ledger(&self) -> MutexGuard<'_, Vec<Entry>> {
        self.inner.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `len` characters of an uppercase alphanumeric ID, different on every call.
    fn id(&self, len: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXY";
        let mut n =
            self.inner.counter.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66;
        (0..len)
            .map(|_| {
                let c = ALPHABET[(n % 32) as usize] as char;
                n = n.rotate_right(5).wrapping_add(0x2545_F491_4F6C_DD1D);
                c
            })
            .collect()
    }

    /// Records a new entry now and returns it.
    fn record(&self, kind: EntryKind, gross: BasicAmountType, parent: Option<String>) -> Entry {
        let entry = Entry {
            id: self.id(17),
            kind,
            gross,
            time: now(),
            payer: Self::BUYER_EMAIL.to_owned(),
            parent,
            settled_minor: 0,
            closed: false,
        };
        self.ledger().push(entry.clone());
        entry
    }

    /// A sale or authorization of `details`' order total.
    fn charge(
        &self,
        action: Option<&PaymentActionCodeType>,
        total: Option<&BasicAmountType>,
    ) -> Result<Entry, Vec<ApiError>> {
        let total =
            total.filter(|t| t.minor_units().is_some()).ok_or_else(|| failure(10400, "Order total is missing."))?;
        let kind = match action {
            Some(PaymentActionCodeType::Sale) | None => EntryKind::Sale,
            Some(PaymentActionCodeType::Authorization) => EntryKind::Authorization,
            Some(_) => return Err(failure(10004, "This transaction cannot be processed with PaymentAction Order.")),
        };
        Ok(self.record(kind, total.clone(), None))
    }
}

fn now() -> DateTime {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Any time between 1970 and the year 2^31 is representable, so this cannot fail.
    DateTime::from_unix_utc(i64::try_from(secs).unwrap_or(0), 0).expect("the current time is a valid DateTime")
}

/// PayPal's "invalid argument" error `code` with `long` as its long message.
fn failure(code: u32, long: &str) -> Vec<ApiError> {
    let mut e = paypal_error(code);
    e.short_message =
        "Transaction refused because of an invalid argument. See additional error messages for details.".to_owned();
    e.long_message = Some(long.to_owned());
    vec![e]
}

/// A refusal of a refund (PayPal's 10009) with `long` as its long message.
fn refund_refused(long: &str) -> Vec<ApiError> {
    let mut e = paypal_error(10009);
    e.short_message = "Transaction refused".to_owned();
    e.long_message = Some(long.to_owned());
    vec![e]
}

fn status_of(kind: EntryKind) -> PaymentStatusCodeType {
    match kind {
        EntryKind::Authorization => PaymentStatusCodeType::Pending,
        _ => PaymentStatusCodeType::Completed,
    }
}

fn payment_info(entry: &Entry) -> PaymentInfoType {
    PaymentInfoType {
        transaction_id: Some(entry.id.clone()),
        parent_transaction_id: entry.parent.clone(),
        payment_type: Some(PaymentCodeType::Instant),
        payment_status: Some(status_of(entry.kind)),
        gross_amount: Some(entry.gross.clone()),
        ..Default::default()
    }
}

impl PayPalApi for PaymentsFake {
    async fn do_direct_payment(
        &self,
        _call: &Call,
        request: DoDirectPaymentRequestType,
    ) -> Reply<DoDirectPaymentResponseType> {
        let details = request.do_direct_payment_request_details.unwrap_or_default();
        let total = details.payment_details.as_ref().and_then(|p| p.order_total.as_ref());
        let entry = match self.charge(details.payment_action.as_ref(), total) {
            Ok(entry) => entry,
            Err(errors) => return Reply::Failure(errors),
        };
        Reply::Ok(DoDirectPaymentResponseType {
            amount: Some(entry.gross.clone()),
            avs_code: Some("X".to_owned()),
            cvv2_code: Some("M".to_owned()),
            payment_status: Some(status_of(entry.kind)),
            pending_reason: (entry.kind == EntryKind::Authorization).then_some(PendingStatusCodeType::Authorization),
            transaction_id: Some(entry.id),
            ..Default::default()
        })
    }

    async fn do_capture(&self, _call: &Call, request: DoCaptureRequestType) -> Reply<DoCaptureResponseType> {
        let id = request.authorization_id.unwrap_or_default();
        let Some(amount) = request.amount.filter(|a| a.minor_units().is_some_and(|m| m > 0)) else {
            return Reply::Failure(failure(10004, "The amount is not valid."));
        };
        let want = amount.minor_units().unwrap_or_default();
        let outcome = {
            let mut ledger = self.ledger();
            match ledger.iter_mut().find(|e| e.id == id && e.kind == EntryKind::Authorization) {
                None => Err(failure(10609, "Transaction id is invalid.")),
                Some(auth) if auth.closed => Err(failure(10602, "Authorization has already been completed.")),
                Some(auth) if auth.gross.currency_id != amount.currency_id => {
                    Err(failure(10004, "The currency must be the authorization's currency."))
                }
                Some(auth) if auth.settled_minor + want > auth.gross.minor_units().unwrap_or_default() => {
                    Err(failure(10610, "Amount specified exceeds allowable limit."))
                }
                Some(auth) => {
                    auth.settled_minor += want;
                    auth.closed = request.complete_type == Some(CompleteCodeType::Complete)
                        || auth.settled_minor == auth.gross.minor_units().unwrap_or_default();
                    Ok(())
                }
            }
        };
        if let Err(errors) = outcome {
            return Reply::Failure(errors);
        }
        let capture = self.record(EntryKind::Capture, amount, Some(id.clone()));
        Reply::Ok(DoCaptureResponseType {
            do_capture_response_details: Some(DoCaptureResponseDetailsType {
                authorization_id: Some(id),
                payment_info: Some(payment_info(&capture)),
                msg_sub_id: request.msg_sub_id,
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    async fn refund_transaction(
        &self,
        _call: &Call,
        request: RefundTransactionRequestType,
    ) -> Reply<RefundTransactionResponseType> {
        let id = request.transaction_id.unwrap_or_default();
        let outcome = {
            let mut ledger = self.ledger();
            let payment = ledger.iter_mut().find(|e| e.id == id);
            refund(payment, request.refund_type.as_ref(), request.amount.as_ref())
        };
        let refunded = match outcome {
            Ok(refunded) => refunded,
            Err(errors) => return Reply::Failure(errors),
        };
        let currency = refunded.currency.clone();
        let negative = BasicAmountType::from_minor(currency.clone(), -refunded.minor);
        let entry = self.record(EntryKind::Refund, negative, Some(id));
        let amount = BasicAmountType::from_minor(currency.clone(), refunded.minor);
        Reply::Ok(RefundTransactionResponseType {
            refund_transaction_id: Some(entry.id),
            gross_refund_amount: Some(amount.clone()),
            net_refund_amount: Some(amount),
            fee_refund_amount: Some(BasicAmountType::from_minor(currency.clone(), 0)),
            total_refunded_amount: Some(BasicAmountType::from_minor(currency, refunded.total)),
            msg_sub_id: request.msg_sub_id,
            ..Default::default()
        })
    }

    async fn transaction_search(
        &self,
        _call: &Call,
        request: TransactionSearchRequestType,
    ) -> Reply<TransactionSearchResponseType> {
        let Some(start) = request.start_date.as_ref().and_then(DateTime::to_unix_seconds) else {
            return Reply::Failure(failure(10003, "Start date is a required parameter"));
        };
        let end = request.end_date.as_ref().and_then(DateTime::to_unix_seconds).unwrap_or(i64::MAX);
        let mut found: Vec<Entry> = self
            .ledger()
            .iter()
            .filter(|e| e.time.to_unix_seconds().is_some_and(|t| t >= start && t <= end))
            .filter(|e| request.transaction_id.as_ref().is_none_or(|id| *id == e.id))
            .cloned()
            .collect();
        // Newest first, as PayPal lists them.
        found.sort_by_key(|e| std::cmp::Reverse(e.time.to_unix_seconds()));
        let truncated = found.len() > SEARCH_LIMIT;
        found.truncate(SEARCH_LIMIT);
        let results = found.iter().map(search_result).collect();
        let mut response = TransactionSearchResponseType { payment_transactions: results, ..Default::default() };
        if truncated {
            let mut warning = paypal_error(11002);
            warning.short_message = "Search warning".to_owned();
            warning.long_message = Some(
                "The number of results were truncated. Please change your search parameters if you wish to see all \
                 your results."
                    .to_owned(),
            );
            warning.severity = Some("Warning".to_owned());
            response.ack = Some(AckCodeType::SuccessWithWarning);
            response.errors = vec![warning.to_wire()];
        }
        Reply::Ok(response)
    }

    async fn create_recurring_payments_profile(
        &self,
        _call: &Call,
        request: CreateRecurringPaymentsProfileRequestType,
    ) -> Reply<CreateRecurringPaymentsProfileResponseType> {
        let details = request.create_recurring_payments_profile_request_details.unwrap_or_default();
        if details.token.is_none() && details.credit_card.is_none() {
            return Reply::Failure(failure(11502, "The token is missing or is invalid."));
        }
        let amount =
            details.schedule_details.as_ref().and_then(|s| s.payment_period.as_ref()).and_then(|p| p.amount.as_ref());
        if amount.and_then(BasicAmountType::minor_units).is_none() {
            return Reply::Failure(failure(11516, "The billing amount is missing or invalid."));
        }
        let profile = format!("I-{}", self.id(12));
        self.inner.profiles.lock().unwrap_or_else(PoisonError::into_inner).push(profile.clone());
        Reply::Ok(CreateRecurringPaymentsProfileResponseType {
            create_recurring_payments_profile_response_details: Some(
                CreateRecurringPaymentsProfileResponseDetailsType {
                    profile_id: Some(profile),
                    profile_status: Some(RecurringPaymentsProfileStatusType::ActiveProfile),
                    ..Default::default()
                },
            ),
            ..Default::default()
        })
    }

    async fn do_reference_transaction(
        &self,
        _call: &Call,
        request: DoReferenceTransactionRequestType,
    ) -> Reply<DoReferenceTransactionResponseType> {
        let details = request.do_reference_transaction_request_details.unwrap_or_default();
        let reference = details.reference_id.unwrap_or_default();
        // A reference is an earlier sale or capture of this account (billing agreements are Express Checkout's).
        let known =
            self.ledger().iter().any(|e| e.id == reference && matches!(e.kind, EntryKind::Sale | EntryKind::Capture));
        if !known {
            return Reply::Failure(failure(10004, "The transaction id is not valid"));
        }
        let total = details.payment_details.as_ref().and_then(|p| p.order_total.as_ref());
        let entry = match self.charge(details.payment_action.as_ref(), total) {
            Ok(entry) => entry,
            Err(errors) => return Reply::Failure(errors),
        };
        Reply::Ok(DoReferenceTransactionResponseType {
            do_reference_transaction_response_details: Some(DoReferenceTransactionResponseDetailsType {
                amount: Some(entry.gross.clone()),
                payment_info: Some(payment_info(&entry)),
                transaction_id: Some(entry.id),
                msg_sub_id: details.msg_sub_id,
                ..Default::default()
            }),
            ..Default::default()
        })
    }
}

/// What a refund took: its minor units, the total refunded so far, and the currency.
struct Refunded {
    minor: i64,
    total: i64,
    currency: CurrencyCodeType,
}

/// Applies a refund to `payment` with PayPal's rules.
fn refund(
    payment: Option<&mut Entry>,
    kind: Option<&RefundType>,
    amount: Option<&BasicAmountType>,
) -> Result<Refunded, Vec<ApiError>> {
    let payment = payment.ok_or_else(|| failure(10004, "The transaction id is not valid"))?;
    if !matches!(payment.kind, EntryKind::Sale | EntryKind::Capture) {
        return Err(refund_refused("You can not refund this type of transaction"));
    }
    let currency = payment.gross.currency_id.clone().unwrap_or(CurrencyCodeType::Usd);
    let gross = payment.gross.minor_units().unwrap_or_default();
    let left = gross - payment.settled_minor;
    if payment.closed || left <= 0 {
        return Err(refund_refused("This transaction has already been fully refunded"));
    }
    let minor = match (kind, amount) {
        (Some(RefundType::Full) | None, None) if payment.settled_minor > 0 => {
            return Err(refund_refused("Can not do a full refund after a partial refund"));
        }
        (Some(RefundType::Full) | None, None) => left,
        (Some(RefundType::Full), Some(_)) => {
            return Err(failure(10004, "You can not specify a partial amount with a full refund"));
        }
        (_, Some(a)) if a.currency_id.as_ref() != Some(&currency) => {
            return Err(refund_refused("The partial refund must be the same currency as the original transaction"));
        }
        (_, Some(a)) => match a.minor_units() {
            Some(m) if m <= 0 => return Err(failure(10004, "The partial refund amount must be a positive amount")),
            Some(m) if m > left => {
                return Err(refund_refused(
                    "The partial refund amount must be less than or equal to the remaining amount",
                ));
            }
            Some(m) => m,
            None => return Err(refund_refused("The partial refund amount is not valid")),
        },
        (Some(_), None) => return Err(failure(10004, "A partial refund needs an amount")),
    };
    payment.settled_minor += minor;
    payment.closed = payment.settled_minor >= gross;
    Ok(Refunded { minor, total: payment.settled_minor, currency })
}

/// One TransactionSearch row of `entry`.
fn search_result(entry: &Entry) -> PaymentTransactionSearchResultType {
    let currency = entry.gross.currency_id.clone().unwrap_or(CurrencyCodeType::Usd);
    PaymentTransactionSearchResultType {
        timestamp: Some(entry.time),
        timezone: Some("GMT".to_owned()),
        type_: Some(entry.kind.search_type().to_owned()),
        payer: Some(entry.payer.clone()),
        payer_display_name: Some("Test Buyer".to_owned()),
        transaction_id: Some(entry.id.clone()),
        status: Some(if entry.kind == EntryKind::Authorization { "Pending" } else { "Completed" }.to_owned()),
        gross_amount: Some(entry.gross.clone()),
        fee_amount: Some(BasicAmountType::from_minor(currency.clone(), 0)),
        net_amount: Some(entry.gross.clone()),
    }
}
