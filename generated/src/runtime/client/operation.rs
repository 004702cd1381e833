//! Operation descriptors: what the client and the fake server need to know about one WSDL operation (its wire
//! names, its port, and what a call can do to the merchant's money). Generated code fills one constant per
//! operation (`crate::generated::services::ops`).

use std::fmt;

/// What a call can change, which decides when it may be sent twice.
///
/// The rule the generator applies to operation names: `Get*`, `BMGet*`, `*Search` and `AddressVerify` are
/// [`Effect::ReadOnly`]; operations that charge, pay out, authorize, capture, void, refund or reverse
/// (`Do*`, `MassPay`, `RefundTransaction`, `ReverseTransaction`, `BillUser`, `BillOutstandingAmount`,
/// `CreateRecurringPaymentsProfile`, `CreateMobilePayment`, `ExecuteCheckoutOperations`,
/// `ManagePendingTransactionStatus`, `InitiateRecoup`, `CompleteRecoup`) are [`Effect::MovesMoney`]; everything
/// else is [`Effect::Mutating`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Reads data only: sending it twice is harmless, so it may be retried after any transient failure when the
    /// caller opts in with a [`super::RetryPolicy`].
    ReadOnly,
    /// Changes state at PayPal without moving money (creates a token, a button, a billing agreement). Retried
    /// only when the request certainly never left this process.
    Mutating,
    /// Can move money. Never retried once the request may have reached PayPal: a lost answer makes the outcome
    /// unknown, and the error says so.
    MovesMoney,
}

impl Effect {
    /// True for [`Effect::ReadOnly`].
    #[must_use]
    pub fn is_read_only(self) -> bool {
        self == Effect::ReadOnly
    }
}

/// One WSDL operation as bound to its port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The WSDL operation name (`SetExpressCheckout`).
    pub name: &'static str,
    /// The WSDL port that exposes it (`PayPalAPI` or `PayPalAPIAA`).
    pub port: &'static str,
    /// `soapAction` of the binding (empty for every PayPal operation; sent as `SOAPAction: ""`).
    pub soap_action: &'static str,
    /// Namespace of the request's body element.
    pub request_ns: &'static str,
    /// Local name of the request's body element (`SetExpressCheckoutReq`).
    pub request_element: &'static str,
    /// Namespace of the response's body element.
    pub response_ns: &'static str,
    /// Local name of the response's body element (`SetExpressCheckoutResponse`).
    pub response_element: &'static str,
    /// What a call can change.
    pub effect: Effect,
    /// Where the request carries `MsgSubID` (PayPal's idempotency key), as a Rust field path from the request
    /// type (`msg_sub_id`, `do_capture_request_details.msg_sub_id`); `None` when the operation has none.
    pub msg_sub_id: Option<&'static str>,
}

impl Operation {
    /// True when the operation can move money.
    #[must_use]
    pub fn moves_money(&self) -> bool {
        self.effect == Effect::MovesMoney
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}
