//! Turning what came back over HTTP into a typed outcome: a redirect, a SOAP fault, a decoded response
//! (success, success with warnings, or an API failure), a body that is not SOAP at all, or one that is SOAP
//! but cannot be decoded.
//!
//! Every text an error repeats from the response goes through the call's [`Secrets`] first, and so do the
//! messages of the response's `Errors`: a proxy page, a fault or an error message that echoes the request must
//! not carry its credentials or card numbers into a log line.

use super::error::{ApiFailure, ErrorKind};
use super::response::{ApiError, ApiResponse, Response, ack_is_success};
use super::transport::HttpResponse;
use paypal_soap_runtime::redact::{Secrets, redact};
use paypal_soap_runtime::soap::{self, Body, SOAP_ENV, SOAP12_ENV, SoapFault};
use paypal_soap_runtime::xml::{DecodeErrorKind, Limits};

/// How many characters of a non-SOAP body an error repeats.
pub(crate) const SNIPPET_CHARS: usize = 200;

/// How many bytes past the snippet's cut are masked with it: more than any credential or card number with
/// separators is long.
const SECRET_MARGIN: usize = 256;

/// Classifies one HTTP response for an operation whose response element is `{ns}name`, decoded under the
/// reader limits `limits`; `secrets` are the call's, masked in every text taken from the response.
pub(crate) fn classify<T: ApiResponse>(
    http: HttpResponse,
    ns: &str,
    name: &str,
    limits: &Limits,
    secrets: &Secrets,
) -> Result<Response<T>, ErrorKind> {
    let status = http.status;
    let scrub = |text: Option<String>| text.map(|t| secrets.scrub(&t).into_owned());
    if (300..400).contains(&status) {
        return Err(ErrorKind::Redirect { status, location: scrub(http.location) });
    }
    let decoded = match soap::read_response_with_limits::<T>(&http.body, ns, name, limits) {
        Ok(decoded) => decoded,
        Err(mut error) if looks_like_soap(&http.body) && !is_wrong_root(error.kind()) => {
            error.map_input_texts(|text| secrets.scrub_string(text));
            return Err(ErrorKind::Decode { status, error });
        }
        Err(_) => {
            return Err(ErrorKind::NotSoap {
                status,
                content_type: scrub(http.content_type),
                snippet: body_snippet(&http.body, secrets),
            });
        }
    };
    match decoded.body {
        Body::Fault(mut fault) => {
            scrub_fault(&mut fault, secrets);
            Err(ErrorKind::Fault { fault: Box::new(fault), status })
        }
        Body::Response(mut payload) => {
            scrub_errors(&mut payload, secrets);
            let common = payload.common();
            if ack_is_success(common.ack) {
                return Ok(Response::new(payload, status, decoded.report));
            }
            let ack = common.ack.cloned();
            let errors = common.errors.iter().map(ApiError::from_wire).collect();
            let correlation_id = common.correlation_id.map(str::to_owned);
            let timestamp = common.timestamp.copied();
            Err(ErrorKind::Api(Box::new(ApiFailure::new(ack, errors, correlation_id, timestamp, status, payload))))
        }
    }
}

/// True when the body mentions a SOAP envelope namespace near its start: a decode error in such a body is a
/// broken SOAP message, not somebody else's page.
fn looks_like_soap(body: &[u8]) -> bool {
    let head = &body[..body.len().min(4096)];
    let contains = |needle: &str| head.windows(needle.len()).any(|w| w == needle.as_bytes());
    contains(SOAP_ENV) || contains(SOAP12_ENV)
}

fn is_wrong_root(kind: &DecodeErrorKind) -> bool {
    matches!(kind, DecodeErrorKind::UnexpectedRoot { .. } | DecodeErrorKind::EmptyDocument)
}

/// Masks the call's secrets in a fault's texts; the detail may be XML, so it is also masked by element name.
fn scrub_fault(fault: &mut SoapFault, secrets: &Secrets) {
    secrets.scrub_string(&mut fault.code);
    secrets.scrub_string(&mut fault.string);
    if let Some(actor) = &mut fault.actor {
        secrets.scrub_string(actor);
    }
    if let Some(detail) = &mut fault.detail {
        *detail = secrets.scrub(&redact(detail.as_bytes())).into_owned();
    }
}

