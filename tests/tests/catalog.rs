//! The project's error catalog (`schemas/error-catalog.tsv`) checked against the facts it was written from,
//! `../shared/facts/error-codes.tsv` and `rest-mapping.tsv`: every code and API message of the facts is in the
//! catalog with the same recovery, the catalog invents none, and the REST names follow the mapping.
//!
//! The facts are read from `../shared` next to the project (or the directory `PAYPAL_SHARED_DIR` names); a test
//! fails, and says where it looked, when they are missing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use codegen::catalog::{self, CATALOG_FILE, Catalog, Recovery};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

fn shared() -> PathBuf {
    std::env::var_os("PAYPAL_SHARED_DIR").map_or_else(|| root().join("../shared"), PathBuf::from)
}

fn project_catalog() -> Catalog {
    catalog::load(&root().join(CATALOG_FILE)).unwrap_or_else(|e| panic!("{e}"))
}

/// The rows of a shared TSV file after its header, split into fields.
fn tsv(name: &str) -> Vec<Vec<String>> {
    let path = shared().join("facts").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; set PAYPAL_SHARED_DIR to the shared directory", path.display()));
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// One row of `error-codes.tsv`.
#[derive(Debug)]
struct Fact {
    code: u32,
    apis: Vec<String>,
    short: Option<String>,
    long: String,
    recovery: Recovery,
}

impl Fact {
    /// Rows whose long message is in parentheses, such as `(blog) ...`, describe the error in a source's words
    /// instead of quoting the API, so the catalog does not carry them as PayPal's messages.
    fn quotes_the_api(&self) -> bool {
        !self.long.starts_with('(')
    }
}

fn facts() -> Vec<Fact> {
    tsv("error-codes.tsv")
        .into_iter()
        .map(|f| Fact {
            code: f[0].parse().unwrap_or_else(|e| panic!("code {:?}: {e}", f[0])),
            apis: f[1].split(';').map(str::to_string).collect(),
            short: Some(f[2].clone()).filter(|s| !s.is_empty()),
            long: f[3].clone(),
            recovery: Recovery::from_name(&f[4]).unwrap_or_else(|| panic!("recovery {:?}", f[4])),
        })
        .collect()
}

#[test]
fn the_catalog_holds_exactly_the_codes_of_the_facts() {
    let facts: BTreeSet<u32> = facts().iter().map(|f| f.code).collect();
    let catalog: BTreeSet<u32> = project_catalog().codes.keys().copied().collect();
    assert_eq!(facts.len(), 201, "the facts changed; review the catalog against them");
    let missing: Vec<_> = facts.difference(&catalog).collect();
    let extra: Vec<_> = catalog.difference(&facts).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the catalog: {missing:?}; not in the facts: {extra:?}"
    );
}

