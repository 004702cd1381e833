//! `cargo xtask regen` end to end on PayPal's schemas, stage by stage: load (parse + lower), plan (flatten,
//! names, plan), emit_tokens (plan and emit), format (prettyplease), generate (all of those), and the whole
//! pipeline including writing every file to a fresh directory; then the drift check on the committed tree with
//! the format cache (`check_cached`, what `cargo xtask regen --check` does) and without it (`check_full`).
//!
//! Run: `cargo bench -p paypal-soap-codegen --bench regen`. Needs the schemas (found like `cargo xtask regen`
//! finds them: `PAYPAL_SCHEMAS_DIR` or `../shared/schemas/paypal`).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen/ has a parent").to_path_buf()
}

fn regen(c: &mut Criterion) {
    let root = root();
    let schemas = codegen::locate::schemas_dir(&root).unwrap_or_else(|e| panic!("{e}")).dir;
    let model = codegen::load(&schemas).unwrap();
    let files = codegen::generate_crate(&model, &root).unwrap();
    let lines: usize = files.files.values().map(|t| t.lines().count()).sum();
    println!("{} files, {lines} lines of generated Rust", files.files.len());

    let out = std::env::temp_dir().join(format!("paypal-soap-regen-bench-{}", std::process::id()));
    let mut group = c.benchmark_group("regen");
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(|| codegen::load(black_box(&schemas)).unwrap()));
    let options = codegen::emit::Options {
        catalog: Some(codegen::catalog::load(&root.join(codegen::catalog::CATALOG_FILE)).unwrap()),
        ..Default::default()
    };
    let emit = |model: &codegen::Model| codegen::emit::emit(&codegen::plan_model(model), &options);
    group.bench_function("plan", |b| b.iter(|| codegen::plan_model(black_box(&model))));
    group.bench_function("emit_tokens", |b| b.iter(|| emit(black_box(&model))));
    let tokens = emit(&model);
    let header = codegen::write::Header::for_model(&model);
    group.bench_function("format", |b| {
        b.iter(|| codegen::write::format_files_with(black_box(tokens.clone()), &header).unwrap())
    });
    group.bench_function("generate", |b| b.iter(|| codegen::generate_crate(black_box(&model), &root).unwrap()));
    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            let _ = std::fs::remove_dir_all(&out);
            let model = codegen::load(&schemas).unwrap();
            let files = codegen::generate_crate(&model, &root).unwrap();
            codegen::write::sync(&out, &files, codegen::write::Mode::Write).unwrap()
        })
    });
    // The drift check on the committed tree as `cargo xtask regen --check` runs it (the format cache spares
    // formatting what it knows), and the same check formatting every file.
    let check = |formatting| {
        let outcome = codegen::regen::regenerate_with(&root, &model, codegen::write::Mode::Check, formatting).unwrap();
        assert!(outcome.problems().is_empty(), "the committed tree is not current: {:?}", outcome.problems());
        outcome
    };
    group.bench_function("check_cached", |b| b.iter(|| check(codegen::regen::Formatting::Cached)));
    group.bench_function("check_full", |b| b.iter(|| check(codegen::regen::Formatting::Full)));
    group.finish();
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, regen);
criterion_main!(benches);
