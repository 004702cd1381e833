//! [`DateTime`] (`xs:dateTime`), [`Date`] (`xs:date`) and [`Time`] (`xs:time`): exact calendar values that
//! round-trip their text, with an optional time-zone [`Offset`].
//!
//! Rules, as decided for this crate:
//! - A fraction of any length is scaled by its length (`.5` is 500 000 000 ns). Nine digits are kept; digits
//!   beyond the ninth must be zeros, otherwise the text is refused rather than truncated. The number of digits
//!   written is remembered, so `14:36:14.930` is written back as received. Equality ignores it
//!   (`.5 == .500`).
//! - `24:00:00` (XSD's end of day) becomes `00:00:00` of the next day; other hour-24 times are refused.
//! - Leap seconds (second 60) are refused, as XSD 1.0 does.
//! - No offset means local or unspecified time and stays `None`; `Z` and `+00:00` both become UTC and are
//!   written `Z`.
//! - Equality compares the written fields, not instants: `10:00:00+01:00 != 09:00:00Z`. Compare instants with
//!   [`DateTime::to_unix_seconds`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::calendar::{Hms, Lexer, Offset, Ymd};
use crate::xml::{ValueError, XmlScalar};

const EXPECTED_DATE_TIME: &str = "a date and time like 2005-02-09T21:51:26Z";
const EXPECTED_DATE: &str = "a date like 2005-02-09";
const EXPECTED_TIME: &str = "a time like 21:51:26";

/// An `xs:dateTime`: a calendar date, a time of day with up to nanosecond precision, and an optional offset.
///
/// # Example
/// ```
/// use paypal_soap_runtime::DateTime;
/// let t: DateTime = "2013-09-03T04:36:14.931-07:00".parse().unwrap();
/// assert_eq!((t.year(), t.nanosecond(), t.offset().unwrap().minutes()), (2013, 931_000_000, -420));
/// assert_eq!(t.to_string(), "2013-09-03T04:36:14.931-07:00");
/// assert_eq!(t.to_unix_seconds(), Some(1_378_208_174));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    date: Ymd,
    time: Hms,
    offset: Option<Offset>,
}

/// An `xs:date`: a calendar date with an optional offset.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    date: Ymd,
    offset: Option<Offset>,
}

/// An `xs:time`: a time of day with up to nanosecond precision and an optional offset.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    time: Hms,
    offset: Option<Offset>,
}

impl DateTime {
    /// A date and time without fraction or offset.
    ///
    /// # Errors
    /// A month, day, hour (0–23), minute or second (0–59) out of range.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        let date = Ymd::new(year, month, day).map_err(|d| ValueError::new(EXPECTED_DATE_TIME).with_detail(d))?;
        let time = Hms::new(hour, minute, second).map_err(|d| ValueError::new(EXPECTED_DATE_TIME).with_detail(d))?;
        Ok(Self { date, time, offset: None })
    }

    /// A UTC date and time (written with `Z`), the form PayPal's requests take ("UTC/GMT, no wildcards").
    ///
    /// # Errors
    /// As [`DateTime::new`].
    pub fn utc(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        Ok(Self::new(year, month, day, hour, minute, second)?.with_offset(Some(Offset::UTC)))
    }

    /// The same time with a fraction of a second, written with as few digits as represent it exactly.
    ///
    /// # Errors
    /// `nanosecond` of a second or more.
    pub fn with_nanosecond(self, nanosecond: u32) -> Result<Self, ValueError> {
        let time =
            self.time.with_nanosecond(nanosecond).map_err(|d| ValueError::new(EXPECTED_DATE_TIME).with_detail(d))?;
        Ok(Self { time, ..self })
    }

    /// The same fields with another offset (or none); the wall-clock fields are not converted.
    #[must_use]
    pub fn with_offset(self, offset: Option<Offset>) -> Self {
        Self { offset, ..self }
    }

    /// The UTC date and time `seconds` after 1970-01-01T00:00:00Z, plus `nanosecond`.
    ///
    /// # Errors
    /// `nanosecond` of a second or more, or a year beyond `i32`.
    pub fn from_unix_utc(seconds: i64, nanosecond: u32) -> Result<Self, ValueError> {
        let out_of_range = || ValueError::new(EXPECTED_DATE_TIME).with_detail("the year is out of range");
        let date = Ymd::from_days_since_epoch(seconds.div_euclid(86_400)).ok_or_else(out_of_range)?;
        let in_day = seconds.rem_euclid(86_400);
        // `in_day` is below 86 400, so every part fits a `u8`.
        let part = |v: i64| u8::try_from(v).unwrap_or(0);
        let time = Hms::new(part(in_day / 3600), part(in_day / 60 % 60), part(in_day % 60))
            .and_then(|t| t.with_nanosecond(nanosecond))
            .map_err(|d| ValueError::new(EXPECTED_DATE_TIME).with_detail(d))?;
        Ok(Self { date, time, offset: Some(Offset::UTC) })
    }

    /// Seconds since 1970-01-01T00:00:00Z (the fraction is left out), or `None` without an offset, when the
    /// instant is unknown.
    #[must_use]
    pub fn to_unix_seconds(&self) -> Option<i64> {
        let offset = self.offset?;
        Some(self.date.days_since_epoch() * 86_400 + self.time.seconds_of_day() - i64::from(offset.minutes()) * 60)
    }

    /// The year (may be above 9999, zero or negative; see the module docs).
    #[must_use]
    pub fn year(&self) -> i32 {
        self.date.year
    }

    /// The month, 1–12.
    #[must_use]
    pub fn month(&self) -> u8 {
        self.date.month
    }

    /// The day of the month, from 1.
    #[must_use]
    pub fn day(&self) -> u8 {
        self.date.day
    }

    /// The hour, 0–23.
    #[must_use]
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// The minute, 0–59.
    #[must_use]
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// The second, 0–59.
    #[must_use]
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// The fraction of the second in nanoseconds.
    #[must_use]
    pub fn nanosecond(&self) -> u32 {
        self.time.nanosecond
    }

    /// How many fraction digits the text has (0–9).
    #[must_use]
    pub fn fraction_digits(&self) -> u8 {
        self.time.fraction_digits
    }

    /// The offset from UTC, or `None` for a local or unspecified time.
    #[must_use]
    pub fn offset(&self) -> Option<Offset> {
        self.offset
    }

    /// The date part, with this value's offset.
    #[must_use]
    pub fn date(&self) -> Date {
        Date { date: self.date, offset: self.offset }
    }

    /// The time part, with this value's offset.
    #[must_use]
    pub fn time(&self) -> Time {
        Time { time: self.time, offset: self.offset }
    }
}

