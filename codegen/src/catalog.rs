//! The error catalog: `schemas/error-catalog.tsv` (the project's own data about PayPal's error codes) parsed
//! into a [`Catalog`], and [`emit_catalog`], which turns it into the generated `errors` module of `paypal-soap`.
//!
//! The file is tab-separated, one row per message PayPal returns for a code, with the columns of [`COLUMNS`];
//! `schemas/ERROR-CATALOG.md` describes them. Lines starting with `#` and blank lines are skipped. Every problem
//! of the file is reported at once, each as `file:line: what is wrong`.

mod emit;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use emit::emit_catalog;

/// The catalog's path relative to the project root.
pub const CATALOG_FILE: &str = "schemas/error-catalog.tsv";

/// The header row, in order.
pub const COLUMNS: [&str; 7] = ["code", "apis", "short_message", "long_message", "recovery", "rest_names", "guidance"];

/// The API names the `apis` column may use: PayPal's references group errors by these (one operation, a family
/// such as `Authorization&Capture` or `DirectPayment`, or `General` for errors any call can return).
pub const APIS: [&str; 11] = [
    "General",
    "SetExpressCheckout",
    "GetExpressCheckoutDetails",
    "DoExpressCheckoutPayment",
    "CreateBillingAgreement",
    "DirectPayment",
    "Authorization&Capture",
    "GetTransactionDetails",
    "MassPay",
    "RefundTransaction",
    "TransactionSearch",
];

/// What to do about an error: the recovery classes of `paypal_soap_policy`, the same enum the generated crate
/// uses, so the catalog's names and the generated variants cannot drift apart.
pub use paypal_soap_policy::RecoveryClass as Recovery;

/// The parsed catalog: one entry per code, in code order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Entries keyed by code.
    pub codes: BTreeMap<u32, CodeEntry>,
}

/// Everything the catalog says about one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    /// The code.
    pub code: u32,
    /// REST error names that correspond to it (the same on every row of the code).
    pub rest_names: Vec<String>,
    /// Its rows, in file order; never empty.
    pub messages: Vec<MessageEntry>,
}

/// One row: a message PayPal returns with a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageEntry {
    /// The row's line in the file (1-based).
    pub line: usize,
    /// APIs documented to return the message, in row order.
    pub apis: Vec<String>,
    /// `ShortMessage` as the API returns it; `None` when no wording is on record.
    pub short: Option<String>,
    /// `LongMessage` as the API returns it; `None` when no wording is on record.
    pub long: Option<String>,
    /// What to do about it.
    pub recovery: Recovery,
    /// The project's one-line guidance.
    pub guidance: String,
}

impl CodeEntry {
    /// The APIs of all its messages, each once, in order of first appearance.
    pub fn apis(&self) -> Vec<&str> {
        let mut apis: Vec<&str> = Vec::new();
        for api in self.messages.iter().flat_map(|m| &m.apis) {
            if !apis.contains(&api.as_str()) {
                apis.push(api);
            }
        }
        apis
    }

    /// The code's own recovery, used when a received message matches none of its rows: the class most rows give,
    /// and on a tie the class of the earliest of those rows, so the file's order settles it predictably.
    pub fn recovery(&self) -> Recovery {
        let count = |r: Recovery| self.messages.iter().filter(|m| m.recovery == r).count();
        let mut best = self.messages.first().map_or(Recovery::None, |m| m.recovery);
        for m in &self.messages {
            if count(m.recovery) > count(best) {
                best = m.recovery;
            }
        }
        best
    }
}

impl Catalog {
    /// How many codes each API returns, by the catalog's API names.
    pub fn codes_per_api(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for entry in self.codes.values() {
            for api in entry.apis() {
                *counts.entry(api).or_insert(0) += 1;
            }
        }
        counts
    }

    /// How many codes have each class as their own recovery ([`CodeEntry::recovery`]).
    pub fn codes_per_recovery(&self) -> BTreeMap<Recovery, usize> {
        let mut counts = BTreeMap::new();
        for entry in self.codes.values() {
            *counts.entry(entry.recovery()).or_insert(0) += 1;
        }
        counts
    }

    /// How many rows (messages) give each class.
    pub fn messages_per_recovery(&self) -> BTreeMap<Recovery, usize> {
        let mut counts = BTreeMap::new();
        for m in self.codes.values().flat_map(|e| &e.messages) {
            *counts.entry(m.recovery).or_insert(0) += 1;
        }
        counts
    }
}

/// One problem in the catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as given to [`parse`].
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Why the catalog could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// Raised by [`load`] when the file cannot be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Raised when the file has problems; all of them are listed, one per line.
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every problem found, in line order.
        problems: Vec<Problem>,
    },
}

/// Reads and parses the catalog at `path`; problems name the file as `path` displays.
///
/// # Errors
/// [`CatalogError::Io`] when the file cannot be read, [`CatalogError::Invalid`] with every problem found.
pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Io { path: path.into(), source })?;
    parse(&path.display().to_string(), &text)
}

