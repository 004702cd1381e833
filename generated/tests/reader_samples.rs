//! The XML reader on every real PayPal message in `../shared/samples/` (never copied here; the directory is
//! `$PAYPAL_SHARED_DIR/samples` if set): each is walked element by element into a tree with resolved names, and
//! values are checked where the samples are known. Then every sample is cut at every byte and mutated, and the
//! reader must answer each with a result or a typed, bounded error and never panic.

use std::path::PathBuf;

use paypal_soap::runtime::xml::{DecodeError, DecodeReport, XmlReader};

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const API: &str = "urn:ebay:api:PayPalAPI";
const EBL: &str = "urn:ebay:apis:eBLBaseComponents";

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("PAYPAL_SHARED_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"), PathBuf::from)
        .join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .map(|path| {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("readable"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 19, "expected the 19 samples in {}, found {}", dir.display(), files.len());
    files
}

/// An element with its resolved name, its text (children's text excluded) and its children.
#[derive(Debug)]
struct Node {
    ns: String,
    local: String,
    attrs: Vec<(String, String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, ns: &str, local: &str) -> &Node {
        self.children
            .iter()
            .find(|c| c.ns == ns && c.local == local)
            .unwrap_or_else(|| panic!("no {{{ns}}}{local} in {}", self.local))
    }

    fn all(&self, ns: &str, local: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.ns == ns && c.local == local).collect()
    }

    fn text_of(&self, path: &[&str]) -> &str {
        let mut node = self;
        for local in path {
            node = node.children.iter().find(|c| c.local == *local).unwrap_or_else(|| panic!("no {local}"));
        }
        node.text.trim()
    }

    fn count(&self) -> usize {
        1 + self.children.iter().map(Node::count).sum::<usize>()
    }
}

fn read_tree(input: &[u8]) -> Result<(Node, DecodeReport), DecodeError> {
    fn node(
        r: &mut XmlReader<'_>,
        ns: &str,
        local: &str,
        attrs: Vec<(String, String, String)>,
    ) -> Result<Node, DecodeError> {
        let mut text = String::new();
        let mut children = Vec::new();
        while let Some(child) = r.next_child_mixed(&mut text)? {
            let attrs = child.attrs().iter().map(|a| (a.ns().into(), a.local().into(), a.value().into())).collect();
            children.push(node(r, child.ns(), child.local(), attrs)?);
        }
        Ok(Node { ns: ns.into(), local: local.into(), attrs, text, children })
    }
    let mut r = XmlReader::new(input);
    let root = r.root()?;
    let attrs = root.attrs().iter().map(|a| (a.ns().into(), a.local().into(), a.value().into())).collect();
    let tree = node(&mut r, root.ns(), root.local(), attrs)?;
    Ok((tree, r.finish()?))
}

fn sample(name: &str) -> Node {
    let (_, bytes) = samples().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no sample {name}"));
    read_tree(&bytes).unwrap_or_else(|e| panic!("{name}: {e}")).0
}

