//! Tests of the catalog parser and emitter on small inline catalogs, and of the project's own catalog file.

use super::*;
use crate::write;

const HEADER: &str = "code\tapis\tshort_message\tlong_message\trecovery\trest_names\tguidance\n";

fn catalog(rows: &[&str]) -> String {
    let mut text = HEADER.to_string();
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

fn problems(text: &str) -> String {
    match parse("c.tsv", text) {
        Ok(_) => panic!("the catalog parsed, but problems were expected"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn rows_become_codes_with_their_messages() {
    let text = catalog(&[
        "10001\tGeneral,MassPay\tInternal Error\tInternal Error\tretry_later\t\tTry again later.",
        "10001\tMassPay,RefundTransaction\tInternal Error\tThe transaction could not be loaded\tfix_request\t\tCheck the ID.",
        "10486\tDoExpressCheckoutPayment\t\t\tredirect_to_paypal\tREDIRECT_PAYER_FOR_ALTERNATE_FUNDING,X_2\tGo back.",
    ]);
    let catalog = parse("c.tsv", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.codes.keys().copied().collect::<Vec<_>>(), [10001, 10486]);
    let internal = &catalog.codes[&10001];
    assert_eq!(internal.apis(), ["General", "MassPay", "RefundTransaction"]);
    assert_eq!(internal.messages[1].line, 3);
    assert_eq!(internal.messages[1].long.as_deref(), Some("The transaction could not be loaded"));
    let redirect = &catalog.codes[&10486];
    assert_eq!(redirect.messages[0].short, None);
    assert_eq!(redirect.messages[0].long, None);
    assert_eq!(redirect.rest_names, ["REDIRECT_PAYER_FOR_ALTERNATE_FUNDING", "X_2"]);
    assert_eq!(redirect.recovery(), Recovery::RedirectToPayPal);
}

#[test]
fn a_codes_recovery_is_its_most_frequent_class_and_the_earliest_on_a_tie() {
    let text = catalog(&[
        "10002\tGeneral\tA\ta\tfix_request\t\tFix it.",
        "10002\tGeneral\tB\tb\tretry_later\t\tWait.",
        "10002\tGeneral\tC\tc\tretry_later\t\tWait.",
        "10009\tGeneral\tA\ta\tnone\t\tLeave it.",
        "10009\tGeneral\tB\tb\tcontact_paypal\t\tCall.",
    ]);
    let catalog = parse("c.tsv", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.codes[&10002].recovery(), Recovery::RetryLater);
    assert_eq!(catalog.codes[&10009].recovery(), Recovery::None);
    assert_eq!(catalog.codes_per_recovery(), BTreeMap::from([(Recovery::RetryLater, 1), (Recovery::None, 1)]));
    assert_eq!(catalog.messages_per_recovery()[&Recovery::RetryLater], 2);
    assert_eq!(catalog.codes_per_api(), BTreeMap::from([("General", 2)]));
}

#[test]
fn comments_blank_lines_and_crlf_are_accepted() {
    let text = format!("# a comment\r\n\r\n{}", catalog(&["10001\tGeneral\tA\ta\tnone\t\tNothing to do."]));
    let text = text.replace('\n', "\r\n");
    let catalog = parse("c.tsv", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.codes[&10001].messages[0].guidance, "Nothing to do.");
    assert_eq!(catalog.codes[&10001].messages[0].line, 4);
}

#[test]
fn every_problem_is_reported_with_its_line() {
    let text = catalog(&[
        "10001\tGeneral",
        "010486\tGeneral\tA\ta\tnone\t\tg",
        "1o486\tGeneral\tA\ta\tnone\t\tg",
        "10486\tNVP,General,General\tA\ta\tsometimes\tnot-upper\tg",
        "10410\tGeneral\tA\ta\tnone\t\tg",
        "10411\tGeneral\t A\ta\tnone\t\t",
        "10411\tGeneral\tB\tSame words\tnone\t\tsame words",
        "10412\tGeneral\tA\ta\tnone\tX\tg",
        "10412\tGeneral\tA\ta\tnone\tX\tg",
        "10412\tGeneral\tB\tb\tnone\tY\tg",
        "10413\t\tA\ta\tnone\t\tg",
    ]);
    let expected = [
        "c.tsv:2: expected 7 tab-separated columns, found 2",
        "c.tsv:3: code `010486` is not a decimal number",
        "c.tsv:4: code `1o486` is not a decimal number",
        "c.tsv:5: unknown API `NVP` (one of General, SetExpressCheckout, GetExpressCheckoutDetails, \
         DoExpressCheckoutPayment, CreateBillingAgreement, DirectPayment, Authorization&Capture, \
         GetTransactionDetails, MassPay, RefundTransaction, TransactionSearch)",
        "c.tsv:5: API `General` is listed twice",
        "c.tsv:5: unknown recovery `sometimes` (one of restart_checkout, contact_paypal, fix_request, \
         fix_shipping_address, redirect_to_paypal, offer_return_to_paypal, retry_later, none)",
        "c.tsv:5: REST name `not-upper` is not an UPPER_SNAKE_CASE name",
        "c.tsv:6: code 10410 comes after 10486; keep the rows sorted by code",
        "c.tsv:7: short_message has leading or trailing whitespace",
        "c.tsv:7: guidance is empty",
        "c.tsv:8: guidance repeats PayPal's message; say what to do in our own words",
        "c.tsv:10: code 10412 already has this message pair at line 9; list its APIs on one row",
        "c.tsv:11: rest_names differ from line 9; every row of code 10412 must name the same ones",
        "c.tsv:12: apis is empty; name at least one API",
    ];
    assert_eq!(problems(&text), expected.join("\n"));
}

#[test]
fn a_wrong_or_missing_header_is_reported() {
    assert_eq!(
        problems("code\tapis\n10001\tGeneral\n"),
        "c.tsv:1: the header row must be `code<TAB>apis<TAB>short_message<TAB>long_message<TAB>recovery<TAB>rest_names<TAB>guidance`"
    );
    assert_eq!(problems("# only a comment\n"), "c.tsv:1: no header row");
    assert_eq!(problems(""), "c.tsv:1: no header row");
}

#[test]
fn an_unreadable_file_names_its_path() {
    let err = load(Path::new("/nonexistent/error-catalog.tsv")).expect_err("the file does not exist");
    assert!(err.to_string().starts_with("/nonexistent/error-catalog.tsv: "), "{err}");
}

#[test]
fn recovery_names_round_trip() {
    for recovery in Recovery::ALL {
        assert_eq!(Recovery::from_name(recovery.as_str()), Some(recovery));
    }
    assert_eq!(Recovery::from_name("Restart_Checkout"), None);
}

/// The emitted module for `text`, formatted the way the writer formats generated files.
fn emitted(text: &str) -> String {
    let catalog = parse("c.tsv", text).unwrap_or_else(|e| panic!("{e}"));
    let tokens = BTreeMap::from([("errors.rs".to_string(), emit_catalog(&catalog))]);
    let files = write::format_files(tokens).unwrap_or_else(|e| panic!("{e}"));
    files.files["errors.rs"].clone()
}

#[test]
fn the_emitted_table_is_sorted_and_carries_every_field() {
    let source = emitted(&catalog(&[
        "10411\tSetExpressCheckout\tExpired\tToken expired.\trestart_checkout\tTOKEN_ID_NOT_FOUND\tStart over.",
        "10411\tCreateBillingAgreement\t\t\trestart_checkout\tTOKEN_ID_NOT_FOUND\tStart over, too.",
        "10486\tDoExpressCheckoutPayment\t\t\tredirect_to_paypal\t\tGo \"back\".",
    ]));
    let expected_table = r#"pub static CATALOG: [ErrorInfo; 2] = [
    ErrorInfo {
        code: 10411,
        apis: &["SetExpressCheckout", "CreateBillingAgreement"],
        recovery: RecoveryClass::RestartCheckout,
        rest_names: &["TOKEN_ID_NOT_FOUND"],
        messages: &[
            MessageInfo {
                short: ::std::option::Option::Some("Expired"),
                long: ::std::option::Option::Some("Token expired."),
                apis: &["SetExpressCheckout"],
                recovery: RecoveryClass::RestartCheckout,
                guidance: "Start over.",
            },
            MessageInfo {
                short: ::std::option::Option::None,
                long: ::std::option::Option::None,
                apis: &["CreateBillingAgreement"],
                recovery: RecoveryClass::RestartCheckout,
                guidance: "Start over, too.",
            },
        ],
    },
    ErrorInfo {
        code: 10486,
        apis: &["DoExpressCheckoutPayment"],
        recovery: RecoveryClass::RedirectToPayPal,
        rest_names: &[],
        messages: &[
            MessageInfo {
                short: ::std::option::Option::None,
                long: ::std::option::Option::None,
                apis: &["DoExpressCheckoutPayment"],
                recovery: RecoveryClass::RedirectToPayPal,
                guidance: "Go \"back\".",
            },
        ],
    },
];
"#;
    assert!(source.ends_with(expected_table), "{source}");
    let uses = "\nuse crate::recovery::{ErrorInfo, MessageInfo, RecoveryClass, ReportedError, Severity};\n";
    assert!(source.contains(uses), "{source}");
    assert!(source.contains("\npub enum ErrorCode {\n"));
    assert!(source.contains("pub fn from_wire(text: &str) -> Self {"));
}

#[test]
fn an_empty_catalog_still_emits_a_valid_module() {
    let source = emitted(HEADER);
    assert!(source.contains("pub static CATALOG: [ErrorInfo; 0] = [];"), "{source}");
}

#[test]
fn the_projects_catalog_parses_and_emits() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(CATALOG_FILE);
    let catalog = load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(catalog.codes.len() > 100, "only {} codes", catalog.codes.len());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let source = emitted(&text);
    assert!(source.contains(&format!("pub static CATALOG: [ErrorInfo; {}] = [", catalog.codes.len())));
}
