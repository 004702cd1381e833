//! The calendar pieces shared by [`super::DateTime`], [`super::Date`] and [`super::Time`]: the time-zone
//! [`Offset`], the date and time-of-day parts, their lexical parsing (XSD 1.1 section 3.3.7–3.3.9 grammar) and
//! day arithmetic on the proleptic Gregorian calendar.
//!
//! Years follow XSD 1.1: year `0000` exists and is 1 BCE, `-0001` is 2 BCE, and the leap-year rule applies to
//! the number as written. PayPal only sends current dates; this just keeps the arithmetic consistent.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::xml::ValueError;

/// A time-zone offset from UTC, between `-14:00` and `+14:00` as XSD allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Offset {
    minutes: i16,
}

impl Offset {
    /// UTC, written `Z`.
    pub const UTC: Self = Self { minutes: 0 };

    /// An offset of `minutes` east of UTC (`+01:00` is 60, `-07:00` is -420).
    ///
    /// # Errors
    /// Offsets beyond ±14:00 (±840 minutes).
    pub fn from_minutes(minutes: i16) -> Result<Self, ValueError> {
        if (-840..=840).contains(&minutes) {
            Ok(Self { minutes })
        } else {
            Err(ValueError::new("a time-zone offset between -14:00 and +14:00")
                .with_detail(format!("{minutes} minutes")))
        }
    }

    /// Minutes east of UTC.
    #[must_use]
    pub fn minutes(self) -> i16 {
        self.minutes
    }
}

impl fmt::Display for Offset {
    /// `Z` for UTC (also when `+00:00` was received), `±hh:mm` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minutes == 0 {
            return f.write_str("Z");
        }
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let abs = self.minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
    }
}

/// Year, month and day, already checked against the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Ymd {
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

impl Ymd {
    pub(crate) fn new(year: i32, month: u8, day: u8) -> Result<Self, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not 1 to 12"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!("day {day} is not 1 to {last} in {year:04}-{month:02}"));
        }
        Ok(Self { year, month, day })
    }

    /// The following day, or `None` past the largest year.
    pub(crate) fn next_day(self) -> Option<Self> {
        if self.day < days_in_month(self.year, self.month) {
            Some(Self { day: self.day + 1, ..self })
        } else if self.month < 12 {
            Some(Self { month: self.month + 1, day: 1, ..self })
        } else {
            Some(Self { year: self.year.checked_add(1)?, month: 1, day: 1 })
        }
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub(crate) fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`Ymd::days_since_epoch`] (Hinnant's `civil_from_days`); `None` outside `i32` years.
    pub(crate) fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Some(Self { year: i32::try_from(year).ok()?, month: u8::try_from(month).ok()?, day: u8::try_from(day).ok()? })
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            f.write_str("-")?;
        }
        write!(f, "{:04}-{:02}-{:02}", self.year.unsigned_abs(), self.month, self.day)
    }
}

/// A time of day (hour 0–23) with a fraction of a second.
///
/// `fraction_digits` is how many fraction digits were written (0–9), so `21:51:26.500` is written back as
/// received; it does not take part in equality or hashing, which compare the value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hms {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    pub(crate) nanosecond: u32,
    pub(crate) fraction_digits: u8,
}

impl Hms {
    pub(crate) const MIDNIGHT: Self = Self { hour: 0, minute: 0, second: 0, nanosecond: 0, fraction_digits: 0 };

    pub(crate) fn new(hour: u8, minute: u8, second: u8) -> Result<Self, String> {
        if hour > 23 || minute > 59 || second > 59 {
            return Err(format!("{hour:02}:{minute:02}:{second:02} is not a time of day"));
        }
        Ok(Self { hour, minute, second, nanosecond: 0, fraction_digits: 0 })
    }

    /// Sets the fraction, written with as few digits as represent it exactly.
    pub(crate) fn with_nanosecond(self, nanosecond: u32) -> Result<Self, String> {
        if nanosecond >= 1_000_000_000 {
            return Err(format!("{nanosecond} nanoseconds is a second or more"));
        }
        let mut digits = 9;
        let mut rest = nanosecond;
        while digits > 0 && rest % 10 == 0 {
            rest /= 10;
            digits -= 1;
        }
        Ok(Self { nanosecond, fraction_digits: digits, ..self })
    }