#[test]
fn every_sample_reads_as_a_well_formed_tree() {
    for (name, bytes) in samples() {
        let (tree, report) = read_tree(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(report.is_clean(), "{name}: {report}");
        assert!(tree.count() > 3, "{name}");
        if name.contains("_payload_") {
            assert_eq!(tree.ns, "", "{name}: the .NET payloads have no namespace on the root");
        } else {
            assert_eq!((tree.ns.as_str(), tree.local.as_str()), (SOAP, "Envelope"), "{name}");
        }
    }
}

#[test]
fn default_namespaces_switch_per_element() {
    let env = sample("GetExpressCheckoutDetails_response_success_v62.xml");
    let resp = env.child(SOAP, "Body").child(API, "GetExpressCheckoutDetailsResponse");
    assert_eq!(resp.child(EBL, "Ack").text, "Success");
    assert_eq!(resp.child(EBL, "Version").text, "62.0");
    let details = resp.child(EBL, "GetExpressCheckoutDetailsResponseDetails");
    let payer = details.child(EBL, "PayerInfo");
    assert_eq!(payer.child(EBL, "Payer").text, "buyer@jadedpallet.com");
    assert_eq!(payer.child(EBL, "PayerName").child(EBL, "FirstName").text, "Fred");
    assert_eq!(payer.child(EBL, "PayerName").child(EBL, "Salutation").text, "");
    let header = env.child(SOAP, "Header");
    header.child("http://schemas.xmlsoap.org/ws/2002/12/secext", "Security");
    header.child(API, "RequesterCredentials").child(EBL, "Credentials").child(EBL, "Username");
}

#[test]
fn repeated_errors_and_codes() {
    let env = sample("SetExpressCheckout_response_failure_two_errors.xml");
    let resp = env.child(SOAP, "Body").child(API, "SetExpressCheckoutResponse");
    assert_eq!(resp.child(EBL, "Ack").text, "Failure");
    let codes: Vec<_> = resp.all(EBL, "Errors").iter().map(|e| e.child(EBL, "ErrorCode").text.as_str()).collect();
    assert_eq!(codes, ["10736", "10002"]);
}

#[test]
fn leading_whitespace_before_the_declaration_is_accepted() {
    let env = sample("DoDirectPayment_response_successwithwarning_11610.xml");
    let resp = env.child(SOAP, "Body").child(API, "DoDirectPaymentResponse");
    assert_eq!(resp.child(EBL, "Ack").text, "SuccessWithWarning");
    assert_eq!(resp.child(EBL, "Errors").child(EBL, "ErrorCode").text, "11610");
}

#[test]
fn attributes_and_amounts() {
    let env = sample("GetTransactionDetails_response_success_v59.xml");
    let details = env.child(SOAP, "Body").child(API, "GetTransactionDetailsResponse");
    let payment = details.child(EBL, "PaymentTransactionDetails").child(EBL, "PaymentInfo");
    let gross = payment.child(EBL, "GrossAmount");
    assert!(gross.attrs.iter().any(|(ns, local, value)| ns.is_empty() && local == "currencyID" && value == "USD"));
    assert!(!gross.text.is_empty());
    let search = sample("TransactionSearch_payload_reserialized.xml");
    let tx = search.child(EBL, "PaymentTransactions");
    assert_eq!(tx.text_of(&["GrossAmount"]), "46.27");
    assert_eq!(tx.child(EBL, "FeeAmount").attrs[0].2, "GBP");
}

#[test]
fn soap_faults_read_structurally() {
    let env = sample("SOAP_Fault_timeout.xml");
    let fault = env.child(SOAP, "Body").child(SOAP, "Fault");
    assert_eq!(fault.child("", "faultstring").text, "Internal error");
    assert_eq!(fault.child("", "detail").text, "Timeout processing request");
    let env = sample("SOAP_Fault_adaptive_axis2_with_detail.xml");
    assert!(env.child(SOAP, "Body").child(SOAP, "Fault").child("", "detail").children.len() == 1);
}

/// Each error is typed, and its text is bounded and repeats at most a snippet of the input.
fn check_outcome(name: &str, what: &str, input: &[u8]) {
    if let Err(e) = read_tree(input) {
        let text = e.to_string();
        assert!(text.len() < 800, "{name} {what}: error text of {} bytes: {text}", text.len());
        assert!(e.position().offset <= input.len(), "{name} {what}: {e}");
    }
}

#[test]
fn every_truncation_of_every_sample_gives_an_error_without_panicking() {
    for (name, bytes) in samples() {
        let full_end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |p| p + 1);
        // Every byte of the prolog and the envelope's start, then a spread of cuts through the rest (all cuts of
        // all samples would be quadratic in an unoptimized test build).
        for cut in (0..full_end).filter(|&cut| cut < 600 || cut % 7 == 0 || cut + 40 > full_end) {
            let input = &bytes[..cut];
            let result = read_tree(input);
            assert!(result.is_err(), "{name} cut at {cut} was accepted");
            check_outcome(&name, &format!("cut at {cut}"), input);
        }
    }
}

#[test]
fn byte_mutations_of_every_sample_never_panic() {
    // A fixed pseudo-random sequence (xorshift), so failures reproduce.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials = [b'<', b'>', b'&', b';', b'/', b'"', b'\'', b':', b'=', b'!', b'?', b'[', b']', 0, 0xFF, 0xC3, b' '];
    for (name, bytes) in samples() {
        for round in 0..300 {
            let mut input = bytes.clone();
            for _ in 0..=(next() % 4) {
                let at = (next() as usize) % input.len();
                match next() % 3 {
                    0 => input[at] = specials[(next() as usize) % specials.len()],
                    1 => {
                        input.remove(at);
                    }
                    _ => {
                        let from = (next() as usize) % input.len();
                        let len = ((next() as usize) % 40).min(input.len() - from);
                        let piece = input[from..from + len].to_vec();
                        input.splice(at..at, piece);
                    }
                }
            }
            check_outcome(&name, &format!("mutation round {round}"), &input);
        }
    }
}
