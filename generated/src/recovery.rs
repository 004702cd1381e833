//! What a merchant should do about PayPal's errors: the recovery classes, the catalog entry types the generated
//! error catalog (`crate::generated::errors`) is made of, the rule that picks one recovery for a whole response,
//! and (re-exported from [`crate::checkout`]) the URL that sends a buyer back to PayPal.
//!
//! The catalog itself is data, generated from `schemas/error-catalog.tsv`; this module only holds the types and
//! the logic, so it can be tested without it. Callers look a code up in the catalog, turn each error of a
//! response into a [`ReportedError`], and ask [`decide`] for the recovery of the whole response.

use std::borrow::Cow;

pub use crate::checkout::{Environment, checkout_url};
pub use paypal_soap_runtime::policy::RecoveryClass;

/// How serious one error of a response is (the `SeverityCode` element, `SeverityCodeType` in the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The call failed, at least in part.
    Error,
    /// The call succeeded; the error only informs (`Ack` is then usually `SuccessWithWarning`).
    Warning,
    /// Part of the call succeeded and part failed.
    PartialSuccess,
}

impl Severity {
    /// Reads the `SeverityCode` text. Case and surrounding whitespace are ignored, because real PayPal traffic
    /// varies the case of enumeration values. Anything other than `Warning` or `PartialSuccess` (`Error`, an
    /// empty or unknown value) reads as [`Severity::Error`]: an error whose severity cannot be read is safer
    /// treated as a failure than silently ignored.
    pub fn from_wire(text: &str) -> Self {
        let text = text.trim();
        if text.eq_ignore_ascii_case("Warning") {
            Self::Warning
        } else if text.eq_ignore_ascii_case("PartialSuccess") {
            Self::PartialSuccess
        } else {
            Self::Error
        }
    }

    /// True for errors that count when choosing a recovery: everything but warnings.
    pub const fn is_failure(self) -> bool {
        !matches!(self, Self::Warning)
    }
}

/// One catalog entry: everything the project knows about one numeric error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// The code.
    pub code: u32,
    /// The APIs documented to return it, as the catalog names them (`DoExpressCheckoutPayment`,
    /// `Authorization&Capture`, `General`, ...), in catalog order.
    pub apis: &'static [&'static str],
    /// The recovery for the code when its message does not say more: the class most of its catalog rows give,
    /// on a tie the one of the earliest row.
    pub recovery: RecoveryClass,
    /// PayPal REST error names that correspond to the code (`REDIRECT_PAYER_FOR_ALTERNATE_FUNDING`), if any.
    pub rest_names: &'static [&'static str],
    /// The messages PayPal returns with the code, at least one.
    pub messages: &'static [MessageInfo],
}

/// One message PayPal returns with a code, with what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageInfo {
    /// The `ShortMessage` exactly as the API returns it; `None` when no wording is on record.
    pub short: Option<&'static str>,
    /// The `LongMessage` exactly as the API returns it; `None` when no wording is on record.
    pub long: Option<&'static str>,
    /// The APIs documented to return this message.
    pub apis: &'static [&'static str],
    /// The recovery for this message.
    pub recovery: RecoveryClass,
    /// What to do, in one line of the project's own words.
    pub guidance: &'static str,
}

impl ErrorInfo {
    /// The catalog message that matches the messages of a received error, if one does.
    ///
    /// PayPal's wording is compared ignoring ASCII case, runs of whitespace and a trailing period. A message whose
    /// short and long texts both match wins; otherwise the long text alone, then the short text alone, decide,
    /// but only when every message they match gives the same recovery (a text shared by messages with different
    /// recoveries decides nothing).
    pub fn message_for(&self, short: Option<&str>, long: Option<&str>) -> Option<&'static MessageInfo> {
        let messages = self.messages;
        let same = |a: Option<&str>, b: Option<&str>| matches!((a, b), (Some(a), Some(b)) if same_text(a, b));
        if let Some(m) = messages.iter().find(|m| same(m.short, short) && same(m.long, long)) {
            return Some(m);
        }
        let by_long = unanimous(messages.iter().filter(|m| same(m.long, long)));
        by_long.or_else(|| unanimous(messages.iter().filter(|m| same(m.short, short))))
    }

    /// The recovery for a received error with these messages: the matching message's class
    /// ([`ErrorInfo::message_for`]), else the code's [`ErrorInfo::recovery`].
    pub fn recovery_for(&self, short: Option<&str>, long: Option<&str>) -> RecoveryClass {
        self.message_for(short, long).map_or(self.recovery, |m| m.recovery)
    }

    /// The guidance for a received error with these messages: the matching message's, else that of the first
    /// message whose class is the code's recovery.
    pub fn guidance_for(&self, short: Option<&str>, long: Option<&str>) -> &'static str {
        self.message_for(short, long)
            .or_else(|| self.messages.iter().find(|m| m.recovery == self.recovery))
            .or_else(|| self.messages.first())
            .map_or("", |m| m.guidance)
    }
}