    pub(crate) fn seconds_of_day(self) -> i64 {
        i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
    }
}

impl PartialEq for Hms {
    fn eq(&self, other: &Self) -> bool {
        (self.hour, self.minute, self.second, self.nanosecond)
            == (other.hour, other.minute, other.second, other.nanosecond)
    }
}

impl Eq for Hms {}

impl Hash for Hms {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.hour, self.minute, self.second, self.nanosecond).hash(state);
    }
}

impl fmt::Display for Hms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        if self.fraction_digits > 0 {
            let width = usize::from(self.fraction_digits);
            let value = self.nanosecond / 10u32.pow(9 - u32::from(self.fraction_digits));
            write!(f, ".{value:0width$}")?;
        }
        Ok(())
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub(crate) fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A cursor over the lexical form of a date or time. Errors are details for a [`ValueError`].
pub(crate) struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { bytes: text.as_bytes(), pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(crate) fn expect(&mut self, byte: u8) -> Result<(), String> {
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => {
                Err(format!("expected {:?} at character {}, found {:?}", char::from(byte), self.pos + 1, char::from(b)))
            }
            None => Err(format!("expected {:?} at character {}, found the end", char::from(byte), self.pos + 1)),
        }
    }

    /// Reads a run of ASCII digits (possibly empty).
    fn digits(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    fn two_digits(&mut self, what: &str) -> Result<u8, String> {
        match self.digits() {
            [a, b] => Ok((a - b'0') * 10 + (b - b'0')),
            _ => Err(format!("{what} must have exactly two digits")),
        }
    }

    pub(crate) fn finish(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(b) => Err(format!("unexpected {:?} at character {}", char::from(b), self.pos + 1)),
        }
    }

    /// `-?YYYY-MM-DD`: four or more year digits, no leading zero beyond four.
    pub(crate) fn date(&mut self) -> Result<Ymd, String> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits = self.digits();
        if digits.len() < 4 {
            return Err("the year must have at least four digits".to_owned());
        }
        if digits.len() > 4 && digits[0] == b'0' {
            return Err("a year of more than four digits must not start with 0".to_owned());
        }
        let mut year: i64 = 0;
        for &d in digits {
            year = year * 10 + i64::from(d - b'0');
            // The magnitude may reach 2^31: `-2147483648` is `i32::MIN`, a year the constructors accept and
            // `Display` writes, so it must read back.
            if year > -i64::from(i32::MIN) {
                return Err("the year is out of range".to_owned());
            }
        }
        if negative && year == 0 {
            return Err("year -0000 does not exist".to_owned());
        }
        let year = i32::try_from(if negative { -year } else { year }).map_err(|_| "the year is out of range")?;
        self.expect(b'-')?;
        let month = self.two_digits("the month")?;
        self.expect(b'-')?;
        let day = self.two_digits("the day")?;
        Ymd::new(year, month, day)
    }

    /// `hh:mm:ss(.f+)?`. Returns the time and whether it was `24:00:00`, the end of the day, which the caller
    /// turns into 00:00:00 of the next day (XSD maps it there; its canonical form never has hour 24).
    pub(crate) fn time(&mut self) -> Result<(Hms, bool), String> {
        let hour = self.two_digits("the hour")?;
        self.expect(b':')?;
        let minute = self.two_digits("the minute")?;
        self.expect(b':')?;
        let second = self.two_digits("the second")?;
        let (nanosecond, fraction_digits) = if self.peek() == Some(b'.') {
            self.pos += 1;
            fraction(self.digits())?
        } else {
            (0, 0)
        };
        if hour == 24 {
            if minute != 0 || second != 0 || nanosecond != 0 {
                return Err("hour 24 is only allowed as 24:00:00".to_owned());
            }
            return Ok((Hms { fraction_digits, ..Hms::MIDNIGHT }, true));
        }
        if second == 60 {
            return Err("leap seconds (second 60) are not allowed".to_owned());
        }
        let hms = Hms::new(hour, minute, second)?;
        Ok((Hms { nanosecond, fraction_digits, ..hms }, false))
    }

    /// An optional `Z` or `±hh:mm`.
    pub(crate) fn offset(&mut self) -> Result<Option<Offset>, String> {
        let sign = match self.peek() {
            None => return Ok(None),
            Some(b'Z') => {
                self.pos += 1;
                return Ok(Some(Offset::UTC));
            }
            Some(b'+') => 1,
            Some(b'-') => -1,
            Some(b) => return Err(format!("unexpected {:?} at character {}", char::from(b), self.pos + 1)),
        };
        self.pos += 1;
        let hours = self.two_digits("the offset's hours")?;
        self.expect(b':')?;
        let minutes = self.two_digits("the offset's minutes")?;
        if minutes > 59 || hours > 14 || (hours == 14 && minutes > 0) {
            return Err(format!("offset {hours:02}:{minutes:02} is beyond 14:00"));
        }
        let total = sign * (i16::from(hours) * 60 + i16::from(minutes));
        Ok(Some(Offset { minutes: total }))
    }
}