#[test]
fn every_api_message_of_the_facts_is_a_catalog_row_with_its_apis_and_recovery() {
    let catalog = project_catalog();
    let mut wrong = Vec::new();
    for fact in facts().iter().filter(|f| f.quotes_the_api()) {
        let row = catalog.codes[&fact.code]
            .messages
            .iter()
            .find(|m| m.short == fact.short && m.long.as_deref() == Some(fact.long.as_str()));
        match row {
            None => wrong.push(format!("{} {:?}: no row", fact.code, fact.long)),
            Some(row) if row.recovery != fact.recovery => {
                wrong.push(format!(
                    "{} {:?}: {} in the catalog, {} in the facts",
                    fact.code, fact.long, row.recovery, fact.recovery
                ));
            }
            Some(row) => {
                for api in fact.apis.iter().filter(|a| !row.apis.contains(a)) {
                    wrong.push(format!("{} {:?}: API {api} missing (line {})", fact.code, fact.long, row.line));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_api_of_a_code_in_the_facts_is_in_the_catalog_with_that_recovery() {
    let catalog = project_catalog();
    let mut wrong = Vec::new();
    for fact in facts() {
        for api in &fact.apis {
            let found =
                catalog.codes[&fact.code].messages.iter().any(|m| m.apis.contains(api) && m.recovery == fact.recovery);
            if !found {
                wrong.push(format!("{} {api}: no row with recovery {}", fact.code, fact.recovery));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_catalog_invents_no_message() {
    let facts = facts();
    let quoted: BTreeSet<(u32, Option<&str>, &str)> =
        facts.iter().filter(|f| f.quotes_the_api()).map(|f| (f.code, f.short.as_deref(), f.long.as_str())).collect();
    let described: BTreeSet<(u32, &str)> = facts
        .iter()
        .filter(|f| !f.quotes_the_api())
        .flat_map(|f| f.apis.iter().map(move |a| (f.code, a.as_str())))
        .collect();
    let mut invented = Vec::new();
    for (code, entry) in &project_catalog().codes {
        for m in &entry.messages {
            let known = match m.long.as_deref() {
                Some(long) => quoted.contains(&(*code, m.short.as_deref(), long)),
                // A row without PayPal's wording stands for errors the facts only describe.
                None => m.short.is_none() && m.apis.iter().all(|a| described.contains(&(*code, a.as_str()))),
            };
            if !known {
                invented.push(format!("line {}: code {code} {:?} / {:?}", m.line, m.short, m.long));
            }
        }
    }
    assert!(invented.is_empty(), "rows the facts do not back:\n{}", invented.join("\n"));
}

#[test]
fn codes_per_api_match_the_facts() {
    let mut expected: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for fact in facts() {
        for api in fact.apis {
            expected.entry(api).or_default().insert(fact.code);
        }
    }
    let expected: BTreeMap<&str, usize> = expected.iter().map(|(api, codes)| (api.as_str(), codes.len())).collect();
    assert_eq!(project_catalog().codes_per_api(), expected);
}

/// The classic codes `rest-mapping.tsv` names for each REST error, without those it marks `(weak)` and without
/// the "nearest" guesses of a row that has no equivalent; ranges such as `10727-10731` stand for every code in
/// them the catalog holds.
fn rest_mapping(catalog: &Catalog) -> BTreeMap<u32, Vec<String>> {
    let mut mapping: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for row in tsv("rest-mapping.tsv") {
        let (name, codes) = (&row[0], &row[3]);
        if codes.contains("none in seeds") {
            continue;
        }
        for part in codes.split(';').filter(|p| !p.contains("(weak)")) {
            for span in part.split([',', ' ']).filter(|s| s.starts_with(|c: char| c.is_ascii_digit())) {
                let (low, high) = span.split_once('-').unwrap_or((span, span));
                let (low, high): (u32, u32) = (low.parse().expect("a code"), high.parse().expect("a code"));
                for code in catalog.codes.range(low..=high).map(|(c, _)| *c) {
                    mapping.entry(code).or_default().push(name.clone());
                }
            }
        }
    }
    for names in mapping.values_mut() {
        names.sort();
        names.dedup();
    }
    mapping
}

#[test]
fn rest_names_follow_the_mapping() {
    let catalog = project_catalog();
    let expected = rest_mapping(&catalog);
    assert_eq!(expected[&10486], ["REDIRECT_PAYER_FOR_ALTERNATE_FUNDING"]);
    let actual: BTreeMap<u32, Vec<String>> = catalog
        .codes
        .iter()
        .filter(|(_, e)| !e.rest_names.is_empty())
        .map(|(code, e)| (*code, e.rest_names.clone()))
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn the_recoveries_the_issue_names_are_in_the_catalog() {
    let catalog = project_catalog();
    // The Express Checkout codes whose recovery PayPal's references spell out: every message of them agrees.
    let express_checkout = [
        (10411, Recovery::RestartCheckout),
        (10486, Recovery::RedirectToPayPal),
        (10417, Recovery::OfferReturnToPayPal),
        (10422, Recovery::OfferReturnToPayPal),
        (10485, Recovery::OfferReturnToPayPal),
        (10736, Recovery::FixShippingAddress),
    ];
    for (code, expected) in express_checkout {
        let entry = &catalog.codes[&code];
        assert_eq!(entry.recovery(), expected, "code {code}");
        assert!(entry.messages.iter().all(|m| m.recovery == expected), "code {code} has a message with another class");
    }
    // The other classes, each by a code whose own class it is.
    let others = [
        (10004, Recovery::FixRequest),
        (10001, Recovery::RetryLater),
        (10425, Recovery::ContactPayPal),
        (10415, Recovery::None),
    ];
    for (code, expected) in others {
        assert_eq!(catalog.codes[&code].recovery(), expected, "code {code}");
    }
}

#[test]
fn every_class_is_used_and_the_counts_add_up() {
    let catalog = project_catalog();
    let per_class = catalog.codes_per_recovery();
    assert_eq!(per_class.keys().copied().collect::<Vec<_>>(), Recovery::ALL);
    assert_eq!(per_class.values().sum::<usize>(), catalog.codes.len());
    let rows: usize = catalog.codes.values().map(|e| e.messages.len()).sum();
    assert_eq!(catalog.messages_per_recovery().values().sum::<usize>(), rows);
}
