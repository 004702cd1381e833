//! Arbitrary bytes and mutated real envelopes through a response decoder and `Message::read_envelope`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| paypal_soap::fuzz::decode_any(data));
