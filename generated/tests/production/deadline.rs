//! One deadline per call: a silent server holds a call with retries on for the deadline, not for every
//! attempt's timeout.

use std::time::{Duration, Instant};

use paypal_soap::client::TimeoutPhase;
use paypal_soap::operations::ops;
use paypal_soap::testing::{ExpressCheckoutFake, FakeServer, Scripted};
use paypal_soap::types::GetBalanceRequestType;
use paypal_soap::{ErrorKind, RetryPolicy};

use super::platform;

/// Runs a GetBalance against a server that never answers and returns how long the call took, the error's
/// phase and how many attempts it made.
async fn silent_call(
    deadline_on_builder: Option<Duration>,
    deadline_per_call: Option<Duration>,
) -> Result<(Duration, TimeoutPhase, u32), Box<dyn std::error::Error>> {
    let server = FakeServer::start(ExpressCheckoutFake::default()).await?;
    server.script().always(&ops::GET_BALANCE, Scripted::Hang);
    let mut builder = server
        .client_builder(platform())
        .timeout(Duration::from_millis(400))
        .retry(RetryPolicy::attempts(10).with_backoff(Duration::from_millis(50), Duration::from_millis(50)));
    if let Some(d) = deadline_on_builder {
        builder = builder.deadline(d);
    }
    let mut client = builder.build()?;
    if let Some(d) = deadline_per_call {
        client = client.with_deadline(d);
    }
    let started = Instant::now();
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    let elapsed = started.elapsed();
    let ErrorKind::Timeout { phase, .. } = err.kind() else { panic!("not a timeout: {err}") };
    Ok((elapsed, *phase, err.attempts()))
}

fn assert_within_ten_percent(elapsed: Duration, deadline: Duration) {
    let (low, high) = (deadline.mul_f64(0.9), deadline.mul_f64(1.1));
    eprintln!("deadline {deadline:?}: call ended after {elapsed:?}");
    assert!(low <= elapsed && elapsed <= high, "{elapsed:?} is not within 10% of {deadline:?}");
}

#[tokio::test]
async fn a_silent_server_holds_a_retried_call_for_the_deadline_only() -> Result<(), Box<dyn std::error::Error>> {
    let deadline = Duration::from_millis(1000);
    let (elapsed, phase, attempts) = silent_call(Some(deadline), None).await?;
    assert_within_ten_percent(elapsed, deadline);
    assert_eq!(phase, TimeoutPhase::Deadline);
    // 400 ms attempts with 25-50 ms waits: the third attempt is the one the deadline cuts.
    assert!(attempts >= 2, "{attempts} attempts");
    Ok(())
}

#[tokio::test]
async fn a_per_call_deadline_overrides_none() -> Result<(), Box<dyn std::error::Error>> {
    let deadline = Duration::from_millis(700);
    let (elapsed, phase, _) = silent_call(None, Some(deadline)).await?;
    assert_within_ten_percent(elapsed, deadline);
    assert_eq!(phase, TimeoutPhase::Deadline);
    Ok(())
}

#[tokio::test]
async fn without_a_deadline_every_attempt_takes_its_timeout() -> Result<(), Box<dyn std::error::Error>> {
    // The contrast the deadline exists for: 10 attempts of 400 ms would take over 4 s; 3 are enough to show it.
    let server = FakeServer::start(ExpressCheckoutFake::default()).await?;
    server.script().always(&ops::GET_BALANCE, Scripted::Hang);
    let client = server
        .client_builder(platform())
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::attempts(3).with_backoff(Duration::from_millis(10), Duration::from_millis(10)))
        .build()?;
    let started = Instant::now();
    let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
    assert_eq!(err.attempts(), 3);
    assert!(matches!(err.kind(), ErrorKind::Timeout { phase: TimeoutPhase::Total, .. }), "{err}");
    Ok(())
}
