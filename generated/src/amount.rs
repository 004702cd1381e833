//! Typed access to PayPal amounts. `BasicAmountType` keeps an amount as the text PayPal sent (the schema
//! makes it an `xs:string`), so decoding never rounds, rejects or reinterprets it; [`BasicAmountType::amount`]
//! parses that text exactly when the caller asks, with the same rules `validate()` applies to requests.

use crate::generated::cc::BasicAmountType;
use paypal_soap_runtime::Decimal;
use paypal_soap_runtime::xml::ValueError;

impl BasicAmountType {
    /// The amount as an exact decimal, fraction digits kept: `1,000.00` is 1000.00, `1,234,567.89` is
    /// 1234567.89, `-5.00` is -5.00. `None` when the text is empty or only whitespace (`<Amount
    /// currencyID="USD"/>`, or an `xsi:nil` amount): an absent amount is never zero.
    ///
    /// # Errors
    /// A [`ValueError`] when the text is not an amount in PayPal's format (see [`Decimal::parse_amount`]): a
    /// comma as the decimal separator (`10,00`), grouping by periods (`1.000,00`), a currency symbol or an
    /// exponent. Such text is never read as some other number.
    ///
    /// # Example
    /// ```
    /// use paypal_soap::types::{BasicAmountType, CurrencyCodeType};
    /// let amount = |text: &str| BasicAmountType { value: text.to_owned(), currency_id: Some(CurrencyCodeType::Usd) };
    /// assert_eq!(amount("1,000.00").amount().unwrap().unwrap().to_string(), "1000.00");
    /// assert_eq!(amount("").amount().unwrap(), None);
    /// assert!(amount("10,00").amount().is_err());
    /// ```
    pub fn amount(&self) -> Result<Option<Decimal>, ValueError> {
        if self.value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')).is_empty() {
            return Ok(None);
        }
        Decimal::parse_amount(&self.value).map(Some)
    }
}
