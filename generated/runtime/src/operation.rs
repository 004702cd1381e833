//! Operation descriptors: what the client and the fake server need to know about one WSDL operation (its wire
//! names, its port, and what a call can do to the merchant's money). Generated code fills one constant per
//! operation (`services::ops` of the generated module).

use std::fmt;

/// What a call can change; the rule by operation name lives in `paypal_soap_policy::effects`, which the
/// generator applies when it writes each operation's descriptor.
pub use paypal_soap_policy::Effect;

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
