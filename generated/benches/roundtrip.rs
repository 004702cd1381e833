//! Round-trip benchmark of one call against the fake PayPal server (being written).

fn main() {}