/// Scales fraction digits to nanoseconds: `.5` is 500 000 000 ns. Up to nine digits are kept; further digits
/// must be zeros, so a finer value is refused rather than silently truncated.
fn fraction(digits: &[u8]) -> Result<(u32, u8), String> {
    if digits.is_empty() {
        return Err("a period must be followed by fraction digits".to_owned());
    }
    let (kept, extra) = digits.split_at(digits.len().min(9));
    if extra.iter().any(|&d| d != b'0') {
        return Err("the fraction is finer than nanoseconds".to_owned());
    }
    let mut nanos: u32 = 0;
    for &d in kept {
        nanos = nanos * 10 + u32::from(d - b'0');
    }
    // `kept` has at most nine digits, so this neither truncates nor overflows.
    let count = u8::try_from(kept.len()).unwrap_or(9);
    nanos *= 10u32.pow(9 - u32::from(count));
    Ok((nanos, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(0) && is_leap_year(-4));
        assert!(!is_leap_year(1900) && !is_leap_year(2023) && !is_leap_year(-1));
    }

    #[test]
    fn day_counting_matches_known_dates_and_inverts() {
        let ymd = |y, m, d| Ymd::new(y, m, d).unwrap();
        assert_eq!(ymd(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(ymd(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(ymd(1969, 12, 31).days_since_epoch(), -1);
        for days in [-800_000_000, -719_468, -1, 0, 1, 59, 11_016, 2_932_896, 800_000_000] {
            let date = Ymd::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Ymd::from_days_since_epoch(i64::MAX), None);
    }

    #[test]
    fn next_day_rolls_over() {
        let next = |y, m, d| Ymd::new(y, m, d).unwrap().next_day().unwrap().to_string();
        assert_eq!(next(2024, 2, 28), "2024-02-29");
        assert_eq!(next(2023, 2, 28), "2023-03-01");
        assert_eq!(next(1999, 12, 31), "2000-01-01");
        assert_eq!(Ymd::new(i32::MAX, 12, 31).unwrap().next_day(), None);
    }

    /// Found by the `request_roundtrip` fuzzer: year `i32::MIN` was written but refused on reading.
    #[test]
    fn every_i32_year_reads_back() {
        for year in [i32::MIN, i32::MIN + 1, -1, 0, 9999, 10_000, i32::MAX] {
            let text = Ymd::new(year, 1, 1).unwrap().to_string();
            assert_eq!(Lexer::new(&text).date(), Ok(Ymd::new(year, 1, 1).unwrap()), "{text}");
        }
        assert!(Lexer::new("-2147483649-01-01").date().is_err());
        assert!(Lexer::new("2147483648-01-01").date().is_err());
    }

    #[test]
    fn fractions_scale_by_their_length() {
        assert_eq!(fraction(b"5"), Ok((500_000_000, 1)));
        assert_eq!(fraction(b"931"), Ok((931_000_000, 3)));
        assert_eq!(fraction(b"123456789"), Ok((123_456_789, 9)));
        assert_eq!(fraction(b"1234567890000"), Ok((123_456_789, 9)));
        assert!(fraction(b"1234567891").is_err());
        assert!(fraction(b"").is_err());
    }

    #[test]
    fn offsets() {
        assert_eq!(Offset::from_minutes(-420).unwrap().to_string(), "-07:00");
        assert_eq!(Offset::from_minutes(330).unwrap().to_string(), "+05:30");
        assert_eq!(Offset::UTC.to_string(), "Z");
        assert!(Offset::from_minutes(841).is_err());
    }
}
