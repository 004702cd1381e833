//! TransactionSearch past PayPal's 100-result cap: the date range is split until every window is complete.

use std::collections::BTreeSet;

use paypal_soap::DateTime;
use paypal_soap::search::{MAX_RESULTS, SearchError};
use paypal_soap::testing::{FakeServer, TransactionSearchFake};
use paypal_soap::types::TransactionSearchRequestType;

use super::platform;

/// 2026-11-01T00:00:00Z.
const NOVEMBER: i64 = 1_793_491_200;

#[tokio::test]
async fn two_hundred_fifty_results_come_back_complete_through_windows_of_at_most_100()
-> Result<(), Box<dyn std::error::Error>> {
    // One payment every 17 minutes: 250 of them span about three days.
    let fake = TransactionSearchFake::evenly_spaced(250, NOVEMBER + 3600, 17 * 60);
    let server = FakeServer::start(fake.clone()).await?;
    let client = server.client_builder(platform()).build()?;
    let start = DateTime::from_unix_utc(NOVEMBER, 0)?;
    let end = DateTime::from_unix_utc(NOVEMBER + 30 * 86_400 - 1, 0)?;

    let all = client.transaction_search_all(TransactionSearchRequestType::default(), start, end).await?;

    let ids: Vec<_> = all.transactions.iter().filter_map(|t| t.transaction_id.clone()).collect();
    let unique: BTreeSet<_> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), 250, "every transaction collected");
    assert_eq!(unique.len(), 250, "none twice");
    let expected: BTreeSet<_> = fake.transactions().iter().filter_map(|t| t.transaction_id.clone()).collect();
    assert_eq!(unique, expected);
    assert!(all.windows.iter().all(|w| w.results < MAX_RESULTS), "{:?}", all.windows);
    assert_eq!(all.windows.iter().map(|w| w.results).sum::<usize>(), 250);
    // The windows tile the range: each starts the second after the previous one ends.
    assert_eq!(all.windows.first().map(|w| w.start), Some(start));
    assert_eq!(all.windows.last().map(|w| w.end), Some(end));
    for pair in all.windows.windows(2) {
        let (a, b) = (pair[0].end.to_unix_seconds(), pair[1].start.to_unix_seconds());
        assert_eq!(a.map(|s| s + 1), b);
    }
    // The first search was truncated (11002), so there were more calls than complete windows.
    assert!(all.calls > all.windows.len(), "{} calls, {} windows", all.calls, all.windows.len());
    assert_eq!(server.calls().len(), all.calls);
    eprintln!("250 transactions in {} windows after {} calls", all.windows.len(), all.calls);
    Ok(())
}

#[tokio::test]
async fn more_than_100_in_one_second_cannot_be_split() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::start(TransactionSearchFake::evenly_spaced(101, NOVEMBER, 0)).await?;
    let client = server.client_builder(platform()).build()?;
    let (start, end) = (DateTime::from_unix_utc(NOVEMBER, 0)?, DateTime::from_unix_utc(NOVEMBER + 60, 0)?);
    let err = client.transaction_search_all(TransactionSearchRequestType::default(), start, end).await.unwrap_err();
    assert!(matches!(err, SearchError::Unsplittable { .. }), "{err}");
    Ok(())
}
