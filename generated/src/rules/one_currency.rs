//! The one check behind every "all in one currency" rule (a payment's amounts, a checkout's payments, a MassPay
//! request's items): each amount's currency is compared with the one expected, which is given up front or is the
//! first currency seen.

use crate::types::{BasicAmountType, CurrencyCodeType};

/// The currency a group of amounts must share.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct OneCurrency<'a> {
    expected: Option<&'a CurrencyCodeType>,
}

impl<'a> OneCurrency<'a> {
    /// Every amount must be in `expected`.
    pub(super) fn of(expected: &'a CurrencyCodeType) -> Self {
        Self { expected: Some(expected) }
    }

    /// `(found, expected)` when `amount` names a currency other than the expected one. An amount without a
    /// currency is not compared (the schema check reports it), and with nothing expected yet its currency
    /// becomes the expected one.
    pub(super) fn differs(&mut self, amount: Option<&'a BasicAmountType>) -> Option<(&'a str, &'a str)> {
        let found = amount?.currency_id.as_ref()?;
        // Currencies are compared as enum values, and written out only for a mismatch: every amount of a request
        // passes here on every `validate()`.
        match self.expected {
            None => {
                self.expected = Some(found);
                None
            }
            Some(expected) => (expected != found).then(|| (found.as_str(), expected.as_str())),
        }
    }
}
