//! Unit tests of the phrase parser: one per phrasing PayPal's documentation uses, on texts as the loader
//! delivers them (markup kept, `<` escaped as `&lt;`).

use super::*;

/// The limit `doc` states for field `field`, with the phrase it was read from.
#[track_caller]
fn limit(doc: &str, field: &str) -> (u64, String) {
    match limits_in_doc(doc, field) {
        DocLimit::Limit(l) => (l.max_chars, l.phrase),
        other => panic!("no limit in {doc:?}: {other:?}"),
    }
}

#[track_caller]
fn max(doc: &str) -> u64 {
    limit(doc, "Field").0
}

/// The reason kinds for a text that yields no limit.
#[track_caller]
fn reasons(doc: &str) -> Vec<ReasonKind> {
    match limits_in_doc(doc, "Field") {
        DocLimit::NoneFound(r) => r.into_iter().map(|r| r.kind).collect(),
        other => panic!("expected no limit in {doc:?}: {other:?}"),
    }
}

#[test]
fn character_length_and_limit_labels() {
    let (n, phrase) = limit(
        "Description of items.<br/>Optional<br/>Character length and limitations: 127 single-byte alphanumeric characters",
        "OrderDescription",
    );
    assert_eq!(
        (n, phrase.as_str()),
        (127, "Character length and limitations: 127 single-byte alphanumeric characters")
    );
    assert_eq!(max("Character length and limits: 38 single-byte characters maximum."), 38);
    assert_eq!(max("Character length and limitation: Six character HTML hexadecimal color code in ASCII"), 6);
    assert_eq!(max("Character length and limit: 127 single-byte alphanumeric characters"), 127);
    assert_eq!(max("Token. Character length and limitations:20 single-byte characters"), 20);
    assert_eq!(
        max("Status: Completed Cancelled Pending Character length and limitations: Eight alphabetic characters"),
        8
    );
    assert_eq!(max("Character length and limitations: 64 alphanumeric single-byte characters"), 64);
    assert_eq!(max("Character length and limitations: 15 single-byte characters, including periods"), 15);
    // A bare number after a strong label is still the limit.
    assert_eq!(max("Optional<br/>Character length and limitations: 127"), 127);
}

#[test]
fn other_labels() {
    assert_eq!(max("ISO 3166 standard country code Character limit: Two single-byte characters."), 2);
    assert_eq!(max("Character limit: One single-byte alphanumeric character AVS Code Meaning"), 1);
    assert_eq!(max("Email. Required Maximum string length: 255 single-byte characters Input mask: ?@?.??"), 255);
    assert_eq!(max("Correlation id related to risk process done for the device. Max length is 36 Chars."), 36);
    assert_eq!(max("Realtor.com list fee Length 25 characters. Alphanumeric characters and dash(-)"), 25);
    let (n, phrase) = limit("Required Limit: 10 single-byte characters, including two for decimals You must", "Amount");
    assert_eq!((n, phrase.as_str()), (10, "Limit: 10 single-byte characters"));
}

#[test]
fn limit_words_around_the_quantity() {
    assert_eq!(max("Use ApplicationData to store a SKU number. Maximum 32 characters in length."), 32);
    let (n, phrase) = limit(
        "The UUID can only contain digits from 0-9 and letters from A-F. The UUID must be 32 characters long.",
        "UUID",
    );
    assert_eq!((n, phrase.as_str()), (32, "must be 32 characters long"));
    assert_eq!(max("Character length and limit: Up to 13 single-byte alphabetic characters"), 13);
    assert_eq!(max("Use up to 13 single-byte alphabetic characters"), 13);
    assert_eq!(max("Identifier: 17 single-byte characters maximum"), 17);
    assert_eq!(max("Write at most 5 characters here"), 5);
}

#[test]
fn numbers_as_words_with_commas_and_less_than() {
    assert_eq!(max("Character length and limitations: 2,048 single-byte alphanumeric characters"), 2048);
    assert_eq!(max("Character length and limitations: 2048 characters."), 2048);
    assert_eq!(max("Character length and limitations: Four single-byte numeric characters."), 4);
    assert_eq!(
        max("Character length and limitations: Five single-byte alphabetic characters, upper- or lowercase."),
        5
    );
    assert_eq!(max("Character length and limitations: One single-byte numeric character. Allowable values: 0,1"), 1);
    // `<18` is at most 17, whether the loader's `&lt;` arrives escaped or decoded.
    let (n, phrase) =
        limit("Optional Character length and limits: &lt;18 characters alphanumeric characters", "Descriptor");
    assert_eq!((n, phrase.as_str()), (17, "Character length and limits: <18 characters"));
    assert_eq!(max("Character length and limits: <18 characters"), 17);
}

#[test]
fn hyphenated_counts() {
    assert_eq!(max("The ExternalRememberMeID is a 17-character alphanumeric (encrypted) string."), 17);
    let (n, phrase) =
        limit("Two-character country code (ISO 3166) on file for the PayPal email address.", "CountryCode");
    assert_eq!((n, phrase.as_str()), (2, "Two-character country"));
    // A stated limit wins over an incidental `N-character` elsewhere in the text.
    assert_eq!(
        max("Character length and limitations: 120 single-byte alphanumeric characters For Canada and the USA, \
             StateOrProvince must be the standard 2-character abbreviation"),
        120
    );
}

