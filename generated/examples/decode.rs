//! Decodes a captured PayPal SOAP envelope: finds the element in the body, decodes it into its typed message
//! and prints it with `{:#?}` (a SOAP Fault prints as the typed fault), then every error of a response with
//! its code, PayPal's messages and the recovery, and whatever the tolerant reader skipped.
//!
//! Run: `cargo run -p paypal-soap --example decode -- FILE`. Exits 0 on success, 1 with a message on error.

use std::process::ExitCode;

use paypal_soap::types::Message;
use paypal_soap::wire::soap::Body;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: cargo run -p paypal-soap --example decode -- FILE");
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let response = match Message::read_envelope(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    match &response.body {
        Body::Fault(fault) => println!("SOAP fault:\n{fault:#?}"),
        Body::Response(message) => {
            let (ns, name) = message.element();
            println!("{{{ns}}}{name}:\n{message:#?}");
            if let Some(r) = message.as_abstract_response() {
                let ack = r.ack().map_or("(none)", |a| a.as_str());
                println!("\nAck: {ack}; CorrelationID: {}", r.correlation_id().unwrap_or("(none)"));
                for error in r.errors() {
                    println!("  error {}", error.describe());
                    if let Some(guidance) = error.guidance() {
                        println!("    {guidance}");
                    }
                }
                if !r.errors().is_empty() {
                    println!("  response recovery: {}", paypal_soap::errors::recovery(r.errors()).recovery);
                }
            }
        }
    }
    if !response.report.is_clean() {
        println!("\nskipped while reading:\n{}", response.report);
    }
    ExitCode::SUCCESS
}
