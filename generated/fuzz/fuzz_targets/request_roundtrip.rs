//! Arbitrary values of every generated type and element: write, read back, compare.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| paypal_soap::fuzz::roundtrip_any(data));
