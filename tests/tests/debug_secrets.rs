//! Every generated type's `Debug` masks every field that PayPal's policy (`paypal_soap_policy::secrets`) names.
//!
//! For each of the 380 complex types, the test takes the type's example value (every field filled), writes it
//! as XML, puts a known secret into the text of every element the policy names (whatever the type holds it
//! in, however deeply nested), reads the value back and prints it with `{:?}` and `{:#?}`. No secret may show,
//! nor a card number's digits beyond the last four. The same walk counts the types that hold a secret at any
//! depth, so a type the policy should cover but that holds no secret cannot pass unnoticed.

use std::fmt::Debug;

use paypal_soap::generated::examples::for_each_type;
use paypal_soap::runtime::example::{Example, SetText, Visitor};
use paypal_soap::runtime::policy::{Mask, secrets::SECRETS};
use paypal_soap::runtime::validate::{Limited, Validate};
use paypal_soap::runtime::xml::{XmlRead, XmlReader, XmlWrite, XmlWriter};

/// What each secret element is set to: a Luhn-valid card number for card numbers, a marker for the rest.
const CARD: &str = "4111111111111111";
const WHOLE: &str = "S3CRET-VALUE";

/// `xml` with the text of every element the policy names replaced by its secret; how many were replaced.
fn plant_secrets(xml: &str) -> (String, usize) {
    let doc = roxmltree::Document::parse(xml).expect("the writer's output is well-formed");
    let mut spans: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let Some(secret) = SECRETS.iter().find(|s| s.name == node.tag_name().name()) else { continue };
        let value = match secret.mask {
            Mask::AllButLastFour => CARD,
            Mask::Whole => WHOLE,
        };
        match node.first_child() {
            Some(text) if text.is_text() && node.children().count() == 1 => spans.push((text.range(), value)),
            // An empty element: put the value between its tags.
            None if xml[node.range()].ends_with("/>") => {
                let end = node.range().end;
                spans.push((end - 2..end, value));
            }
            _ => {}
        }
    }
    let count = spans.len();
    let mut out = xml.to_owned();
    for (range, value) in spans.into_iter().rev() {
        let replacement = if xml[range.clone()].ends_with("/>") {
            let name = &xml[..range.start];
            let tag = name[name.rfind('<').expect("a start tag") + 1..].split_whitespace().next().unwrap_or("");
            format!(">{value}</{tag}>")
        } else {
            value.to_owned()
        };
        out.replace_range(range, &replacement);
    }
    (out, count)
}

#[derive(Default)]
struct DebugMasks {
    visited: usize,
    holding_secrets: usize,
    failures: Vec<String>,
}

impl DebugMasks {
    fn check<T: Example + XmlRead + XmlWrite + Debug>(&mut self, ns: &'static str, name: &'static str) {
        let mut w = XmlWriter::new();
        T::example().write_element(&mut w, ns, name).expect("examples encode");
        let xml = String::from_utf8(w.into_bytes()).expect("the writer writes UTF-8");
        let (planted, count) = plant_secrets(&xml);
        if count == 0 {
            return;
        }
        self.holding_secrets += 1;
        let mut r = XmlReader::new(planted.as_bytes());
        let root = r.root().expect("planted XML has a root");
        let value = T::read_element(&mut r, &root).unwrap_or_else(|e| panic!("{name}: {e}\n{planted}"));
        for shown in [format!("{value:?}"), format!("{value:#?}")] {
            // Only the last four digits of a card number may show; five in a row would already be too many.
            for leak in [WHOLE, CARD, &CARD[..12], "11111"] {
                if shown.contains(leak) {
                    self.failures.push(format!("{{{ns}}}{name}: `{leak}` shows in Debug: {shown}"));
                    break;
                }
            }
        }
    }
}

impl Visitor for DebugMasks {
    fn visit<T>(&mut self, ns: &'static str, name: &'static str)
    where
        T: Example + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + Debug,
    {
        self.visited += 1;
        self.check::<T>(ns, name);
    }
}

#[test]
fn debug_masks_every_secret_of_every_type() {
    let mut v = DebugMasks::default();
    for_each_type(&mut v);
    assert!(v.visited >= 380, "only {} types visited", v.visited);
    // Types whose example value holds a policy-named element at some depth (credentials, card details and
    // everything that carries them); the count keeps the walk honest.
    assert!(v.holding_secrets >= 30, "only {} types hold a secret", v.holding_secrets);
    assert!(v.failures.is_empty(), "{} types print secrets:\n{}", v.failures.len(), v.failures.join("\n\n"));
    eprintln!("{} types visited, {} hold a secret, none shows it", v.visited, v.holding_secrets);
}

#[test]
fn planting_replaces_text_and_fills_empty_elements() {
    let (out, n) = plant_secrets("<a><b:CVV2 xmlns:b=\"u\">x</b:CVV2><CardNumber/><Other>x</Other></a>");
    assert_eq!(n, 2);
    assert_eq!(
        out,
        format!("<a><b:CVV2 xmlns:b=\"u\">{WHOLE}</b:CVV2><CardNumber>{CARD}</CardNumber><Other>x</Other></a>")
    );
}
