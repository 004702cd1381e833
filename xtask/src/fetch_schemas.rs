//! `cargo xtask fetch-schemas [--base-url URL] [--out DIR]`: downloads PayPal's four schema files and verifies
//! each against the committed lock file `schemas/paypal.sha256` before it takes its real name, so the tools
//! never find a file in the schema directory that the committed crate was not generated from.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::locate::{ENTRY_FILE, LOCK_FILE};
use codegen::write::lock::Lock;
use sha2::{Digest, Sha256};

use crate::display_path;

/// The files PayPal publishes: the WSDL and the three XSDs it imports, in the order they are downloaded.
const FILES: [&str; 4] = [ENTRY_FILE, "eBLBaseComponents.xsd", "CoreComponentTypes.xsd", "EnhancedDataTypes.xsd"];

/// Where PayPal publishes the live copy of the files.
const DEFAULT_BASE_URL: &str = "https://www.paypal.com/wsdl/";

/// The default output directory, relative to the workspace root. It is the last place `codegen::locate`
/// searches and it is git-ignored, so a download there is found by `regen` and never committed.
const DEFAULT_OUT: &str = "schemas/paypal";

/// The suffix a download keeps when its hash does not match the lock: not the real name, so no tool reads it
/// as a schema, but still there for a maintainer to inspect or adopt.
const UNVERIFIED_SUFFIX: &str = ".unverified";

/// Arguments of `fetch-schemas`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The directory URL the files are published under (e.g. the sandbox copy,
    /// `https://www.sandbox.paypal.com/wsdl/`). Only https:// and http:// are accepted.
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL)]
    pub(crate) base_url: String,
    /// Directory to write the files into; created when missing. Default: schemas/paypal (relative to the
    /// workspace root, git-ignored).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

impl Default for Args {
    /// PayPal's live location, into `schemas/paypal/`.
    fn default() -> Self {
        Args { base_url: DEFAULT_BASE_URL.to_owned(), out: None }
    }
}

/// Runs `fetch-schemas`.
pub(crate) fn run(args: &Args, root: &Path) -> Result<()> {
    let out = args.out.clone().unwrap_or_else(|| root.join(DEFAULT_OUT));
    let summary = fetch(&args.base_url, &out, &root.join(LOCK_FILE), OsStr::new("curl"), root)?;
    println!("{summary}");
    Ok(())
}

/// Downloads every file of [`FILES`] from `base_url` into `out` with the program `curl`, and verifies each
/// against the lock at `lock_path`. Returns the summary line. The lock and the program are parameters so that
/// tests need neither the real schemas nor, for the "curl is missing" message, an uninstalled curl.
///
/// Every file is attempted even after one fails, so a single run reports every problem.
fn fetch(base_url: &str, out: &Path, lock_path: &Path, curl: &OsStr, root: &Path) -> Result<String> {
    let start = Instant::now();
    let out_shown = display_path(root, out);
    let lock_shown = display_path(root, lock_path);
    let base_url = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
    let protocols = allowed_protocols(&base_url)?;
    let lock = Lock::read(lock_path)?.with_context(|| {
        format!(
            "{lock_shown} does not exist: it records the SHA-256 of each schema file, and downloads are verified \
             against it"
        )
    })?;
    require_curl(curl, &base_url, &out_shown)?;
    fs::create_dir_all(out).with_context(|| format!("cannot create {out_shown}"))?;

    let mut problems = Vec::new();
    // A lock entry that is not downloaded would be a file `regen` needs and this command never fetches: the
    // list above is stale, which only a change to this file can fix.
    for name in lock.entries.keys().filter(|name| !FILES.contains(&name.as_str())) {
        problems.push(Problem::NotFetched { name: name.clone() });
    }
    for name in FILES {
        let url = format!("{base_url}{name}");
        if let Err(problem) = fetch_one(curl, protocols, &url, out, name, lock.entries.get(name)) {
            problems.push(problem);
        }
    }

    if problems.is_empty() {
        return Ok(format!(
            "fetch-schemas: {} files from {base_url} into {out_shown}, verified against {lock_shown}, in {} ms",
            FILES.len(),
            start.elapsed().as_millis()
        ));
    }
    let lines: Vec<String> = problems.iter().map(|p| format!("  {}", p.describe(out, root, &lock_shown))).collect();
    let mut hints = Vec::new();
    if problems.iter().any(|p| matches!(p, Problem::Download { .. })) {
        hints.push(format!(
            "for a failed download: check the URL and the network, or download the file by hand from {base_url} \
             into {out_shown} and check it with `sha256sum -c` against {lock_shown}"
        ));
    }
    if problems.iter().any(|p| matches!(p, Problem::Mismatch { .. } | Problem::NotLocked { .. })) {
        hints.push(format!(
            "for a SHA-256 mismatch: PayPal may have published a different version. Put the four new files in \
             one directory NEW_DIR (the downloads that did not match are kept as <name>{UNVERIFIED_SUFFIX}), \
             review what changes with `cargo xtask diff OLD_DIR NEW_DIR`, then run \
             `cargo xtask regen --schemas NEW_DIR` and commit the regenerated crate with {lock_shown}"
        ));
    }
    if problems.iter().any(|p| matches!(p, Problem::NotFetched { .. })) {
        hints.push(format!(
            "for a file listed in {lock_shown} but not downloaded: add it to FILES in xtask/src/fetch_schemas.rs"
        ));
    }
    bail!(
        "fetch-schemas: {} problem(s) fetching from {base_url} into {out_shown}; no file that failed was put in \
         place:\n{}\n{}",
        problems.len(),
        lines.join("\n"),
        hints.join("\n")
    )
}