/// Parses catalog text; `file` is the name problems carry.
///
/// # Errors
/// [`CatalogError::Invalid`] with every problem found: a wrong header or column count, a code that is not a
/// decimal number, rows out of code order, an unknown API or recovery class, a malformed REST name, a field with
/// leading or trailing whitespace, a duplicate message, REST names that differ between rows of one code, and
/// guidance that is empty or merely repeats PayPal's message.
///
/// # Example
/// ```
/// let text = "code\tapis\tshort_message\tlong_message\trecovery\trest_names\tguidance\n\
///             10486\tDoExpressCheckoutPayment\t\t\tredirect_to_paypal\t\tSend the buyer back to PayPal.\n";
/// let catalog = codegen::catalog::parse("catalog.tsv", text).unwrap();
/// assert_eq!(catalog.codes[&10486].recovery(), codegen::catalog::Recovery::RedirectToPayPal);
///
/// let err = codegen::catalog::parse("catalog.tsv", &text.replace("10486", "1o486")).unwrap_err();
/// assert_eq!(err.to_string(), "catalog.tsv:2: code `1o486` is not a decimal number");
/// ```
pub fn parse(file: &str, text: &str) -> Result<Catalog, CatalogError> {
    let mut parser = Parser { file, problems: Vec::new(), catalog: Catalog::default(), last_code: None };
    let mut header_seen = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        if header_seen {
            parser.row(line, raw);
        } else if raw == COLUMNS.join("\t") {
            header_seen = true;
        } else {
            parser.problem(line, format!("the header row must be `{}`", COLUMNS.join("<TAB>")));
            break;
        }
    }
    if !header_seen && parser.problems.is_empty() {
        parser.problem(text.lines().count().max(1), "no header row".to_string());
    }
    if parser.problems.is_empty() {
        Ok(parser.catalog)
    } else {
        Err(CatalogError::Invalid { problems: parser.problems })
    }
}

/// Parsing state: problems are collected, so one run reports all of them.
struct Parser<'a> {
    file: &'a str,
    problems: Vec<Problem>,
    catalog: Catalog,
    last_code: Option<u32>,
}

impl Parser<'_> {
    fn problem(&mut self, line: usize, message: String) {
        self.problems.push(Problem { file: self.file.to_string(), line, message });
    }

    fn row(&mut self, line: usize, raw: &str) {
        let fields: Vec<&str> = raw.split('\t').collect();
        let &[code, apis, short, long, recovery, rest_names, guidance] = fields.as_slice() else {
            let message = format!("expected {} tab-separated columns, found {}", COLUMNS.len(), fields.len());
            return self.problem(line, message);
        };
        let before = self.problems.len();
        for (name, value) in COLUMNS.iter().zip(&fields) {
            if value.trim() != *value {
                self.problem(line, format!("{name} has leading or trailing whitespace"));
            }
        }
        let code = self.code(line, code);
        let apis = self.apis(line, apis);
        let recovery = Recovery::from_name(recovery).or_else(|| {
            let known: Vec<&str> = Recovery::ALL.iter().map(|r| r.as_str()).collect();
            self.problem(line, format!("unknown recovery `{recovery}` (one of {})", known.join(", ")));
            None
        });
        let rest_names = self.rest_names(line, rest_names);
        let (short, long) = (non_empty(short), non_empty(long));
        if guidance.is_empty() {
            self.problem(line, "guidance is empty".to_string());
        } else if [short, long].into_iter().flatten().any(|m| m.eq_ignore_ascii_case(guidance)) {
            self.problem(line, "guidance repeats PayPal's message; say what to do in our own words".to_string());
        }
        let (Some(code), Some(recovery)) = (code, recovery) else { return };
        if self.problems.len() > before {
            return;
        }
        let message = MessageEntry {
            line,
            apis,
            short: short.map(str::to_string),
            long: long.map(str::to_string),
            recovery,
            guidance: guidance.to_string(),
        };
        self.add(code, rest_names, message);
    }

    fn code(&mut self, line: usize, text: &str) -> Option<u32> {
        let canonical = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
        let Some(code) = text.parse::<u32>().ok().filter(|_| canonical) else {
            self.problem(line, format!("code `{text}` is not a decimal number"));
            return None;
        };
        if let Some(last) = self.last_code.filter(|&last| code < last) {
            self.problem(line, format!("code {code} comes after {last}; keep the rows sorted by code"));
        }
        self.last_code = Some(code);
        Some(code)
    }

    fn apis(&mut self, line: usize, text: &str) -> Vec<String> {
        let mut apis: Vec<String> = Vec::new();
        if text.is_empty() {
            self.problem(line, "apis is empty; name at least one API".to_string());
            return apis;
        }
        for api in text.split(',') {
            if !APIS.contains(&api) {
                self.problem(line, format!("unknown API `{api}` (one of {})", APIS.join(", ")));
            } else if apis.iter().any(|a| a == api) {
                self.problem(line, format!("API `{api}` is listed twice"));
            } else {
                apis.push(api.to_string());
            }
        }
        apis
    }

    fn rest_names(&mut self, line: usize, text: &str) -> Vec<String> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut names: Vec<String> = Vec::new();
        for name in text.split(',') {
            let valid =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            if valid {
                names.push(name.to_string());
            } else {
                self.problem(line, format!("REST name `{name}` is not an UPPER_SNAKE_CASE name"));
            }
        }
        names
    }

    fn add(&mut self, code: u32, rest_names: Vec<String>, message: MessageEntry) {
        let line = message.line;
        let entry = self.catalog.codes.entry(code).or_insert_with(|| CodeEntry {
            code,
            rest_names: rest_names.clone(),
            messages: Vec::new(),
        });
        let duplicate = entry.messages.iter().find(|m| m.short == message.short && m.long == message.long);
        let problem = if let Some(first) = duplicate {
            Some(format!("code {code} already has this message pair at line {}; list its APIs on one row", first.line))
        } else if entry.rest_names != rest_names {
            let first = entry.messages.first().map_or(line, |m| m.line);
            Some(format!("rest_names differ from line {first}; every row of code {code} must name the same ones"))
        } else {
            entry.messages.push(message);
            None
        };
        if let Some(problem) = problem {
            self.problem(line, problem);
        }
    }
}

/// `None` for an empty field.
fn non_empty(field: &str) -> Option<&str> {
    (!field.is_empty()).then_some(field)
}

#[cfg(test)]
mod tests;
