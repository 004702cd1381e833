//! What a response's `Errors` mean to a merchant: each error's typed code, severity, catalog entry and
//! recovery, and one recovery for the whole response. Hand-written glue between the generated `ErrorType`
//! and the error catalog (`crate::generated::errors`, from `schemas/error-catalog.tsv`) and the recovery rules
//! (`crate::recovery`).

use std::fmt;

use crate::client::{ApiError, ApiFailure};
use crate::generated::ebl::{ErrorType, SeverityCodeType};
use crate::generated::errors::ErrorCode;
use crate::recovery::{Decision, Environment, RecoveryClass, ReportedError, Severity, checkout_url, decide};

impl ErrorType {
    /// The typed error code (codes the catalog does not list are kept, never rejected).
    pub fn code(&self) -> ErrorCode {
        ErrorCode::from_wire(self.error_code.as_deref().unwrap_or(""))
    }

    /// The severity; an absent or unknown `SeverityCode` counts as an error, so nothing is taken lightly by
    /// accident.
    pub fn severity(&self) -> Severity {
        match &self.severity_code {
            Some(SeverityCodeType::Warning) => Severity::Warning,
            Some(SeverityCodeType::PartialSuccess) => Severity::PartialSuccess,
            _ => Severity::Error,
        }
    }

    /// True for warnings (`SuccessWithWarning` responses carry them): they need no recovery.
    pub fn is_warning(&self) -> bool {
        self.severity() == Severity::Warning
    }

    /// What the merchant should do about this error; `None` when the catalog does not know the code.
    pub fn recovery(&self) -> Option<RecoveryClass> {
        self.code().recovery(self.short_message.as_deref(), self.long_message.as_deref())
    }

    /// Our one-line guidance for this error, when the catalog knows the code.
    pub fn guidance(&self) -> Option<&'static str> {
        let info = self.code().info()?;
        Some(info.guidance_for(self.short_message.as_deref(), self.long_message.as_deref()))
    }

    fn reported(&self) -> ReportedError {
        self.code().reported(self.short_message.as_deref(), self.long_message.as_deref(), self.severity())
    }

    /// Displays the error as `10486 (Error): This transaction couldn't be completed. … → redirect the buyer …`.
    pub fn describe(&self) -> impl fmt::Display + '_ {
        Described(self)
    }
}

impl ApiError {
    /// The typed error code (codes the catalog does not list are kept).
    pub fn error_code(&self) -> ErrorCode {
        ErrorCode::from_wire(&self.code)
    }

    /// The severity; absent or unknown counts as an error.
    pub fn severity_class(&self) -> Severity {
        Severity::from_wire(self.severity.as_deref().unwrap_or(""))
    }

    /// What the merchant should do about this error; `None` when the catalog does not know the code.
    pub fn recovery(&self) -> Option<RecoveryClass> {
        self.error_code().recovery(Some(&self.short_message), self.long_message.as_deref())
    }

    fn reported(&self) -> ReportedError {
        self.error_code().reported(Some(&self.short_message), self.long_message.as_deref(), self.severity_class())
    }
}

impl ApiFailure {
    /// One recovery for the whole failure, from all its errors (warnings ignored); see [`decide`].
    pub fn recovery(&self) -> RecoveryClass {
        decide(self.errors.iter().map(ApiError::reported)).recovery
    }

    /// Where to send the buyer when the recovery is to go back to PayPal (10486 at once; 10417, 10422 and 10485
    /// as a link) with the same Express Checkout `token`; `None` for every other recovery. `commit` adds
    /// `useraction=commit` (the buyer pays on PayPal's page).
    pub fn return_to_paypal_url(&self, token: &str, environment: Environment, commit: bool) -> Option<String> {
        self.recovery().sends_buyer_to_paypal().then(|| checkout_url(token, environment, commit))
    }
}

/// One recovery for all the errors of a response (warnings ignored); see [`decide`] for the rule.
pub fn recovery(errors: &[ErrorType]) -> Decision {
    decide(errors.iter().map(ErrorType::reported))
}

struct Described<'a>(&'a ErrorType);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        write!(f, "{} ({:?})", e.code(), e.severity())?;
        if let Some(short) = e.short_message.as_deref().filter(|s| !s.is_empty()) {
            write!(f, ": {short}")?;
        }
        if let Some(long) = e.long_message.as_deref().filter(|s| !s.is_empty()) {
            write!(f, " ({long})")?;
        }
        match e.recovery() {
            Some(r) => write!(f, " → {r}"),
            None => write!(f, " → code not in the catalog: contact PayPal with the correlation ID"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, severity: SeverityCodeType) -> ErrorType {
        ErrorType { error_code: Some(code.into()), severity_code: Some(severity), ..Default::default() }
    }

    #[test]
    fn a_funding_failure_sends_the_buyer_back_to_paypal() {
        let errors = [error("10486", SeverityCodeType::Error)];
        assert_eq!(recovery(&errors).recovery, RecoveryClass::RedirectToPayPal);
        assert!(errors[0].describe().to_string().starts_with("10486 (Error)"), "{}", errors[0].describe());
    }

    #[test]
    fn warnings_need_no_recovery() {
        let errors = [error("11610", SeverityCodeType::Warning)];
        assert!(errors[0].is_warning());
        assert_eq!(recovery(&errors).recovery, RecoveryClass::None);
    }

    #[test]
    fn unknown_codes_are_kept_and_mean_contact_paypal() {
        let errors = [error("99999", SeverityCodeType::Error)];
        assert_eq!(errors[0].code().to_string(), "99999");
        assert_eq!(errors[0].recovery(), None);
        assert_eq!(recovery(&errors).recovery, RecoveryClass::ContactPayPal);
    }
}