/// One file that did not end up verified under its real name.
#[derive(Debug)]
enum Problem {
    /// curl failed (HTTP error, network, timeout) or the download could not be read.
    Download { name: String, url: String, detail: String },
    /// The download's hash differs from the lock.
    Mismatch { name: String, expected: String, actual: String },
    /// The lock has no entry for the file, so it cannot be verified.
    NotLocked { name: String, actual: String },
    /// The lock lists a file this command does not download.
    NotFetched { name: String },
}

impl Problem {
    fn describe(&self, out: &Path, root: &Path, lock_shown: &str) -> String {
        let kept = |name: &str| display_path(root, &out.join(format!("{name}{UNVERIFIED_SUFFIX}")));
        match self {
            Self::Download { name, url, detail } => format!("{name}: cannot download {url}: {detail}"),
            Self::Mismatch { name, expected, actual } => format!(
                "{name}: SHA-256 mismatch: expected {expected} ({lock_shown}), actual {actual}; kept as {}",
                kept(name)
            ),
            Self::NotLocked { name, actual } => {
                format!(
                    "{name}: not in {lock_shown}, so it cannot be verified (SHA-256 {actual}); kept as {}",
                    kept(name)
                )
            }
            Self::NotFetched { name } => format!("{name}: listed in {lock_shown} but not downloaded by this command"),
        }
    }
}

/// Downloads `url` to a temporary name in `out`, hashes it and, when it matches `expected`, renames it to
/// `name`. The rename is the only step that touches the real name, so an interrupted or failed download never
/// replaces a good file; a mismatching one is renamed to `name` + [`UNVERIFIED_SUFFIX`] instead.
fn fetch_one(
    curl: &OsStr,
    protocols: &str,
    url: &str,
    out: &Path,
    name: &str,
    expected: Option<&String>,
) -> Result<(), Problem> {
    let download_problem = |detail: String| Problem::Download { name: name.to_string(), url: url.to_string(), detail };
    // Hidden and process-specific, so neither the tools nor a concurrent run mistake it for a schema file.
    let tmp = out.join(format!(".{name}.{}.download", std::process::id()));
    let output = Command::new(curl)
        .args(["--fail", "--silent", "--show-error", "--location", "--max-time", "60"])
        // --location follows PayPal's redirects (a maintainer download, verified below), but only to the
        // protocols the base URL itself allows, so an https download is never redirected to plain http.
        .args(["--proto", protocols, "--proto-redir", protocols])
        .arg("-o")
        .arg(&tmp)
        .arg(url)
        .output();
    match output {
        Ok(output) if output.status.success() => {}
        Ok(output) => {
            remove_if_present(&tmp);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let detail = stderr.trim();
            let detail =
                if detail.is_empty() { format!("curl exited with {}", output.status) } else { detail.to_string() };
            return Err(download_problem(detail));
        }
        Err(e) => {
            remove_if_present(&tmp);
            return Err(download_problem(format!("cannot run curl: {e}")));
        }
    }
    let bytes = match fs::read(&tmp) {
        Ok(bytes) => bytes,
        Err(e) => {
            remove_if_present(&tmp);
            return Err(download_problem(format!("cannot read the download {}: {e}", tmp.display())));
        }
    };
    let actual = sha256_hex(&bytes);
    let (target, problem) = match expected {
        Some(expected) if *expected == actual => (out.join(name), None),
        Some(expected) => (
            out.join(format!("{name}{UNVERIFIED_SUFFIX}")),
            Some(Problem::Mismatch { name: name.to_string(), expected: expected.clone(), actual }),
        ),
        None => (
            out.join(format!("{name}{UNVERIFIED_SUFFIX}")),
            Some(Problem::NotLocked { name: name.to_string(), actual }),
        ),
    };
    if let Err(e) = fs::rename(&tmp, &target) {
        remove_if_present(&tmp);
        return Err(download_problem(format!("cannot rename the download to {}: {e}", target.display())));
    }
    match problem {
        Some(problem) => Err(problem),
        None => {
            // A verified file makes an earlier run's unverified copy of it obsolete.
            remove_if_present(&out.join(format!("{name}{UNVERIFIED_SUFFIX}")));
            Ok(())
        }
    }
}

