//! Integration tests for the generator and the generated crate live in `tests/tests/`.
