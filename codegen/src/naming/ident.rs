//! Per-role identifier functions: one wire name in, one valid Rust identifier out, no context.
//!
//! Every function here runs the same three steps, so all roles agree on what a "word" is:
//!
//! 1. sanitize: keep ASCII letters and digits, turn everything else (punctuation, spaces, non-ASCII) into a
//!    word break, and add a break between a digit and a following capital (`6Pack` → `6 Pack`, so heck
//!    does not lowercase it to `6pack`);
//! 2. case with heck (`CorrelationID` → `correlation_id`, `BMCreateButton` → `BmCreateButton`);
//! 3. repair: an empty result becomes `Empty`/`empty`/`EMPTY`, a leading digit gets a `_` prefix (as prost and
//!    xsd-parser do), and a keyword gets a `_` suffix (`type` → `type_`, `Self` → `Self_`).
//!
//! Output is ASCII only, which keeps clear of the `non_ascii_idents` and `uncommon_codepoints` lints.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Every Rust keyword that cannot be a plain identifier: strict keywords of all editions, keywords reserved
/// for future use (including `gen`, reserved since edition 2024), and `_`.
pub const KEYWORDS: &[&str] = &[
    "_", "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do",
    "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super",
    "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// True when `name` is a Rust keyword (see [`KEYWORDS`]).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// UpperCamelCase identifier for a type (struct, enum, alias or trait): `BMCreateButtonRequestType` →
/// `BmCreateButtonRequestType`, `Ad type` → `AdType`, `self` → `Self_`.
pub fn type_ident(raw: &str) -> String {
    repair(sanitize(raw).to_upper_camel_case(), "Empty")
}

/// snake_case identifier for a field, method or module: `CorrelationID` → `correlation_id`, `type` → `type_`,
/// `6Pack` → `_6_pack`.
pub fn field_ident(raw: &str) -> String {
    repair(sanitize(raw).to_snake_case(), "empty")
}

/// UpperCamelCase identifier for an enum variant: `Completed-Funds-Held` → `CompletedFundsHeld`,
/// `INCENTIVE-SITE-APPLIED-ON-UNKNOWN` → `IncentiveSiteAppliedOnUnknown`, `6Pack` → `_6Pack`.
pub fn variant_ident(raw: &str) -> String {
    repair(sanitize(raw).to_upper_camel_case(), "Empty")
}

/// SCREAMING_SNAKE_CASE identifier for a constant: `maxLength` → `MAX_LENGTH`, `6Pack` → `_6_PACK`.
pub fn const_ident(raw: &str) -> String {
    repair(sanitize(raw).to_shouty_snake_case(), "EMPTY")
}

/// Step 1: only ASCII alphanumerics survive; everything else separates words.
fn sanitize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 4);
    let mut prev_digit = false;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            // heck keeps `6Pack` as one word and lowercases it; a break makes the capital survive.
            if prev_digit && c.is_ascii_uppercase() {
                out.push(' ');
            }
            out.push(c);
            prev_digit = c.is_ascii_digit();
        } else {
            out.push(' ');
            prev_digit = false;
        }
    }
    out
}