impl Date {
    /// A date without offset.
    ///
    /// # Errors
    /// A month or day out of range.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, ValueError> {
        let date = Ymd::new(year, month, day).map_err(|d| ValueError::new(EXPECTED_DATE).with_detail(d))?;
        Ok(Self { date, offset: None })
    }

    /// The same date with another offset (or none).
    #[must_use]
    pub fn with_offset(self, offset: Option<Offset>) -> Self {
        Self { offset, ..self }
    }

    /// The year.
    #[must_use]
    pub fn year(&self) -> i32 {
        self.date.year
    }

    /// The month, 1–12.
    #[must_use]
    pub fn month(&self) -> u8 {
        self.date.month
    }

    /// The day of the month, from 1.
    #[must_use]
    pub fn day(&self) -> u8 {
        self.date.day
    }

    /// The offset from UTC, if any.
    #[must_use]
    pub fn offset(&self) -> Option<Offset> {
        self.offset
    }
}

impl Time {
    /// A time of day without fraction or offset.
    ///
    /// # Errors
    /// An hour (0–23), minute or second (0–59) out of range.
    pub fn new(hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        let time = Hms::new(hour, minute, second).map_err(|d| ValueError::new(EXPECTED_TIME).with_detail(d))?;
        Ok(Self { time, offset: None })
    }

    /// The same time with a fraction of a second, written with as few digits as represent it exactly.
    ///
    /// # Errors
    /// `nanosecond` of a second or more.
    pub fn with_nanosecond(self, nanosecond: u32) -> Result<Self, ValueError> {
        let time = self.time.with_nanosecond(nanosecond).map_err(|d| ValueError::new(EXPECTED_TIME).with_detail(d))?;
        Ok(Self { time, ..self })
    }

    /// The same time with another offset (or none).
    #[must_use]
    pub fn with_offset(self, offset: Option<Offset>) -> Self {
        Self { offset, ..self }
    }

    /// The hour, 0–23.
    #[must_use]
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// The minute, 0–59.
    #[must_use]
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// The second, 0–59.
    #[must_use]
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// The fraction of the second in nanoseconds.
    #[must_use]
    pub fn nanosecond(&self) -> u32 {
        self.time.nanosecond
    }

    /// How many fraction digits the text has (0–9).
    #[must_use]
    pub fn fraction_digits(&self) -> u8 {
        self.time.fraction_digits
    }

    /// The offset from UTC, if any.
    #[must_use]
    pub fn offset(&self) -> Option<Offset> {
        self.offset
    }
}

impl FromStr for DateTime {
    type Err = ValueError;