/// The first of `matches` if they all give the same recovery.
fn unanimous<'a>(mut matches: impl Iterator<Item = &'a MessageInfo>) -> Option<&'a MessageInfo> {
    let first = matches.next()?;
    matches.all(|m| m.recovery == first.recovery).then_some(first)
}

/// True when two messages are the same text up to ASCII case, whitespace runs and a trailing period.
fn same_text(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        let s = s.trim();
        s.strip_suffix('.').unwrap_or(s).split_whitespace().map(str::to_ascii_lowercase).collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Finds `code` in a catalog table sorted by code (the generated table is).
pub fn lookup(table: &'static [ErrorInfo], code: u32) -> Option<&'static ErrorInfo> {
    table.binary_search_by_key(&code, |info| info.code).ok().map(|i| &table[i])
}

/// Collapses whitespace the way XSD does for `xs:token` (the `ErrorCode` element's type): leading and trailing
/// whitespace removed, inner runs replaced by one space. Borrows when nothing changes.
pub fn collapse_token(text: &str) -> Cow<'_, str> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed == text { Cow::Borrowed(text) } else { Cow::Owned(collapsed) }
}

/// The number a code token spells when it is a canonical decimal `u32`: digits only, no sign, no leading zero
/// (so that formatting the number gives back the same text).
pub fn canonical_number(token: &str) -> Option<u32> {
    let canonical =
        !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) && (token == "0" || !token.starts_with('0'));
    if canonical { token.parse().ok() } else { None }
}

/// One error of a response, as [`decide`] sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportedError {
    /// The recovery the catalog gives the error (for example `ErrorInfo::recovery_for` with its messages), or
    /// `None` when the catalog does not know its code.
    pub recovery: Option<RecoveryClass>,
    /// The error's severity.
    pub severity: Severity,
}

/// The recovery chosen for a whole response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// What to do.
    pub recovery: RecoveryClass,
    /// Position, in the errors given to [`decide`], of the error the recovery comes from; `None` when no error
    /// counted (no errors, or only warnings).
    pub deciding: Option<usize>,
}

/// Picks one recovery for a response from all its errors. The rule, in order:
///
/// 1. Warnings are ignored: a `SuccessWithWarning` response needs no recovery.
/// 2. Among the remaining errors the catalog knows, the class first in [`RecoveryClass::ALL`] wins; the earliest
///    error with that class is the deciding one.
/// 3. When only errors with unknown codes remain, the result is [`RecoveryClass::ContactPayPal`] (only PayPal can
///    say what the code means). Unknown codes never hide a known recovery, so a new code next to 10486 still
///    sends the buyer back to PayPal instead of ending in a generic error.
/// 4. Without any failure, the result is [`RecoveryClass::None`].
///
/// # Example
/// ```
/// use paypal_soap::errors::{decide, RecoveryClass, ReportedError, Severity};
///
/// let errors = [
///     ReportedError { recovery: Some(RecoveryClass::RetryLater), severity: Severity::Warning },
///     ReportedError { recovery: Some(RecoveryClass::RedirectToPayPal), severity: Severity::Error },
/// ];
/// let decision = decide(errors);
/// assert_eq!(decision.recovery, RecoveryClass::RedirectToPayPal);
/// assert_eq!(decision.deciding, Some(1));
/// ```
pub fn decide(errors: impl IntoIterator<Item = ReportedError>) -> Decision {
    let mut known: Option<(RecoveryClass, usize)> = None;
    let mut unknown: Option<usize> = None;
    for (i, error) in errors.into_iter().enumerate() {
        if !error.severity.is_failure() {
            continue;
        }
        match error.recovery {
            Some(class) => {
                if known.is_none_or(|(best, _)| class < best) {
                    known = Some((class, i));
                }
            }
            None => {
                unknown.get_or_insert(i);
            }
        }
    }
    match (known, unknown) {
        (Some((recovery, i)), _) => Decision { recovery, deciding: Some(i) },
        (None, Some(i)) => Decision { recovery: RecoveryClass::ContactPayPal, deciding: Some(i) },
        (None, None) => Decision { recovery: RecoveryClass::None, deciding: None },
    }
}

#[cfg(test)]
mod tests {
    use super::RecoveryClass as R;
    use super::*;

    const EC: &[&str] = &["DoExpressCheckoutPayment"];