/// Step 3: make the cased text a valid, non-keyword identifier.
fn repair(cased: String, empty: &str) -> String {
    let mut name = if cased.is_empty() { empty.to_string() } else { cased };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// `base` with the numeric suffix `n` (`n` ≥ 2) used by every collision rule: `any` → `any2`, and with an
/// underscore when `base` already ends in a digit, so the number stays readable (`days_1` → `days_1_2`).
pub(crate) fn numbered(base: &str, n: u32) -> String {
    // An UpperCamel keyword escape (`Self_`) loses its underscore once numbered: `Self2` is no keyword, and
    // `Self_2` breaks Rust's case conventions for types and variants (`type_2` is fine snake case).
    let camel = base.starts_with(|c: char| c.is_ascii_uppercase());
    let base = base
        .strip_suffix('_')
        .filter(|b| camel && !b.is_empty() && !b.ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(base);
    if base.ends_with(|c: char| c.is_ascii_digit()) { format!("{base}_{n}") } else { format!("{base}{n}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one table of every interesting input, role by role: (raw, type/variant, field, const).
    /// Modelled on prost's `ident.rs` `test_sanitize_identifier`. One row per line, however long.
    #[rustfmt::skip]
    const TABLE: &[(&str, &str, &str, &str)] = &[
        // Plain schema names.
        ("PaymentDetailsType", "PaymentDetailsType", "payment_details_type", "PAYMENT_DETAILS_TYPE"),
        ("CorrelationID", "CorrelationId", "correlation_id", "CORRELATION_ID"),
        ("PayerID", "PayerId", "payer_id", "PAYER_ID"),
        ("TransactionId", "TransactionId", "transaction_id", "TRANSACTION_ID"),
        ("BMCreateButtonRequestType", "BmCreateButtonRequestType", "bm_create_button_request_type", "BM_CREATE_BUTTON_REQUEST_TYPE"),
        ("SetExpressCheckoutReq", "SetExpressCheckoutReq", "set_express_checkout_req", "SET_EXPRESS_CHECKOUT_REQ"),
        ("APIType", "ApiType", "api_type", "API_TYPE"),
        ("eBayAuthToken", "EBayAuthToken", "e_bay_auth_token", "E_BAY_AUTH_TOKEN"),
        ("currencyID", "CurrencyId", "currency_id", "CURRENCY_ID"),
        ("CVV2Code", "Cvv2Code", "cvv2_code", "CVV2_CODE"),
        ("ThreeDSecureRequest", "ThreeDSecureRequest", "three_d_secure_request", "THREE_D_SECURE_REQUEST"),
        ("Error", "Error", "error", "ERROR"),
        // Keywords, including the 2024-reserved `gen` and the ones raw identifiers cannot spell.
        ("type", "Type", "type_", "TYPE"),
        ("Type", "Type", "type_", "TYPE"),
        ("Self", "Self_", "self_", "SELF"),
        ("self", "Self_", "self_", "SELF"),
        ("crate", "Crate", "crate_", "CRATE"),
        ("super", "Super", "super_", "SUPER"),
        ("gen", "Gen", "gen_", "GEN"),
        ("Virtual", "Virtual", "virtual_", "VIRTUAL"),
        ("async", "Async", "async_", "ASYNC"),
        ("_", "Empty", "empty", "EMPTY"),
        // Punctuation and spaces.
        ("Completed-Funds-Held", "CompletedFundsHeld", "completed_funds_held", "COMPLETED_FUNDS_HELD"),
        ("Completed_Funds_Held", "CompletedFundsHeld", "completed_funds_held", "COMPLETED_FUNDS_HELD"),
        ("Ad type", "AdType", "ad_type", "AD_TYPE"),
        ("INCENTIVE-SITE-APPLIED-ON-UNKNOWN", "IncentiveSiteAppliedOnUnknown", "incentive_site_applied_on_unknown", "INCENTIVE_SITE_APPLIED_ON_UNKNOWN"),
        ("web-accept", "WebAccept", "web_accept", "WEB_ACCEPT"),
        ("cpp-header-image", "CppHeaderImage", "cpp_header_image", "CPP_HEADER_IMAGE"),
        ("foo-bar", "FooBar", "foo_bar", "FOO_BAR"),
        ("fooBar", "FooBar", "foo_bar", "FOO_BAR"),
        ("FooBar", "FooBar", "foo_bar", "FOO_BAR"),
        ("Stores Fixed-price", "StoresFixedPrice", "stores_fixed_price", "STORES_FIXED_PRICE"),
        ("ANTIQUES-RugsCarpets", "AntiquesRugsCarpets", "antiques_rugs_carpets", "ANTIQUES_RUGS_CARPETS"),
        ("a.b/c:d", "ABCD", "a_b_c_d", "A_B_C_D"),
        // Digits.
        ("6Pack", "_6Pack", "_6_pack", "_6_PACK"),
        ("123abc", "_123abc", "_123abc", "_123ABC"),
        ("3DSecure", "_3DSecure", "_3_d_secure", "_3_D_SECURE"),
        ("Days_1", "Days1", "days_1", "DAYS_1"),
        ("Range10", "Range10", "range10", "RANGE10"),
        ("X509", "X509", "x509", "X509"),
        // Case-only differences map to one name; collision rules in `Names` separate them.
        ("Y", "Y", "y", "Y"),
        ("y", "Y", "y", "Y"),
        ("none", "None", "none", "NONE"),
        ("None", "None", "none", "NONE"),
        // Nothing usable.
        ("", "Empty", "empty", "EMPTY"),
        ("-", "Empty", "empty", "EMPTY"),
        ("  ", "Empty", "empty", "EMPTY"),
        ("Ü", "Empty", "empty", "EMPTY"),
        ("Straße", "StraE", "stra_e", "STRA_E"),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for &(raw, camel, snake, shout) in TABLE {
            let got = (type_ident(raw), variant_ident(raw), field_ident(raw), const_ident(raw));
            if (got.0.as_str(), got.1.as_str(), got.2.as_str(), got.3.as_str()) != (camel, camel, snake, shout) {
                failures.push(format!("{raw:?}: got {got:?}, want ({camel:?}, {camel:?}, {snake:?}, {shout:?})"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_table_output_is_a_valid_identifier() {
        for &(raw, ..) in TABLE {
            for name in [type_ident(raw), field_ident(raw), variant_ident(raw), const_ident(raw)] {
                assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{raw:?} gave {name:?}");
            }
        }
    }

    #[test]
    fn every_keyword_is_escaped_in_every_role() {
        for kw in KEYWORDS {
            for name in [type_ident(kw), field_ident(kw), variant_ident(kw), const_ident(kw)] {
                assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{kw:?} gave {name:?}");
            }
        }
    }

    #[test]
    fn keyword_list_matches_what_syn_rejects() {
        // syn knows the keywords of the edition it parses; `gen` is only reserved from 2024 on, so it is
        // checked by the table above instead.
        for kw in KEYWORDS.iter().filter(|k| **k != "gen") {
            assert!(syn::parse_str::<syn::Ident>(kw).is_err(), "{kw} is not a keyword for syn");
        }
        for plain in ["union", "macro_rules", "raw", "safe", "value", "any", "text"] {
            assert!(!is_keyword(plain), "{plain} is usable as an identifier");
        }
    }

    #[test]
    fn numbered_keeps_numbers_apart() {
        assert_eq!(numbered("any", 2), "any2");
        assert_eq!(numbered("type_", 2), "type_2");
        assert_eq!(numbered("days_1", 2), "days_1_2");
        assert_eq!(numbered("Days1", 3), "Days1_3");
        assert_eq!(numbered("StringType", 2), "StringType2");
    }
}
