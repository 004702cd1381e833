//! What a successful call returns ([`Response`]), one entry of a response's `Errors` ([`ApiError`]), and the
//! trait every generated response type implements ([`ApiResponse`]) so the client can read, and the fake server
//! fill in, the fields all PayPal responses share (`AbstractResponseType`).

use std::fmt;
use std::ops::Deref;

use crate::generated::ebl::{AckCodeType, ErrorParameterType, ErrorType, SeverityCodeType};
use paypal_soap_runtime::DateTime;
use paypal_soap_runtime::xml::{DecodeReport, XmlRead, XmlScalar, XmlWrite};

/// The fields every PayPal response inherits from `AbstractResponseType`, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct CommonFields<'a> {
    /// `Timestamp`: when PayPal answered.
    pub timestamp: Option<&'a DateTime>,
    /// `Ack`: the outcome.
    pub ack: Option<&'a AckCodeType>,
    /// `CorrelationID`: the number PayPal's support asks for.
    pub correlation_id: Option<&'a str>,
    /// `Errors`: errors and warnings.
    pub errors: &'a [ErrorType],
    /// `Version`: the API version PayPal answered with.
    pub version: Option<&'a str>,
    /// `Build`: PayPal's build number.
    pub build: Option<&'a str>,
}

/// The fields every PayPal response inherits from `AbstractResponseType`, mutably (for servers and tests).
#[derive(Debug)]
pub struct CommonFieldsMut<'a> {
    /// `Timestamp`.
    pub timestamp: &'a mut Option<DateTime>,
    /// `Ack`.
    pub ack: &'a mut Option<AckCodeType>,
    /// `CorrelationID`.
    pub correlation_id: &'a mut Option<String>,
    /// `Errors`.
    pub errors: &'a mut Vec<ErrorType>,
    /// `Version`.
    pub version: &'a mut Option<String>,
    /// `Build`.
    pub build: &'a mut Option<String>,
}

/// A response type of one operation. Implemented by generated code for every response type.
pub trait ApiResponse: XmlRead + XmlWrite + Default + fmt::Debug + Send + Sync + 'static {
    /// The shared fields.
    fn common(&self) -> CommonFields<'_>;
    /// The shared fields, mutably.
    fn common_mut(&mut self) -> CommonFieldsMut<'_>;
}

/// One entry of a response's `Errors`: an error, or a warning on a successful call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiError {
    /// `ErrorCode` (`10486`); empty when PayPal sent none.
    pub code: String,
    /// `ShortMessage`.
    pub short_message: String,
    /// `LongMessage`, when present.
    pub long_message: Option<String>,
    /// `SeverityCode` as sent (`Error`, `Warning`, `PartialSuccess`), when present.
    pub severity: Option<String>,
    /// `ErrorParameters` values, in order.
    pub parameters: Vec<String>,
}

impl ApiError {
    /// Converts one received `ErrorType`.
    #[must_use]
    pub fn from_wire(e: &ErrorType) -> Self {
        Self {
            code: e.error_code.clone().unwrap_or_default(),
            short_message: e.short_message.clone().unwrap_or_default(),
            long_message: e.long_message.clone(),
            severity: e.severity_code.as_ref().map(severity_text),
            parameters: e.error_parameters.iter().filter_map(|p| p.value.clone()).collect(),
        }
    }

    /// Builds the wire form, for servers: a code, a short and a long message, and the severity.
    #[must_use]
    pub fn to_wire(&self) -> ErrorType {
        ErrorType {
            short_message: Some(self.short_message.clone()),
            long_message: self.long_message.clone(),
            error_code: Some(self.code.clone()),
            severity_code: Some(match self.severity.as_deref() {
                Some("Warning") => SeverityCodeType::Warning,
                Some("PartialSuccess") => SeverityCodeType::PartialSuccess,
                _ => SeverityCodeType::Error,
            }),
            error_parameters: self
                .parameters
                .iter()
                .map(|v| ErrorParameterType { value: Some(v.clone()), ..ErrorParameterType::default() })
                .collect(),
        }
    }

    /// The code as a number (`10486`), when it is one.
    #[must_use]
    pub fn code_number(&self) -> Option<u32> {
        self.code.trim().parse().ok()
    }