/// Masks the call's secrets in the messages and parameter values of a response's `Errors`, which PayPal (or
/// whatever answered in its place) may fill with what the request held; the warnings and the failure are built
/// from them. Error codes and parameter names are left alone: recovery is decided by the code, and a five-digit
/// code must not be masked for looking like part of a card number.
fn scrub_errors<T: ApiResponse>(payload: &mut T, secrets: &Secrets) {
    for error in payload.common_mut().errors.iter_mut() {
        let values = error.error_parameters.iter_mut().map(|p| &mut p.value);
        for text in [&mut error.short_message, &mut error.long_message].into_iter().chain(values).flatten() {
            secrets.scrub_string(text);
        }
    }
}

/// The start of a body that is not SOAP, for the error: masked like the trace logs first ([`redact`], then the
/// call's [`Secrets`]), because a proxy's error page may echo the request, credentials and card number
/// included. The masked part reaches past the cut by [`SECRET_MARGIN`] bytes, so a secret that starts before
/// the cut is masked whole and not left half-shown by it.
fn body_snippet(body: &[u8], secrets: &Secrets) -> String {
    let head = &body[..body.len().min(SNIPPET_CHARS * 4 + SECRET_MARGIN)];
    let mut text = snippet(secrets.scrub(&redact(head)).as_bytes(), SNIPPET_CHARS);
    if body.len() > head.len() && !text.ends_with('…') {
        text.push('…');
    }
    text
}

/// The start of `body` as text: at most `max` characters, control characters (but tab, newline and carriage
/// return) replaced by U+FFFD, and `…` when cut.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max * 4)]);
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() && !matches!(c, '\t' | '\n' | '\r') { '\u{fffd}' } else { c })
        .collect();
    if text.chars().count() > max || body.len() > max * 4 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_is_bounded_and_printable() {
        assert_eq!(snippet(b"<html>\x00</html>", 200), "<html>\u{fffd}</html>");
        let long = "x".repeat(10_000);
        let s = snippet(long.as_bytes(), 200);
        assert_eq!(s.chars().count(), 201);
        assert!(s.ends_with('…'));
        assert_eq!(snippet(b"", 200), "");
    }

    #[test]
    fn a_non_soap_body_is_masked_before_it_is_repeated() {
        let page = b"<html><pre><Password>hunter2</Password><CreditCardNumber>4111111111111111</CreditCardNumber>";
        let s = body_snippet(page, &Secrets::default());
        assert!(!s.contains("hunter2") && !s.contains("4111111111111111"), "{s}");
        assert!(s.contains("************1111"), "{s}");
        assert!(body_snippet(&[b'x'; 2000], &Secrets::default()).ends_with('…'));
    }

    #[test]
    fn error_messages_are_masked_but_codes_are_kept() {
        use crate::generated::api::DoDirectPaymentResponseType;
        use crate::generated::ebl::{ErrorParameterType, ErrorType};
        use paypal_soap_runtime::credentials::Credentials;
        // A card number that holds an error code: the code must survive, or recovery would be lost.
        let envelope = b"<CreditCardNumber>4510486000000000</CreditCardNumber><CVV2>962</CVV2>";
        let secrets = Secrets::new(&Credentials::signature("u", "pw-Secret-7781", "sig-123456"), envelope);
        let mut payload = DoDirectPaymentResponseType::default();
        payload.errors.push(ErrorType {
            error_code: Some("10486".to_owned()),
            short_message: Some("Card 4510486000000000 declined".to_owned()),
            long_message: Some("CVV2 962 for password pw-Secret-7781".to_owned()),
            error_parameters: vec![ErrorParameterType {
                param_id: Some("ProcessorResponse".to_owned()),
                value: Some("4510486000000000".to_owned()),
            }],
            ..ErrorType::default()
        });
        scrub_errors(&mut payload, &secrets);
        let e = &payload.errors[0];
        assert_eq!(e.error_code.as_deref(), Some("10486"));
        assert_eq!(e.short_message.as_deref(), Some("Card ************0000 declined"));
        assert_eq!(e.long_message.as_deref(), Some("CVV2 *** for password ***"));
        let p = &e.error_parameters[0];
        assert_eq!((p.param_id.as_deref(), p.value.as_deref()), (Some("ProcessorResponse"), Some("************0000")));
    }

    #[test]
    fn soap_is_recognised_by_namespace() {
        assert!(looks_like_soap(br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">"#));
        assert!(!looks_like_soap(b"<html><body>502 Bad Gateway</body></html>"));
        assert!(!looks_like_soap(br#"{"name":"INTERNAL_SERVICE_ERROR"}"#));
    }
}