    const fn message(short: &'static str, long: &'static str, recovery: RecoveryClass) -> MessageInfo {
        MessageInfo { short: Some(short), long: Some(long), apis: EC, recovery, guidance: recovery.as_str() }
    }

    const fn entry(code: u32, recovery: RecoveryClass, messages: &'static [MessageInfo]) -> ErrorInfo {
        ErrorInfo { code, apis: EC, recovery, rest_names: &[], messages }
    }

    /// A small table shaped like the generated catalog, with one code per recovery the issue names.
    static TABLE: [ErrorInfo; 9] = [
        entry(10001, R::RetryLater, &[message("Internal Error", "Internal Error", R::RetryLater)]),
        entry(
            10002,
            R::FixRequest,
            &[
                message("Authentication/Authorization Failed", "Username/Password is incorrect", R::FixRequest),
                message("Restricted account", "Account is restricted", R::ContactPayPal),
                message("Internal Error", "Internal Error", R::RetryLater),
                message("Authentication/Authorization Failed", "Internal Error", R::RetryLater),
                message("Account locked", "Account is locked", R::RetryLater),
                message("Account locked", "Account is closed", R::None),
            ],
        ),
        entry(10004, R::FixRequest, &[message("Invalid argument", "Invalid argument", R::FixRequest)]),
        entry(10411, R::RestartCheckout, &[message("Expired", "Token expired.", R::RestartCheckout)]),
        entry(10415, R::None, &[message("Done", "Already completed.", R::None)]),
        entry(10417, R::OfferReturnToPayPal, &[message("Cannot complete", "Other method.", R::OfferReturnToPayPal)]),
        entry(10422, R::OfferReturnToPayPal, &[message("New funding", "Return to PayPal.", R::OfferReturnToPayPal)]),
        entry(
            10486,
            R::RedirectToPayPal,
            &[MessageInfo { short: None, long: None, apis: EC, recovery: R::RedirectToPayPal, guidance: "redirect" }],
        ),
        entry(10736, R::FixShippingAddress, &[message("Address", "City mismatch.", R::FixShippingAddress)]),
    ];

    /// What a caller does for one received error: look the code up and classify it by its messages.
    fn reported(code: u32, long: &str, severity: Severity) -> ReportedError {
        let recovery = lookup(&TABLE, code).map(|info| info.recovery_for(None, Some(long)));
        ReportedError { recovery, severity }
    }

    fn error(code: u32) -> ReportedError {
        reported(code, "", Severity::Error)
    }

    fn warning(code: u32) -> ReportedError {
        reported(code, "", Severity::Warning)
    }

    #[test]
    fn each_code_the_issue_names_gets_its_recovery() {
        let cases = [
            (10411, R::RestartCheckout),
            (10486, R::RedirectToPayPal),
            (10417, R::OfferReturnToPayPal),
            (10422, R::OfferReturnToPayPal),
            (10736, R::FixShippingAddress),
            (10004, R::FixRequest),
            (10001, R::RetryLater),
            (10415, R::None),
        ];
        for (code, expected) in cases {
            assert_eq!(decide([error(code)]), Decision { recovery: expected, deciding: Some(0) }, "code {code}");
        }
        let restricted = reported(10002, "Account is restricted", Severity::Error);
        assert_eq!(decide([restricted]).recovery, R::ContactPayPal);
    }

    #[test]
    fn an_unknown_code_alone_asks_for_paypal() {
        assert!(lookup(&TABLE, 99999).is_none());
        assert_eq!(decide([error(99999)]), Decision { recovery: R::ContactPayPal, deciding: Some(0) });
    }

    #[test]
    fn an_unknown_code_never_hides_a_known_recovery() {
        let decision = decide([error(99999), error(10486), error(12345)]);
        assert_eq!(decision, Decision { recovery: R::RedirectToPayPal, deciding: Some(1) });
        assert_eq!(decide([error(99999), error(10001)]).recovery, R::RetryLater);
    }

    #[test]
    fn several_errors_take_the_first_class_in_priority_order() {
        let decide_codes = |codes: &[u32]| decide(codes.iter().map(|&c| error(c)));
        assert_eq!(decide_codes(&[10486, 10411]), Decision { recovery: R::RestartCheckout, deciding: Some(1) });
        assert_eq!(decide_codes(&[10486, 10736]).recovery, R::FixShippingAddress);
        assert_eq!(decide_codes(&[10417, 10486]).recovery, R::RedirectToPayPal);
        assert_eq!(decide_codes(&[10001, 10004]).recovery, R::FixRequest);
        assert_eq!(decide_codes(&[10415, 10001]).recovery, R::RetryLater);
        // The earliest error of the winning class decides, so the same input always names the same error.
        assert_eq!(decide_codes(&[10001, 10417, 10422]).deciding, Some(1));
    }