#[test]
fn digits_written_in_a_format_count_the_format() {
    let (n, phrase) =
        limit("Receipt ID Character length and limitations: 16 digits in xxxx-xxxx-xxxx-xxxx format", "ReceiptID");
    assert_eq!((n, phrase.as_str()), (19, "Character length and limitations: 16 digits in xxxx-xxxx-xxxx-xxxx format"));
    // Without a format, the digits are the characters.
    assert_eq!(max("Character length and limitations: 16 digits in format"), 16);
    assert_eq!(max("Character length and limitations: 16 digits in the 4-4-4-4 format"), 16);
}

#[test]
fn several_named_limits_pick_the_field() {
    let doc = "Search by the buyer's name<br/>Optional<br/>Salutation: 20 single-byte character limit.<br/>FirstName: \
               25 single-byte character limit.<br/>MiddleName: 25 single-byte character limit.<br/>LastName: 25 \
               single-byte character limit.<br/>Suffix: 12 single-byte character limit.";
    assert_eq!(limit(doc, "Salutation"), (20, "Salutation: 20 single-byte character limit".to_string()));
    assert_eq!(limit(doc, "LastName").0, 25);
    assert_eq!(limit(doc, "suffix").0, 12);
    let names = ["Salutation", "FirstName", "MiddleName", "LastName", "Suffix"];
    assert_eq!(reasons(doc), [ReasonKind::OtherFields(names.iter().map(|s| s.to_string()).collect())]);
    let all = named_limits(doc);
    assert_eq!(
        all.iter().map(|n| (n.field.as_str(), n.limit.max_chars)).collect::<Vec<_>>(),
        [("Salutation", 20), ("FirstName", 25), ("MiddleName", 25), ("LastName", 25), ("Suffix", 12)]
    );
}

#[test]
fn no_limit_is_explicit() {
    assert_eq!(
        limits_in_doc("URL. Required<br/>Character length and limitations: no limit.", "ReturnURL"),
        DocLimit::NoLimit { phrase: "Character length and limitations: no limit".into() }
    );
}

#[test]
fn texts_without_a_number_set_no_limit_and_say_why() {
    assert_eq!(
        reasons("Item quantity. Optional Character length and limitations: Any positive integer"),
        [ReasonKind::Value]
    );
    assert_eq!(
        reasons("Item sales tax. Optional Character length and limitations: any valid currency amount; currency code"),
        [ReasonKind::Value]
    );
    assert_eq!(
        reasons("Optional Character length and limitations: single-byte alphanumeric characters"),
        [ReasonKind::NoNumber]
    );
    assert_eq!(
        reasons("Limitations: Must not exceed $10,000 USD in any currency. No currency symbol."),
        [ReasonKind::Value]
    );
    assert_eq!(
        reasons("set the currencyID attribute to one of the three-character currency codes"),
        [ReasonKind::CurrencyCode]
    );
    assert_eq!(reasons("The image has a maximum size of 750 pixels wide by 90 pixels high."), [ReasonKind::Image]);
    assert_eq!(reasons("The length of this financing term, in months."), [ReasonKind::Time]);
    assert_eq!(reasons("The max number of payments the buyer can fail"), [ReasonKind::Value]);
    assert_eq!(
        reasons("For details on allowed characters in Soft Descriptor City refer to the API documentation."),
        [ReasonKind::AllowedCharacters]
    );
    assert_eq!(reasons("Information about the Item length."), [ReasonKind::NoNumberNearby]);
    assert_eq!(limits_in_doc("Constant name of the attribute: a set of characteristics", "x"), DocLimit::Silent);
}

#[test]
fn unknown_phrasings_are_reported_not_dropped() {
    let doc = limits_in_doc("The name holds 40 characters.", "Name");
    assert!(doc.is_unexplained(), "{doc:?}");
    match doc {
        DocLimit::NoneFound(r) => {
            assert_eq!(r[0].to_string(), format!("`name holds 40 characters.`: {}", ReasonKind::Unrecognised))
        }
        other => panic!("{other:?}"),
    }
    assert!(!limits_in_doc("Information about the Item length.", "x").is_unexplained());
}

#[test]
fn odd_input_never_panics() {
    for doc in [
        "",
        "<",
        "&",
        "&#xFFFFFFFF; &#99999999999; &#;",
        "Character length and limitations:",
        "Character length and limits: <0 characters",
        "Up to",
        "99999999999999999999999 characters maximum",
        "Limit: <",
        "16 digits in",
        "é: 5 characters limit. ü: 6 characters limit.",
        "<b>Character</b> length and <i>limit</i>: 7 chars",
    ] {
        let _ = limits_in_doc(doc, "é");
        let _ = named_limits(doc);
    }
    // Markup between the words does not hide a limit.
    assert_eq!(max("<b>Character</b> length and <i>limit</i>: 7 chars"), 7);
    // "<0" allows nothing and is no limit a value could meet; it is not read as one.
    assert!(!matches!(limits_in_doc("Character length and limits: <0 characters", "x"), DocLimit::Limit(_)));
}
