//! Turning what came back over HTTP into a typed outcome: a redirect, a SOAP fault, a decoded response
//! (success, success with warnings, or an API failure), a body that is not SOAP at all, or one that is SOAP
//! but cannot be decoded.

use super::error::{ApiFailure, ErrorKind};
use super::response::{ApiError, ApiResponse, Response, ack_is_success};
use super::transport::HttpResponse;
use crate::runtime::soap::{self, Body, SOAP_ENV, SOAP12_ENV};
use crate::runtime::xml::DecodeErrorKind;

/// How many characters of a non-SOAP body an error repeats.
pub(crate) const SNIPPET_CHARS: usize = 200;

/// Classifies one HTTP response for an operation whose response element is `{ns}name`.
pub(crate) fn classify<T: ApiResponse>(http: HttpResponse, ns: &str, name: &str) -> Result<Response<T>, ErrorKind> {
    let status = http.status;
    if (300..400).contains(&status) {
        return Err(ErrorKind::Redirect { status, location: http.location });
    }
    let decoded = match soap::read_response::<T>(&http.body, ns, name) {
        Ok(decoded) => decoded,
        Err(error) if looks_like_soap(&http.body) && !is_wrong_root(error.kind()) => {
            return Err(ErrorKind::Decode { status, error });
        }
        Err(_) => {
            return Err(ErrorKind::NotSoap {
                status,
                content_type: http.content_type,
                snippet: snippet(&http.body, SNIPPET_CHARS),
            });
        }
    };
    match decoded.body {
        Body::Fault(fault) => Err(ErrorKind::Fault { fault: Box::new(fault), status }),
        Body::Response(payload) => {
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
    fn soap_is_recognised_by_namespace() {
        assert!(looks_like_soap(br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">"#));
        assert!(!looks_like_soap(b"<html><body>502 Bad Gateway</body></html>"));
        assert!(!looks_like_soap(br#"{"name":"INTERNAL_SERVICE_ERROR"}"#));
    }
}
