//! Tests of the documentation converter: one per feature on real-looking snippets, and a pass over every
//! documentation element of PayPal's schemas that checks the rustdoc-safety rules line by line.

use super::*;

/// Checks what rustdoc would warn about or misread, and returns the first problem found.
fn lint(md: &str) -> Result<(), String> {
    if md.contains("```") || md.contains("~~~") {
        return Err("code fence".into());
    }
    for line in md.lines() {
        if line.starts_with([' ', '\t']) {
            return Err(format!("indented line {line:?}"));
        }
        let setext = !line.is_empty() && line.chars().all(|c| matches!(c, '-' | '=' | ' '));
        if line.starts_with('#') || line.starts_with("+ ") || setext {
            return Err(format!("block syntax at line start: {line:?}"));
        }
        if line.ends_with(' ') {
            return Err(format!("trailing space: {line:?}"));
        }
    }
    let chars: Vec<char> = md.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '`' => {
                // A code span: skip to the closing run of the same length.
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let fence: String = "`".repeat(run);
                let rest: String = chars[i + run..].iter().collect();
                let end = rest.find(&fence).ok_or_else(|| format!("unclosed code span in {md:?}"))?;
                i += run + rest[..end].chars().count() + run - 1;
            }
            '<' => {
                let rest: String = chars[i..].iter().collect();
                let end = rest.find('>').ok_or_else(|| format!("unclosed <: {rest:?}"))?;
                let link = &rest[1..end];
                let scheme = link.get(..8).unwrap_or(link).to_ascii_lowercase();
                if !(scheme.starts_with("http://") || scheme.starts_with("https://"))
                    || link.contains(char::is_whitespace)
                {
                    return Err(format!("raw < that is no autolink: {:?}", &rest[..end + 1]));
                }
                i += link.chars().count() + 1;
            }
            '[' | ']' | '>' | '~' => return Err(format!("unescaped {:?} in {md:?}", chars[i])),
            'h' | 'H' => {
                // Like rustdoc's `bare_urls`, only a scheme followed by a host counts.
                let rest: String = chars[i..chars.len().min(i + 9)].iter().collect::<String>().to_ascii_lowercase();
                let host =
                    |scheme: &str| rest.strip_prefix(scheme).is_some_and(|h| h.starts_with(char::is_alphanumeric));
                if host("http://") || host("https://") {
                    return Err(format!("bare URL in {md:?}"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[track_caller]
fn check(raw: &str, want: &str) {
    let got = to_rustdoc(raw);
    assert_eq!(got, want, "\nraw: {raw:?}\ngot:\n{got}\n");
    if let Err(e) = lint(&got) {
        panic!("{e}\nraw: {raw:?}\ngot:\n{got}");
    }
}

#[test]
fn lint_catches_what_it_should() {
    for bad in ["x\n    code", "a [b] c", "a <Foo> b", "see http://x.y/z", "```\nx\n```", "# Heading", "a > b", "`a"] {
        assert!(lint(bad).is_err(), "{bad:?} passed");
    }
    for good in ["\\[a\\]", "see <http://x.y/z>.", "a \\<b\\>", "**b**", "`[x]` and ``a`b``"] {
        assert_eq!(lint(good), Ok(()), "{good:?}");
    }
}

#[test]
fn blank_documentation_is_empty() {
    check("", "");
    check("\n\t\t   \n\t", "");
    check("<br/><br/>", "");
    assert_eq!(summary("  "), "");
}

#[test]
fn indentation_and_whitespace_are_normalized() {
    check(
        "\n\t\t\t     AccountStateCodeType\n\t\t\t     These are the possible codes to describe the state of an account of an \n\t\t\t     eBay user.\n\t\t\t",
        "AccountStateCodeType\nThese are the possible codes to describe the state of an account of an\neBay user.",
    );
    check("  a\t\t b  ", "a b");
    check("a\n\n\n\nb", "a\n\nb");
    check("a\n \t \nb", "a\n\nb");
}

#[test]
fn breaks_make_paragraphs_and_line_breaks() {
    check(
        "\n\t\t\tItem name. \n<br/>\n\t\t\t\t\t\t<br/>\nOptional\n<br/>\n\t\t\t\t\t\t<br/>\nCharacter length and limitations: 127 single-byte characters\n",
        "Item name.\n\nOptional\n\nCharacter length and limitations: 127 single-byte characters",
    );
    check(
        "\n\t\t\tNote to recipient/seller.<br/> \n\t\t\tOptional <br/>\n\t\t\tCharacter length and limitations: 127 single-byte alphanumeric characters.<br/>\n\t\t",
        "Note to recipient/seller.\\\nOptional\\\nCharacter length and limitations: 127 single-byte alphanumeric characters.",
    );
    check("<p>one</p><p>two</p>three", "one\n\ntwo\n\nthree");
    check("a<br/>\n<br/>\n<br/>b", "a\n\nb");
}

#[test]
fn emphasis() {
    check(
        "Button sub type.\n<br/>\n<br/>\n\t<b>optional for button types buynow and cart only</b>\n<br/>",
        "Button sub type.\n\n**optional for button types buynow and cart only**",
    );
    check("Installment Period.\n\t\t<br/>\n\t\t\t<b>Optional</b>\n\t\t<br/>\n", "Installment Period.\\\n**Optional**");
    check("(<b>Required</b>) and <i>maybe</i>", "(**Required**) and *maybe*");
    // Spaces inside the tag stay outside the markers, where Markdown needs them.
    check("<b> Optional </b>: x<b>y</b>", "**Optional** : x**y**");
    check("<b>bold<br/>still bold</b>", "**bold**\\\n**still bold**");
    check("use <code>a[0]</code> or <tt>x`y</tt>", "use `a[0]` or ``x`y``");
    check("<b><i>both</i></b> <b></b>", "***both***");
}

#[test]
fn urls_become_autolinks() {
    check(
        "For more information on reserve price auctions, \n\t\t see http://pages.ebay.com/help/basics/f-format.html#1. \n  ",
        "For more information on reserve price auctions,\nsee <http://pages.ebay.com/help/basics/f-format.html#1>.",
    );
    check("\t\thttp://www.ebaystores.com/id=####\n", "<http://www.ebaystores.com/id=####>");
    check("(https://example.com/a_(b)) and HTTPS://X.COM/.", "(<https://example.com/a_(b)>) and <HTTPS://X.COM/>.");
    check("two: http://a.b/c; http://d.e/f?x=1&amp;y=[2]", "two: <http://a.b/c>; <http://d.e/f?x=1&y=[2]>");
    check("<b>http://a.b/</b>", "**<http://a.b/>**");
    check("not a URL: http:// or https", "not a URL: http:// or https");
    check(
        r#"<a href="https://developer.paypal.com/docs">the docs</a>"#,
        "the docs (<https://developer.paypal.com/docs>)",
    );
    check(r#"<a href="http://x.com/">http://x.com/</a>"#, "<http://x.com/>");
}

#[test]
fn markdown_and_html_syntax_is_escaped() {
    check("Character length and limits: &lt;18 characters", "Character length and limits: \\<18 characters");
    check("Vec&lt;Foo&gt; and [brackets] and a | b", "Vec\\<Foo\\> and \\[brackets\\] and a \\| b");
    check(
        "dash(-), dot(.), asterisk(*), space( )<br/>\nsubscr-*: created",
        "dash(-), dot(.), asterisk(\\*), space( )\\\nsubscr-\\*: created",
    );
    check("item_number and _x_ and en_US.", "item_number and \\_x\\_ and en_US.");
    check("Alphanumeric plus - , . ‘ # \\ Whitespace", "Alphanumeric plus - , . ‘ # \\\\ Whitespace");
    check("Cameras &amp; Photos, &amp;amp; and &amp;#1;", "Cameras & Photos, \\&amp; and \\&#1;");
    check("a ~~b~~ `c`", "a \\~\\~b\\~\\~ \\`c\\`");
    check("#1 choice\n---\n= x\n+ y\n- z\n1. w", "\\#1 choice\n\\---\n= x\n\\+ y\n- z\n1. w");
}

#[test]
fn no_tags_or_namespace_noise_survive() {
    check(r#"<xs:b xmlns:xs="http://www.w3.org/2001/XMLSchema">x</xs:b> <font color="red">y</font>"#, "**x** y");
    check("a<!-- hidden -->b <script>evil()</script>", "ab");
    check("<ul><li>one</li><li><b>two</b><ul><li>nested</li></ul></li></ul>", "- one\n- **two**\n- nested");
    check("before<ol><li>x<li>y</ol>after", "before\n\n1. x\n2. y\n\nafter");
    check("<pre>  line one\n    line two</pre>", "line one\\\nline two");
    check("<h3>Title</h3>text", "**Title**\n\ntext");
}

#[test]
fn tables_with_headers_become_markdown_tables() {
    check(
        "\n\t\tResult of the CVV2 check by PayPal.\n\t\t<table>\n\t\t<tr><th>CVV2 Code</th><th>Meaning</th></tr>   \n<tr><td>M </td><td>Match</td></tr> \n<tr><td>All others </td><td>Error</td></tr> \n</table>\n",
        "Result of the CVV2 check by PayPal.\n\n| CVV2 Code  | Meaning |\n| ---------- | ------- |\n| M          | Match   |\n| All others | Error   |",
    );
    // An empty last cell, as in the AVS table.
    check(
        "<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td>x</td><td>y</td><td/></tr></table>",
        "| A   | B   | C   |\n| --- | --- | --- |\n| x   | y   |     |",
    );
}

#[test]
fn broken_tables_are_repaired() {
    // Header cells outside any row, cells split by an empty cell element (the currency table).
    check(
        "<table>\n<th>Code</th>\n<th>Currency<th/>Maximum</th>\n<tr><td>AUD</td><td>Australian Dollar </td><td>12,500 AUD</td></tr>\n<tr><td>CAD</td><td>Canadian Dollar<td/>12,500 CAD</td></tr></table>",
        "| Code | Currency          | Maximum    |\n| ---- | ----------------- | ---------- |\n| AUD  | Australian Dollar | 12,500 AUD |\n| CAD  | Canadian Dollar   | 12,500 CAD |",
    );
    // Text after a row fills its empty cell (the enumeration tables).
    check(
        "<table><tr><th>Enumeration</th><th>Meaning</th></tr><tr><td/><td/></tr>Range-Not-Applicable\t\n<tr><td>Range1</td><td>Less than $25 USD</td></tr></table>",
        "| Enumeration          | Meaning           |\n| -------------------- | ----------------- |\n| Range-Not-Applicable |                   |\n| Range1               | Less than $25 USD |",
    );
}

#[test]
fn tables_without_headers_become_lists() {
    check(
        "<b>Canadian Provinces</b>\n<table>\n<tr>\n<td>Alberta</td>\n<td>AB </td>\n</tr>\n<tr><td>British_Columbia</td><td>BC</td></tr></table>\n<br/>\n<br/>\n<b>United States</b>\n<table><tr><td>Alabama</td><td/></tr> AL \n<tr><td>Alaska</td><td>AK</td></tr></table>",
        "**Canadian Provinces**\n\n- Alberta: AB\n- British_Columbia: BC\n\n**United States**\n\n- Alabama: AL\n- Alaska: AK",
    );
    // A header wider than... rather, rows wider than the header: a labelled list.
    check(
        "<table><tr><th>Code</th><th>Name</th></tr><tr><td>A</td><td>x</td><td>extra</td></tr></table>",
        "- Code: A; Name: x; extra",
    );
    check("<table><tr><td></td></tr>\n</table>", "");
}

#[test]
fn summaries() {
    assert_eq!(
        summary("\n\t\tResult of the CVV2 check by PayPal.\n\t\t<table><tr><td>x</td></tr></table>"),
        "Result of the CVV2 check by PayPal."
    );
    assert_eq!(summary("Note to recipient/seller.<br/> Optional <br/>"), "Note to recipient/seller.");
    assert_eq!(summary("No sentence end<br/>second line"), "No sentence end");
    assert_eq!(summary("\n\t PayerInfoType \n\t Payer information\n"), "PayerInfoType Payer information");
    assert_eq!(summary("Use the tag, e.g. en_US. Then more."), "Use the tag, e.g. en_US.");
    assert_eq!(summary("<b>Optional</b> [x] &lt;y"), "Optional \\[x\\] \\<y");
    assert_eq!(summary("<table><tr><td>a</td></tr></table>then text"), "then text");
    let long = "Feedback scores are a quantitative expression of the desirability of dealing with that person as a \
                Buyer or a Seller in auction transactions";
    let s = summary(long);
    assert_eq!(
        s,
        "Feedback scores are a quantitative expression of the desirability of dealing with that person as a…"
    );
    assert!(s.chars().count() <= SUMMARY_MAX + 1);
    let url = format!("http://example.com/{}", "a".repeat(120));
    assert_eq!(summary(&format!("{url} is long")), format!("<{url}>…"));
}

/// Serializes an element's children the way the loader hands documentation over: simple HTML, local names,
/// no namespace declarations.
fn inner_html(node: roxmltree::Node<'_, '_>) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(&escape(child.text().unwrap_or_default()));
        } else if child.is_element() {
            let name = child.tag_name().name();
            out.push('<');
            out.push_str(name);
            for a in child.attributes() {
                out.push_str(&format!(" {}=\"{}\"", a.name(), escape(a.value()).replace('"', "&quot;")));
            }
            if child.has_children() {
                out.push_str(&format!(">{}</{name}>", inner_html(child)));
            } else {
                out.push_str("/>");
            }
        }
    }
    out
}

/// Every documentation element of PayPal's schemas converts to Markdown that passes [`lint`], keeps its
/// words, and has a summary of bounded length.
#[test]
fn every_paypal_documentation_is_rustdoc_safe() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen has a parent");
    let dir = crate::locate::schemas_dir(root).unwrap_or_else(|e| panic!("{e}")).dir;
    let (mut count, mut tables, mut failures) = (0, 0, Vec::new());
    for file in ["eBLBaseComponents.xsd", "CoreComponentTypes.xsd", "EnhancedDataTypes.xsd", "PayPalSvc.wsdl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        for node in doc.descendants().filter(|n| n.tag_name().name() == "documentation") {
            count += 1;
            let raw = inner_html(node);
            let md = to_rustdoc(&raw);
            if raw.contains("<table") {
                tables += 1;
                if !md.contains("\n| ---") && !md.contains("\n- ") {
                    failures.push(format!("table lost:\n{md}"));
                }
            }
            if let Err(e) = lint(&md) {
                failures.push(format!("{file}: {e}\n{md}"));
            }
            if md.contains("<b>") || md.contains("<br") || md.contains("<td") || md.contains("xmlns") {
                failures.push(format!("{file}: markup left in\n{md}"));
            }
            // No word of the text may get lost (markup aside).
            let words = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
            let plain: String = node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
            if words(&md) < words(&plain) {
                failures.push(format!("{file}: text lost\n{plain}\n---\n{md}"));
            }
            let s = summary(&raw);
            if let Err(e) = lint(&s) {
                failures.push(format!("{file}: summary: {e}: {s}"));
            }
            if s.contains('\n') || (s.chars().count() > SUMMARY_MAX + 1 && s.contains(' ')) {
                failures.push(format!("{file}: summary too long: {s}"));
            }
        }
    }
    // Counted with a script on shared/schemas/paypal: 1,576 documentation elements in eBL, 2 each in
    // CoreComponentTypes and EnhancedDataTypes, 210 in the WSDL; 10 of them hold tables.
    assert_eq!((count, tables), (1790, 10));
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}