/// The curl protocol list for downloads from `base_url`: https only, unless the base URL itself is http (a
/// local test server or mirror), which then may also redirect to https.
fn allowed_protocols(base_url: &str) -> Result<&'static str> {
    let lower = base_url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        Ok("=https")
    } else if lower.starts_with("http://") {
        Ok("=http,https")
    } else {
        bail!("--base-url must start with https:// (or http:// for a local server), not `{base_url}`")
    }
}

/// Fails with one line saying how to get curl when `curl` cannot be run.
///
/// The download shells out to curl rather than using an HTTP crate: the generator's dependencies are fixed,
/// and the client's HTTP stack (reqwest on tokio) would pull an async runtime and TLS into a maintainer tool
/// that downloads four files. curl is a standard tool that CI installs, and the SHA-256 check against the lock,
/// not the transport, is what makes a download trustworthy.
fn require_curl(curl: &OsStr, base_url: &str, out_shown: &str) -> Result<()> {
    match Command::new(curl).arg("--version").output() {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
            "curl is not installed: install it (`apt-get install curl`), or download {} by hand from {base_url} \
             into {out_shown}",
            FILES.join(", ")
        ),
        Err(e) => Err(e).with_context(|| format!("cannot run {}", curl.to_string_lossy())),
    }
}

/// Removes `path`, ignoring its absence: cleanup after a failure must not hide the failure itself.
fn remove_if_present(path: &Path) {
    let _ = fs::remove_file(path);
}

