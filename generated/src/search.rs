//! TransactionSearch past PayPal's cap of 100 results: [`Client::transaction_search_all`] splits the date range
//! in halves until every window's answer is complete, and collects them all.
//!
//! PayPal answers a TransactionSearch with at most 100 transactions and, when more matched, adds warning 11002
//! ("Search warning: the number of transactions returned exceeds the maximum") with `Ack=SuccessWithWarning`.
//! There is no paging. A window counts as complete when its answer has no 11002 and fewer than 100 results (a
//! window of exactly 100 is split too, since PayPal does not always send the warning). Windows are whole
//! seconds, both ends included, and never overlap: `[start, middle]` then `[middle + 1 s, end]`. PayPal's
//! timestamps are whole seconds, so no transaction is listed twice.

use paypal_soap_runtime::DateTime;

use crate::client::{Client, Error};
use crate::generated::ebl::PaymentTransactionSearchResultType;
use crate::generated::types::TransactionSearchRequestType;

/// The most transactions PayPal returns for one TransactionSearch.
pub const MAX_RESULTS: usize = 100;

/// The warning PayPal adds when a search matched more than [`MAX_RESULTS`] transactions.
pub const TRUNCATED_WARNING: &str = "11002";

/// One date window that was searched and came back complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchWindow {
    /// Its first second.
    pub start: DateTime,
    /// Its last second (included).
    pub end: DateTime,
    /// How many transactions it returned (fewer than [`MAX_RESULTS`]).
    pub results: usize,
}

/// Every transaction of a date range, and the windows they came from.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The transactions, window by window from the oldest window on; within a window in PayPal's order
    /// (newest first).
    pub transactions: Vec<PaymentTransactionSearchResultType>,
    /// The complete windows, oldest first.
    pub windows: Vec<SearchWindow>,
    /// How many TransactionSearch calls were made (complete windows plus the truncated ones that were split).
    pub calls: usize,
}

/// Why [`Client::transaction_search_all`] stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    /// A TransactionSearch call failed; what was collected before it is in `collected`.
    #[error("{source}")]
    Call {
        /// The failure.
        #[source]
        source: Error,
        /// The windows completed before it.
        collected: Box<SearchResults>,
    },
    /// One second held more than [`MAX_RESULTS`] transactions, so no window can list them all.
    #[error("more than {MAX_RESULTS} transactions in the one second at {at:?}: add filters to the search")]
    Unsplittable {
        /// The second.
        at: DateTime,
        /// The windows completed before it.
        collected: Box<SearchResults>,
    },
    /// A start or end without a UTC offset (the instant is unknown), or an end before the start.
    #[error("invalid search range: {0}")]
    InvalidRange(&'static str),
}

impl Client {
    /// Every transaction from `start` to `end` (both included) that matches `filters`, in as many
    /// TransactionSearch calls as it takes to stay under PayPal's 100-result cap: a truncated window (warning
    /// 11002, or 100 results) is split in two, and the halves searched in turn, until every window is complete.
    ///
    /// `filters` is the search to run (payer, status, amount, …); its `StartDate` and `EndDate` are replaced by
    /// each window's.
    ///
    /// # Errors
    /// [`SearchError::Call`] when a search fails, [`SearchError::Unsplittable`] when a single second holds more
    /// than 100 matches, [`SearchError::InvalidRange`] for a range without offsets or with `end` before `start`.
    ///
    /// # Example
    /// ```no_run
    /// # async fn f(client: paypal_soap::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use paypal_soap::DateTime;
    /// use paypal_soap::types::TransactionSearchRequestType;
    /// let start = DateTime::from_unix_utc(1_793_491_200, 0)?; // 2026-11-01T00:00:00Z
    /// let end = DateTime::from_unix_utc(1_796_083_199, 0)?; // 2026-11-30T23:59:59Z
    /// let all = client.transaction_search_all(TransactionSearchRequestType::default(), start, end).await?;
    /// println!("{} transactions in {} windows", all.transactions.len(), all.windows.len());
    /// # Ok(()) }
    /// ```
    pub async fn transaction_search_all(
        &self,
        filters: TransactionSearchRequestType,
        start: DateTime,
        end: DateTime,
    ) -> Result<SearchResults, SearchError> {
        let first = start.to_unix_seconds().ok_or(SearchError::InvalidRange("the start has no utc offset"))?;
        let last = end.to_unix_seconds().ok_or(SearchError::InvalidRange("the end has no utc offset"))?;
        if last < first {
            return Err(SearchError::InvalidRange("the end is before the start"));
        }
        let mut out = SearchResults::default();
        // Windows still to search, the oldest on top, so that results come out in date order.
        let mut pending = vec![(first, last)];
        while let Some((from, to)) = pending.pop() {
            let (from_time, to_time) = (instant(from)?, instant(to)?);
            let request = TransactionSearchRequestType {
                start_date: Some(from_time),
                end_date: Some(to_time),
                ..filters.clone()
            };
            out.calls += 1;
            let response = match self.transaction_search(request).await {
                Ok(r) => r,
                Err(source) => return Err(SearchError::Call { source, collected: Box::new(out) }),
            };
            let truncated = response.warnings().iter().any(|w| w.code.trim() == TRUNCATED_WARNING)
                || response.payment_transactions.len() >= MAX_RESULTS;
            if !truncated {
                let mut found = response.into_payload().payment_transactions;
                out.windows.push(SearchWindow { start: from_time, end: to_time, results: found.len() });
                out.transactions.append(&mut found);
                continue;
            }
            if from == to {
                return Err(SearchError::Unsplittable { at: from_time, collected: Box::new(out) });
            }
            let middle = from + (to - from) / 2;
            tracing::debug!(from = %from_time, to = %to_time, "transaction search truncated, splitting the window");
            pending.push((middle + 1, to));
            pending.push((from, middle));
        }
        Ok(out)
    }
}

fn instant(seconds: i64) -> Result<DateTime, SearchError> {
    DateTime::from_unix_utc(seconds, 0).map_err(|_| SearchError::InvalidRange("a date outside the calendar"))
}