    #[test]
    fn warnings_are_not_failures() {
        assert_eq!(decide([warning(10411), warning(99999)]), Decision { recovery: R::None, deciding: None });
        assert_eq!(decide([warning(10411), error(10001)]), Decision { recovery: R::RetryLater, deciding: Some(1) });
        assert_eq!(decide([]), Decision { recovery: R::None, deciding: None });
    }

    #[test]
    fn partial_success_counts_as_a_failure() {
        let partial = reported(10736, "", Severity::PartialSuccess);
        assert_eq!(decide([partial]).recovery, R::FixShippingAddress);
    }

    #[test]
    fn severity_reads_the_wire_text() {
        assert_eq!(Severity::from_wire("Warning"), Severity::Warning);
        assert_eq!(Severity::from_wire(" warning "), Severity::Warning);
        assert_eq!(Severity::from_wire("PartialSuccess"), Severity::PartialSuccess);
        assert_eq!(Severity::from_wire("Error"), Severity::Error);
        assert_eq!(Severity::from_wire("CustomCode"), Severity::Error);
        assert_eq!(Severity::from_wire(""), Severity::Error);
    }

    #[test]
    fn messages_pick_the_recovery_of_a_code_with_several() {
        let info = lookup(&TABLE, 10002).expect("in the table");
        let class = |short, long| info.recovery_for(short, long);
        assert_eq!(class(Some("Restricted account"), Some("Account is restricted")), R::ContactPayPal);
        // Case, whitespace and a trailing period do not matter.
        assert_eq!(class(None, Some("  account IS   restricted.")), R::ContactPayPal);
        // "Internal Error" as long text belongs to two messages that agree.
        assert_eq!(class(None, Some("Internal Error")), R::RetryLater);
        // "Account locked" as short text belongs to two messages that disagree: the code's class applies.
        assert_eq!(class(Some("Account locked"), None), R::FixRequest);
        assert_eq!(class(Some("Account locked"), Some("Account is closed")), R::None);
        assert_eq!(class(None, Some("a message nobody documented")), R::FixRequest);
        assert_eq!(class(None, None), R::FixRequest);
    }

    #[test]
    fn guidance_falls_back_to_a_message_of_the_codes_class() {
        let info = lookup(&TABLE, 10002).expect("in the table");
        assert_eq!(info.guidance_for(None, Some("Account is restricted")), "contact_paypal");
        assert_eq!(info.guidance_for(None, Some("unheard of")), "fix_request");
        assert_eq!(lookup(&TABLE, 10486).expect("in the table").guidance_for(None, None), "redirect");
    }

    #[test]
    fn lookup_finds_every_code_of_a_sorted_table() {
        for info in &TABLE {
            assert_eq!(lookup(&TABLE, info.code).map(|i| i.code), Some(info.code));
        }
        assert!(lookup(&TABLE, 0).is_none());
        assert!(lookup(&TABLE, 10003).is_none());
        assert!(lookup(&[], 10001).is_none());
    }

    #[test]
    fn code_tokens_collapse_and_parse_only_when_canonical() {
        assert_eq!(collapse_token("10736"), Cow::Borrowed("10736"));
        assert_eq!(collapse_token("\n  10736\t"), "10736");
        assert_eq!(collapse_token(" A  b "), "A b");
        assert_eq!(canonical_number("10736"), Some(10736));
        assert_eq!(canonical_number("0"), Some(0));
        assert_eq!(canonical_number("4294967295"), Some(u32::MAX));
        for text in ["", "010736", "+10736", "-1", "10 736", "4294967296", "E10736", "１０"] {
            assert_eq!(canonical_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn classes_are_ordered_by_priority_and_named_like_the_catalog() {
        let mut sorted = R::ALL;
        sorted.sort();
        assert_eq!(sorted, R::ALL);
        let names: std::collections::BTreeSet<_> = R::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), R::ALL.len());
        assert!(R::RedirectToPayPal.sends_buyer_to_paypal());
        assert!(R::OfferReturnToPayPal.sends_buyer_to_paypal());
        assert!(!R::FixShippingAddress.sends_buyer_to_paypal());
    }

    #[test]
    fn display_says_what_to_do() {
        assert_eq!(
            R::RedirectToPayPal.to_string(),
            "redirect the buyer to PayPal now with the same token to choose another funding source"
        );
        let texts: std::collections::BTreeSet<_> = R::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), R::ALL.len());
        assert!(texts.iter().all(|t| t.starts_with(char::is_lowercase) && !t.ends_with('.')));
    }
}