/// Lowercase hex SHA-256 of `bytes`, as `sha256sum` and the lock file write it.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh, empty directory for one test: unique per process and call, so parallel tests do not collide.
    fn test_dir(label: &str) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("xtask-fetch-{label}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create test dir");
        dir
    }

    /// Made-up content for each file, so the tests depend neither on PayPal's files nor on the real lock.
    fn content(name: &str) -> String {
        format!("<!-- test copy of {name} -->\n")
    }

    /// A test setup: `served` is the directory the server serves, `out` the download target, `lock` a lock
    /// file recording [`content`] for every file of [`FILES`].
    struct Setup {
        base: PathBuf,
        served: PathBuf,
        out: PathBuf,
        lock: PathBuf,
        url: String,
    }

    impl Setup {
        fn new(label: &str) -> Self {
            let base = test_dir(label);
            let served = base.join("served");
            let out = base.join("out");
            fs::create_dir_all(&served).unwrap();
            let mut lock = Lock::default();
            for name in FILES {
                fs::write(served.join(name), content(name)).unwrap();
                lock.entries.insert(name.to_string(), sha256_hex(content(name).as_bytes()));
            }
            let lock_path = base.join("paypal.sha256");
            fs::write(&lock_path, lock.render()).unwrap();
            let url = format!("http://{}/", serve(served.clone()));
            Self { base, served, out, lock: lock_path, url }
        }

        fn fetch(&self) -> Result<String> {
            fetch(&self.url, &self.out, &self.lock, OsStr::new("curl"), &crate::project_root())
        }

        /// The names in the output directory, sorted.
        fn out_names(&self) -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(&self.out)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        }
    }

    impl Drop for Setup {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.base);
        }
    }

    /// Starts an HTTP/1.1 server on 127.0.0.1 that serves the files of `dir` (GET /NAME → 200 with the file,
    /// anything else → 404) and returns its address. The thread lives until the test process ends.
    fn serve(dir: PathBuf) -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // A broken connection only fails the request it carried, which the test then reports.
                let _ = respond(stream, &dir);
            }
        });
        addr
    }

    fn respond(stream: TcpStream, dir: &Path) -> io::Result<()> {
        let mut reader = BufReader::new(stream);
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        // The headers are read and ignored; the request has no body.
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
        }
        let mut parts = request_line.split_whitespace();
        let file = match (parts.next(), parts.next()) {
            (Some("GET"), Some(path)) => path.strip_prefix('/').filter(|name| !name.contains('/') && !name.is_empty()),
            _ => None,
        };
        let body = file.and_then(|name| fs::read(dir.join(name)).ok());
        let (status, body) = match body {
            Some(body) => ("200 OK", body),
            None => ("404 Not Found", b"not found\n".to_vec()),
        };
        let mut stream = reader.into_inner();
        write!(stream, "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
        stream.write_all(&body)?;
        stream.flush()
    }

    #[test]
    fn arguments_parse() {
        let cli = crate::Cli::try_parse_from(["xtask", "fetch-schemas"]).unwrap();
        let crate::Command::FetchSchemas(args) = cli.command else { panic!("not fetch-schemas") };
        assert_eq!(args.base_url, DEFAULT_BASE_URL);
        assert_eq!(args.out, None);
        let cli = crate::Cli::try_parse_from([
            "xtask",
            "fetch-schemas",
            "--base-url",
            "https://www.sandbox.paypal.com/wsdl/",
            "--out",
            "o",
        ])
        .unwrap();
        let crate::Command::FetchSchemas(args) = cli.command else { panic!("not fetch-schemas") };
        assert_eq!(args.base_url, "https://www.sandbox.paypal.com/wsdl/");
        assert_eq!(args.out.as_deref(), Some(Path::new("o")));
        assert!(crate::Cli::try_parse_from(["xtask", "fetch-schemas", "--check"]).is_err());
    }

    #[test]
    fn matching_files_land_in_the_output_directory() {
        let setup = Setup::new("ok");
        let summary = setup.fetch().unwrap_or_else(|e| panic!("{e:#}"));
        assert!(summary.starts_with("fetch-schemas: 4 files from http://127.0.0.1:"), "{summary}");
        for name in FILES {
            assert_eq!(fs::read_to_string(setup.out.join(name)).unwrap(), content(name), "{name}");
        }
        // Nothing else: no temporary file is left behind.
        let mut expected: Vec<String> = FILES.iter().map(ToString::to_string).collect();
        expected.sort();
        assert_eq!(setup.out_names(), expected);
        // A second run replaces the files in place and succeeds again.
        setup.fetch().unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(setup.out_names(), expected);
    }

    #[test]
    fn a_file_that_differs_from_the_lock_is_not_put_in_place() {
        let setup = Setup::new("mismatch");
        let name = "eBLBaseComponents.xsd";
        fs::write(setup.served.join(name), "<!-- a different version -->\n").unwrap();
        let err = setup.fetch().unwrap_err().to_string();
        let expected = sha256_hex(content(name).as_bytes());
        let actual = sha256_hex(b"<!-- a different version -->\n");
        assert!(err.contains(&format!("{name}: SHA-256 mismatch: expected {expected}")), "{err}");
        assert!(err.contains(&format!("actual {actual}")), "{err}");
        assert!(err.contains("cargo xtask regen --schemas") && err.contains("cargo xtask diff"), "{err}");
        assert!(!setup.out.join(name).exists(), "{err}");
        assert_eq!(
            fs::read_to_string(setup.out.join(format!("{name}.unverified"))).unwrap(),
            "<!-- a different version -->\n"
        );
        // The files that matched are in place: every one of them is what the lock records.
        for other in FILES.iter().filter(|n| **n != name) {
            assert_eq!(fs::read_to_string(setup.out.join(other)).unwrap(), content(other), "{other}");
        }
    }

    #[test]
    fn a_missing_file_is_named() {
        let setup = Setup::new("404");
        let name = "CoreComponentTypes.xsd";
        fs::remove_file(setup.served.join(name)).unwrap();
        let err = setup.fetch().unwrap_err().to_string();
        assert!(err.contains(&format!("{name}: cannot download {}{name}: ", setup.url)), "{err}");
        assert!(err.contains("404"), "{err}");
        assert!(!setup.out.join(name).exists(), "{err}");
        assert_eq!(setup.out_names().len(), 3, "{:?}", setup.out_names());
    }

    #[test]
    fn every_problem_is_reported() {
        let setup = Setup::new("all");
        fs::remove_file(setup.served.join("CoreComponentTypes.xsd")).unwrap();
        fs::write(setup.served.join("PayPalSvc.wsdl"), "changed").unwrap();
        fs::write(setup.served.join("EnhancedDataTypes.xsd"), "changed too").unwrap();
        let lock = format!(
            "{}  PayPalSvc.wsdl\n{}  CoreComponentTypes.xsd\n{}  EnhancedDataTypes.xsd\n{}  Extra.xsd\n",
            sha256_hex(content("PayPalSvc.wsdl").as_bytes()),
            sha256_hex(content("CoreComponentTypes.xsd").as_bytes()),
            sha256_hex(content("EnhancedDataTypes.xsd").as_bytes()),
            sha256_hex(b"extra"),
        );
        fs::write(&setup.lock, lock).unwrap();
        let err = setup.fetch().unwrap_err().to_string();
        assert!(err.contains("5 problem(s)"), "{err}");
        assert!(err.contains("  PayPalSvc.wsdl: SHA-256 mismatch"), "{err}");
        assert!(err.contains("  EnhancedDataTypes.xsd: SHA-256 mismatch"), "{err}");
        assert!(err.contains("  CoreComponentTypes.xsd: cannot download"), "{err}");
        assert!(err.contains("  eBLBaseComponents.xsd: not in "), "{err}");
        assert!(err.contains("  Extra.xsd: listed in "), "{err}");
        // Nothing took a real name: the three downloads are kept aside, the missing one left nothing.
        let mut kept: Vec<String> =
            FILES.iter().filter(|n| **n != "CoreComponentTypes.xsd").map(|n| format!("{n}.unverified")).collect();
        kept.sort();
        assert_eq!(setup.out_names(), kept);
    }

    #[test]
    fn a_missing_curl_says_how_to_get_it() {
        let base = test_dir("nocurl");
        let lock = base.join("paypal.sha256");
        fs::write(&lock, "").unwrap();
        let out = base.join("out");
        let err = fetch("https://example.invalid/wsdl/", &out, &lock, OsStr::new("xtask-test-no-such-curl"), &base)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "curl is not installed: install it (`apt-get install curl`), or download PayPalSvc.wsdl, \
             eBLBaseComponents.xsd, CoreComponentTypes.xsd, EnhancedDataTypes.xsd by hand from \
             https://example.invalid/wsdl/ into out"
        );
        assert!(!out.exists());
        fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn only_http_and_https_base_urls_are_accepted() {
        assert_eq!(allowed_protocols("https://www.paypal.com/wsdl/").unwrap(), "=https");
        assert_eq!(allowed_protocols("HTTP://127.0.0.1:1/").unwrap(), "=http,https");
        let err = allowed_protocols("file:///etc/").unwrap_err().to_string();
        assert!(err.starts_with("--base-url must start with https://"), "{err}");
    }

    #[test]
    fn a_missing_lock_is_an_error_that_names_it() {
        let base = test_dir("nolock");
        let lock = base.join("missing.sha256");
        let err = fetch("http://127.0.0.1:1/", &base.join("out"), &lock, OsStr::new("curl"), &base).unwrap_err();
        assert!(err.to_string().starts_with("missing.sha256 does not exist"), "{err:#}");
        fs::remove_dir_all(&base).unwrap();
    }
}
