import Foundation

/// How the store writes instants: UTC, to the millisecond, fixed width —
/// `2020-03-09T03:00:00.000Z`.
///
/// Why this form:
/// - **UTC with `Z`**, not the plan's offset: an instant is an instant; the plan's zone is
///   a matter of display, and the engine formats it with `ISOTime.format(_:in:)` on output.
///   Storing UTC keeps the ledger meaningful even if a plan's zone were ever wrong.
/// - **Milliseconds, always three digits**: every stored time has the same length, so text
///   order is time order in SQL (`ORDER BY recorded_at`) and a human can read the column.
/// - **Truncated, never rounded**: an instant is stored as the millisecond it falls in
///   (times that are already whole milliseconds round-trip exactly). Truncation cannot move
///   a receipt across a deadline written to the millisecond or coarser: before stays
///   before, and on time stays on time.
///
/// Written without `Calendar` or `ISO8601DateFormatter`: integer arithmetic on days
/// (H. Hinnant's civil-date algorithms) is exact, fast and the same on every platform.
/// Dates are proleptic Gregorian; Foundation's calendar switches to Julian before
/// October 1582, so the two disagree only for instants no round will ever hold.
enum InstantText {
    /// Milliseconds from 1970-01-01 to 2001-01-01, `Date`'s own epoch.
    static let referenceOffsetMilliseconds: Int64 = 978_307_200_000
    /// The first and last instants with a four-digit year: 0001-01-01 and 9999-12-31.
    static let representable: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// Milliseconds since 1970 of `date`, truncated; `nil` outside years 1–9999.
    ///
    /// Truncation is done against `Date`'s own representation: the result is the largest
    /// `m` with `date(milliseconds: m) <= date`. So a date built from whole milliseconds
    /// comes back exactly (even where the `Double` of seconds cannot hold the thousandths
    /// exactly), and the result is monotonic: an instant before a whole-millisecond deadline
    /// is stored before it.
    static func milliseconds(_ date: Date) -> Int64? {
        let scaled = date.timeIntervalSinceReferenceDate * 1000
        guard scaled.isFinite, scaled > -9.2e18, scaled < 9.2e18 else { return nil }
        var guess = Int64(scaled.rounded(.down))
        // The product above may be off by an ulp either way; settle it with exact compares.
        while self.date(relative: guess) > date { guess -= 1 }
        while self.date(relative: guess + 1) <= date { guess += 1 }
        let (value, overflow) = guess.addingReportingOverflow(referenceOffsetMilliseconds)
        guard !overflow, representable.contains(value) else { return nil }
        return value
    }

    /// The `Date` for milliseconds since 2001.
    private static func date(relative milliseconds: Int64) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(milliseconds) / 1000)
    }

    /// The `Date` for milliseconds since 1970, computed from `Date`'s own epoch so that it
    /// equals a `Date` built from the same whole milliseconds.
    static func date(milliseconds: Int64) -> Date {
        date(relative: milliseconds - referenceOffsetMilliseconds)
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, or `nil` outside years 1–9999.
    static func format(_ date: Date) -> String? {
        guard let millis = milliseconds(date) else { return nil }
        return format(milliseconds: millis)
    }

    /// The text for milliseconds since 1970 (which must lie in ``representable``).
    static func format(milliseconds millis: Int64) -> String {
        let dayMillis: Int64 = 86_400_000
        let days = floorDivide(millis, dayMillis)
        let inDay = millis - days * dayMillis
        let (year, month, day) = civil(fromDays: days)
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1000 % 60
        let milli = inDay % 1000
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func put(_ value: Int64, _ width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var rest = value
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            out += digits
        }
        put(year, 4)
        out.append(UInt8(ascii: "-"))
        put(month, 2)
        out.append(UInt8(ascii: "-"))
        put(day, 2)
        out.append(UInt8(ascii: "T"))
        put(hour, 2)
        out.append(UInt8(ascii: ":"))
        put(minute, 2)
        out.append(UInt8(ascii: ":"))
        put(second, 2)
        out.append(UInt8(ascii: "."))
        put(milli, 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads exactly the form ``format(_:)`` writes; `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        parseMilliseconds(text).map { date(milliseconds: $0) }
    }

    /// Milliseconds since 1970 for exactly the form ``format(_:)`` writes.
    static func parseMilliseconds(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            b[19] == UInt8(ascii: "."), b[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in from..<from + count {
                let digit = Int64(b[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let milli = number(20, 3), year >= 1, (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
            second < 60
        else { return nil }
        let days = self.days(fromCivil: year, month, day)
        return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day number since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
