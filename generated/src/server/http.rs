//! The fake server's HTTP/1.1 side on hyper: accept loop, one task per connection, the request body read up to
//! a cap, and [`HttpReply`] turned into a response (including bodies generated while they are sent).

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

use super::exchange::RequestInfo;
use super::reply::{HttpReply, ReplyBody};

/// Answers one request: its HTTP details and body.
pub(crate) type Handler =
    Arc<dyn Fn(RequestInfo, Bytes) -> Pin<Box<dyn Future<Output = HttpReply> + Send>> + Send + Sync>;

/// Serves `listener` with `handler` until `shutdown` fires (or its sender is dropped); open connections are
/// aborted then.
pub(crate) async fn serve(
    listener: TcpListener,
    handler: Handler,
    max_request_bytes: usize,
    shutdown: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else { continue };
                // Small SOAP messages: send each one at once rather than waiting to fill a segment.
                let _ = stream.set_nodelay(true);
                let handler = handler.clone();
                connections.spawn(async move {
                    let service = service_fn(move |request| respond(handler.clone(), request, max_request_bytes));
                    // A `Cut` answer ends the service with an error, which makes hyper close the connection
                    // without writing a response.
                    // A connection error (the client went away) ends only this connection.
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// Why a connection was closed without an answer: a scripted cut ([`HttpReply::cut`]).
#[derive(Debug)]
pub(crate) struct Cut;

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection cut by the script")
    }
}

impl std::error::Error for Cut {}

async fn respond(
    handler: Handler,
    request: hyper::Request<Incoming>,
    max_request_bytes: usize,
) -> Result<hyper::Response<ReplyStream>, Cut> {
    if request.method() != hyper::Method::POST {
        let reply = HttpReply::new(405, "text/plain; charset=utf-8", "the PayPal SOAP API takes POST only");
        return Ok(to_response(reply));
    }
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let info = RequestInfo {
        path: request.uri().path().to_owned(),
        content_type: header("content-type"),
        soap_action: header("soapaction"),
    };
    let body = match Limited::new(request.into_body(), max_request_bytes).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let reply = HttpReply::new(413, "text/plain; charset=utf-8", "request body too large or broken");
            return Ok(to_response(reply));
        }
    };
    // The handler runs as a task of its own, so that a client that gives up (a timeout, a closed connection)
    // does not stop it halfway: PayPal finishes what it started whether or not anyone waits for the answer, and
    // a payment made, or a `MsgSubID` remembered, after the client left is what resends must find.
    let reply = match tokio::spawn(handler(info, body)).await {
        Ok(reply) => reply,
        Err(_) => HttpReply::new(500, "text/plain; charset=utf-8", "the fake's handler failed"),
    };
    if reply.body == ReplyBody::Cut {
        return Err(Cut);
    }
    Ok(to_response(reply))
}

fn to_response(reply: HttpReply) -> hyper::Response<ReplyStream> {
    let body = match reply.body {
        // Handled in `respond`; an empty body if it ever gets here.
        ReplyBody::Cut => ReplyStream::Full(None),
        ReplyBody::Bytes(b) => ReplyStream::Full(Some(Bytes::from(b))),
        ReplyBody::Generated { prefix, len } => {
            let prefix_len = prefix.len().min(len);
            let mut prefix = prefix;
            prefix.truncate(prefix_len);
            ReplyStream::Generated { prefix: Some(Bytes::from(prefix)), remaining: len - prefix_len }
        }
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) =
            (hyper::header::HeaderName::try_from(name), hyper::header::HeaderValue::try_from(value))
        {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// Filler for generated bodies.
static SPACES: [u8; 64 * 1024] = [b' '; 64 * 1024];

/// A response body: whole bytes (sent with `Content-Length`), or generated chunk by chunk (sent chunked).
pub(crate) enum ReplyStream {
    Full(Option<Bytes>),
    Generated { prefix: Option<Bytes>, remaining: usize },
}

impl Body for ReplyStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let chunk = match &mut *self {
            ReplyStream::Full(bytes) => bytes.take(),
            ReplyStream::Generated { prefix, remaining } => prefix.take().or_else(|| {
                let n = (*remaining).min(SPACES.len());
                *remaining -= n;
                (n > 0).then(|| Bytes::from_static(&SPACES[..n]))
            }),
        };
        Poll::Ready(chunk.map(|c| Ok(Frame::data(c))))
    }

    fn is_end_stream(&self) -> bool {
        match self {
            ReplyStream::Full(bytes) => bytes.is_none(),
            ReplyStream::Generated { prefix, remaining } => prefix.is_none() && *remaining == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ReplyStream::Full(Some(bytes)) => SizeHint::with_exact(bytes.len() as u64),
            ReplyStream::Full(None) => SizeHint::with_exact(0),
            // No exact size: hyper sends the body chunked, with no Content-Length to refuse early.
            ReplyStream::Generated { .. } => SizeHint::default(),
        }
    }
}

/// Binds a loopback listener (`port` 0 picks a free one).
pub(crate) async fn bind(port: u16) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}
