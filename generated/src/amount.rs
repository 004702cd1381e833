//! Typed access to PayPal amounts. `BasicAmountType` keeps an amount as the text PayPal sent (the schema
//! makes it an `xs:string`), so decoding never rounds, rejects or reinterprets it; [`BasicAmountType::amount`]
//! parses that text exactly when the caller asks, with the same rules `validate()` applies to requests.

use crate::generated::cc::BasicAmountType;
use crate::generated::ebl::CurrencyCodeType;
use paypal_soap_runtime::Decimal;
use paypal_soap_runtime::policy::currencies;
use paypal_soap_runtime::xml::ValueError;

const EXPECTED: &str = "an amount with at most the currency's decimals";

impl BasicAmountType {
    /// `minor` units of `currency` (cents for USD, yen for JPY): `from_minor(Usd, 1995)` is `19.95 USD`,
    /// `from_minor(Jpy, 1995)` is `1995 JPY`. The text has exactly the currency's decimals (none for HUF, JPY
    /// and TWD, two for the others, from `paypal_soap_runtime::policy::currencies`), so PayPal accepts it as built.
    ///
    /// # Example
    /// ```
    /// use paypal_soap::types::{BasicAmountType, CurrencyCodeType};
    /// assert_eq!(BasicAmountType::from_minor(CurrencyCodeType::Usd, 1995).value, "19.95");
    /// assert_eq!(BasicAmountType::from_minor(CurrencyCodeType::Jpy, 1995).value, "1995");
    /// assert_eq!(BasicAmountType::from_minor(CurrencyCodeType::Eur, -5).value, "-0.05");
    /// ```
    #[must_use]
    pub fn from_minor(currency: CurrencyCodeType, minor: i64) -> Self {
        let scale = currencies::decimals(currency.as_str());
        Self { value: Decimal::from_minor_units(minor, scale).to_string(), currency_id: Some(currency) }
    }

    /// An exact decimal amount of `currency`, written with exactly the currency's decimals: `19.9` USD is sent as
    /// `19.90`, `500.00` JPY as `500`.
    ///
    /// # Errors
    /// A [`ValueError`] when `amount` has more (non-zero) decimals than the currency allows (`19.999` USD,
    /// `10.5` JPY), or is too large for PayPal: it is never rounded.
    ///
    /// # Example
    /// ```
    /// use paypal_soap::Decimal;
    /// use paypal_soap::types::{BasicAmountType, CurrencyCodeType};
    /// let price: Decimal = "19.9".parse()?;
    /// assert_eq!(BasicAmountType::new(CurrencyCodeType::Usd, &price)?.value, "19.90");
    /// assert!(BasicAmountType::new(CurrencyCodeType::Jpy, &price).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(currency: CurrencyCodeType, amount: &Decimal) -> Result<Self, ValueError> {
        let scale = currencies::decimals(currency.as_str());
        let minor = amount.to_minor_units(scale).ok_or_else(|| {
            let code = currency.as_str();
            ValueError::new(EXPECTED).with_detail(format!("{amount} has more than {scale} decimals for {code}"))
        })?;
        Ok(Self::from_minor(currency, minor))
    }

    /// Parses `text` as an exact decimal (`"19.95"`, no thousands separators) and builds the amount as
    /// [`BasicAmountType::new`] does.
    ///
    /// # Errors
    /// A [`ValueError`] when `text` is not a decimal number or has more decimals than the currency allows.
    ///
    /// # Example
    /// ```
    /// use paypal_soap::types::{BasicAmountType, CurrencyCodeType};
    /// assert_eq!(BasicAmountType::parse(CurrencyCodeType::Gbp, "5")?.value, "5.00");
    /// assert!(BasicAmountType::parse(CurrencyCodeType::Usd, "5,00").is_err());
    /// # Ok::<(), paypal_soap::wire::xml::ValueError>(())
    /// ```
    pub fn parse(currency: CurrencyCodeType, text: &str) -> Result<Self, ValueError> {
        let amount: Decimal = text.parse()?;
        Self::new(currency, &amount)
    }

    /// The amount in minor units of its currency (`19.95 USD` is 1995): `None` when the text is empty or not an
    /// amount, when it has more decimals than the currency has, or when it has no currency.
    #[must_use]
    pub fn minor_units(&self) -> Option<i64> {
        let currency = self.currency_id.as_ref()?;
        self.amount().ok().flatten()?.to_minor_units(currencies::decimals(currency.as_str()))
    }

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
