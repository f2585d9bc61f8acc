/// A moment as a wall clock showed it: a date, a time of day to the millisecond, and the
/// offset from UTC of the zone it was read in.
///
/// The caller gives the calendar fields (the engine computes them in the plan's zone), so
/// no writer ever asks the host for a calendar or a zone. Each format shows it its own way:
/// - CSV, JSON and Markdown: ISO 8601 text with the offset, `2020-03-09T10:00:00+07:00`
///   (`.123` only when there are milliseconds) — what programs parse;
/// - XLSX: a date serial number with the format `dd/mm/yyyy hh:mm:ss`, so Excel and
///   LibreOffice show, sort and filter it as a date;
/// - HTML: `09/03/2020 10:00:00`, as Vietnamese documents write dates.
public struct CellDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int
    /// The zone's offset from UTC at that moment, in seconds (25 200 for UTC+7).
    public var utcOffsetSeconds: Int

    /// Fields out of range are clamped (month 1…12, day 1…31, hour 0…23, minute and second
    /// 0…59, millisecond 0…999), so any value prints as a well-formed date.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0,
        utcOffsetSeconds: Int = 0
    ) {
        self.year = min(max(year, -9999), 9999)
        self.month = min(max(month, 1), 12)
        self.day = min(max(day, 1), 31)
        self.hour = min(max(hour, 0), 23)
        self.minute = min(max(minute, 0), 59)
        self.second = min(max(second, 0), 59)
        self.millisecond = min(max(millisecond, 0), 999)
        self.utcOffsetSeconds = min(max(utcOffsetSeconds, -86_399), 86_399)
    }

    /// `2020-03-09T10:00:00+07:00`; `.123` after the seconds only when there are
    /// milliseconds; `+00:00` for UTC.
    public var iso8601: String {
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + "T" + Self.pad(hour, 2)
        text += ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
        if millisecond > 0 { text += "." + Self.pad(millisecond, 3) }
        let magnitude = abs(utcOffsetSeconds)
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        return text + sign + Self.pad(magnitude / 3600, 2) + ":" + Self.pad(magnitude % 3600 / 60, 2)
    }

    /// `09/03/2020 10:00:00`: day, month, year, then the time — the order Vietnamese
    /// documents use, and the XLSX number format's.
    public var shown: String {
        Self.pad(day, 2) + "/" + Self.pad(month, 2) + "/" + Self.pad(year, 4) + " " + Self.pad(hour, 2) + ":"
            + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
    }

    /// Days from 1970-01-01 to the date (proleptic Gregorian), negative before.
    var daysSince1970: Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first and last days Excel's 1900 date system shows correctly: 1 March 1900
    /// (serial 61; earlier serials count Excel's phantom 29 February 1900) and
    /// 31 December 9999 (serial 2 958 465).
    static let firstExcelDay: Int64 = -25_508
    static let lastExcelDay: Int64 = 2_932_896

    /// The Excel serial (days since 30 December 1899, the time as a fraction of a day) as
    /// the digits of a `<v>`, at most ten decimals; `nil` for a date Excel cannot show.
    var excelSerial: String? {
        let days = daysSince1970
        guard days >= Self.firstExcelDay && days <= Self.lastExcelDay else { return nil }
        let whole = days + 25_569
        let milliseconds = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        // The fraction of a day to ten decimals, rounded half up: 86 400 000 ms a day.
        let scaled = (milliseconds * 10_000_000_000 + 43_200_000) / 86_400_000
        var digits = Array(String(whole).utf8)
        if scaled > 0 {
            var fraction = Array(String(scaled).utf8)
            fraction.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 10 - fraction.count), at: 0)
            while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
            digits.append(UInt8(ascii: "."))
            digits += fraction
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
