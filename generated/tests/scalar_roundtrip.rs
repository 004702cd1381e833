//! Property tests for the XSD scalar types: every value survives `parse(display(x))`, text that is already
//! canonical survives `display(parse(t))`, and the exact types agree with integer arithmetic.

use paypal_soap::runtime::scalar::Offset;
use paypal_soap::runtime::xml::XmlScalar;
use paypal_soap::runtime::{Date, DateTime, Decimal, Time};
use proptest::prelude::*;

/// Writes `n` with a comma between every group of three digits, as PayPal's documents show amounts.
fn with_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn offset() -> impl Strategy<Value = Option<Offset>> {
    prop_oneof![Just(None), (-840i16..=840).prop_map(|m| Some(Offset::from_minutes(m).unwrap()))]
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (-9999i32..=99_999, 1u8..=12, 1u8..=31, 0u8..24, 0u8..60, 0u8..60, 0u32..1_000_000_000, offset()).prop_filter_map(
        "day must exist in its month",
        |(y, mo, d, h, mi, s, ns, off)| {
            DateTime::new(y, mo, d, h, mi, s).ok().map(|t| t.with_nanosecond(ns).unwrap().with_offset(off))
        },
    )
}

proptest! {
    #[test]
    fn decimal_text_round_trips(text in "[+-]?[0-9]{1,30}(\\.[0-9]{1,20})?") {
        let value: Decimal = text.parse().unwrap();
        let shown = value.to_string();
        let again: Decimal = shown.parse().unwrap();
        prop_assert_eq!(&again, &value);
        prop_assert_eq!(again.to_string(), shown.clone());
        prop_assert_eq!(value.scale() as usize, text.split_once('.').map_or(0, |(_, f)| f.len()));
    }

    #[test]
    fn decimal_agrees_with_integer_arithmetic(a in any::<i64>(), sa in 0u32..8, b in any::<i64>(), sb in 0u32..8) {
        let (da, db) = (Decimal::from_minor_units(a, sa), Decimal::from_minor_units(b, sb));
        prop_assert_eq!(da.to_minor_units(sa), Some(a));
        prop_assert_eq!(da.scale(), sa);
        // a·10^-sa against b·10^-sb, compared exactly in i128 at the larger scale.
        let scale = sa.max(sb);
        let wide = |v: i64, s: u32| i128::from(v) * 10i128.pow(scale - s);
        prop_assert_eq!(da.cmp(&db), wide(a, sa).cmp(&wide(b, sb)));
        prop_assert_eq!(da == db, wide(a, sa) == wide(b, sb));
    }

    #[test]
    fn amounts_with_thousands_separators(units in any::<u64>(), cents in 0u32..100) {
        let text = format!("{}.{cents:02}", with_thousands(units));
        let parsed = Decimal::parse_amount(&text).unwrap();
        prop_assert_eq!(parsed.to_string(), format!("{units}.{cents:02}"));
        // Moving one separator breaks the grouping and must be refused, never read as another number.
        if let Some(comma) = text.find(',') {
            let mut broken = text.clone();
            broken.remove(comma);
            broken.insert(comma + 1, ',');
            prop_assert!(Decimal::parse_amount(&broken).is_err(), "{} accepted", broken);
        }
    }

    #[test]
    fn date_time_round_trips(t in date_time()) {
        let text = t.to_string();
        let parsed: DateTime = text.parse().unwrap();
        prop_assert_eq!(parsed, t);
        prop_assert_eq!(parsed.to_string(), text.clone());
        prop_assert_eq!(parsed.fraction_digits(), t.fraction_digits());
        let date: Date = t.date().to_string().parse().unwrap();
        prop_assert_eq!(date, t.date());
        let time: Time = t.time().to_string().parse().unwrap();
        prop_assert_eq!(time, t.time());
    }

    #[test]
    fn unix_seconds_round_trip(secs in -100_000_000_000i64..100_000_000_000, ns in 0u32..1_000_000_000) {
        let t = DateTime::from_unix_utc(secs, ns).unwrap();
        prop_assert_eq!(t.to_unix_seconds(), Some(secs));
        prop_assert_eq!(t.nanosecond(), ns);
        prop_assert_eq!(t.to_string().parse::<DateTime>().unwrap(), t);
    }

    #[test]
    fn fraction_is_scaled_by_its_length(digits in "[0-9]{1,9}") {
        let t: DateTime = format!("2024-01-01T00:00:00.{digits}Z").parse().unwrap();
        let expected: u32 = format!("{digits:0<9}").parse().unwrap();
        prop_assert_eq!(t.nanosecond(), expected);
        prop_assert_eq!(t.fraction_digits() as usize, digits.len());
    }

    #[test]
    fn f64_round_trips_bit_for_bit(v in any::<f64>()) {
        let back = f64::from_xml_text(&v.to_xml_text()).unwrap();
        prop_assert!(back.to_bits() == v.to_bits() || (v.is_nan() && back.is_nan()));
    }

    #[test]
    fn f32_round_trips_bit_for_bit(v in any::<f32>()) {
        let back = f32::from_xml_text(&v.to_xml_text()).unwrap();
        prop_assert!(back.to_bits() == v.to_bits() || (v.is_nan() && back.is_nan()));
    }

    #[test]
    fn integers_round_trip_and_never_wrap(v in any::<i64>(), u in any::<u32>()) {
        prop_assert_eq!(i64::from_xml_text(&v.to_xml_text()).unwrap(), v);
        prop_assert_eq!(u32::from_xml_text(&format!("+{u}")).unwrap(), u);
        prop_assert!(u32::from_xml_text(&(u64::from(u) + u64::from(u32::MAX) + 1).to_string()).is_err());
        prop_assert!(i32::from_xml_text(&v.to_string()).map(i64::from).map_or(true, |w| w == v));
    }
}
