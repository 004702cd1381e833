//! A ready-made [`PayPalApi`] that plays PayPal's TransactionSearch over a list of transactions: the ones whose
//! time falls between `StartDate` and `EndDate` (both included), newest first, at most 100, with warning 11002
//! and `Ack=SuccessWithWarning` when more matched, as PayPal answers.

use std::sync::Arc;

use super::exchange::Call;
use super::reply::{Reply, paypal_error};
use crate::generated::cc::BasicAmountType;
use crate::generated::ebl::{AckCodeType, CurrencyCodeType, PaymentTransactionSearchResultType};
use crate::generated::types::{TransactionSearchRequestType, TransactionSearchResponseType};
use crate::search::MAX_RESULTS;
use crate::server::PayPalApi;
use paypal_soap_runtime::DateTime;

/// PayPal's side of TransactionSearch over fixed transactions. Clones share them.
#[derive(Debug, Clone, Default)]
pub struct TransactionSearchFake {
    transactions: Arc<Vec<PaymentTransactionSearchResultType>>,
}

impl TransactionSearchFake {
    /// Searches `transactions` (each needs a `Timestamp` with an offset to be found).
    #[must_use]
    pub fn new(transactions: Vec<PaymentTransactionSearchResultType>) -> Self {
        Self { transactions: Arc::new(transactions) }
    }

    /// `count` completed USD payments, one every `every_seconds` from `first` (Unix seconds, UTC), with
    /// transaction IDs `TXN00000000000` and up, amounts 1.00 and up.
    #[must_use]
    pub fn evenly_spaced(count: usize, first: i64, every_seconds: i64) -> Self {
        let transactions = (0..count)
            .map(|i| {
                let at = first + i64::try_from(i).unwrap_or(i64::MAX) * every_seconds;
                PaymentTransactionSearchResultType {
                    timestamp: DateTime::from_unix_utc(at, 0).ok(),
                    timezone: Some("GMT".to_owned()),
                    type_: Some("Payment".to_owned()),
                    payer: Some(format!("buyer{i}@example.com")),
                    transaction_id: Some(format!("TXN{i:014}")),
                    status: Some("Completed".to_owned()),
                    gross_amount: Some(BasicAmountType {
                        value: format!("{}.00", i + 1),
                        currency_id: Some(CurrencyCodeType::Usd),
                    }),
                    ..Default::default()
                }
            })
            .collect();
        Self::new(transactions)
    }

    /// Every transaction it holds.
    #[must_use]
    pub fn transactions(&self) -> &[PaymentTransactionSearchResultType] {
        &self.transactions
    }
}

impl PayPalApi for TransactionSearchFake {
    async fn transaction_search(
        &self,
        _call: &Call,
        request: TransactionSearchRequestType,
    ) -> Reply<TransactionSearchResponseType> {
        let Some(start) = request.start_date.as_ref().and_then(DateTime::to_unix_seconds) else {
            let mut e = paypal_error(10004);
            e.long_message = Some("Start date is a required parameter.".to_owned());
            return Reply::Failure(vec![e]);
        };
        let end = request.end_date.as_ref().and_then(DateTime::to_unix_seconds).unwrap_or(i64::MAX);
        let mut found: Vec<(i64, &PaymentTransactionSearchResultType)> = self
            .transactions
            .iter()
            .filter_map(|t| Some((t.timestamp.as_ref()?.to_unix_seconds()?, t)))
            .filter(|(at, _)| (start..=end).contains(at))
            .collect();
        // Newest first, as PayPal lists them.
        found.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        let truncated = found.len() > MAX_RESULTS;
        let mut response = TransactionSearchResponseType {
            payment_transactions: found.into_iter().take(MAX_RESULTS).map(|(_, t)| t.clone()).collect(),
            ..Default::default()
        };
        if truncated {
            let mut warning = paypal_error(11002);
            warning.severity = Some("Warning".to_owned());
            response.ack = Some(AckCodeType::SuccessWithWarning);
            response.errors.push(warning.to_wire());
        }
        Reply::Ok(response)
    }
}
