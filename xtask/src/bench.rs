//! `cargo xtask bench regen|build`: the two whole-process measures that criterion cannot take from inside one
//! process. `regen` times `xtask regen --check` and `xtask regen` as separate processes, each run alternating
//! with the same command of a baseline binary (another build of this xtask, e.g. from `main`) when one is given,
//! so both see the same machine load. `build` times a clean crate-only build of `paypal-soap` (`cargo clean -p
//! paypal-soap`, then `cargo build -p paypal-soap`), debug and release. Both print the load average first:
//! on a shared machine, numbers taken under different loads do not compare.
//!
//! Build this binary in release first (`cargo build --release -p xtask`) and run it from there: the debug
//! build that `cargo xtask` runs is not the generator whose speed is measured.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Arguments of `bench`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Time `regen --check` and `regen` (which, on a current tree, writes nothing) as whole processes.
    Regen {
        /// Another xtask binary to time the same way, alternating run by run. It must generate what the tree
        /// holds (its `regen --check` must pass), or it measures something else and may rewrite files.
        #[arg(long, value_name = "BIN")]
        baseline: Option<PathBuf>,
        /// Runs per command and binary.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Time a clean crate-only build of `paypal-soap` (default features), debug and release.
    Build {
        /// Only the debug build.
        #[arg(long)]
        debug_only: bool,
    },
}

/// Runs `bench`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    println!("load average: {}", load_average());
    match &args.what {
        What::Regen { baseline, runs } => regen(root, baseline.as_deref(), *runs),
        What::Build { debug_only } => build(root, *debug_only),
    }
}

fn regen(root: &Path, baseline: Option<&Path>, runs: usize) -> Result<()> {
    let current = std::env::current_exe().context("cannot find this binary")?;
    let mut bins = vec![("current", current.as_path())];
    if let Some(b) = baseline {
        bins.push(("baseline", b));
    }
    for args in [&["regen", "--check"][..], &["regen"][..]] {
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); bins.len()];
        for _ in 0..runs {
            for (i, (_, bin)) in bins.iter().enumerate() {
                let mut cmd = Command::new(bin);
                cmd.args(args).current_dir(root);
                times[i].push(time(&mut cmd)?);
            }
        }
        for ((name, _), t) in bins.iter().zip(&mut times) {
            println!("xtask {:<14} {name:<8} {}", args.join(" "), summary(t));
        }
        if let [current, base] = &times[..] {
            println!("xtask {:<14} baseline/current {:.2}x (medians)", args.join(" "), ratio(base, current));
        }
    }
    Ok(())
}

fn build(root: &Path, debug_only: bool) -> Result<()> {
    let profiles: &[&[&str]] = if debug_only { &[&[]] } else { &[&[], &["--release"]] };
    for extra in profiles {
        let mut clean = Command::new(cargo());
        clean.args(["clean", "-p", "paypal-soap"]).args(*extra).current_dir(root);
        time(&mut clean)?;
        let mut build = Command::new(cargo());
        build.args(["build", "-p", "paypal-soap"]).args(*extra).current_dir(root);
        let took = time(&mut build)?;
        let profile = if extra.is_empty() { "debug" } else { "release" };
        println!("clean crate-only build of paypal-soap, {profile}: {:.1} s", took.as_secs_f64());
    }
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// Runs `cmd` with its output discarded and returns how long it took; a failure is an error, since the time
/// of a failed run means nothing.
fn time(cmd: &mut Command) -> Result<Duration> {
    let start = Instant::now();
    let out = cmd.output().with_context(|| format!("cannot run {cmd:?}"))?;
    let took = start.elapsed();
    if !out.status.success() {
        bail!("{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(took)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn summary(times: &mut [Duration]) -> String {
    let med = median(times);
    let min = times.first().copied().unwrap_or_default();
    format!("median {:.3} s, min {:.3} s over {} runs", med.as_secs_f64(), min.as_secs_f64(), times.len())
}

fn ratio(base: &[Duration], current: &[Duration]) -> f64 {
    let (mut b, mut c) = (base.to_vec(), current.to_vec());
    median(&mut b).as_secs_f64() / median(&mut c).as_secs_f64().max(1e-9)
}

/// The 1-, 5- and 15-minute load averages (Linux), or a note that they are unknown.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown (no /proc/loadavg)".to_string())
}
