//! What a call can change, by operation name: the rule that decides when a call may be sent twice.

use std::fmt;

/// What a call can change, which decides when it may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Effect {
    /// Reads data only: sending it twice is harmless, so it may be retried after any transient failure when the
    /// caller opts in with a retry policy.
    ReadOnly,
    /// Changes state at PayPal without moving money (creates a token, a button, a billing agreement). Retried
    /// only when the request certainly never left this process.
    Mutating,
    /// Can move money. Never retried once the request may have reached PayPal: a lost answer makes the outcome
    /// unknown, and the error says so.
    MovesMoney,
}

/// Operations outside the `Do*` family that can move money: they charge, pay out, refund, reverse or recover
/// funds, or start a subscription that may charge an initial amount at once.
pub const MOVES_MONEY: &[&str] = &[
    "BillOutstandingAmount",
    "BillUser",
    "CompleteRecoup",
    "CreateMobilePayment",
    "CreateRecurringPaymentsProfile",
    "ExecuteCheckoutOperations",
    "InitiateRecoup",
    "ManagePendingTransactionStatus",
    "MassPay",
    "RefundTransaction",
    "ReverseTransaction",
];

impl Effect {
    /// Every effect, from the most harmless.
    pub const ALL: [Effect; 3] = [Effect::ReadOnly, Effect::Mutating, Effect::MovesMoney];

    /// The rule, by WSDL operation name: `Do*` and [`MOVES_MONEY`] move money; `Get*`, `BMGet*`, `*Search` and
    /// `AddressVerify` only read; everything else changes state without moving money. Unknown names fall into
    /// the cautious [`Effect::Mutating`] class, so a new operation is never retried by mistake.
    #[must_use]
    pub fn of(operation: &str) -> Effect {
        if operation.starts_with("Do") || MOVES_MONEY.contains(&operation) {
            Effect::MovesMoney
        } else if operation.starts_with("Get")
            || operation.starts_with("BMGet")
            || operation.ends_with("Search")
            || operation == "AddressVerify"
        {
            Effect::ReadOnly
        } else {
            Effect::Mutating
        }
    }

    /// The variant's name, as generated code spells it (`MovesMoney`).
    #[must_use]
    pub const fn variant(self) -> &'static str {
        match self {
            Effect::ReadOnly => "ReadOnly",
            Effect::Mutating => "Mutating",
            Effect::MovesMoney => "MovesMoney",
        }
    }

    /// True for [`Effect::ReadOnly`].
    #[must_use]
    pub fn is_read_only(self) -> bool {
        self == Effect::ReadOnly
    }
}

/// A few words for docs and logs: `read-only`, `changes state`, `moves money`.
impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::ReadOnly => "read-only",
            Effect::Mutating => "changes state",
            Effect::MovesMoney => "moves money",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Effect;

    #[test]
    fn rule() {
        for name in ["DoExpressCheckoutPayment", "DoVoid", "MassPay", "RefundTransaction", "BillUser"] {
            assert_eq!(Effect::of(name), Effect::MovesMoney, "{name}");
        }
        for name in ["GetBalance", "BMGetInventory", "TransactionSearch", "BMButtonSearch", "AddressVerify"] {
            assert_eq!(Effect::of(name), Effect::ReadOnly, "{name}");
        }
        for name in ["SetExpressCheckout", "BMCreateButton", "ManageRecurringPaymentsProfileStatus", "SomethingNew"] {
            assert_eq!(Effect::of(name), Effect::Mutating, "{name}");
        }
    }
}