    /// PayPal's most specific message: the long one when present, else the short one.
    #[must_use]
    pub fn message(&self) -> &str {
        self.long_message.as_deref().filter(|m| !m.trim().is_empty()).unwrap_or(&self.short_message)
    }

    /// True when the severity is `Warning`.
    #[must_use]
    pub fn is_warning(&self) -> bool {
        self.severity.as_deref() == Some("Warning")
    }
}

impl fmt::Display for ApiError {
    /// `10486: This transaction couldn't be completed.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.code.is_empty() { "(no code)" } else { &self.code };
        write!(f, "{code}: {}", self.message())
    }
}

fn severity_text(s: &SeverityCodeType) -> String {
    s.to_xml_text().into_owned()
}

/// The wire text of an `Ack` value.
pub(crate) fn ack_text(ack: &AckCodeType) -> String {
    ack.to_xml_text().into_owned()
}

/// True for the `Ack` values that mean the call did what was asked: `Success`, `SuccessWithWarning` and
/// `Warning`. Everything else (`Failure`, `FailureWithWarning`, `PartialSuccess`, `CustomCode`, a value the
/// schema does not list, or no `Ack` at all) is an error: a caller that only checks `Ok` must never mistake a
/// partial or unknown outcome for a success.
pub(crate) fn ack_is_success(ack: Option<&AckCodeType>) -> bool {
    matches!(ack, Some(AckCodeType::Success | AckCodeType::SuccessWithWarning | AckCodeType::Warning))
}

/// A successful call's answer: the typed payload (reachable directly through `Deref`), the warnings PayPal
/// attached (for `SuccessWithWarning`, e.g. a TransactionSearch truncated at 100 results, code 11002), the
/// correlation ID, and what the tolerant decoder skipped.
///
/// # Example
/// ```no_run
/// # async fn f(client: paypal_soap::client::Client) -> Result<(), paypal_soap::client::Error> {
/// use paypal_soap::types::GetBalanceRequestType;
/// let balance = client.get_balance(GetBalanceRequestType::default()).await?;
/// for w in balance.warnings() {
///     eprintln!("warning {w}");
/// }
/// println!("{:?} (correlation id {:?})", balance.balance, balance.correlation_id());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Response<T> {
    payload: T,
    warnings: Vec<ApiError>,
    status: u16,
    report: DecodeReport,
}

impl<T: ApiResponse> Response<T> {
    pub(crate) fn new(payload: T, status: u16, report: DecodeReport) -> Self {
        let warnings = payload.common().errors.iter().map(ApiError::from_wire).collect();
        Self { payload, warnings, status, report }
    }

    /// The `CorrelationID` PayPal sent.
    #[must_use]
    pub fn correlation_id(&self) -> Option<&str> {
        self.payload.common().correlation_id
    }

    /// The `Ack` value (`Success`, `SuccessWithWarning` or `Warning`).
    #[must_use]
    pub fn ack(&self) -> Option<&AckCodeType> {
        self.payload.common().ack
    }
}

impl<T> Response<T> {
    /// The warnings (`Errors` entries) of a `SuccessWithWarning` answer; empty for a plain success.
    #[must_use]
    pub fn warnings(&self) -> &[ApiError] {
        &self.warnings
    }

    /// True when this is PayPal's answer to a repeated `MsgSubID`: the first request's result, with warning
    /// 11607 ("Duplicate request for specified Message Submission ID"). PayPal did not act again; the payload
    /// is the original outcome.
    #[must_use]
    pub fn is_duplicate_request(&self) -> bool {
        self.warnings.iter().any(|w| w.code.trim() == "11607")
    }

    /// True when PayPal attached warnings.
    #[must_use]
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }

    /// The typed payload.
    #[must_use]
    pub fn payload(&self) -> &T {
        &self.payload
    }

    /// The typed payload, owned.
    #[must_use]
    pub fn into_payload(self) -> T {
        self.payload
    }

    /// The HTTP status the answer came with (200 for PayPal).
    #[must_use]
    pub fn http_status(&self) -> u16 {
        self.status
    }

    /// Elements, attributes and text the decoder did not expect and skipped (each with the received XML).
    #[must_use]
    pub fn decode_report(&self) -> &DecodeReport {
        &self.report
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.payload
    }
}