    /// Parses `-?YYYY-MM-DDThh:mm:ss(.f+)?(Z|±hh:mm)?` (see the module docs for the rules).
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let parse = || -> Result<Self, String> {
            let mut lexer = Lexer::new(text);
            let date = lexer.date()?;
            lexer.expect(b'T')?;
            let (time, end_of_day) = lexer.time()?;
            let offset = lexer.offset()?;
            lexer.finish()?;
            let date = if end_of_day { date.next_day().ok_or("the year is out of range")? } else { date };
            Ok(Self { date, time, offset })
        };
        parse().map_err(|d| ValueError::new(EXPECTED_DATE_TIME).with_detail(d))
    }
}

impl FromStr for Date {
    type Err = ValueError;

    /// Parses `-?YYYY-MM-DD(Z|±hh:mm)?`.
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let parse = || -> Result<Self, String> {
            let mut lexer = Lexer::new(text);
            let date = lexer.date()?;
            let offset = lexer.offset()?;
            lexer.finish()?;
            Ok(Self { date, offset })
        };
        parse().map_err(|d| ValueError::new(EXPECTED_DATE).with_detail(d))
    }
}

impl FromStr for Time {
    type Err = ValueError;

    /// Parses `hh:mm:ss(.f+)?(Z|±hh:mm)?`; `24:00:00` becomes `00:00:00`.
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let parse = || -> Result<Self, String> {
            let mut lexer = Lexer::new(text);
            let (time, _end_of_day) = lexer.time()?;
            let offset = lexer.offset()?;
            lexer.finish()?;
            Ok(Self { time, offset })
        };
        parse().map_err(|d| ValueError::new(EXPECTED_TIME).with_detail(d))
    }
}

fn write_offset(f: &mut fmt::Formatter<'_>, offset: Option<Offset>) -> fmt::Result {
    match offset {
        Some(offset) => write!(f, "{offset}"),
        None => Ok(()),
    }
}

impl fmt::Display for DateTime {
    /// The canonical text, which parses back to an equal value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.date, self.time)?;
        write_offset(f, self.offset)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        write_offset(f, self.offset)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.time)?;
        write_offset(f, self.offset)
    }
}

