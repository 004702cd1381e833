//! Which values are secret, and how each is masked wherever it would otherwise be shown: in `Debug` of every
//! generated type, in trace logs of request and response bodies, and in error texts.
//!
//! Secrets are recognised by the element's (or attribute's) local name, whatever its namespace, because PayPal
//! uses its namespaces loosely and because logs mask text that may not even be well-formed XML.

use std::fmt;

/// How a secret value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mask {
    /// Nothing of the value is shown: it becomes [`MASK`].
    Whole,
    /// Separators are dropped and every letter or digit but the last four becomes `*`, as card receipts print
    /// card numbers; a value of four characters or fewer is masked whole.
    AllButLastFour,
}

/// What kind of secret a value is: it decides nothing at run time, but says why the name is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SecretKind {
    /// An API credential: it lets anyone act as the merchant.
    Credential,
    /// A session or authorization token granted to the merchant.
    Token,
    /// Card data that PCI DSS forbids showing: the card number (all but the last four) and the verification value.
    CardData,
}

/// One element (or attribute) name whose value is secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Secret {
    /// The local name, exactly as on the wire (case matters: `Password`, not `password`).
    pub name: &'static str,
    /// What it is.
    pub kind: SecretKind,
    /// How it is shown.
    pub mask: Mask,
}

/// What a wholly masked value becomes.
pub const MASK: &str = "***";

/// Every secret name, sorted by name. This is the one list: the generator masks these fields in `Debug`, and the
/// client masks these elements in logs and error texts.
pub const SECRETS: &[Secret] = &[
    Secret { name: "AuthCert", kind: SecretKind::Credential, mask: Mask::Whole },
    Secret { name: "AuthToken", kind: SecretKind::Token, mask: Mask::Whole },
    Secret { name: "CVV2", kind: SecretKind::CardData, mask: Mask::Whole },
    Secret { name: "CardNumber", kind: SecretKind::CardData, mask: Mask::AllButLastFour },
    Secret { name: "CreditCardNumber", kind: SecretKind::CardData, mask: Mask::AllButLastFour },
    Secret { name: "Password", kind: SecretKind::Credential, mask: Mask::Whole },
    Secret { name: "RefreshToken", kind: SecretKind::Token, mask: Mask::Whole },
    Secret { name: "SessionToken", kind: SecretKind::Token, mask: Mask::Whole },
    Secret { name: "Signature", kind: SecretKind::Credential, mask: Mask::Whole },
    Secret { name: "UATPNumber", kind: SecretKind::CardData, mask: Mask::AllButLastFour },
    Secret { name: "eBayAuthToken", kind: SecretKind::Token, mask: Mask::Whole },
];

/// The secret named `local_name`, if it is one.
#[must_use]
pub fn secret(local_name: &str) -> Option<&'static Secret> {
    SECRETS.iter().find(|s| s.name == local_name)
}

impl Mask {
    /// `value` as it may be shown.
    ///
    /// ```
    /// use paypal_soap_policy::Mask;
    /// assert_eq!(Mask::Whole.apply("hunter2"), "***");
    /// assert_eq!(Mask::AllButLastFour.apply("4111111111111111"), "************1111");
    /// assert_eq!(Mask::AllButLastFour.apply("4111-1111-1111-1111"), "************1111");
    /// assert_eq!(Mask::AllButLastFour.apply("12"), "***");
    /// ```
    #[must_use]
    pub fn apply(self, value: &str) -> String {
        match self {
            Mask::Whole => MASK.to_owned(),
            Mask::AllButLastFour => {
                let kept: Vec<char> = value.chars().filter(char::is_ascii_alphanumeric).collect();
                if kept.len() <= 4 {
                    return MASK.to_owned();
                }
                let hidden = kept.len() - 4;
                let mut out = "*".repeat(hidden);
                out.extend(&kept[hidden..]);
                out
            }
        }
    }
}

/// A value shown through its [`Mask`]: its `Debug` and `Display` print the masked text, never the value.
///
/// ```
/// use paypal_soap_policy::{Mask, secrets::Masked};
/// assert_eq!(format!("{:?}", Masked("4111111111111111", Mask::AllButLastFour)), "\"************1111\"");
/// ```
#[derive(Clone, Copy)]
pub struct Masked<'a>(pub &'a str, pub Mask);

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.1.apply(self.0), f)
    }
}

impl fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1.apply(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_has_no_duplicates() {
        assert!(SECRETS.windows(2).all(|w| w[0].name < w[1].name), "keep SECRETS sorted by name");
    }

    #[test]
    fn card_numbers_keep_their_last_four_characters_only() {
        assert_eq!(Mask::AllButLastFour.apply("5555 5555 5555 4444"), "************4444");
        assert_eq!(Mask::AllButLastFour.apply("12"), MASK);
        assert_eq!(Mask::Whole.apply(""), MASK);
    }

    #[test]
    fn lookup_is_by_exact_local_name() {
        assert_eq!(secret("CVV2").map(|s| s.mask), Some(Mask::Whole));
        assert_eq!(secret("CreditCardNumber").map(|s| s.kind), Some(SecretKind::CardData));
        assert!(secret("password").is_none());
        assert!(secret("CVV2Code").is_none());
    }
}
