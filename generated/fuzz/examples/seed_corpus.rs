//! Writes the seed corpus of `decode_response`: each envelope of a samples directory, prefixed with the byte
//! that sends it to the decoder of the response its body carries (`paypal_soap::fuzz::seed_input`).
//!
//! Usage: `cargo run --manifest-path generated/fuzz/Cargo.toml --example seed_corpus -- [SAMPLES [CORPUS]]`,
//! by default `../shared/samples` next to the repository and `generated/fuzz/corpus/decode_response`. The corpus is git-ignored: the samples are PayPal's messages and
//! are never committed.

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let samples = args.next().unwrap_or_else(|| fuzz_dir.join("../../../shared/samples"));
    let corpus = args.next().unwrap_or_else(|| fuzz_dir.join("corpus/decode_response"));
    std::fs::create_dir_all(&corpus)?;
    let mut written = 0;
    for entry in std::fs::read_dir(&samples).map_err(|e| format!("{}: {e}", samples.display()))? {
        let path = entry?.path();
        if path.extension().is_none_or(|x| x != "xml") {
            continue;
        }
        let seed = paypal_soap::fuzz::seed_input(&std::fs::read(&path)?);
        let name = path.file_name().unwrap_or_default();
        std::fs::write(corpus.join(name), seed)?;
        written += 1;
    }
    println!("{written} seeds from {} in {}", samples.display(), corpus.display());
    Ok(())
}