macro_rules! debug_and_xml_scalar {
    ($($t:ident),*) => {$(
        impl fmt::Debug for $t {
            /// Shows the text form, which is what a reader of a decoded response wants to see.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self)
            }
        }

        impl XmlScalar for $t {
            const EMPTY_IS_ABSENT: bool = true;

            fn to_xml_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }

            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                text.parse()
            }
        }
    )*};
}
debug_and_xml_scalar!(DateTime, Date, Time);

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_paypal_timestamps() {
        let t = dt("2005-02-09T21:51:26Z");
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second()), (2005, 2, 9, 21, 51, 26));
        assert_eq!((t.nanosecond(), t.offset()), (0, Some(Offset::UTC)));
        let local = dt("2018-05-24T20:23:54");
        assert_eq!(local.offset(), None);
        assert_eq!(local.to_unix_seconds(), None);
    }

    #[test]
    fn fractions_scale_and_round_trip_their_digits() {
        for (text, nanos) in [
            ("2013-09-03T04:36:14.5Z", 500_000_000),
            ("2013-09-03T04:36:14.931-07:00", 931_000_000),
            ("2013-09-03T04:36:14.000Z", 0),
            ("2013-09-03T04:36:14.0000001Z", 100),
            ("2013-09-03T04:36:14.123456789+14:00", 123_456_789),
        ] {
            let t = dt(text);
            assert_eq!(t.nanosecond(), nanos, "{text}");
            assert_eq!(t.to_string(), text);
        }
        assert_eq!(dt("2013-09-03T04:36:14.5Z"), dt("2013-09-03T04:36:14.500Z"));
        assert_eq!(dt("2013-09-03T04:36:14.1234567890Z").to_string(), "2013-09-03T04:36:14.123456789Z");
        assert!("2013-09-03T04:36:14.1234567891Z".parse::<DateTime>().is_err());
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(dt("2005-02-09T21:51:26+00:00").to_string(), "2005-02-09T21:51:26Z");
        assert_eq!(dt("2005-12-31T24:00:00Z").to_string(), "2006-01-01T00:00:00Z");
        assert_eq!(dt("2024-02-28T24:00:00").to_string(), "2024-02-29T00:00:00");
        assert_eq!(dt("12345-01-01T00:00:00Z").year(), 12345);
        assert_eq!(dt("-0044-03-15T12:00:00").to_string(), "-0044-03-15T12:00:00");
        assert_eq!(dt("0000-01-01T00:00:00").year(), 0);
    }

    #[test]
    fn rejects_invalid_dates_and_times() {
        for text in [
            "",
            "2005-02-09",
            "2005-02-09 21:51:26Z",
            "2005-02-09t21:51:26Z",
            "2005-2-09T21:51:26Z",
            "205-02-09T21:51:26Z",
            "02005-02-09T21:51:26Z",
            "-0000-01-01T00:00:00",
            "2005-13-09T21:51:26Z",
            "2005-00-09T21:51:26Z",
            "2023-02-29T00:00:00",
            "2005-04-31T00:00:00",
            "2005-02-09T24:00:01Z",
            "2005-02-09T24:00:00.1Z",
            "2005-02-09T23:60:00Z",
            "2005-02-09T23:59:60Z",
            "2005-02-09T21:51:26.Z",
            "2005-02-09T21:51:26+15:00",
            "2005-02-09T21:51:26+14:01",
            "2005-02-09T21:51:26+0100",
            "2005-02-09T21:51:26z",
            "2005-02-09T21:51:26Z ",
            "99999999999-01-01T00:00:00",
        ] {
            assert!(text.parse::<DateTime>().is_err(), "{text:?} should be rejected");
        }
        let err = "2023-02-29T00:00:00".parse::<DateTime>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected a date and time like 2005-02-09T21:51:26Z (day 29 is not 1 to 28 in 2023-02)"
        );
    }

    #[test]
    fn equality_is_by_fields_not_instant() {
        assert_ne!(dt("2005-02-09T10:00:00+01:00"), dt("2005-02-09T09:00:00Z"));
        assert_eq!(dt("2005-02-09T10:00:00+01:00").to_unix_seconds(), dt("2005-02-09T09:00:00Z").to_unix_seconds());
        assert_ne!(dt("2005-02-09T09:00:00"), dt("2005-02-09T09:00:00Z"));
    }

    #[test]
    fn unix_conversions() {
        assert_eq!(DateTime::from_unix_utc(0, 0).unwrap().to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(DateTime::from_unix_utc(-1, 500_000_000).unwrap().to_string(), "1969-12-31T23:59:59.5Z");
        assert_eq!(dt("2005-02-09T21:51:26Z").to_unix_seconds(), Some(1_107_985_886));
        let back = DateTime::from_unix_utc(1_107_985_886, 0).unwrap();
        assert_eq!(back, dt("2005-02-09T21:51:26Z"));
        assert!(DateTime::from_unix_utc(i64::MAX, 0).is_err());
        assert!(DateTime::from_unix_utc(0, 1_000_000_000).is_err());
    }

    #[test]
    fn constructors_validate() {
        let t = DateTime::new(2024, 2, 29, 23, 59, 59).unwrap().with_nanosecond(250_000_000).unwrap();
        assert_eq!(
            t.with_offset(Some(Offset::from_minutes(-300).unwrap())).to_string(),
            "2024-02-29T23:59:59.25-05:00"
        );
        assert!(DateTime::new(2023, 2, 29, 0, 0, 0).is_err());
        assert!(DateTime::new(2024, 1, 1, 24, 0, 0).is_err());
        assert!(Time::new(12, 0, 0).unwrap().with_nanosecond(1_000_000_000).is_err());
        assert_eq!(t.date().to_string(), "2024-02-29");
        assert_eq!(t.time().to_string(), "23:59:59.25");
    }

    #[test]
    fn dates_and_times() {
        let date: Date = "2005-02-09+01:00".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2005, 2, 9));
        assert_eq!(date.to_string(), "2005-02-09+01:00");
        assert_eq!("2005-02-09".parse::<Date>().unwrap().offset(), None);
        assert!("2005-02-09T00:00:00".parse::<Date>().is_err());
        let time: Time = "21:51:26.75Z".parse().unwrap();
        assert_eq!((time.hour(), time.nanosecond(), time.fraction_digits()), (21, 750_000_000, 2));
        assert_eq!(time.to_string(), "21:51:26.75Z");
        assert_eq!("24:00:00".parse::<Time>().unwrap().to_string(), "00:00:00");
        assert!("21:51".parse::<Time>().is_err());
    }

    #[test]
    fn debug_shows_the_text() {
        assert_eq!(format!("{:?}", dt("2005-02-09T21:51:26Z")), "DateTime(2005-02-09T21:51:26Z)");
        assert_eq!(DateTime::from_xml_text("2005-02-09T21:51:26Z").unwrap().to_xml_text(), "2005-02-09T21:51:26Z");
        const { assert!(DateTime::EMPTY_IS_ABSENT && Date::EMPTY_IS_ABSENT && Time::EMPTY_IS_ABSENT) };
    }
}
