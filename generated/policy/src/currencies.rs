//! The currencies PayPal accepts for payments, as data: how many decimals each amount may have, and the largest
//! single transaction PayPal's classic documentation states for it.
//!
//! Sources:
//! - The 25 codes and which of them have no decimals (HUF, JPY, TWD) are PayPal's "Currency codes" reference
//!   (developer.paypal.com, "PayPal-supported currency codes"), which the classic API shares.
//! - The maxima are Table 2-7 of the July 2006 "SOAP API Reference" ("supported currencies and maximum
//!   transaction amounts"), which lists six currencies only. The same document also says, on every amount,
//!   "must not exceed $10,000 USD in any currency"; the two disagree for EUR and GBP, so the client reports an
//!   amount over its maximum as a warning, never as an error.

/// One currency PayPal accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// The ISO 4217 code (`USD`).
    pub code: &'static str,
    /// How many decimals an amount in it may have (0 for HUF, JPY and TWD, 2 otherwise).
    pub decimals: u32,
    /// The largest single transaction, in whole units, when PayPal's documentation states one.
    pub max_transaction: Option<u64>,
}

const fn c(code: &'static str, decimals: u32, max_transaction: Option<u64>) -> Currency {
    Currency { code, decimals, max_transaction }
}

/// Every currency PayPal accepts for payments, by code.
pub const CURRENCIES: &[Currency] = &[
    c("AUD", 2, Some(12_500)),
    c("BRL", 2, None),
    c("CAD", 2, Some(12_500)),
    c("CHF", 2, None),
    c("CNY", 2, None),
    c("CZK", 2, None),
    c("DKK", 2, None),
    c("EUR", 2, Some(8_000)),
    c("GBP", 2, Some(5_500)),
    c("HKD", 2, None),
    c("HUF", 0, None),
    c("ILS", 2, None),
    c("JPY", 0, Some(1_000_000)),
    c("MXN", 2, None),
    c("MYR", 2, None),
    c("NOK", 2, None),
    c("NZD", 2, None),
    c("PHP", 2, None),
    c("PLN", 2, None),
    c("RUB", 2, None),
    c("SEK", 2, None),
    c("SGD", 2, None),
    c("THB", 2, None),
    c("TWD", 0, None),
    c("USD", 2, Some(10_000)),
];

/// The currency with this code, when PayPal accepts it.
#[must_use]
pub fn currency(code: &str) -> Option<&'static Currency> {
    let key = key(code.as_bytes())?;
    CURRENCIES.binary_search_by_key(&key, |c| self::key(c.code.as_bytes()).unwrap_or(0)).ok().map(|i| &CURRENCIES[i])
}

/// How many decimals an amount in `code` may have: the table's number, or 2 (ISO 4217's most common) for a
/// currency PayPal does not list, which a rule then reports.
#[must_use]
#[inline]
pub fn decimals(code: &str) -> u32 {
    // `validate()` asks once per amount of a request, so this looks through the few currencies without two
    // decimals (derived from the table when compiling), comparing codes as integers.
    let Some(key) = key(code.as_bytes()) else { return 2 };
    NOT_TWO_DECIMALS.iter().find(|(k, _)| *k == key).map_or(2, |(_, d)| *d)
}

/// A three-letter code as a big-endian integer, so integer order is the table's (byte) order.
#[inline]
const fn key(code: &[u8]) -> Option<u32> {
    match *code {
        [a, b, c] => Some(u32::from_be_bytes([0, a, b, c])),
        _ => None,
    }
}

/// (code key, decimals) of every currency whose decimals are not two.
const NOT_TWO_DECIMALS: [(u32, u32); not_two_count()] = not_two();

const fn not_two_count() -> usize {
    let (mut i, mut n) = (0, 0);
    while i < CURRENCIES.len() {
        if CURRENCIES[i].decimals != 2 {
            n += 1;
        }
        i += 1;
    }
    n
}

const fn not_two() -> [(u32, u32); not_two_count()] {
    let mut out = [(0, 0); not_two_count()];
    let (mut i, mut n) = (0, 0);
    while i < CURRENCIES.len() {
        let c = &CURRENCIES[i];
        if c.decimals != 2 {
            let key = match key(c.code.as_bytes()) {
                Some(k) => k,
                None => 0,
            };
            out[n] = (key, c.decimals);
            n += 1;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique_so_lookup_finds_every_code() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].code < w[1].code));
        for c in CURRENCIES {
            assert_eq!(currency(c.code), Some(c));
        }
        assert_eq!(currency("XXX"), None);
    }

    #[test]
    fn zero_decimal_currencies_are_paypals_three() {
        let zero: Vec<_> = CURRENCIES.iter().filter(|c| c.decimals == 0).map(|c| c.code).collect();
        assert_eq!(zero, ["HUF", "JPY", "TWD"]);
        assert_eq!(decimals("USD"), 2);
        assert_eq!(decimals("ZZZ"), 2);
    }
}
