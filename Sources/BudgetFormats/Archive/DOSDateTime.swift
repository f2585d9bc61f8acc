import Foundation

/// A ZIP entry's modification time: MS-DOS date and time fields, local time, 2-second
/// resolution, years 1980–2107.
///
/// Passed in rather than read from the clock so that the same input gives a byte-identical
/// archive.
public struct DOSDateTime: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    /// Even: DOS time counts seconds in steps of two (an odd second is rounded down).
    public let second: Int

    /// 1980-01-01 00:00:00, the earliest time the format holds.
    public static let earliest = DOSDateTime(uncheckedYear: 1980, month: 1, day: 1, hour: 0, minute: 0, second: 0)
    /// 2107-12-31 23:59:58, the latest.
    public static let latest = DOSDateTime(uncheckedYear: 2107, month: 12, day: 31, hour: 23, minute: 59, second: 58)

    /// The given wall-clock time, or `nil` if it is not a real date in 1980–2107.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1980...2107).contains(year), (1...12).contains(month),
            (1...DOSDateTime.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The wall-clock time of `date` in `timeZone`, clamped to ``earliest``…``latest``.
    public init(_ date: Date, timeZone: TimeZone) {
        let seconds = CivilTime.seconds(of: date) + Int64(timeZone.secondsFromGMT(for: date))
        let civil = CivilTime(secondsSince1970: seconds)
        if civil.year < 1980 {
            self = .earliest
        } else if civil.year > 2107 {
            self = .latest
        } else {
            self.init(
                uncheckedYear: civil.year, month: civil.month, day: civil.day,
                hour: civil.hour, minute: civil.minute, second: civil.second)
        }
    }

    private init(uncheckedYear year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second & ~1
    }

    /// The 16-bit DOS date: bits 15–9 years since 1980, 8–5 month, 4–0 day.
    public var dosDate: UInt16 { UInt16((year - 1980) << 9 | month << 5 | day) }
    /// The 16-bit DOS time: bits 15–11 hour, 10–5 minute, 4–0 seconds / 2.
    public var dosTime: UInt16 { UInt16(hour << 11 | minute << 5 | second / 2) }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
